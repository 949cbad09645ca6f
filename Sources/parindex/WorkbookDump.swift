import Foundation
import XLSX

/// Renders a workbook's sheets for `inspect`, streaming: rows are printed as they are read.
enum WorkbookDump {
    static func text(reader: any SpreadsheetReader, sheets: [SheetInfo], file: String, out: OutputBuffer) throws {
        out.write("Tệp: \(file)\n")
        out.write("Số trang tính: \(reader.sheets.count)\(reader.uses1904DateSystem ? " (hệ ngày 1904)" : "")\n")
        for sheet in sheets {
            out.write("\nTrang tính \(sheet.index + 1): \"\(sheet.name)\" [\(stateText(sheet.state))]\n")
            let summary = try reader.readRows(of: sheet) { row in
                out.write("  Dòng \(row.number):\n")
                for cell in row.cells {
                    out.write("    ")
                    out.write(columnName(cell.reference.column))
                    out.write(String(cell.reference.row))
                    out.write(" = ")
                    if case .string(let s) = cell.value {
                        out.write("\"")
                        out.writeOneLine(s)
                        out.write("\"")
                    } else {
                        out.write(display(cell.value))
                    }
                    if let formula = cell.formula { out.write("   (công thức: =\(formula))") }
                    out.write("\n")
                }
            }
            out.write("  Vùng dữ liệu: \(summary.dimension?.a1 ?? "không khai báo")\n")
            out.write("  Ô gộp: \(summary.mergedRanges.isEmpty ? "không có" : summary.mergedRanges.map(\.a1).joined(separator: ", "))\n")
            out.write("  Tổng: \(summary.rowCount) dòng, \(summary.cellCount) ô có dữ liệu\n")
        }
    }

    /// ``WorkbookListing`` streamed: keys in sorted order, a line break before each sheet
    /// and each row (see ``ReportJSON/compactEncoder()``).
    static func json(reader: any SpreadsheetReader, sheets: [SheetInfo], file: String, out: OutputBuffer) throws {
        out.write("{\"date1904\":\(reader.uses1904DateSystem),\"file\":")
        out.writeJSONString(file)
        out.write(",\"sheets\":[")
        for (i, sheet) in sheets.enumerated() {
            if i > 0 { out.write(",") }
            out.write("\n{\"index\":\(sheet.index),\"name\":")
            out.writeJSONString(sheet.name)
            out.write(",\"rows\":[")
            var first = true
            let summary = try reader.readRows(of: sheet) { row in
                out.write(first ? "\n{\"cells\":[" : ",\n{\"cells\":[")
                first = false
                for (j, cell) in row.cells.enumerated() {
                    if j > 0 { out.write(",") }
                    writeCellJSON(cell, to: out)
                }
                out.write("],\"row\":\(row.number)}")
            }
            out.write("],\"state\":\"\(sheet.state.rawValue)\",\"summary\":{")
            if let dimension = summary.dimension { out.write("\"dimension\":\(JSONText.quote(dimension.a1)),") }
            out.write("\"mergedRanges\":[\(summary.mergedRanges.map { JSONText.quote($0.a1) }.joined(separator: ","))]}}")
        }
        out.write("]}\n")
    }

    /// `{"formula":…,"ref":…,"type":…,"value":…}`, keys sorted.
    private static func writeCellJSON(_ cell: Cell, to out: OutputBuffer) {
        if let formula = cell.formula {
            out.write("{\"formula\":")
            out.writeJSONString(formula)
            out.write(",\"ref\":\"")
        } else {
            out.write("{\"ref\":\"")
        }
        out.write(columnName(cell.reference.column))
        out.write(String(cell.reference.row))
        switch cell.value {
        case .number(let n): out.write("\",\"type\":\"number\",\"value\":"); out.write(JSONText.number(n))
        case .string(let t): out.write("\",\"type\":\"string\",\"value\":"); out.writeJSONString(t)
        case .bool(let b): out.write(b ? "\",\"type\":\"bool\",\"value\":true" : "\",\"type\":\"bool\",\"value\":false")
        case .error(let e): out.write("\",\"type\":\"error\",\"value\":"); out.writeJSONString(e)
        case .date(let d): out.write("\",\"type\":\"date\",\"value\":"); out.writeJSONString(isoDate(d))
        }
        out.write("}")
    }

    /// `A` … `ZZ` spelled once: `inspect` prints a reference per cell.
    private static let shortColumnNames: [String] = (1...702).map(CellReference.columnName)

    private static func columnName(_ column: Int) -> String {
        column >= 1 && column <= shortColumnNames.count ? shortColumnNames[column - 1] : CellReference.columnName(column)
    }

    static func isoDate(_ d: SpreadsheetDate) -> String {
        func pad(_ n: Int, _ w: Int) -> String { let t = String(n); return String(repeating: "0", count: max(0, w - t.count)) + t }
        let date = "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
        return d.isDateOnly ? date : "\(date)T\(pad(d.hour, 2)):\(pad(d.minute, 2)):\(pad(d.second, 2))"
    }

    private static func stateText(_ state: SheetState) -> String {
        switch state {
        case .visible: return "hiển thị"
        case .hidden: return "ẩn"
        case .veryHidden: return "ẩn sâu"
        }
    }

    /// A cell value on one line: strings quoted with line breaks shown as `\n`.
    private static func display(_ value: CellValue) -> String {
        switch value {
        case .string(let s):
            return "\"" + s.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n") + "\""
        case .number(let n): return JSONText.number(n)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .date(let d): return "\(d) (ngày)"
        }
    }
}
