import XLSX

/// Writes the rows of a report sheet top to bottom, each row as high as its wrapped text
/// needs in Times New Roman at its column widths (neither libxlsxwriter nor LibreOffice
/// fits heights when printing), merged cells measured at their merged width.
struct SheetGrid {
    /// One cell of a row: its value, style, and how many columns it spans (merged).
    struct Item {
        var value: CellValue?
        var style: CellStyle
        var span: Int = 1
    }

    let ws: WorksheetWriter
    let widths: [Double]
    /// Line counts already measured (the same file names and explanations recur on many rows).
    private let memo = LineMemo()
    /// The row the next ``write(_:)`` fills.
    private(set) var row = 1

    init(_ ws: WorksheetWriter, widths: [Double]) throws {
        self.ws = ws
        self.widths = widths
        for (i, w) in widths.enumerated() { try ws.setColumnWidth(i + 1, width: w) }
    }

    var columnCount: Int { widths.count }

    /// Width of `span` columns from `column` (1-based), in character units.
    func width(from column: Int, span: Int) -> Double {
        let end = min(widths.count, column + span - 1)
        guard column <= end else { return widths.last ?? 10 }
        return widths[(column - 1)...(end - 1)].reduce(0, +)
    }

    /// Writes a row; nil items leave their column empty. Returns the row written.
    @discardableResult
    mutating func write(_ items: [Item?], minimumHeight: Double = 0) throws -> Int {
        var column = 1
        var height = minimumHeight
        for item in items {
            guard let item else { column += 1; continue }
            let ref = CellReference(row: row, column: column)
            if item.span > 1 {
                try ws.merge(CellRange(first: ref, last: .init(row: row, column: column + item.span - 1)),
                             value: item.value, style: item.style)
            } else {
                try ws.write(item.value, at: ref, style: item.style)
            }
            height = max(height, memo.height(item.value, style: item.style, width: width(from: column, span: item.span)))
            column += item.span
        }
        try ws.setRowHeight(row, height: height)
        row += 1
        return row - 1
    }

    /// One cell over every column (a title or a paragraph).
    @discardableResult
    mutating func full(_ text: String, _ style: CellStyle) throws -> Int {
        try write([Item(value: .string(text), style: style, span: max(2, columnCount))])
    }

    /// A header row: one bold centred cell per text.
    @discardableResult
    mutating func header(_ texts: [String], style: CellStyle = AppendixStyles.header) throws -> Int {
        try write(texts.map { Item(value: .string($0), style: style) })
    }

    /// Leaves `count` rows empty.
    mutating func skip(_ count: Int = 1) { row += count }

    /// The height a cell needs: its lines of text when wrapped, else one line.
    static func height(_ value: CellValue?, style: CellStyle, width: Double) -> Double {
        guard case .string(let text)? = value, style.wrap else {
            return RowHeights.height(lines: 1, fontSize: style.fontSize)
        }
        let lines = RowHeights.lines(text, width: width, bold: style.bold, fontSize: style.fontSize)
        return RowHeights.height(lines: lines, fontSize: style.fontSize)
    }
}

/// ``SheetGrid/height(_:style:width:)`` remembered per text, width and font: measuring
/// wrapped text is the costly part of writing a report row. Keys compare UTF-8 bytes (no
/// Unicode normalisation per lookup); the memo is emptied when it grows large.
private final class LineMemo {
    private struct Key: Hashable {
        var text: String
        var width: Double
        var bold: Bool
        var fontSize: Double

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(width); hasher.combine(bold); hasher.combine(fontSize)
        }

        static func == (a: Key, b: Key) -> Bool {
            a.width == b.width && a.bold == b.bold && a.fontSize == b.fontSize && a.text.utf8.elementsEqual(b.text.utf8)
        }
    }

    private var heights: [Key: Double] = [:]
    private static let limit = 50_000

    func height(_ value: CellValue?, style: CellStyle, width: Double) -> Double {
        guard case .string(let text)? = value, style.wrap, text.utf8.count > 8 else {
            return SheetGrid.height(value, style: style, width: width)
        }
        let key = Key(text: text, width: width, bold: style.bold, fontSize: style.fontSize)
        if let known = heights[key] { return known }
        let height = SheetGrid.height(value, style: style, width: width)
        if heights.count >= Self.limit { heights.removeAll(keepingCapacity: true) }
        heights[key] = height
        return height
    }
}
