import Foundation
import XLSX

/// Why no table could be read from a workbook.
public struct TableNotFound: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { reason }
}

/// Finds the PAR INDEX table in a sheet as offices really type it: title rows above the
/// header, the header repeated at page breaks, column-numbering rows, merged section rows,
/// text split over two rows, totals at the bottom. Works row by row on the reader's stream;
/// it holds one sheet's data rows, which hierarchy and joining need.
public struct TableRecognizer: Sendable {
    public let matcher: HeaderMatcher
    /// Read each sheet on a thread of its own while its rows are recognised (one big sheet
    /// uses two cores); off for runs that already spread files over the cores.
    public var overlapsReading: Bool

    public init(matcher: HeaderMatcher = .standard, overlapsReading: Bool = false) {
        self.matcher = matcher
        self.overlapsReading = overlapsReading
    }

    private func readRows(_ reader: any SpreadsheetReader, of sheet: SheetInfo, into builder: inout Builder) throws -> SheetSummary {
        if overlapsReading {
            return try OverlappedRows.read(reader, sheet: sheet) { builder.consume($0) }
        }
        return try reader.readRows(of: sheet) { builder.consume($0) }
    }

    /// Recognises the table of the named sheet, or of the first visible sheet that has one.
    /// The text of the visible sheets before it (a cover sheet: `Đơn vị: Phòng Tư pháp`)
    /// is kept in ``RecognizedTable/coverLines``.
    public func recognize(_ reader: any SpreadsheetReader, sheetName: String? = nil) throws -> RecognizedTable {
        if let sheetName {
            let sheet = try reader.sheet(named: sheetName)
            if let table = try recognize(reader, sheet: sheet) { return table }
            throw TableNotFound(reason: "không tìm thấy dòng tiêu đề bảng (STT, tiêu chí, điểm chuẩn…) trong trang tính \"\(sheetName)\"")
        }
        var cover: [String] = []
        for sheet in reader.sheets where sheet.state == .visible {
            var builder = Builder(sheet: sheet.name, matcher: matcher)
            let summary = try readRows(reader, of: sheet, into: &builder)
            if var table = builder.finish(merged: summary.mergedRanges) {
                table.coverLines = cover
                return table
            }
            if cover.count < Self.coverLineLimit {
                cover += builder.titleLines.prefix(Self.coverLineLimit - cover.count)
            }
        }
        throw TableNotFound(reason: "không tìm thấy bảng nào có dòng tiêu đề (STT, tiêu chí, điểm chuẩn…) trong tệp")
    }

    /// Lines of cover sheets kept for finding the submitting unit.
    static let coverLineLimit = 100

    /// Recognises the table of one sheet; nil when the sheet has no header row.
    public func recognize(_ reader: any SpreadsheetReader, sheet: SheetInfo) throws -> RecognizedTable? {
        var builder = Builder(sheet: sheet.name, matcher: matcher)
        let summary = try readRows(reader, of: sheet, into: &builder)
        return builder.finish(merged: summary.mergedRanges)
    }

    /// Recognises a table from rows already in memory (tests, other sources), with the
    /// sheet's merged ranges.
    public func recognize(rows: [Row], sheet: String, merged: [CellRange] = []) -> RecognizedTable? {
        var builder = Builder(sheet: sheet, matcher: matcher)
        for row in rows { builder.consume(row) }
        return builder.finish(merged: merged)
    }
}

/// The per-sheet state machine behind ``TableRecognizer``.
private struct Builder {
    let sheet: String
    let matcher: HeaderMatcher
    var header: HeaderMatch?
    var headerRow = 0
    var titleLines: [String] = []
    var rows: [TableRow] = []
    var notes: [TableNote] = []
    /// Role of each column, by column number.
    var roleOfColumn: [Int: ColumnRole] = [:]
    /// Past a `Tổng cộng` row: rows without a code (signatures, notes) are not data.
    var afterTotal = false
    /// Legacy-encoded text (TCVN3, VNI) converted on the way.
    var legacy = LegacyTextDetector()
    var splitUnitNames: [String: [String]] = [:]
    /// Header recognition per distinct cell text of this sheet.
    var headerMemo = HeaderMemo()

    init(sheet: String, matcher: HeaderMatcher) {
        self.sheet = sheet
        self.matcher = matcher
    }

    static let scoreRoles: Set<ColumnRole> = Set(ColumnRole.scoreRoles)
    static let textRoles: [ColumnRole] = [.tasks, .deadline, .person, .evidence, .note]

    mutating func consume(_ raw: Row) {
        let row = legacy.convert(raw)
        let texts = row.cells.compactMap { cell -> (column: Int, text: String)? in
            let text = Self.text(of: cell.value)
            return text.isEmpty ? nil : (cell.reference.column, text)
        }
        guard !texts.isEmpty else { return }
        guard let header else {
            if let match = matcher.matchHeaderRow(texts, memo: &headerMemo) {
                self.header = match
                headerRow = row.number
                for (role, column) in match.columns { roleOfColumn[column] = role }
            } else {
                titleLines.append(texts.map(\.text).joined(separator: " "))
                if titleLines.count > 50 { titleLines.removeFirst() }
            }
            return
        }
        let codeColumn = header.columns[.code]
        let rawCode = codeColumn.flatMap { c in texts.first(where: { $0.column == c }) }?.text
        let rawParsed = rawCode.map { CriterionCode(parsing: $0) }
        let looksLikeData = rawParsed?.isStructural ?? false
        let repeatedRoles = max(3, header.columns.count - 1)
        if !looksLikeData, let again = matcher.matchHeaderRow(texts, memo: &headerMemo, minimumRoles: repeatedRoles),
           again.columns.count >= repeatedRoles {
            notes.append(TableNote(kind: .repeatedHeader, sheet: sheet, row: row.number,
                                   message: "Dòng \(row.number) lặp lại dòng tiêu đề bảng (ngắt trang): bỏ qua"))
            return
        }
        if Self.isColumnNumbering(texts) {
            notes.append(TableNote(kind: .columnNumbering, sheet: sheet, row: row.number,
                                   message: "Dòng \(row.number) là dòng đánh số cột (1), (2), (3)…: bỏ qua"))
            return
        }
        var cellsByRole: [ColumnRole: CellValue] = [:]
        for cell in row.cells {
            guard let role = roleOfColumn[cell.reference.column] else { continue }
            if case .string(let s) = cell.value, TextNormalizer.isBlank(s) { continue }
            cellsByRole[role] = cell.value
        }
        if cellsByRole.isEmpty {
            notes.append(TableNote(kind: .outsideTable, sheet: sheet, row: row.number,
                                   message: "Dòng \(row.number) có dữ liệu nằm ngoài các cột của bảng: bỏ qua"))
            return
        }
        let codeText = cellsByRole[.code].map { Self.codeText(of: $0) } ?? ""
        let title = cellsByRole[.title].map { TextNormalizer.clean(Self.text(of: $0)) }
        if Self.isTotal(code: codeText, title: title) {
            notes.append(TableNote(kind: .total, sheet: sheet, row: row.number,
                                   message: "Dòng \(row.number) là dòng tổng cộng (\"\(title ?? codeText)\"): không tính là tiêu chí"))
            afterTotal = true
            return
        }
        // Equal texts (canonically) parse alike: the STT cell is usually parsed once.
        let parsed = rawCode == codeText ? rawParsed! : CriterionCode(parsing: codeText)
        if afterTotal {
            guard parsed.isStructural else {
                notes.append(TableNote(kind: .outsideTable, sheet: sheet, row: row.number,
                                       message: "Dòng \(row.number) nằm sau dòng tổng cộng và không có STT (chữ ký, ghi chú…): bỏ qua"))
                return
            }
            afterTotal = false
        }
        if codeText.isEmpty, let title, !rows.isEmpty, Self.continuesText(title),
           !cellsByRole.keys.contains(where: { Self.scoreRoles.contains($0) }) {
            join(row.number, into: rows.count - 1, cellsByRole)
            return
        }
        var data = TableRow(sheet: sheet, row: row.number, joinedRows: [], code: codeText, parsedCode: parsed,
                            title: title, scores: [:], texts: [:], lead: [], coop: [], parent: nil, depth: 0,
                            hidden: row.hidden)
        for (role, value) in cellsByRole {
            if Self.scoreRoles.contains(role) {
                data.scores[role] = ScoreValue(cell: value)
            } else if Self.textRoles.contains(role) {
                let text = Self.text(of: value)
                if !text.isEmpty { data.texts[role] = TextNormalizer.nfc(text.trimmingWhitespace()) }
            }
        }
        if let lead = cellsByRole[.lead] { data.lead = unitNames(Self.text(of: lead)) }
        if let coop = cellsByRole[.coop] { data.coop = unitNames(Self.text(of: coop)) }
        rows.append(data)
    }

    /// `UnitName.split`, once per distinct cell text (a sheet repeats a few unit cells).
    mutating func unitNames(_ text: String) -> [String] {
        if let known = splitUnitNames[text] { return known }
        let names = UnitName.split(text)
        if splitUnitNames.count < 10_000 { splitUnitNames[text] = names }
        return names
    }

    /// Joins a row that only continues the previous row's text (split at a page break).
    mutating func join(_ number: Int, into index: Int, _ cells: [ColumnRole: CellValue]) {
        var target = rows[index]
        target.joinedRows.append(number)
        func glue(_ a: String?, _ b: String) -> String { (a.map { $0 + " " } ?? "") + b }
        for (role, value) in cells {
            let text = TextNormalizer.clean(Self.text(of: value))
            switch role {
            case .title: target.title = glue(target.title, text)
            case .lead: target.lead = UnitName.split(glue(target.lead.joined(separator: "; "), text))
            case .coop: target.coop = UnitName.split(glue(target.coop.joined(separator: "; "), text))
            default:
                if Self.textRoles.contains(role) { target.texts[role] = glue(target.texts[role], text) }
            }
        }
        rows[index] = target
        notes.append(TableNote(kind: .joinedContinuation, sheet: sheet, row: number,
                               message: "Dòng \(number) không có STT và tiếp nối nội dung dòng \(target.row) (bị ngắt trang): đã ghép vào dòng \(target.row)"))
    }

    func finish(merged: [CellRange] = []) -> RecognizedTable? {
        guard let header else { return nil }
        var rows = rows
        let mergedCells = Self.applyMerges(merged, to: &rows, roleOfColumn: roleOfColumn)
        let hierarchy = CodeHierarchy(codes: rows.map(\.parsedCode))
        for i in rows.indices {
            rows[i].parent = hierarchy.parents[i]
            rows[i].depth = hierarchy.depths[i]
        }
        return RecognizedTable(sheet: sheet, headerRow: headerRow, columns: header.columns,
                               headerTexts: header.headerTexts, headerYears: header.years,
                               otherColumns: header.unrecognized, titleLines: titleLines,
                               rows: rows, notes: notes, mergedCells: mergedCells,
                               legacyText: LegacyEncoding.allCases.compactMap { encoding in
                                   legacy.cells[encoding].map { LegacyTextUse(encoding: encoding, cells: $0) }
                               })
    }

    /// A merged range's value belongs to every cell it covers: the rows below its first
    /// one get its text (evidence, tasks, units…) and count as filled for a score column;
    /// numbers are not copied, so a score is counted once.
    static func applyMerges(_ ranges: [CellRange], to rows: inout [TableRow],
                            roleOfColumn: [Int: ColumnRole]) -> [MergedCellUse] {
        var uses: [MergedCellUse] = []
        let tall = ranges.filter { $0.last.row > $0.first.row }
        guard !tall.isEmpty, !rows.isEmpty else { return uses }
        var indexOfRow: [Int: Int] = [:]
        for (i, row) in rows.enumerated() {
            indexOfRow[row.row] = i
            for joined in row.joinedRows { indexOfRow[joined] = indexOfRow[joined] ?? i }
        }
        for range in tall {
            let roles = (range.first.column...range.last.column).compactMap { roleOfColumn[$0] }
            guard let role = roleOfColumn[range.first.column], let top = indexOfRow[range.first.row],
                  rows[top].row == range.first.row else { continue }
            let source = CellReference(row: range.first.row, column: range.first.column)
            let text = rows[top].texts[role]
            let units = role == .lead ? rows[top].lead : role == .coop ? rows[top].coop : []
            let hasValue = rows[top].scores[role] != nil || text != nil || !units.isEmpty
                || (role == .title && rows[top].title != nil) || (role == .code && !rows[top].code.isEmpty)
            guard hasValue, role != .code, role != .title else { continue }
            var covered: [Int] = []
            for r in (range.first.row + 1)...range.last.row {
                guard let i = indexOfRow[r], i != top, rows[i].row == r, !covered.contains(i) else { continue }
                for covering in roles {
                    rows[i].mergedFrom[covering] = source
                }
                if let text, rows[i].texts[role] == nil { rows[i].texts[role] = text }
                if role == .lead, rows[i].lead.isEmpty { rows[i].lead = units }
                if role == .coop, rows[i].coop.isEmpty { rows[i].coop = units }
                covered.append(i)
            }
            guard !covered.isEmpty else { continue }
            uses.append(MergedCellUse(range: range, role: role, rows: [top] + covered))
        }
        return uses
    }

    // MARK: - Cell helpers

    static func text(of value: CellValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return CellValue.number(n).description
        case .date(let d): return d.description
        case .bool, .error: return value.description
        }
    }

    /// The STT text: numbers as typed (`1`, `1.2`), text trimmed.
    static func codeText(of value: CellValue) -> String {
        TextNormalizer.collapseWhitespace(text(of: value))
    }

    /// `Tổng cộng`, `Tổng số`, `Cộng` rows at the bottom of a table.
    static func isTotal(code: String, title: String?) -> Bool {
        for candidate in [code, title ?? ""] {
            // Only texts starting with T or C can read "Tổng…" or "Cộng"; the first words
            // are enough to tell.
            guard let first = candidate.unicodeScalars.first(where: { $0 != " " }),
                  "TtCc".unicodeScalars.contains(first) else { continue }
            // The key must go on with `o` (`tong…`, `cong`): the next letter that folding
            // keeps must fold to `o` (`Tuyên`, `Thực`, `Chỉ` are rejected without folding).
            guard Self.secondFoldsToO(candidate) else { continue }
            let key = TextNormalizer.foldKey(String(candidate.prefix(16)))
            if key.hasPrefix("tong cong") || key.hasPrefix("tong so") || key.hasPrefix("tong diem") || key == "cong" {
                return true
            }
        }
        return false
    }

    /// True when the first scalar after the leading spaces and first letter that folding
    /// does not drop folds to `o` (a necessary condition for a key `tong…` or `cong`).
    static func secondFoldsToO(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.drop { $0 == " " }.dropFirst().makeIterator()
        while let scalar = scalars.next() {
            if scalar.value < 0x80 { return scalar == "o" || scalar == "O" }
            switch TextNormalizer.FoldCache.fold(scalar) {
            case .drop: continue
            case .space: return false
            case .scalars(let list): return list == ["o"]
            }
        }
        return false
    }

    /// Text that continues a sentence: it starts with a lower-case letter.
    static func continuesText(_ text: String) -> Bool {
        guard let first = text.first(where: { !$0.isWhitespace }) else { return false }
        return first.isLetter && first.isLowercase
    }

    /// A row such as `1 2 3 4 5` or `(1) (2) (3)` under the header.
    static func isColumnNumbering(_ texts: [(column: Int, text: String)]) -> Bool {
        guard texts.count >= 3 else { return false }
        func number(_ text: String) -> Int? {
            Int(text.utf8.filter { $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") && $0 != UInt8(ascii: " ") }
                .reduce(into: "") { $0.append(Character(Unicode.Scalar($1))) })
        }
        var expected = number(texts[0].text) ?? -1
        guard expected == 1 || expected == 0 else { return false }
        for item in texts {
            guard number(item.text) == expected else { return false }
            expected += 1
        }
        return true
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
