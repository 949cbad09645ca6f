/// Entry points of the formats whose readers live in their own folders. Each reader's
/// helper replaces its function's body; the opener does not change.
extension SpreadsheetOpener {
    /// A Word `.docx` whose tables are read as sheets.
    static func openDOCX(_ archive: ZipArchive, limits: ReadLimits) throws -> any SpreadsheetReader {
        try DOCXReader(archive: archive, limits: limits)
    }

    /// An OpenDocument spreadsheet (`.ods`).
    static func openODS(_ archive: ZipArchive, limits: ReadLimits) throws -> any SpreadsheetReader {
        try ODSReader(archive: archive, limits: limits)
    }

    /// A legacy Excel workbook (BIFF8/BIFF5 `.xls`).
    static func openXLS(_ source: SpreadsheetSource, limits: ReadLimits) throws -> any SpreadsheetReader {
        try XLSReader(source: source, limits: limits)
    }
}
