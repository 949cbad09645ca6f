/// What a consolidation may do besides the defaults.
public struct ConsolidationOptions: Sendable {
    /// Merge the rows of submissions that have errors, marked as such.
    public var includeInvalid: Bool
    /// The year shown in headers; defaults to the framework's.
    public var year: Int?

    public init(includeInvalid: Bool = false, year: Int? = nil) {
        self.includeInvalid = includeInvalid
        self.year = year
    }
}
