import XLSX

/// The value of a score cell (điểm chuẩn, điểm đạt, mục tiêu, tự đánh giá, thẩm định).
public enum ScoreValue: Hashable, Sendable, Codable {
    /// A number, typed as a number or as text such as `0,25`.
    case number(Double)
    /// Text read as a number that could also be read otherwise (`1.250`: 1.25 or 1250?).
    case ambiguous(Double, original: String)
    /// Text that is not a number: kept as typed for validation to report.
    case text(String)
    /// The unit's mark that the criterion does not apply to it (`Không áp dụng`, `KAD`,
    /// `N/A`; see ``NotApplicableMark``), as typed.
    case notApplicable(String)

    /// The numeric value, when there is one.
    public var number: Double? {
        switch self {
        case .number(let n), .ambiguous(let n, _): return n
        case .text, .notApplicable: return nil
        }
    }

    /// True for a ``notApplicable`` mark.
    public var isNotApplicable: Bool {
        if case .notApplicable = self { return true }
        return false
    }

    /// Reads a cell: numbers as they are, text through the one number parser.
    public init?(cell: CellValue) {
        switch cell {
        case .number(let n):
            self = .number(n)
        case .string(let s):
            let trimmed = TextNormalizer.collapseWhitespace(s)
            if trimmed.isEmpty { return nil }
            if let parsed = ScoreNumber.parse(trimmed) {
                self = parsed.isAmbiguous ? .ambiguous(parsed.value, original: trimmed) : .number(parsed.value)
            } else if NotApplicableMark.matches(trimmed) {
                self = .notApplicable(trimmed)
            } else {
                self = .text(trimmed)
            }
        case .bool(let b):
            self = .text(b ? "TRUE" : "FALSE")
        case .error(let e):
            self = .text(e)
        case .date(let d):
            self = .text(d.description)
        }
    }
}

/// One data row of a recognised table, its cells mapped to roles.
public struct TableRow: Hashable, Sendable {
    public var sheet: String
    /// The sheet row the data starts on.
    public var row: Int
    /// Further sheet rows joined into this one (text split over a page break).
    public var joinedRows: [Int]
    /// The STT text as typed (trimmed), empty when the cell is empty.
    public var code: String
    public var parsedCode: CriterionCode
    public var title: String?
    /// Values of the score roles present (max, prev, target, self, appraised).
    public var scores: [ColumnRole: ScoreValue]
    /// Values of the text roles present (tasks, deadline, person, evidence, note).
    public var texts: [ColumnRole: String]
    /// Lead units as written, one entry per unit.
    public var lead: [String]
    /// Co-operating units as written.
    public var coop: [String]
    /// Index in ``RecognizedTable/rows`` of the parent row, if any.
    public var parent: Int?
    public var depth: Int
    /// True when the sheet row is hidden.
    public var hidden: Bool = false
    /// Roles whose cell in this row is covered by a merged range starting in a row above,
    /// with that range's first cell (where the value is).
    public var mergedFrom: [ColumnRole: CellReference] = [:]

    public func score(_ role: ColumnRole) -> ScoreValue? { scores[role] }
    public func text(_ role: ColumnRole) -> String? { texts[role] }
}

/// What happened to a sheet row that is not a data row: nothing disappears silently.
public struct TableNote: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case repeatedHeader, columnNumbering, total, joinedContinuation, outsideTable, duplicateRole
    }
    public var kind: Kind
    public var sheet: String
    public var row: Int
    /// Vietnamese explanation.
    public var message: String
}

/// A table found in a sheet: where its header is, which column holds which role, the
/// lines above it and its data rows in order.
public struct RecognizedTable: Sendable {
    public var sheet: String
    public var headerRow: Int
    /// Role → 1-based column.
    public var columns: [ColumnRole: Int]
    /// Role → header text as written.
    public var headerTexts: [ColumnRole: String]
    /// Years read in the headers (`Mục tiêu năm 2020` → target: 2020).
    public var headerYears: [ColumnRole: Int]
    /// Header cells that map to no role, by column.
    public var otherColumns: [Int: String]
    /// Text of the rows above the header (PHỤ LỤC, title, `(Kèm theo …)`), in order.
    public var titleLines: [String]
    public var rows: [TableRow]
    public var notes: [TableNote]
    /// Merged ranges spanning several data rows, whose value was given to every row.
    public var mergedCells: [MergedCellUse] = []
    /// Cells typed in a legacy encoding and converted to Unicode, per encoding.
    public var legacyText: [LegacyTextUse] = []
    /// Text of the visible sheets before the table's (a cover sheet), for finding the unit.
    public var coverLines: [String] = []

    /// The cell holding a role's value for a row (first row of a joined row).
    public func cell(_ role: ColumnRole, of row: TableRow) -> CellReference? {
        columns[role].map { CellReference(row: row.row, column: $0) }
    }

    /// The year the table is about: from the target header, else last year's + 1, else
    /// the last four-digit year in the title lines.
    public var year: Int? {
        if let y = headerYears[.target] { return y }
        if let y = headerYears[.prev] { return y + 1 }
        for line in titleLines.reversed() {
            if let y = Self.lastYear(in: line) { return y }
        }
        return nil
    }

    static func lastYear(in text: String) -> Int? {
        var found: Int?
        var digits = ""
        for ch in text + " " {
            if ch.isASCII, ch.isNumber { digits.append(ch); continue }
            if digits.count == 4, let y = Int(digits), (1990...2100).contains(y) { found = y }
            digits = ""
        }
        return found
    }
}

/// A merged range over several data rows (`E17:E18`): its value counts for each row.
public struct MergedCellUse: Hashable, Sendable {
    public var range: CellRange
    /// The role of the range's first column.
    public var role: ColumnRole
    /// Indexes in ``RecognizedTable/rows`` of the rows it covers, the first one first.
    public var rows: [Int]
}

/// Cells of one sheet typed in a legacy Vietnamese encoding, converted to Unicode.
public struct LegacyTextUse: Hashable, Sendable {
    public var encoding: LegacyEncoding
    /// The converted cells, in reading order.
    public var cells: [CellReference]
}
