import XLSX

/// A filled workbook sent back by a unit: the table recognised in it and, when it was made
/// from one of our templates, the template's hidden identity.
public struct Submission: Sendable {
    /// The path as given by the user (used in findings and reports).
    public var file: String
    public var table: RecognizedTable
    public var identity: TemplateIdentity?

    public init(file: String, table: RecognizedTable, identity: TemplateIdentity?) {
        self.file = file; self.table = table; self.identity = identity
    }

    /// Opens a workbook and reads it: the hidden identity sheet if present, then the table
    /// (the named sheet, or the first visible sheet that has one). Throws `XLSXError` for
    /// unreadable files and `TableNotFound` when no table is there.
    public static func read(path: String, sheetName: String? = nil, limits: ReadLimits = .default) throws -> Submission {
        let reader = try XLSXReader(path: path, limits: limits)
        var identity: TemplateIdentity?
        if let hidden = reader.sheets.first(where: { $0.name == TemplateIdentity.sheetName }) {
            var values: [String: String] = [:]
            try reader.readRows(of: hidden) { row in
                guard row.cells.count >= 2, row.cells[0].reference.column == 1,
                      case .string(let key) = row.cells[0].value else { return }
                values[key] = row.cells[1].value.description
            }
            identity = TemplateIdentity(rows: values)
        }
        let table = try TableRecognizer().recognize(reader, sheetName: sheetName)
        return Submission(file: path, table: table, identity: identity)
    }
}
