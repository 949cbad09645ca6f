import Foundation
import XLSX

/// A filled workbook sent back by a unit: the table recognised in it and, when it was made
/// from one of our templates, the template's hidden identity.
public struct Submission: Sendable {
    /// The path as given by the user (used in findings and reports).
    public var file: String
    public var table: RecognizedTable
    public var identity: TemplateIdentity?
    /// When it was made, for choosing between two returns of one unit.
    public var version: SubmissionVersion

    public init(file: String, table: RecognizedTable, identity: TemplateIdentity?, version: SubmissionVersion? = nil) {
        self.file = file; self.table = table; self.identity = identity
        self.version = version ?? SubmissionVersion(name: (file as NSString).lastPathComponent)
    }

    /// Opens a workbook and reads it: the hidden identity sheet if present, then the table
    /// (the named sheet, or the first visible sheet that has one). Throws `XLSXError` for
    /// unreadable files and `TableNotFound` when no table is there.
    public static func read(path: String, sheetName: String? = nil, limits: ReadLimits = .default) throws -> Submission {
        try read(.file(path: path), sheetName: sheetName, limits: limits)
    }

    /// Reads a workbook given by path or by bytes (an upload); ``file`` is the source's
    /// display name.
    ///
    /// The header wordings of `layout` (a layout the caller imposes), else of the layout
    /// stored in the template identity, are recognised before the built-in ones.
    public static func read(_ source: SpreadsheetSource, sheetName: String? = nil, limits: ReadLimits = .default,
                            layout: Layout? = nil) throws -> Submission {
        let reader = try SpreadsheetOpener.open(source, limits: limits)
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
        let matcher = HeaderMatcher.recognizing(layout ?? identity?.layoutDefinition, year: identity?.year)
        let table = try TableRecognizer(matcher: matcher).recognize(reader, sheetName: sheetName)
        let version: SubmissionVersion
        switch source {
        case .file(let path): version = SubmissionVersion(path: path)
        case .bytes(_, let name): version = SubmissionVersion(name: (name as NSString).lastPathComponent)
        }
        return Submission(file: source.displayName, table: table, identity: identity, version: version)
    }
}

