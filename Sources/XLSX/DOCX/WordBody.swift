/// One cell of a Word table, placed on the table's grid.
struct WordCell: Hashable, Sendable {
    /// First grid column covered, 1-based.
    var column: Int
    /// Grid columns covered (`w:gridSpan`, or legacy `w:hMerge`).
    var span: Int
    /// Paragraphs joined with line breaks, list labels included, NFC.
    var text: String
    /// True when the cell continues a vertical merge (`w:vMerge` without `restart`): its
    /// text is the merged text of the cell where the merge started.
    var continuesMerge: Bool
}

/// One row of a Word table.
struct WordRow: Hashable, Sendable {
    var cells: [WordCell]
    /// `w:tblHeader`: the row is repeated at the top of every page.
    var isHeader: Bool

    var isEmpty: Bool { cells.allSatisfy { $0.text.isEmpty } }
}

/// A top-level table of the document body (nested tables are folded into their cell).
struct WordTable: Hashable, Sendable {
    /// Position among the body's top-level tables, 1-based.
    var index: Int
    /// Columns of `w:tblGrid` (at least the widest row).
    var gridColumns: Int
    var rows: [WordRow]
}

/// The body of a document in reading order.
enum WordBlock: Hashable, Sendable {
    /// A paragraph outside any table (list label included, NFC; may be empty).
    case paragraph(String)
    /// A page starts here: a page break, `pageBreakBefore`, or a section break.
    case pageBreak
    case table(WordTable)
}

/// Builds ``WordBlock``s from `word/document.xml`'s events: paragraphs and runs (`w:t`,
/// `w:tab`, `w:br`, list labels), tables (`w:tr`/`w:tc`, `w:gridSpan`, `w:vMerge`,
/// `w:tblHeader`, tables nested in cells), skipping what is not in the text flow (text
/// boxes, drawings, deleted revisions, hidden text). Bounded by ``ReadLimits``.
final class WordBodyHandler: XMLRawNameHandler {
    private struct Paragraph {
        var segments: [[UInt8]] = [[]]
        var styleID: String?
        var numID: Int?
        var level: Int?
        var pageBreakBefore = false
        var endsSection = false
    }

    private struct Cell {
        var span = 1
        var verticalMerge: VerticalMerge = .none
        var hMergeContinues = false
        var lines: [String] = []
        var bytes = 0
    }

    private enum VerticalMerge { case none, restart, continues }

    private struct Row {
        var cells: [WordCell] = []
        var nextColumn = 1
        var isHeader = false
        var deleted = false
        var gridAfter = 0
    }

    private struct Table {
        var gridColumns = 0
        var rows: [WordRow] = []
        var row: Row?
        var cell: Cell?
        /// Text of the vertical merge open at each grid column.
        var mergeText: [Int: String] = [:]
    }

    let part: String
    private let limits: ReadLimits
    private var numbering: WordNumbering

    private(set) var blocks: [WordBlock] = []
    private(set) var cellCount = 0
    private var textBytes = 0
    private var tableCount = 0

    private var inBody = false
    private var skipDepth = 0
    private var paragraph: Paragraph?
    private var paragraphPropertiesDepth = 0
    private var inRunProperties = false
    private var runHidden = false
    private var capture = false
    private var tables: [Table] = []
    private var inRowProperties = false
    private var inCellProperties = false

    init(part: String, limits: ReadLimits, numbering: WordNumbering) {
        self.part = part
        self.limits = limits
        self.numbering = numbering
    }

    var wantsCharacters: Bool { capture }

    // MARK: - Events

    func startElement(raw cName: UnsafePointer<CChar>, _ attributes: XMLAttributes) throws {
        let name = WordName.classify(cName)
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        switch name {
        case .body:
            inBody = true
        case .del, .moveFrom, .drawing, .pict, .object, .txbxContent, .Fallback,
             .pPrChange, .rPrChange, .tcPrChange, .trPrChange, .tblPrChange, .sectPrChange, .tblGridChange:
            skipDepth = 1
            capture = false
            if name == .del, inRowProperties { tables[tables.count - 1].row?.deleted = true }
        case _ where !inBody:
            break
        case .p:
            paragraph = Paragraph()
        case .pPr where paragraph != nil:
            paragraphPropertiesDepth = 1
        case .pStyle where paragraphPropertiesDepth > 0:
            paragraph?.styleID = attributes.wordString(.val)
        case .numId where paragraphPropertiesDepth > 0:
            paragraph?.numID = attributes.wordString(.val).flatMap { Int($0) }
        case .ilvl where paragraphPropertiesDepth > 0:
            paragraph?.level = attributes.wordString(.val).flatMap { Int($0) }
        case .pageBreakBefore where paragraphPropertiesDepth > 0:
            paragraph?.pageBreakBefore = attributes.wordOnOff
        case .sectPr where paragraphPropertiesDepth > 0:
            paragraph?.endsSection = true
        case .r:
            runHidden = false
        case .rPr where paragraphPropertiesDepth == 0:
            inRunProperties = true
        case .vanish where inRunProperties:
            runHidden = attributes.wordOnOff
        case .t where paragraph != nil && paragraphPropertiesDepth == 0:
            capture = !runHidden
        case .tab, .ptab:
            if paragraphPropertiesDepth == 0, !runHidden { try append(UInt8(ascii: "\t")) }
        case .cr:
            if !runHidden { try append(UInt8(ascii: "\n")) }
        case .noBreakHyphen:
            if !runHidden { try append(UInt8(ascii: "-")) }
        case .br where paragraph != nil && paragraphPropertiesDepth == 0:
            if runHidden { break }
            let type = attributes.wordString(.type)
            if type == "page", tables.isEmpty {
                paragraph?.segments.append([])
            } else {
                try append(UInt8(ascii: "\n"))
            }
        case .tbl:
            tables.append(Table())
        case .gridCol where !tables.isEmpty:
            tables[tables.count - 1].gridColumns += 1
        case .tr where !tables.isEmpty:
            tables[tables.count - 1].row = Row()
        case .trPr where !tables.isEmpty:
            inRowProperties = true
        case .tblHeader where inRowProperties:
            tables[tables.count - 1].row?.isHeader = attributes.wordOnOff
        case .gridBefore where inRowProperties:
            let n = attributes.wordString(.val).flatMap { Int($0) } ?? 0
            tables[tables.count - 1].row?.nextColumn = 1 + min(max(n, 0), CellReference.maxColumn)
        case .gridAfter where inRowProperties:
            tables[tables.count - 1].row?.gridAfter = min(max(attributes.wordString(.val).flatMap { Int($0) } ?? 0, 0), 1000)
        case .tc where !tables.isEmpty:
            tables[tables.count - 1].cell = Cell()
        case .tcPr where !tables.isEmpty:
            inCellProperties = true
        case .gridSpan where inCellProperties:
            let n = attributes.wordString(.val).flatMap { Int($0) } ?? 1
            tables[tables.count - 1].cell?.span = min(max(n, 1), CellReference.maxColumn)
        case .vMerge where inCellProperties:
            let restart = attributes.wordString(.val) == "restart"
            tables[tables.count - 1].cell?.verticalMerge = restart ? .restart : .continues
        case .hMerge where inCellProperties:
            if attributes.wordString(.val) != "restart" { tables[tables.count - 1].cell?.hMergeContinues = true }
        default:
            break
        }
    }

    func endElement(raw cName: UnsafePointer<CChar>) throws {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        let name = WordName.classify(cName)
        switch name {
        case .body:
            inBody = false
        case .t:
            capture = false
        case .pPr:
            paragraphPropertiesDepth = 0
        case .rPr:
            inRunProperties = false
        case .r:
            runHidden = false
        case .p:
            try endParagraph()
        case .trPr:
            inRowProperties = false
        case .tcPr:
            inCellProperties = false
        case .tc where !tables.isEmpty:
            try endCell()
        case .tr where !tables.isEmpty:
            endRow()
        case .tbl where !tables.isEmpty:
            try endTable()
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {
        guard capture, paragraph != nil else { return }
        let count = paragraph!.segments[paragraph!.segments.count - 1].count
        if count + bytes.count > limits.maxStringBytes {
            throw XLSXError.limitExceeded(part: part, limit: "một đoạn văn dài quá \(LimitText.bytes(limits.maxStringBytes))")
        }
        paragraph!.segments[paragraph!.segments.count - 1].append(contentsOf: bytes)
    }

    // Unused: names arrive through the raw methods.
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {}
    func endElement(_ name: XMLName) throws {}

    // MARK: - Paragraphs

    private func append(_ byte: UInt8) throws {
        guard paragraph != nil else { return }
        paragraph!.segments[paragraph!.segments.count - 1].append(byte)
        if paragraph!.segments[paragraph!.segments.count - 1].count > limits.maxStringBytes {
            throw XLSXError.limitExceeded(part: part, limit: "một đoạn văn dài quá \(LimitText.bytes(limits.maxStringBytes))")
        }
    }

    private func endParagraph() throws {
        guard let done = paragraph else { return }
        paragraph = nil
        paragraphPropertiesDepth = 0
        capture = false
        var texts = done.segments.map { WordText.string($0) }
        if let list = numbering.list(numID: done.numID, level: done.level, style: done.styleID),
           let prefix = numbering.nextPrefix(numID: list.numID, level: list.level) {
            if let first = texts.firstIndex(where: { !WordText.isBlank($0) }) {
                texts[first] = prefix + WordText.trimmingLeadingSpaces(texts[first])
            } else if prefix != "- ", prefix != "+ " {
                // An empty numbered paragraph shows its number alone: the STT column is
                // often numbered by Word itself (`1.`, `2.` in otherwise empty cells).
                texts[0] = prefix.trimmingTrailingSpaces()
            }
        }
        if !tables.isEmpty {
            // Inside a cell: one line per paragraph (page breaks there are line breaks).
            let text = texts.joined(separator: "\n")
            guard tables[tables.count - 1].cell != nil else { return }
            try addCellLine(text)
            return
        }
        if done.pageBreakBefore { blocks.append(.pageBreak) }
        for (i, text) in texts.enumerated() {
            if i > 0 { blocks.append(.pageBreak) }
            try count(text)
            blocks.append(.paragraph(text))
        }
        if done.endsSection { blocks.append(.pageBreak) }
    }

    private func addCellLine(_ text: String) throws {
        let i = tables.count - 1
        tables[i].cell!.lines.append(text)
        tables[i].cell!.bytes += text.utf8.count + 1
        if tables[i].cell!.bytes > limits.maxStringBytes {
            throw XLSXError.limitExceeded(part: part, limit: "một ô dài quá \(LimitText.bytes(limits.maxStringBytes))")
        }
    }

    /// Counts text handed out (merged text counts once per row it covers).
    private func count(_ text: String) throws {
        textBytes += text.utf8.count
        if textBytes > limits.maxTotalBytes {
            throw XLSXError.limitExceeded(part: part, limit: "văn bản dài quá \(LimitText.bytes(limits.maxTotalBytes))")
        }
    }

    // MARK: - Tables

    private func endCell() throws {
        let i = tables.count - 1
        guard let cell = tables[i].cell, tables[i].row != nil else {
            tables[i].cell = nil
            return
        }
        tables[i].cell = nil
        let lines = cell.lines.filter { !WordText.isBlank($0) }
        let text = lines.joined(separator: "\n")
        if cell.hMergeContinues, let last = tables[i].row!.cells.indices.last {
            tables[i].row!.cells[last].span += cell.span
            tables[i].row!.nextColumn += cell.span
            return
        }
        let column = tables[i].row!.nextColumn
        guard column <= CellReference.maxColumn else {
            throw XLSXError.invalidCellReference(part: part, reference: CellReference.columnName(CellReference.maxColumn) + "+")
        }
        tables[i].row!.nextColumn = min(column + cell.span, CellReference.maxColumn + 1)
        cellCount += 1
        if cellCount > limits.maxCellsPerSheet {
            throw XLSXError.limitExceeded(part: part, limit: "quá \(LimitText.count(limits.maxCellsPerSheet)) ô trong các bảng")
        }
        var placed = WordCell(column: column, span: cell.span, text: text, continuesMerge: false)
        switch cell.verticalMerge {
        case .continues:
            placed.text = tables[i].mergeText[column] ?? ""
            placed.continuesMerge = true
        case .restart:
            tables[i].mergeText[column] = text
        case .none:
            break
        }
        if cell.verticalMerge != .restart {
            for c in column..<(column + cell.span) where !(c == column && cell.verticalMerge == .continues) {
                tables[i].mergeText[c] = nil
            }
        }
        try count(placed.text)
        tables[i].row!.cells.append(placed)
    }

    private func endRow() {
        let i = tables.count - 1
        guard let row = tables[i].row else { return }
        tables[i].row = nil
        if row.deleted { return }
        tables[i].rows.append(WordRow(cells: row.cells, isHeader: row.isHeader))
    }

    private func endTable() throws {
        let table = tables.removeLast()
        let width = max(table.gridColumns, table.rows.map { ($0.cells.last.map { $0.column + $0.span - 1 }) ?? 0 }.max() ?? 0)
        if tables.isEmpty {
            tableCount += 1
            blocks.append(.table(WordTable(index: tableCount, gridColumns: width, rows: table.rows)))
            return
        }
        // A table nested in a cell: one line per row, its cells separated by "; ".
        guard tables[tables.count - 1].cell != nil else { return }
        for row in table.rows {
            let line = row.cells.map(\.text).filter { !WordText.isBlank($0) }
                .map { $0.replacingNewlines(with: " ") }.joined(separator: "; ")
            if !line.isEmpty { try addCellLine(line) }
        }
    }
}

/// Text helpers for the Word reader (UTF-8 to NFC strings, blank tests).
enum WordText {
    /// Decodes UTF-8 and returns it in NFC.
    static func string(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return UnicodeNFC.normalize(text)
    }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    static func trimmingLeadingSpaces(_ text: String) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }))
    }
}

extension String {
    func replacingNewlines(with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
