import Foundation
import XLSX

/// Writes the copy of an invalid submission that the clerk sends back to the unit: a first
/// sheet `Kết quả kiểm tra` listing every finding, then the submission's sheets with each
/// offending cell highlighted (red for errors, yellow for warnings) and a comment holding
/// its messages. The input file is only read; the copy is written atomically.
public enum AnnotatedCopy {
    public static let findingsSheet = "Kết quả kiểm tra"

    static let errorFill: UInt32 = 0xFFC7CE
    static let warningFill: UInt32 = 0xFFEB9C

    /// The copy's path inside `directory`: `<name> - kiem tra.xlsx`.
    public static func path(for file: String, in directory: String) -> String {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return (directory as NSString).appendingPathComponent("\(stem) - kiem tra.xlsx")
    }

    public static func write(source: String, findings: [Finding], to path: String) throws {
        let reader = try SpreadsheetOpener.open(path: source)
        let writer = try XLSXWriter(path: path)
        try writer.setProperties(DocumentProperties(title: "Kết quả kiểm tra: \((source as NSString).lastPathComponent)",
                                                    author: "parindex"))
        try writeFindingsSheet(findings, source: source, writer.addWorksheet(name: findingsSheet))

        var bySheet: [String: [String: [Finding]]] = [:]
        for f in findings {
            guard let sheet = f.sheet, let cell = f.cell else { continue }
            bySheet[sheet, default: [:]][cell, default: []].append(f)
        }
        for sheet in reader.sheets where sheet.name != findingsSheet {
            let ws = try writer.addWorksheet(name: sheet.name)
            let marks = bySheet[sheet.name] ?? [:]
            var rows: [Row] = []
            let summary = try reader.readRows(of: sheet) { rows.append($0) }
            var widths: [Int: Int] = [:]
            var written = Set<String>()
            for row in rows {
                for cell in row.cells {
                    let a1 = cell.reference.a1
                    let style = style(for: marks[a1])
                    try ws.write(cell.value, at: cell.reference, style: style)
                    written.insert(a1)
                    let length = cell.value.description.split(separator: "\n").map(\.count).max() ?? 0
                    widths[cell.reference.column] = max(widths[cell.reference.column] ?? 8, min(length + 2, 60))
                }
            }
            for range in summary.mergedRanges where range.first != range.last {
                let first = rows.first { $0.number == range.first.row }?[range.first.column]
                try ws.merge(range, value: first?.value, style: style(for: marks[range.first.a1]))
            }
            // Findings on empty cells (a required cell left blank) still get their mark.
            for (a1, list) in marks where !written.contains(a1) {
                if let ref = CellReference(a1: a1) { try ws.writeBlank(at: ref, style: style(for: list)) }
            }
            for (a1, list) in marks {
                guard let ref = CellReference(a1: a1) else { continue }
                let text = list.map { "[\($0.severity.label)] \($0.message)" }.joined(separator: "\n")
                try ws.addComment(at: ref, text: String(text.prefix(30_000)), author: "parindex")
            }
            for (column, width) in widths { try ws.setColumnWidth(column, width: Double(width)) }
            for row in rows {
                let texts = row.cells.map { (text: $0.value.description, width: Double(widths[$0.reference.column] ?? 8), bold: false) }
                try ws.setRowHeight(row.number, height: RowHeights.height(cells: texts))
            }
            try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, fitToWidth: true))
            if sheet.state != .visible { try ws.hide() }
        }
        try writer.close()
    }

    static func style(for findings: [Finding]?) -> CellStyle {
        var style = CellStyle(wrap: true, vertical: .top)
        guard let findings, !findings.isEmpty else { return style }
        let isError = findings.contains { $0.severity == .error }
        style.fillColor = isError ? errorFill : warningFill
        style.fontColor = isError ? 0x9C0006 : 0x9C5700
        style.border = .thin
        return style
    }

    static func writeFindingsSheet(_ findings: [Finding], source: String, _ ws: WorksheetWriter) throws {
        let bold = CellStyle(bold: true)
        let header = CellStyle(bold: true, wrap: true, horizontal: .center, border: .thin, fillColor: 0xD9E1F2)
        let errors = findings.filter { $0.severity == .error }.count
        try ws.write(.string("KẾT QUẢ KIỂM TRA TỆP \((source as NSString).lastPathComponent)"), at: .init(row: 1, column: 1), style: bold)
        try ws.write(.string("\(errors) lỗi, \(findings.count - errors) cảnh báo. Các ô có lỗi được tô đỏ, ô có cảnh báo tô vàng; "
                             + "đưa chuột vào ô để xem nội dung. Đề nghị sửa và gửi lại tệp .xlsx."),
                     at: .init(row: 2, column: 1))
        let titles = ["STT", "Mức độ", "Trang tính", "Ô", "Mã tiêu chí", "Nội dung", "Giá trị", "Giá trị đúng", "Quy tắc"]
        try ws.writeRow(titles.map { .string($0) }, row: 4, style: header)
        let widths: [Double] = [6, 10, 14, 8, 10, 70, 18, 22, 24]
        for (i, w) in widths.enumerated() { try ws.setColumnWidth(i + 1, width: w) }
        for (i, f) in findings.enumerated() {
            let style = CellStyle(wrap: true, vertical: .top, border: .thin).with {
                $0.fontColor = f.severity == .error ? 0x9C0006 : 0x9C5700
            }
            let values: [CellValue?] = [.number(Double(i + 1)), .string(f.severity.label), f.sheet.map { .string($0) },
                                        f.cell.map { .string($0) }, f.code.map { .string($0) }, .string(f.message),
                                        f.found.map { .string($0) }, f.expected.map { .string($0) }, .string(f.rule.rawValue)]
            var texts: [(text: String, width: Double, bold: Bool)] = []
            for (c, v) in values.enumerated() {
                try ws.write(v, at: .init(row: 5 + i, column: c + 1), style: style)
                if case .string(let t)? = v { texts.append((t, widths[c], false)) }
            }
            try ws.setRowHeight(5 + i, height: RowHeights.height(cells: texts))
        }
        try ws.freezePanes(row: 5, column: 1)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: 4...4, fitToWidth: true))
        try ws.activate()
    }
}
