/// What users may still do on a protected sheet. The defaults are Excel's: select cells,
/// nothing else.
public struct ProtectionOptions: Hashable, Sendable {
    public var selectLockedCells: Bool
    public var selectUnlockedCells: Bool
    public var formatCells: Bool
    public var formatColumns: Bool
    public var formatRows: Bool
    public var insertColumns: Bool
    public var insertRows: Bool
    public var insertHyperlinks: Bool
    public var deleteColumns: Bool
    public var deleteRows: Bool
    public var sort: Bool
    public var autoFilter: Bool
    public var pivotTables: Bool
    public var editObjects: Bool
    public var editScenarios: Bool

    public init(selectLockedCells: Bool = true, selectUnlockedCells: Bool = true,
                formatCells: Bool = false, formatColumns: Bool = false, formatRows: Bool = false,
                insertColumns: Bool = false, insertRows: Bool = false, insertHyperlinks: Bool = false,
                deleteColumns: Bool = false, deleteRows: Bool = false, sort: Bool = false,
                autoFilter: Bool = false, pivotTables: Bool = false, editObjects: Bool = false,
                editScenarios: Bool = false) {
        self.selectLockedCells = selectLockedCells; self.selectUnlockedCells = selectUnlockedCells
        self.formatCells = formatCells; self.formatColumns = formatColumns; self.formatRows = formatRows
        self.insertColumns = insertColumns; self.insertRows = insertRows
        self.insertHyperlinks = insertHyperlinks; self.deleteColumns = deleteColumns
        self.deleteRows = deleteRows; self.sort = sort; self.autoFilter = autoFilter
        self.pivotTables = pivotTables; self.editObjects = editObjects; self.editScenarios = editScenarios
    }
}
