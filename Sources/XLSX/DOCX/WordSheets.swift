/// Where a sheet's rows come from in the Word document: a table and the sheet rows it fills.
public struct WordTableOrigin: Hashable, Sendable {
    /// The table's position among the body's top-level tables, 1-based.
    public let table: Int
    /// The sheet rows that table's rows occupy.
    public let rows: ClosedRange<Int>
    /// Rows marked `w:tblHeader` (repeated on every page by Word), as sheet rows.
    public let repeatedHeaderRows: [Int]
}

/// A table of the document shown as a sheet: the paragraphs just above it (the title
/// block: `PHỤ LỤC`, the title, `(Kèm theo …)`) as its first rows, then its rows — and
/// the rows of the tables that continue it on the next pages.
struct WordSheet: Sendable {
    var name: String
    var titleLines: [String]
    var tables: [WordTable]

    /// At most this many paragraphs above a table are taken as its title block.
    static let maxTitleLines = 8

    /// Groups the body's tables into sheets. A table continues the previous one when only
    /// empty paragraphs (and page or section breaks) stand between them and either its
    /// first row repeats one of the header rows of the previous group's first table
    /// (one table per printed page, each with its header), or a page break separates it
    /// from a previous table with the same columns (a table split by a page break).
    static func group(_ blocks: [WordBlock]) -> [WordSheet] {
        var sheets: [WordSheet] = []
        var above: [String] = []
        var textSinceTable = false
        var breakSinceTable = false
        for block in blocks {
            switch block {
            case .paragraph(let text):
                if WordText.isBlank(text) { continue }
                above.append(text)
                if above.count > maxTitleLines { above.removeFirst() }
                textSinceTable = true
            case .pageBreak:
                above.removeAll()
                breakSinceTable = true
            case .table(let table):
                if var last = sheets.last, !textSinceTable,
                   continues(last.tables[0], with: table, pageBreak: breakSinceTable, previous: last.tables[last.tables.count - 1]) {
                    last.tables.append(table)
                    last.name = "Bảng \(last.tables[0].index)-\(table.index)"
                    sheets[sheets.count - 1] = last
                } else {
                    sheets.append(WordSheet(name: "Bảng \(table.index)", titleLines: above, tables: [table]))
                }
                above.removeAll()
                textSinceTable = false
                breakSinceTable = false
            }
        }
        return sheets
    }

    static func continues(_ first: WordTable, with next: WordTable, pageBreak: Bool, previous: WordTable) -> Bool {
        guard let opening = next.rows.first(where: { !$0.isEmpty }) else { return false }
        let marked = first.rows.filter(\.isHeader)
        let candidates = marked.isEmpty ? Array(first.rows.prefix(4)) : marked
        if candidates.contains(where: { headersMatch($0, opening) }) { return true }
        // No header repeated: a page break between parts with the same columns (the grid,
        // or the cells of the rows either side of the break when the grids were drawn apart).
        guard pageBreak else { return false }
        if next.gridColumns == previous.gridColumns { return true }
        let before = previous.rows.last(where: { !$0.isEmpty })?.cells.count ?? 0
        return before >= 3 && opening.cells.count == before
    }

    /// Two rows read alike as header rows: the same number of non-empty cells, at most
    /// one of them different (a header retyped with a slip, `Mức tiêu` for `Mục tiêu`).
    static func headersMatch(_ a: WordRow, _ b: WordRow) -> Bool {
        let left = a.cells.map { key($0.text) }.filter { !$0.isEmpty }
        let right = b.cells.map { key($0.text) }.filter { !$0.isEmpty }
        guard left.count == right.count, left.count >= 2 else { return false }
        let differing = zip(left, right).filter { $0 != $1 }.count
        return left.count >= 3 ? differing <= 1 : differing == 0
    }

    /// Lower-cased with white space collapsed.
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The sheet's rows: title lines in column A, then every table row on the grid.
    /// Empty rows keep their number but are not delivered, as in a workbook; so are rows
    /// holding nothing but the text of vertical merges from above.
    func rows(_ body: (Row) throws -> Void) rethrows -> (summary: SheetSummary, origins: [WordTableOrigin]) {
        var number = 0
        var rowCount = 0
        var cellCount = 0
        var lastColumn = 1
        var merged: [CellRange] = []
        var origins: [WordTableOrigin] = []
        for line in titleLines {
            number += 1
            rowCount += 1
            cellCount += 1
            try body(Row(number: number, cells: [Cell(reference: CellReference(row: number, column: 1), value: .string(line))]))
        }
        for table in tables {
            let firstRow = number + 1
            var headers: [Int] = []
            /// Vertical merges open at a column: (first row, span).
            var open: [Int: (row: Int, span: Int)] = [:]
            func close(_ column: Int, before row: Int) {
                guard let start = open.removeValue(forKey: column), row - 1 > start.row else { return }
                merged.append(CellRange(first: CellReference(row: start.row, column: column),
                                        last: CellReference(row: row - 1, column: column + start.span - 1)))
            }
            for wordRow in table.rows {
                number += 1
                if wordRow.isHeader { headers.append(number) }
                var cells: [Cell] = []
                var ownText = false
                var covered = Set<Int>()
                for cell in wordRow.cells {
                    covered.insert(cell.column)
                    if !cell.continuesMerge {
                        close(cell.column, before: number)
                        open[cell.column] = (number, cell.span)
                    }
                    if cell.span > 1 {
                        merged.append(CellRange(first: CellReference(row: number, column: cell.column),
                                                last: CellReference(row: number, column: cell.column + cell.span - 1)))
                    }
                    lastColumn = max(lastColumn, cell.column + cell.span - 1)
                    guard !cell.text.isEmpty else { continue }
                    if !cell.continuesMerge { ownText = true }
                    cells.append(Cell(reference: CellReference(row: number, column: cell.column), value: .string(cell.text)))
                }
                for column in open.keys.sorted() where !covered.contains(column) { close(column, before: number) }
                // A row whose only text is that of cells merged from above (a spacer row
                // inside a merge) has nothing of its own: it is empty, like a blank row.
                guard ownText else { continue }
                rowCount += 1
                cellCount += cells.count
                try body(Row(number: number, cells: cells))
            }
            for column in open.keys.sorted() { close(column, before: number + 1) }
            if number >= firstRow {
                origins.append(WordTableOrigin(table: table.index, rows: firstRow...number, repeatedHeaderRows: headers))
            }
        }
        let dimension = number > 0
            ? CellRange(first: CellReference(row: 1, column: 1), last: CellReference(row: number, column: lastColumn))
            : nil
        return (SheetSummary(dimension: dimension, mergedRanges: merged, rowCount: rowCount, cellCount: cellCount), origins)
    }
}
