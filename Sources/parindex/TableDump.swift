import Foundation
import ParIndexKit
import XLSX

/// Renders a recognised table for `inspect --table`.
enum TableDump {
    /// Roles in the order the JSON rows list them.
    static let jsonRoles: [ColumnRole] = ColumnRole.scoreRoles

    static func text(_ table: RecognizedTable, file: String, out: OutputBuffer) {
        out.write("Tệp: \(file)\nTrang tính: \"\(table.sheet)\"\nDòng tiêu đề bảng: \(table.headerRow)\n")
        if !table.titleLines.isEmpty {
            out.write("Các dòng phía trên bảng:\n")
            for line in table.titleLines { out.write("  \(line)\n") }
        }
        out.write("Các cột:\n")
        for (role, column) in table.columns.sorted(by: { $0.value < $1.value }) {
            out.write("  \(CellReference.columnName(column)): \(role.rawValue) ← \"\(oneLine(table.headerTexts[role] ?? ""))\"\n")
        }
        for (column, text) in table.otherColumns.sorted(by: { $0.key < $1.key }) {
            out.write("  \(CellReference.columnName(column)): (không nhận ra) \"\(oneLine(text))\"\n")
        }
        out.write("Các dòng dữ liệu (\(table.rows.count)):\n")
        for row in table.rows {
            let indent = String(repeating: "  ", count: row.depth + 1)
            var line = "\(indent)[dòng \(row.row)] \(row.code.isEmpty ? "·" : row.code) \(oneLine(row.title ?? ""))"
            for role in jsonRoles {
                if let v = row.score(role) { line += " | \(role.rawValue)=\(scoreText(v))" }
            }
            if !row.lead.isEmpty { line += " | chủ trì: \(row.lead.joined(separator: "; "))" }
            if !row.coop.isEmpty { line += " | phối hợp: \(row.coop.joined(separator: "; "))" }
            if let d = row.text(.deadline) { line += " | hạn: \(oneLine(d))" }
            if let p = row.text(.person) { line += " | người thực hiện: \(oneLine(p))" }
            out.write(line + "\n")
        }
        if !table.notes.isEmpty {
            out.write("Ghi chú:\n")
            for note in table.notes { out.write("  \(note.message)\n") }
        }
    }

    /// ``TableListing`` streamed: keys in sorted order (`ReportJSON.compactEncoder()`'s
    /// bytes), a line break before each row.
    static func json(_ table: RecognizedTable, file: String, out: OutputBuffer) {
        out.write("{\"columns\":{")
        for (k, role) in table.columns.keys.sorted(by: { $0.rawValue < $1.rawValue }).enumerated() {
            if k > 0 { out.write(",") }
            out.writeJSONString(role.rawValue)
            out.write(":")
            out.writeJSONString(table.headerTexts[role] ?? "")
        }
        out.write("},\"file\":")
        out.writeJSONString(file)
        out.write(",\"headerRow\":\(table.headerRow),\"notes\":[")
        for (k, note) in table.notes.enumerated() {
            out.write(k > 0 ? ",{\"kind\":\"" : "{\"kind\":\"")
            out.write(note.kind.rawValue)
            out.write("\",\"message\":")
            out.writeJSONString(note.message)
            out.write(",\"row\":\(note.row)}")
        }
        out.write("],\"rows\":[")
        // Written field by field into the buffer (no per-row arrays of strings to join).
        func optional(_ key: String, _ text: String?) {
            out.write(key)
            if let text { out.writeJSONString(text) } else { out.write("null") }
        }
        func score(_ key: String, _ role: ColumnRole, _ row: TableRow) {
            out.write(key)
            out.write(row.score(role).map(scoreJSON) ?? "null")
        }
        func names(_ key: String, _ list: [String]) {
            out.write(key)
            for (k, name) in list.enumerated() {
                if k > 0 { out.write(",") }
                out.writeJSONString(name)
            }
            out.write("]")
        }
        for (i, row) in table.rows.enumerated() {
            out.write(i == 0 ? "\n{" : ",\n{")
            score("\"appraised\":", .appraised, row)
            optional(",\"code\":", row.code)
            names(",\"coop\":[", row.coop)
            optional(",\"deadline\":", row.text(.deadline))
            optional(",\"evidence\":", row.text(.evidence))
            if !row.joinedRows.isEmpty { out.write(",\"joinedRows\":[\(row.joinedRows.map(String.init).joined(separator: ","))]") }
            names(",\"lead\":[", row.lead)
            score(",\"max\":", .max, row)
            optional(",\"note\":", row.text(.note))
            optional(",\"parent\":", row.parent.map { table.rows[$0].code })
            optional(",\"person\":", row.text(.person))
            score(",\"prev\":", .prev, row)
            out.write(",\"row\":\(row.row)")
            score(",\"self\":", .selfScore, row)
            optional(",\"sheet\":", row.sheet)
            score(",\"target\":", .target, row)
            optional(",\"tasks\":", row.text(.tasks))
            optional(",\"title\":", row.title)
            out.write("}")
        }
        out.write("],\"sheet\":")
        out.writeJSONString(table.sheet)
        out.write("}\n")
    }

    static func scoreJSON(_ value: ScoreValue) -> String {
        switch value {
        case .number(let n), .ambiguous(let n, _): return JSONText.number(n)
        case .text(let t), .notApplicable(let t): return JSONText.quote(t)
        }
    }

    static func scoreText(_ value: ScoreValue) -> String {
        switch value {
        case .number(let n): return JSONText.number(n)
        case .ambiguous(let n, let original): return "\(JSONText.number(n)) (\"\(original)\" ?)"
        case .text(let t): return "\"\(t)\" (không phải số)"
        case .notApplicable(let t): return "\"\(t)\" (không áp dụng)"
        }
    }

    static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\n", with: " ⏎ ")
    }
}
