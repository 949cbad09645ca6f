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
        let wordings = (layout ?? identity?.layoutDefinition)?.headerWordings(year: identity?.year) ?? [:]
        let table = try TableRecognizer(matcher: HeaderMatcher(additionalWordings: wordings)).recognize(reader, sheetName: sheetName)
        return Submission(file: source.displayName, table: table, identity: identity)
    }
}

extension Submission {
    /// The unit that sent the file: the template identity's; else the single most common
    /// lead unit of its rows; else a unit named in the lines above the table (a free-form
    /// file titled `PHÒNG TƯ PHÁP … BẢNG TỰ CHẤM ĐIỂM`). Nil when it cannot be told.
    public func unit(in directory: UnitDirectory) -> Unit? {
        if let code = identity?.unitCode, let unit = directory.resolve(code) { return unit }
        var counts: [String: Int] = [:]
        for row in table.rows {
            for name in row.lead { if let u = directory.resolve(name) { counts[u.code, default: 0] += 1 } }
        }
        if let best = counts.values.max() {
            let leaders = counts.filter { $0.value == best }
            return leaders.count == 1 ? directory.resolve(leaders.first!.key) : nil
        }
        var named = Set<String>()
        for line in table.titleLines {
            let key = " " + UnitName.key(line) + " "
            for unit in directory.units {
                let names = ([unit.name] + unit.aliases).map(UnitName.key).filter { $0.count >= 6 }
                if names.contains(where: { key.contains(" " + $0 + " ") }) { named.insert(unit.code) }
            }
        }
        return named.count == 1 ? directory.resolve(named.first!) : nil
    }
}
