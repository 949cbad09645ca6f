import XLSX

/// The sums of a template: each group row sums its children's cells, the `Tổng cộng` row
/// sums the unit's own criteria (its input rows). Formulas carry their cached value (what
/// the blank template holds), so a reader that does not compute sees the right figure.
struct TemplateSums {
    let rows: [TemplateRow]
    /// The sheet row of `rows[0]`.
    let firstRow: Int
    /// Offsets of each row's direct children.
    let children: [[Int]]

    init(rows: [TemplateRow], firstRow: Int) {
        self.rows = rows
        self.firstRow = firstRow
        children = rows.indices.map { i in
            var out: [Int] = []
            var j = i + 1
            while j < rows.count, rows[j].depth > rows[i].depth {
                if rows[j].depth == rows[i].depth + 1 { out.append(j) }
                j += 1
            }
            return out
        }
    }

    /// `=SUM(F9:F11,F14)` over the rows at `offsets`, in `column`; `=0` for none.
    func sum(_ offsets: [Int], column: Int) -> String {
        guard !offsets.isEmpty else { return "=0" }
        let letter = CellReference.columnName(column)
        var parts: [String] = []
        var start = offsets[0], end = offsets[0]
        for offset in offsets.dropFirst() {
            if offset == end + 1 { end = offset; continue }
            parts.append(Self.range(letter, firstRow + start, firstRow + end))
            start = offset; end = offset
        }
        parts.append(Self.range(letter, firstRow + start, firstRow + end))
        return "=SUM(\(parts.joined(separator: ",")))"
    }

    private static func range(_ letter: String, _ a: Int, _ b: Int) -> String {
        a == b ? "\(letter)\(a)" : "\(letter)\(a):\(letter)\(b)"
    }

    /// The formula of group row `offset` in `column`.
    func groupFormula(_ offset: Int, column: Int) -> String { sum(children[offset], column: column) }

    /// The `Tổng cộng` formula of `column`: the unit's own criteria; nil when it has none.
    func totalFormula(column: Int) -> String? {
        let inputs = rows.indices.filter { rows[$0].isInput }
        return inputs.isEmpty ? nil : sum(inputs, column: column)
    }

    /// The value the blank template holds in row `offset` of `column`.
    func cached(_ offset: Int, role: ColumnRole, column: LayoutColumn) -> Double {
        let row = rows[offset]
        if row.criterion.isGroup && !column.given {
            return children[offset].reduce(0) { $0 + cached($1, role: role, column: column) }
        }
        guard column.given || (row.isInput && role == .target) else { return 0 }
        return TemplateBuilder.givenValue(role, of: row.criterion)?.number ?? 0
    }

    /// The value the blank template's `Tổng cộng` holds in `column`.
    func cachedTotal(role: ColumnRole, column: LayoutColumn) -> Double {
        rows.indices.filter { rows[$0].isInput }.reduce(0) { $0 + cached($1, role: role, column: column) }
    }
}
