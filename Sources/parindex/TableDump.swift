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

    static func json(_ table: RecognizedTable, file: String, out: OutputBuffer) {
        out.write("{\"file\":\(JSONText.quote(file)),\"sheet\":\(JSONText.quote(table.sheet)),\"headerRow\":\(table.headerRow),\"columns\":{")
        out.write(table.columns.sorted(by: { $0.value < $1.value })
            .map { "\(JSONText.quote($0.key.rawValue)):\(JSONText.quote(table.headerTexts[$0.key] ?? ""))" }
            .joined(separator: ","))
        out.write("},\"rows\":[")
        // Written field by field into the buffer (no per-row arrays of strings to join).
        func optional(_ key: String, _ text: String?) {
            out.write(key)
            if let text { out.writeJSONString(text) } else { out.write("null") }
        }
        func names(_ key: String, _ list: [String]) {
            out.write(key)
            for (k, name) in list.enumerated() {
                if k > 0 { out.write(",") }
                out.writeJSONString(name)
            }
            out.write("]")
        }
        let scoreKeys = jsonRoles.map { ",\(JSONText.quote($0.rawValue)):" }
        let textKeys = [ColumnRole.deadline, .person, .evidence, .note].map { ($0, ",\(JSONText.quote($0.rawValue)):") }
        for (i, row) in table.rows.enumerated() {
            out.write(i == 0 ? "\n{\"code\":" : ",\n{\"code\":")
            out.writeJSONString(row.code)
            optional(",\"title\":", row.title)
            for (role, key) in zip(jsonRoles, scoreKeys) {
                out.write(key)
                out.write(row.score(role).map(scoreJSON) ?? "null")
            }
            optional(",\"tasks\":", row.text(.tasks))
            names(",\"lead\":[", row.lead)
            names(",\"coop\":[", row.coop)
            for (role, key) in textKeys { optional(key, row.text(role)) }
            optional(",\"parent\":", row.parent.map { table.rows[$0].code })
            optional(",\"sheet\":", row.sheet)
            out.write(",\"row\":\(row.row)")
            if !row.joinedRows.isEmpty { out.write(",\"joinedRows\":[\(row.joinedRows.map(String.init).joined(separator: ","))]") }
            out.write("}")
        }
        out.write("],\"notes\":[")
        out.write(table.notes.map {
            "{\"kind\":\"\($0.kind.rawValue)\",\"row\":\($0.row),\"message\":\(JSONText.quote($0.message))}"
        }.joined(separator: ","))
        out.write("]}\n")
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
