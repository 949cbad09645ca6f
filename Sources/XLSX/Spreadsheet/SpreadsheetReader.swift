/// The file formats a ``SpreadsheetReader`` can stand for.
public enum SpreadsheetFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    case xlsx
    /// Legacy Excel 97–2003 / 5.0 workbook (BIFF8/BIFF5 `.xls`).
    case xls
    /// OpenDocument spreadsheet (`.ods`).
    case ods
    /// Word document whose tables are read as sheets (`.docx`).
    case docx
}

/// A workbook opened for reading, whatever its file format: a list of sheets whose rows
/// are streamed one by one. ``SpreadsheetOpener`` picks the implementation from the bytes.
/// Implementations are not thread-safe: use one reader per thread.
public protocol SpreadsheetReader: AnyObject {
    /// The name shown to people: the path as given, or an upload's display name.
    var displayName: String { get }
    /// The format the file was recognised as.
    var format: SpreadsheetFormat { get }
    /// Sheets in workbook order with their visible/hidden/veryHidden state.
    var sheets: [SheetInfo] { get }
    /// True when dates are counted in the Mac 1904 system (informational: date cells
    /// already arrive as ``CellValue/date(_:)``).
    var uses1904DateSystem: Bool { get }
    /// Streams the sheet row by row (only non-empty rows, cells sorted by column, true row
    /// numbers), then returns what was learnt on the way. Errors thrown by `body` stop
    /// reading and are rethrown.
    @discardableResult
    func readRows(of sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetSummary
}

extension SpreadsheetReader {
    /// The sheet with this name (exact match first, then ignoring case as Excel does).
    /// Throws ``XLSXError/sheetNotFound(_:)``.
    public func sheet(named name: String) throws -> SheetInfo {
        if let sheet = sheets.first(where: { $0.name == name }) { return sheet }
        let lowered = name.lowercased()
        if let sheet = sheets.first(where: { $0.name.lowercased() == lowered }) { return sheet }
        throw XLSXError.sheetNotFound(name)
    }
}
