/// A piece of a planned edit whose final bytes depend on styles not yet known.
enum EditPiece {
    case text([UInt8])
    /// A new empty cell `<c r="…" s="…"/>` (with the sheet's prefix).
    case newCell(CellReference, prefix: String)
    /// An existing cell's start tag with its `s` changed.
    case restyled(RawTag, CellReference)
}

/// A byte edit of a sheet part, finished once the new style indices are known.
struct PlannedEdit {
    var offset: Int
    var length: Int
    var pieces: [EditPiece]
}

/// What the first pass over a worksheet found: where each marked cell is (or must be
/// inserted), the style each one shows now, and what the comment boxes need (column
/// widths, row heights, an existing legacy drawing, where to put a new one).
final class SheetScan: XMLContentHandler {
    let part: String
    /// Cells to mark, by row then column.
    private let targets: [Int: [Int]]
    private let targetRows: [Int]
    /// Rows whose heights matter for comment boxes.
    private let boxRows: [Int]
    private let clearTabSelected: Bool
    unowned(unsafe) var parser: XMLStreamParser!

    // Results
    private(set) var edits: [PlannedEdit] = []
    /// The style index each marked cell shows now (its own, its row's or its column's).
    private(set) var baseStyle: [CellReference: Int] = [:]
    private(set) var prefix = ""
    private(set) var legacyDrawingID: String?
    /// Where a `<legacyDrawing>` element may be inserted.
    private(set) var legacyDrawingOffset: Int?
    private(set) var columnWidths: [(min: Int, max: Int, width: Double)] = []
    private(set) var defaultColumnWidth: Double?
    private(set) var baseColumnWidth: Double = 8
    private(set) var defaultRowHeight: Double = 15
    private(set) var rowHeights: [Int: Double] = [:]

    // State
    private var depth = 0
    private var columnStyles: [(min: Int, max: Int, style: Int)] = []
    private var rowNumber = 0
    private var rowStyle: Int?
    private var rowTag: RawTag?
    private var rowOffset = 0
    private var rowSeen: [Int] = []        // target columns of this row already met
    private var column = 0
    private var nextTargetRow = 0          // index into targetRows
    private var inSheetData = false
    private var inSheetViews = false
    private var dimension: (offset: Int, tag: RawTag)?

    init(part: String, marks: [CellReference], boxRows: [Int], clearTabSelected: Bool) {
        self.part = part
        var byRow: [Int: [Int]] = [:]
        for ref in Set(marks) { byRow[ref.row, default: []].append(ref.column) }
        for key in byRow.keys { byRow[key]!.sort() }
        targets = byRow
        targetRows = byRow.keys.sorted()
        self.boxRows = boxRows.sorted()
        self.clearTabSelected = clearTabSelected
    }

    let wantsCharacters = false

    private var rawName: String {
        guard let raw = parser.currentRawName else { return "" }
        return String(cString: raw)
    }

    private var localName: Substring {
        let name = rawName
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return name[...]
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        depth += 1
        switch name {
        case .c where inSheetData:
            try startCell(attributes)
        case .row where inSheetData:
            try startRow(attributes)
        case .sheetData:
            prefix = RawTag(parser.currentEventBytes()).prefix
            if parser.currentByteCount > 0, RawTag(parser.currentEventBytes()).isEmptyElement {
                // `<sheetData/>`: every marked row goes inside a new element.
                let offset = parser.currentByteIndex
                let length = parser.currentByteCount
                var pieces: [EditPiece] = [.text(Array("<\(prefix)sheetData>".utf8))]
                pieces += newRows(targetRows)
                nextTargetRow = targetRows.count
                pieces.append(.text(Array("</\(prefix)sheetData>".utf8)))
                edits.append(PlannedEdit(offset: offset, length: length, pieces: pieces))
            } else {
                inSheetData = true
            }
        case .dimension:
            dimension = (parser.currentByteIndex, RawTag(parser.currentEventBytes()))
        default:
            if depth == 2 {
                let local = localName
                if local == "legacyDrawing" {
                    legacyDrawingID = RawTag(parser.currentEventBytes()).value("id")
                } else if local == "sheetViews" {
                    inSheetViews = true
                } else if local == "sheetFormatPr" {
                    let tag = RawTag(parser.currentEventBytes())
                    if let w = tag.value("defaultColWidth").flatMap(Double.init) { defaultColumnWidth = w }
                    if let w = tag.value("baseColWidth").flatMap(Double.init) { baseColumnWidth = w }
                    if let h = tag.value("defaultRowHeight").flatMap(Double.init) { defaultRowHeight = h }
                } else if legacyDrawingOffset == nil, Self.afterLegacyDrawing.contains(String(local)) {
                    legacyDrawingOffset = parser.currentByteIndex
                }
            } else if depth == 3, localName == "col" {
                let tag = RawTag(parser.currentEventBytes())
                if let min = tag.value("min").flatMap(Int.init), let max = tag.value("max").flatMap(Int.init) {
                    if let style = tag.value("style").flatMap(Int.init) { columnStyles.append((min, max, style)) }
                    if let width = tag.value("width").flatMap(Double.init) { columnWidths.append((min, max, width)) }
                }
            } else if depth == 3, inSheetViews, clearTabSelected, localName == "sheetView" {
                let tag = RawTag(parser.currentEventBytes())
                if let q = tag.qualifiedName(ofLocal: "tabSelected"), let v = tag.value("tabSelected"), v == "1" || v == "true" {
                    edits.append(PlannedEdit(offset: parser.currentByteIndex, length: parser.currentByteCount,
                                             pieces: [.text(tag.rewritten(setting: [], removing: [q]))]))
                }
            }
        }
    }

    func endElement(_ name: XMLName) throws {
        defer { depth -= 1 }
        switch name {
        case .row where inSheetData:
            if parser.currentByteCount > 0 { try endRow(offset: parser.currentByteIndex, emptyTag: false) }
        case .sheetData where inSheetData:
            inSheetData = false
            if nextTargetRow < targetRows.count {
                let rows = Array(targetRows[nextTargetRow...])
                nextTargetRow = targetRows.count
                edits.append(PlannedEdit(offset: parser.currentByteIndex, length: 0, pieces: newRows(rows)))
            }
        default:
            if depth == 2, localName == "sheetViews" { inSheetViews = false }
            if depth == 1 {
                // `</worksheet>`
                if legacyDrawingOffset == nil { legacyDrawingOffset = parser.currentByteIndex }
                finishDimension()
            }
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {}

    /// Worksheet children that come after `legacyDrawing` in the schema's order.
    static let afterLegacyDrawing: Set<String> = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects",
                                                  "controls", "webPublishItems", "tableParts", "extLst"]

    // MARK: - Rows and cells

    private func startRow(_ attributes: XMLAttributes) throws {
        // Read from expat's attributes; the raw tag is only copied for rows that matter.
        var number = rowNumber + 1
        var explicit = false
        var height: Double?
        var bad: String?
        attributes.forEach { name, value in
            if name == .r {
                if let n = CBytes.parseInt(value), n >= 1, n <= CellReference.maxRow { number = n; explicit = true }
                else { bad = String(cString: value) }
            }
        }
        if let bad { throw XLSXError.invalidCellReference(part: part, reference: bad) }
        let offset = parser.currentByteIndex
        let needsTag = targets[number] != nil
            || (nextTargetRow < targetRows.count && targetRows[nextTargetRow] < number && !explicit)
        let tag = needsTag ? RawTag(parser.currentEventBytes()) : RawTag([])
        let bytes = tag.bytes
        if isBoxRow(number) {
            let raw = RawTag(parser.currentEventBytes())
            height = raw.value("ht").flatMap(Double.init)
        }
        // Marked rows that do not exist and come before this one.
        var pieces: [EditPiece] = []
        var missing: [Int] = []
        while nextTargetRow < targetRows.count, targetRows[nextTargetRow] < number {
            missing.append(targetRows[nextTargetRow])
            nextTargetRow += 1
        }
        if !missing.isEmpty {
            pieces = newRows(missing)
            // A following row without `r` would otherwise be numbered after the new ones.
            if !explicit {
                edits.append(PlannedEdit(offset: offset, length: bytes.count,
                                         pieces: pieces + [.text(tag.rewritten(setting: [("r", "\(number)")]))]))
                pieces = []
            } else {
                edits.append(PlannedEdit(offset: offset, length: 0, pieces: pieces))
            }
        }
        if nextTargetRow < targetRows.count, targetRows[nextTargetRow] == number { nextTargetRow += 1 }
        rowNumber = number
        rowTag = needsTag ? tag : nil
        rowOffset = offset
        rowSeen = []
        column = 0
        rowStyle = nil
        if needsTag, let custom = tag.value("customFormat"), custom == "1" || custom == "true" {
            rowStyle = tag.value("s").flatMap(Int.init)
        }
        if let height { rowHeights[number] = height }
        if needsTag, tag.isEmptyElement { try endRow(offset: offset, emptyTag: true) }
    }

    private func startCell(_ attributes: XMLAttributes) throws {
        var col = column + 1
        var bad: String?
        attributes.forEach { name, value in
            if name == .r {
                if let c = Self.column(of: value) { col = c } else { bad = String(cString: value) }
            }
        }
        if let bad { throw XLSXError.invalidCellReference(part: part, reference: bad) }
        column = col
        guard let wanted = targets[rowNumber], wanted.contains(where: { $0 <= col && !rowSeen.contains($0) }) else { return }
        let bytes = parser.currentEventBytes()
        let tag = RawTag(bytes)
        let offset = parser.currentByteIndex
        // Marked cells of this row that do not exist and come before this one.
        let missing = wanted.filter { $0 < col && !rowSeen.contains($0) }
        if !missing.isEmpty {
            rowSeen += missing
            var pieces: [EditPiece] = missing.map { .newCell(mark(CellReference(row: rowNumber, column: $0), style: nil), prefix: prefix) }
            if wanted.contains(col) {
                rowSeen.append(col)
                let ref = mark(CellReference(row: rowNumber, column: col), style: tag.value("s").flatMap(Int.init) ?? 0)
                pieces.append(.restyled(tag.value("r") == nil ? RawTag(tag.rewritten(setting: [("r", ref.a1)])) : tag, ref))
                edits.append(PlannedEdit(offset: offset, length: bytes.count, pieces: pieces))
            } else if tag.value("r") == nil {
                pieces.append(.text(tag.rewritten(setting: [("r", CellReference(row: rowNumber, column: col).a1)])))
                edits.append(PlannedEdit(offset: offset, length: bytes.count, pieces: pieces))
            } else {
                edits.append(PlannedEdit(offset: offset, length: 0, pieces: pieces))
            }
        } else if wanted.contains(col), !rowSeen.contains(col) {
            rowSeen.append(col)
            let ref = mark(CellReference(row: rowNumber, column: col), style: tag.value("s").flatMap(Int.init) ?? 0)
            edits.append(PlannedEdit(offset: offset, length: bytes.count, pieces: [.restyled(tag, ref)]))
        }
    }

    /// The column of an A1 reference given as expat's C string (`B12` → 2), nil if invalid.
    static func column(of value: UnsafePointer<CChar>) -> Int? {
        var p = value
        var column = 0
        while true {
            let b = UInt8(bitPattern: p.pointee)
            guard (b >= 65 && b <= 90) || (b >= 97 && b <= 122) else { break }
            column = column * 26 + Int((b & 0xDF) - 64)
            if column > CellReference.maxColumn { return nil }
            p += 1
        }
        var digits = 0
        while p.pointee >= 0x30 && p.pointee <= 0x39 { digits += 1; p += 1 }
        return column >= 1 && digits > 0 && p.pointee == 0 ? column : nil
    }

    private func endRow(offset: Int, emptyTag: Bool) throws {
        guard let wanted = targets[rowNumber] else { return }
        let missing = wanted.filter { !rowSeen.contains($0) }
        guard !missing.isEmpty else { return }
        rowSeen += missing
        let cells: [EditPiece] = missing.map { .newCell(mark(CellReference(row: rowNumber, column: $0), style: nil), prefix: prefix) }
        guard let tag = rowTag else { return }
        // Widen the row's `spans` hint when the new cells fall outside it.
        var changes: [(String, String)] = []
        if let spans = tag.value("spans"), let colon = spans.firstIndex(of: ":"),
           let lo = Int(spans[..<colon]), let hi = Int(spans[spans.index(after: colon)...]) {
            let newLo = min(lo, missing.min()!), newHi = max(hi, missing.max()!)
            if newLo != lo || newHi != hi { changes.append((tag.qualifiedName(ofLocal: "spans")!, "\(newLo):\(newHi)")) }
        }
        if emptyTag {
            let open = tag.rewritten(setting: changes, emptyElement: false)
            edits.append(PlannedEdit(offset: rowOffset, length: tag.bytes.count,
                                     pieces: [.text(open)] + cells + [.text(Array("</\(prefix)row>".utf8))]))
        } else {
            if !changes.isEmpty {
                edits.append(PlannedEdit(offset: rowOffset, length: tag.bytes.count, pieces: [.text(tag.rewritten(setting: changes))]))
            }
            edits.append(PlannedEdit(offset: offset, length: 0, pieces: cells))
        }
    }

    /// New `<row>` elements holding the marked cells of rows that do not exist.
    private func newRows(_ rows: [Int]) -> [EditPiece] {
        var pieces: [EditPiece] = []
        for row in rows {
            let columns = targets[row] ?? []
            pieces.append(.text(Array("<\(prefix)row r=\"\(row)\">".utf8)))
            for col in columns { pieces.append(.newCell(mark(CellReference(row: row, column: col), style: nil), prefix: prefix)) }
            pieces.append(.text(Array("</\(prefix)row>".utf8)))
        }
        return pieces
    }

    /// Records the style a marked cell shows now; a missing cell shows its row's style
    /// (when the row has one) or its column's.
    private func mark(_ ref: CellReference, style: Int?) -> CellReference {
        let shown = style
            ?? (ref.row == rowNumber ? rowStyle : nil)
            ?? columnStyles.first(where: { ($0.min...$0.max).contains(ref.column) })?.style
            ?? 0
        baseStyle[ref] = shown
        return ref
    }

    private var boxIndex = 0

    /// True for rows within 60 rows below a commented cell (a box spans fewer). Rows come
    /// in increasing order, so one index walks the sorted commented rows.
    private func isBoxRow(_ row: Int) -> Bool {
        while boxIndex < boxRows.count, boxRows[boxIndex] + 60 < row { boxIndex += 1 }
        return boxIndex < boxRows.count && boxRows[boxIndex] - 1 <= row
    }

    // MARK: - Dimension

    /// Widens `<dimension ref>` to cover created cells.
    private func finishDimension() {
        guard let (offset, tag) = dimension, let ref = tag.value("ref"), !baseStyle.isEmpty,
              let range = CellRange(a1: ref) else { return }
        var first = range.first, last = range.last
        for cell in baseStyle.keys {
            first = CellReference(row: min(first.row, cell.row), column: min(first.column, cell.column))
            last = CellReference(row: max(last.row, cell.row), column: max(last.column, cell.column))
        }
        let widened = CellRange(first: first, last: last)
        guard widened != range, let name = tag.qualifiedName(ofLocal: "ref") else { return }
        edits.append(PlannedEdit(offset: offset, length: tag.bytes.count,
                                 pieces: [.text(tag.rewritten(setting: [(name, widened.a1)]))]))
    }
}
