/// What was learnt about a sheet while streaming it.
public struct SheetSummary: Hashable, Sendable {
    /// From `<dimension ref>`, nil if absent or not a range.
    public let dimension: CellRange?
    /// Merged ranges, in file order.
    public let mergedRanges: [CellRange]
    /// Non-empty rows delivered.
    public let rowCount: Int
    /// Cells delivered.
    public let cellCount: Int

    public init(dimension: CellRange?, mergedRanges: [CellRange], rowCount: Int, cellCount: Int) {
        self.dimension = dimension
        self.mergedRanges = mergedRanges
        self.rowCount = rowCount
        self.cellCount = cellCount
    }
}
