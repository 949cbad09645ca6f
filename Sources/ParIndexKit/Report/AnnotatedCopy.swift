import Foundation
import XLSX

/// Writes the copy of an invalid submission that the clerk sends back to the unit: the
/// unit's own workbook, unchanged except for the marks — each offending cell filled red
/// (error) or yellow (warning) on top of its own style, with a comment holding its
/// messages, and a first sheet `Kết quả kiểm tra` listing every finding with a link to its
/// cell. It is an edit of the submitted package (``WorkbookEditor``), not a rebuild.
/// The input file is only read; the copy is written atomically.
///
/// A return that is not an `.xlsx` package (`.xls`, `.ods`) cannot be edited that way: its
/// copy is a new workbook holding only the `Kết quả kiểm tra` sheet.
public enum AnnotatedCopy {
    public static let findingsSheet = "Kết quả kiểm tra"
    /// The comments' author, as the unit sees it in Excel.
    public static let defaultAuthor = "Kiểm tra"

    static let errorFill: UInt32 = 0xFFC7CE
    /// Darker than the light yellow our templates give the cells to fill (`FFF2CC`).
    static let warningFill: UInt32 = 0xFFD966
    static let errorText: UInt32 = 0x9C0006
    static let warningText: UInt32 = 0x9C5700

    /// The copy's path inside `directory`: `<name> - kiem tra.xlsx`.
    public static func path(for file: String, in directory: String) -> String {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return (directory as NSString).appendingPathComponent("\(stem) - kiem tra.xlsx")
    }

    /// Writes the marked copy of the file at `source` to `path`, reading under `limits`
    /// (the same the validation used). `author` signs the comments (the coordinating
    /// office's name, or `Kiểm tra`).
    public static func write(source: String, findings: [Finding], to path: String,
                             limits: ReadLimits = .default, author: String = defaultAuthor) throws {
        try write(source: .file(path: source), findings: findings, to: path, limits: limits, author: author)
    }

    /// Writes the marked copy of a return given by path or by bytes (an upload). Whether it
    /// is an `.xlsx` package is decided from its bytes, not its name.
    public static func write(source: SpreadsheetSource, findings: [Finding], to path: String,
                             limits: ReadLimits = .default, author: String = defaultAuthor) throws {
        let name = (source.displayName as NSString).lastPathComponent
        let sheet = findingsSheet(findings, fileName: name)
        guard try SpreadsheetOpener.format(of: source, limits: limits) == .xlsx else {
            try writeFindingsOnly(sheet, fileName: name, to: path)
            return
        }
        let edit = WorkbookEdit(marks: marks(findings), commentAuthor: author, newSheet: sheet)
        try WorkbookEditor.apply(edit, source: source, destination: path, limits: limits)
    }

    /// One mark per finding with a cell: red for errors, yellow for warnings (a cell with
    /// both is red); the comment is the finding's severity and message, without its rule id.
    static func marks(_ findings: [Finding]) -> [CellMark] {
        var worst: [String: [CellReference: Severity]] = [:]
        for f in findings {
            guard let sheet = f.sheet, let cell = f.cell else { continue }
            worst[sheet, default: [:]][cell] = min(worst[sheet]?[cell] ?? .warning, f.severity)
        }
        var result: [CellMark] = []
        for f in findings {
            guard let sheet = f.sheet, let ref = f.cell else { continue }
            let fill = worst[sheet]?[ref] == .error ? errorFill : warningFill
            result.append(CellMark(sheet: sheet, cell: ref, fill: fill, comment: "\(f.severity.label): \(f.message)"))
        }
        return result
    }

    /// The `Kết quả kiểm tra` sheet: title, summary, header and one row per finding, with
    /// the cell column linked to the cell and the rule id in its own column.
    static func findingsSheet(_ findings: [Finding], fileName: String) -> AddedSheet {
        let titles = ["STT", "Mức độ", "Trang tính", "Ô", "Mã tiêu chí", "Nội dung", "Giá trị", "Giá trị đúng", "Quy tắc"]
        let widths: [Double] = [6, 10, 14, 8, 11, 70, 18, 22, 24]
        let errors = findings.filter { $0.severity == .error }.count
        let plain = CellStyle(wrap: true, vertical: .top)
        let header = CellStyle(bold: true, wrap: true, horizontal: .center, vertical: .center, border: .thin, fillColor: 0xD9E1F2)
        let title = "KẾT QUẢ KIỂM TRA TỆP \(fileName)"
        let summary = "\(errors) lỗi, \(findings.count - errors) cảnh báo. Các ô có lỗi được tô đỏ, ô có cảnh báo tô vàng; "
            + "đưa chuột vào ô để xem nội dung, bấm vào địa chỉ ô ở cột Ô để đến ô đó. Đề nghị sửa và gửi lại tệp."
        let totalWidth = widths.reduce(0, +)
        var rows: [AddedSheet.Row] = [
            .init([.init(.string(title), style: CellStyle(fontSize: 13, bold: true, wrap: true))],
                  height: RowHeights.height(cells: [(title, totalWidth, true)])),
            .init([.init(.string(summary), style: plain)], height: RowHeights.height(cells: [(summary, totalWidth, false)])),
            .init([]),
            .init(titles.map { .init(.string($0), style: header) },
                  height: RowHeights.height(cells: zip(titles, widths).map { ($0, $1, true) })),
        ]
        for (i, f) in findings.enumerated() {
            let color = f.severity == .error ? errorText : warningText
            let body = CellStyle(fontColor: color, wrap: true, vertical: .top, border: .thin)
            let link = CellStyle(fontColor: 0x0563C1, wrap: true, vertical: .top, border: .thin)
            let target = f.sheet.flatMap { sheet in f.cell.map { CellLink(sheet: sheet, cell: $0) } }
            let values: [CellValue?] = [.number(Double(i + 1)), .string(f.severity.label), f.sheet.map { .string($0) },
                                        f.cell.map { .string($0.a1) }, f.code.map { .string($0) }, .string(f.message),
                                        f.found.map { .string($0) }, f.expected.map { .string($0) }, .string(f.rule.rawValue)]
            var cells: [AddedSheet.Cell?] = []
            var texts: [(text: String, width: Double, bold: Bool)] = []
            for (c, value) in values.enumerated() {
                let linked = c == 3 ? target : nil
                var style = linked == nil ? body : link
                if c == 0 || c == 3 { style.horizontal = .center }
                cells.append(.init(value, style: style, link: linked))
                if case .string(let t)? = value { texts.append((t, widths[c], false)) }
            }
            rows.append(.init(cells, height: RowHeights.height(cells: texts)))
        }
        let last = CellReference(row: 1, column: titles.count)
        return AddedSheet(name: findingsSheet, rows: rows, columnWidths: widths, frozenRows: 4,
                          pageSetup: PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                               repeatRows: 4...4, fitToWidth: true),
                          mergedRanges: [CellRange(first: CellReference(row: 1, column: 1), last: last),
                                         CellRange(first: CellReference(row: 2, column: 1), last: CellReference(row: 2, column: titles.count))])
    }

    /// For a return that is not an `.xlsx` package: a workbook with the findings sheet only.
    static func writeFindingsOnly(_ sheet: AddedSheet, fileName: String, to path: String) throws {
        let writer = try XLSXWriter(path: path)
        try writer.setProperties(DocumentProperties(title: "Kết quả kiểm tra: \(fileName)", author: defaultAuthor))
        let ws = try writer.addWorksheet(name: sheet.name)
        for (i, width) in sheet.columnWidths.enumerated() { try ws.setColumnWidth(i + 1, width: width) }
        for (r, row) in sheet.rows.enumerated() {
            for (c, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                try ws.write(cell.value, at: CellReference(row: r + 1, column: c + 1), style: cell.style)
            }
            if let height = row.height { try ws.setRowHeight(r + 1, height: height) }
        }
        for range in sheet.mergedRanges {
            let first = sheet.rows[range.first.row - 1].cells.first.flatMap { $0 }
            try ws.merge(range, value: first?.value, style: first?.style)
        }
        try ws.freezePanes(row: sheet.frozenRows + 1, column: 1)
        try ws.setPageSetup(sheet.pageSetup)
        try ws.activate()
        try writer.close()
    }
}
