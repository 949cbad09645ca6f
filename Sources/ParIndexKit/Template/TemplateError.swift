/// Why a template could not be made: an unknown unit, a unit that leads nothing, a layout
/// that cannot be written. The reason is in Vietnamese, ready for the one-line report.
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
