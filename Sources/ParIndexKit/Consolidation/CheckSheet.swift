import XLSX

/// The `Kiểm tra` sheet: the account of every input. Each section has its own header row;
/// numbers and codes sit in their own columns; a criterion is referred to by its row on
/// the `Phụ lục` sheet. A working sheet, numbered on its own.
enum CheckSheet {
    static let widths: [Double] = [7, 34, 16, 20, 10, 10, 22, 50, 20, 20]

    /// - Parameter appendixFirstRow: the `Phụ lục` row of the first criterion.
    static func write(_ c: Consolidation, appendixFirstRow: Int, _ ws: WorksheetWriter) throws {
        var g = try SheetGrid(ws, widths: widths)
        let text = AppendixStyles.text, code = AppendixStyles.code, number = AppendixStyles.number
        let red = AppendixStyles.red, warn = AppendixStyles.warning
        func item(_ value: CellValue?, _ style: CellStyle, span: Int = 1) -> SheetGrid.Item {
            .init(value: value, style: style, span: span)
        }
        func string(_ s: String?) -> CellValue? { s.map { .string($0) } }
        func int(_ n: Int?) -> CellValue? { n.map { .number(Double($0)) } }
        func appendixRow(_ index: Int?) -> CellValue? { index.map { .number(Double(appendixFirstRow + $0)) } }

        try g.full("KIỂM TRA CÁC TỆP ĐẦU VÀO", AppendixStyles.heading)
        let invalid = c.inputs.filter { $0.status == .unreadable || $0.status == .excludedInvalid || $0.errors > 0 }.count
        try g.full("\(c.inputs.count) tệp; \(invalid) tệp có lỗi hoặc không đọc được; \(c.findings.count) phát hiện; "
                   + "\(c.ledger.count) dòng được ghi nhận. Cột \"Dòng ở Phụ lục\" chỉ dòng của tiêu chí trên trang Phụ lục.",
                   AppendixStyles.note)

        g.skip()
        try g.full("1. Các tệp đầu vào", AppendixStyles.sectionTitle)
        try g.header(["STT", "Tệp", "Trạng thái", "Đơn vị", "Số lỗi", "Số cảnh báo", "Số dòng được tổng hợp", "Ghi chú"])
        for (i, input) in c.inputs.enumerated() {
            let status: String
            switch input.status {
            case .unreadable: status = "Không đọc được"
            case .skipped: status = "Bỏ qua"
            case .excludedInvalid: status = ScoreSummary.UnitStatus.excluded.label
            case .superseded: status = "Đã có bản mới hơn"
            default: status = input.errors > 0 ? "Có lỗi, đã tổng hợp" : "Hợp lệ"
            }
            let fine = (input.status == .used && input.errors == 0) || input.status == .skipped || input.status == .superseded
            let style = fine ? text : red(text)
            try g.write([item(int(i + 1), code), item(string(input.file), style), item(string(status), style),
                         item(string(input.unit), style), item(int(input.errors), number), item(int(input.warnings), number),
                         item(int(input.rowsUsed), number), item(string(input.reason), style)])
        }

        g.skip()
        try g.full("2. Các phát hiện (lỗi và cảnh báo)", AppendixStyles.sectionTitle)
        try g.header(["STT", "Tệp", "Mức độ", "Trang tính", "Ô", "Mã tiêu chí", "Quy tắc", "Nội dung", "Giá trị",
                      "Giá trị đúng"])
        for (i, f) in c.findings.enumerated() {
            let style = f.severity == .error ? red(text) : warn(text)
            try g.write([item(int(i + 1), code), item(string(f.file), style), item(string(f.severity.label), style),
                         item(string(f.sheet), style), item(string(f.cell?.a1), code), item(string(f.code), code),
                         item(string(f.rule.rawValue), style), item(string(f.message), style), item(string(f.found), style),
                         item(string(expected(f, layout: c.layout, year: c.year)), style)])
        }
        if c.findings.isEmpty { try g.write([nil, item(.string("Không có phát hiện nào."), text, span: 9)]) }

        g.skip()
        try g.full("3. Đơn vị chủ trì chưa được tổng hợp", AppendixStyles.sectionTitle)
        try g.header(["STT", "Đơn vị", "Trạng thái", "Mã đơn vị", "Số tiêu chí chủ trì", "", "", "Tệp"])
        let pending = c.summary.units.filter { $0.status != .submitted }
        for (i, unit) in pending.enumerated() {
            try g.write([item(int(i + 1), code), item(string(unit.name), red(text)), item(string(unit.status.label), red(text)),
                         item(string(unit.code), code), item(int(unit.figures.criteria), number), item(nil, text),
                         item(nil, text), item(string(unit.files.isEmpty ? nil : unit.files.joined(separator: "; ")), text)])
        }
        if pending.isEmpty { try g.write([nil, item(.string("Tất cả đơn vị chủ trì đã nộp và được tổng hợp."), text, span: 7)]) }

        g.skip()
        try g.full("4. Tiêu chí chưa có số liệu", AppendixStyles.sectionTitle)
        try g.header(["STT", "Tiêu chí", "Trạng thái đơn vị chủ trì", "Đơn vị chủ trì", "Dòng ở Phụ lục", "Mã tiêu chí",
                      "Điểm chuẩn"])
        let indexByID = Dictionary(c.rows.enumerated().map { ($1.criterion.id, $0) }, uniquingKeysWith: { a, _ in a })
        let directory = UnitDirectory(units: c.framework.units)
        let statusByCode = Dictionary(c.summary.units.map { ($0.code, $0.status) }, uniquingKeysWith: { a, _ in a })
        for (i, criterion) in c.criteriaNotSubmitted.enumerated() {
            let statuses = criterion.lead.compactMap { directory.resolve($0).flatMap { statusByCode[$0.code]?.label } }
            try g.write([item(int(i + 1), code), item(string(criterion.title), text),
                         item(string(statuses.isEmpty ? nil : Array(Set(statuses)).sorted().joined(separator: "; ")), red(text)),
                         item(string(criterion.lead.joined(separator: "; ")), text), item(appendixRow(indexByID[criterion.id]), number),
                         item(string(criterion.code.isEmpty ? criterion.id : criterion.code), code),
                         item(criterion.max.map { .number($0) }, number)])
        }
        if c.criteriaNotSubmitted.isEmpty { try g.write([nil, item(.string("Tất cả tiêu chí đều đã có số liệu."), text, span: 6)]) }

        g.skip()
        try g.full("5. Số liệu khác nhau giữa các tệp", AppendixStyles.sectionTitle)
        try g.header(["STT", "Tệp đã dùng", "Dòng đã dùng", "Trang tính", "Dòng ở Phụ lục", "Mã tiêu chí",
                      "Số dòng khác", "Lý do", "Các dòng khác"])
        for (i, conflict) in c.conflicts.enumerated() {
            let others = conflict.others.map(\.description).joined(separator: "; ")
                + (conflict.otherCount > conflict.others.count ? "; và \(conflict.otherCount - conflict.others.count) dòng khác" : "")
            try g.write([item(int(i + 1), code), item(string(conflict.used.file), warn(text)), item(int(conflict.used.row), number),
                         item(string(conflict.used.sheet), warn(text)), item(appendixRow(conflict.criterionIndex), number),
                         item(string(conflict.code), code), item(int(conflict.otherCount), number),
                         item(string(conflict.reason), warn(text)), item(string(others), warn(text), span: 2)])
        }
        if c.conflicts.isEmpty { try g.write([nil, item(.string("Không có."), text, span: 8)]) }

        g.skip()
        try g.full("6. Nguồn của từng dòng đầu vào", AppendixStyles.sectionTitle)
        try g.header(["Dòng", "Tệp", "Trạng thái", "Trang tính", "Dòng ở Phụ lục", "Mã", "", "Chi tiết"])
        // One line per input row: written unwrapped and one line high (thousands of files).
        // The styles are registered once, on first use (the order cells first use them, as
        // a per-cell lookup would).
        var ledgerFormats = LedgerFormats(ws: ws, styles: [text.with { $0.wrap = false }, red(text.with { $0.wrap = false }),
                                                           number.with { $0.wrap = false }, code.with { $0.wrap = false }])
        var r = g.row
        try c.ledger.forEach { a in
            let status: String
            switch a.status {
            case .used: status = "Đã tổng hợp"
            case .notUsed: status = "Không dùng"
            case .excludedInvalid: status = "Tệp có lỗi"
            case .skipped: status = "Bỏ qua"
            case .unreadable: status = "Không đọc được"
            case .superseded: status = "Bản cũ, đã thay"
            }
            let fine = a.status == .used || a.status == .skipped || a.status == .superseded
            let style = fine ? LedgerFormats.plain : LedgerFormats.redPlain
            try ws.write(int(a.row), at: .init(row: r, column: 1), format: try ledgerFormats.at(LedgerFormats.number))
            try ws.write(.string(a.file), at: .init(row: r, column: 2), format: try ledgerFormats.at(style))
            try ws.write(.string(status), at: .init(row: r, column: 3), format: try ledgerFormats.at(style))
            try ws.write(string(a.sheet), at: .init(row: r, column: 4), format: try ledgerFormats.at(style))
            try ws.write(appendixRow(a.criterionIndex), at: .init(row: r, column: 5), format: try ledgerFormats.at(LedgerFormats.number))
            try ws.write(string(a.code), at: .init(row: r, column: 6), format: try ledgerFormats.at(LedgerFormats.code))
            try ws.write(nil, at: .init(row: r, column: 7), format: try ledgerFormats.at(style))
            try ws.write(.string(a.detail), at: .init(row: r, column: 8), format: try ledgerFormats.at(style))
            r += 1
        }
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative, fitToWidth: true,
                                      header: AppendixWorkbook.workingHeader("Kiểm tra"), firstPageNumber: 1))
    }

    /// The ledger's styles, each registered with the workbook when first used.
    private struct LedgerFormats {
        static let plain = 0, redPlain = 1, number = 2, code = 3
        let ws: WorksheetWriter
        let styles: [CellStyle]
        private var formats: [CellFormat?]

        init(ws: WorksheetWriter, styles: [CellStyle]) {
            self.ws = ws
            self.styles = styles
            formats = Array(repeating: nil, count: styles.count)
        }

        mutating func at(_ i: Int) throws -> CellFormat {
            if let format = formats[i] { return format }
            let format = try ws.format(styles[i])
            formats[i] = format
            return format
        }
    }

    /// The expected value of a finding as a value, never a bare column name: a rule that
    /// expects a column or its content says so in words.
    static func expected(_ f: Finding, layout: Layout, year: Int?) -> String? {
        guard let expected = f.expected else { return nil }
        let key = TextNormalizer.foldKey(expected)
        let isColumnName = layout.columns.contains { TextNormalizer.foldKey($0.headerText(year: year)) == key }
            || f.rule == .layoutColumnMissing
        guard isColumnName else { return expected }
        return f.rule == .layoutColumnMissing ? "có cột \"\(expected)\"" : "có nội dung ở cột \"\(expected)\""
    }
}
