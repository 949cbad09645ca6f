import Foundation
import XLSX

/// Writes a ``Consolidation`` as the official appendix workbook: `Phụ lục` (the table in
/// the official layout), `Tổng hợp điểm` (score summary) and `Kiểm tra` (the account of
/// every input). The file is written atomically.
public enum AppendixWorkbook {
    public static let appendixSheet = "Phụ lục"
    public static let summarySheet = "Tổng hợp điểm"
    public static let checkSheet = "Kiểm tra"

    public static func write(_ c: Consolidation, to path: String) throws {
        // Constant memory: rows go to disk as they are written, so the account of a
        // 10,000-file run does not sit in memory (rows are written in order, merges only
        // span one row).
        let writer = try XLSXWriter(path: path, options: WriterOptions(constantMemory: true))
        try writer.setProperties(DocumentProperties(
            title: "PHỤ LỤC — \(c.framework.metadata.title)", subject: "Tổng hợp Chỉ số cải cách hành chính",
            author: "parindex", company: nil, comments: "Tổng hợp từ \(c.inputs.count) tệp"))
        try writeAppendix(c, try writer.addWorksheet(name: appendixSheet))
        try writeSummary(c, try writer.addWorksheet(name: summarySheet))
        try writeCheck(c, try writer.addWorksheet(name: checkSheet))
        try writer.close()
    }

    // MARK: - Phụ lục

    static func writeAppendix(_ c: Consolidation, _ ws: WorksheetWriter) throws {
        let columns = c.layout.columns
        let width = columns.count
        var r = 1
        func fullRow(_ text: String, _ style: CellStyle, height: Double? = nil) throws {
            try ws.merge(CellRange(first: .init(row: r, column: 1), last: .init(row: r, column: width)),
                         value: .string(text), style: style)
            if let height { try ws.setRowHeight(r, height: height) }
            r += 1
        }
        try fullRow("PHỤ LỤC", AppendixStyles.heading)
        try fullRow(c.framework.metadata.title, AppendixStyles.heading, height: 36)
        if let doc = c.framework.metadata.document {
            try fullRow("(\(doc))", AppendixStyles.subtitle, height: 32)
        }
        r += 1
        let headerRow = r
        for (i, column) in columns.enumerated() {
            try ws.write(.string(column.headerText(year: c.year)), at: .init(row: r, column: i + 1), style: AppendixStyles.header)
            try ws.setColumnWidth(i + 1, width: column.width)
        }
        try ws.setRowHeight(r, height: 45)
        r += 1
        for row in c.rows {
            var texts: [(text: String, width: Double, bold: Bool)] = []
            for (i, column) in columns.enumerated() {
                let ref = CellReference(row: r, column: i + 1)
                var style = Self.style(for: column.role)
                if row.isGroup { style = AppendixStyles.bold(style) }
                if row.fromInvalid { style = AppendixStyles.red(style) }
                try write(row.values[column.role], at: ref, style: style, in: ws)
                if case .text(let t)? = row.values[column.role] { texts.append((t, column.width, row.isGroup)) }
            }
            // Neither libxlsxwriter nor LibreOffice fits heights to wrapped text.
            try ws.setRowHeight(r, height: RowHeights.height(cells: texts))
            if row.fromInvalid, let source = row.source {
                try ws.addComment(at: .init(row: r, column: 1),
                                  text: "Giá trị lấy từ tệp có lỗi: \(source). Xem trang Kiểm tra.", author: "parindex")
            }
            r += 1
        }
        // Tổng cộng
        for (i, column) in columns.enumerated() {
            let ref = CellReference(row: r, column: i + 1)
            let style = AppendixStyles.bold(Self.style(for: column.role))
            switch column.role {
            case .title: try ws.write(.string("Tổng cộng"), at: ref, style: style)
            case .max: try ws.write(.number(c.totalMax), at: ref, style: style)
            case .prev, .target, .selfScore, .appraised:
                try ws.write(c.totals[column.role].map { .number($0) }, at: ref, style: style)
            default: try ws.writeBlank(at: ref, style: style)
            }
        }
        try ws.freezePanes(row: headerRow + 1, column: 1)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape,
                                      margins: .init(left: 30, right: 15, top: 20, bottom: 20),
                                      repeatRows: headerRow...headerRow, fitToWidth: true,
                                      centerHorizontally: true, footer: "&CTrang &P/&N"))
        try ws.activate()
    }

    static func style(for role: ColumnRole) -> CellStyle {
        switch role {
        case .code: return AppendixStyles.code
        case _ where role.isScore: return AppendixStyles.number
        default: return AppendixStyles.text
        }
    }

    static func write(_ value: ScoreValue?, at ref: CellReference, style: CellStyle, in ws: WorksheetWriter) throws {
        switch value {
        case .number(let n)?, .ambiguous(let n, _)?: try ws.write(.number(n), at: ref, style: style)
        case .text(let t)?: try ws.write(.string(t), at: ref, style: style)
        case .notApplicable?: try ws.write(.string(NotApplicableMark.label), at: ref, style: style)
        case nil: try ws.writeBlank(at: ref, style: style)
        }
    }

    // MARK: - Tổng hợp điểm

    static func writeSummary(_ c: Consolidation, _ ws: WorksheetWriter) throws {
        let widths: [Double] = [8, 45, 12, 12, 12, 20, 12]
        for (i, w) in widths.enumerated() { try ws.setColumnWidth(i + 1, width: w) }
        var r = 1
        try ws.merge(CellRange(first: .init(row: r, column: 1), last: .init(row: r, column: 7)),
                     value: .string("TỔNG HỢP ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH\(c.year.map { " NĂM \($0)" } ?? "")"),
                     style: AppendixStyles.heading)
        r += 2
        guard let role = c.pointsRole else {
            try ws.write(.string("Chưa có điểm để tổng hợp: bố cục \"\(c.layout.name)\" không có cột điểm, hoặc chưa tệp nào có điểm."),
                         at: .init(row: r, column: 1), style: AppendixStyles.note)
            return
        }
        try ws.write(.string("1. Điểm theo lĩnh vực (điểm đạt: cột \"\(c.layout.column(role)?.headerText(year: c.year) ?? role.rawValue)\")"),
                     at: .init(row: r, column: 1), style: AppendixStyles.sectionTitle)
        r += 1
        try ws.writeRow(["STT", "Lĩnh vực", "Điểm chuẩn", "Điểm đạt", "Điểm bị trừ", "Ghi nhận", "Tỷ lệ đạt (%)"].map { .string($0) },
                        row: r, style: AppendixStyles.header)
        r += 1
        var maxSum = 0.0, achievedSum = 0.0
        for field in c.fields {
            maxSum += field.max; achievedSum += field.achieved
            try ws.write(.string(field.code), at: .init(row: r, column: 1), style: AppendixStyles.code)
            try ws.write(.string(field.title), at: .init(row: r, column: 2), style: AppendixStyles.text)
            try ws.write(.number(field.max), at: .init(row: r, column: 3), style: AppendixStyles.number)
            try ws.write(.number(field.achieved), at: .init(row: r, column: 4), style: AppendixStyles.number)
            try ws.write(.number(rounded(field.lost)), at: .init(row: r, column: 5), style: AppendixStyles.number)
            try ws.write(.string("trừ \(ScoreFormat.vietnamese(rounded(field.lost)))/\(ScoreFormat.vietnamese(field.max)) điểm"),
                         at: .init(row: r, column: 6), style: AppendixStyles.text)
            try ws.write(.number(rounded2(field.percent)), at: .init(row: r, column: 7), style: AppendixStyles.percent)
            r += 1
        }
        let total = AppendixStyles.bold(AppendixStyles.number)
        try ws.write(.string("Tổng cộng"), at: .init(row: r, column: 2), style: AppendixStyles.bold(AppendixStyles.text))
        try ws.writeBlank(at: .init(row: r, column: 1), style: AppendixStyles.text)
        try ws.write(.number(maxSum), at: .init(row: r, column: 3), style: total)
        try ws.write(.number(rounded(achievedSum)), at: .init(row: r, column: 4), style: total)
        try ws.write(.number(rounded(maxSum - achievedSum)), at: .init(row: r, column: 5), style: total)
        try ws.write(.string("trừ \(ScoreFormat.vietnamese(rounded(maxSum - achievedSum)))/\(ScoreFormat.vietnamese(maxSum)) điểm"),
                     at: .init(row: r, column: 6), style: AppendixStyles.bold(AppendixStyles.text))
        try ws.write(.number(maxSum > 0 ? rounded2(achievedSum / maxSum * 100) : 0), at: .init(row: r, column: 7),
                     style: AppendixStyles.bold(AppendixStyles.percent))
        r += 2

        try ws.write(.string("2. Điểm theo đơn vị chủ trì"), at: .init(row: r, column: 1), style: AppendixStyles.sectionTitle)
        r += 1
        try ws.writeRow(["STT", "Đơn vị", "Điểm chuẩn", "Điểm đạt", "Điểm bị trừ", "Số tiêu chí", "Đã nộp"].map { .string($0) },
                        row: r, style: AppendixStyles.header)
        r += 1
        for (i, unit) in c.units.enumerated() {
            let style = unit.submitted ? AppendixStyles.text : AppendixStyles.red(AppendixStyles.text)
            try ws.write(.number(Double(i + 1)), at: .init(row: r, column: 1), style: AppendixStyles.code)
            try ws.write(.string(unit.unit.name), at: .init(row: r, column: 2), style: style)
            try ws.write(.number(unit.max), at: .init(row: r, column: 3), style: AppendixStyles.number)
            try ws.write(.number(rounded(unit.achieved)), at: .init(row: r, column: 4), style: AppendixStyles.number)
            try ws.write(.number(rounded(unit.max - unit.achieved)), at: .init(row: r, column: 5), style: AppendixStyles.number)
            try ws.write(.number(Double(unit.criteria)), at: .init(row: r, column: 6), style: AppendixStyles.number)
            try ws.write(.string(unit.submitted ? "Có" : "Chưa nộp"), at: .init(row: r, column: 7), style: style)
            r += 1
        }
        if !c.ranking.isEmpty {
            r += 1
            try ws.write(.string("3. Xếp hạng theo chỉ số (điểm đạt ÷ điểm chuẩn)"), at: .init(row: r, column: 1), style: AppendixStyles.sectionTitle)
            r += 1
            try ws.writeRow(["Hạng", "Đơn vị", "Điểm chuẩn", "Điểm đạt", "Chỉ số", "Tệp"].map { .string($0) },
                            row: r, style: AppendixStyles.header)
            r += 1
            for entry in c.ranking {
                try ws.write(.number(Double(entry.rank)), at: .init(row: r, column: 1), style: AppendixStyles.code)
                try ws.write(.string(entry.unit), at: .init(row: r, column: 2), style: AppendixStyles.text)
                try ws.write(.number(entry.max), at: .init(row: r, column: 3), style: AppendixStyles.number)
                try ws.write(.number(rounded(entry.achieved)), at: .init(row: r, column: 4), style: AppendixStyles.number)
                try ws.write(.number(entry.index), at: .init(row: r, column: 5), style: AppendixStyles.percent)
                try ws.write(.string(entry.file), at: .init(row: r, column: 6), style: AppendixStyles.text)
                r += 1
            }
        }
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative, fitToWidth: true))
    }

    /// Scores keep three decimals (24,607 occurs); percentages two.
    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
    static func rounded2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    // MARK: - Kiểm tra

    static func writeCheck(_ c: Consolidation, _ ws: WorksheetWriter) throws {
        let widths: [Double] = [40, 16, 22, 12, 10, 60, 22, 22, 12]
        for (i, w) in widths.enumerated() { try ws.setColumnWidth(i + 1, width: w) }
        var r = 1
        func title(_ text: String) throws {
            r += 1
            try ws.write(.string(text), at: .init(row: r, column: 1), style: AppendixStyles.sectionTitle)
            r += 1
        }
        func header(_ cells: [String]) throws {
            try ws.writeRow(cells.map { .string($0) }, row: r, style: AppendixStyles.header)
            r += 1
        }
        /// A line of a section; `fitted` sizes the row to its wrapped text (the per-row
        /// account, one line per input row, stays one line high and is not wrapped).
        func line(_ cells: [CellValue?], style: CellStyle = AppendixStyles.text, fitted: Bool = true) throws {
            var texts: [(text: String, width: Double, bold: Bool)] = []
            let cellStyle = fitted ? style : style.with { $0.wrap = false }
            for (i, v) in cells.enumerated() {
                try ws.write(v, at: .init(row: r, column: i + 1), style: cellStyle)
                if fitted, case .string(let t)? = v { texts.append((t, widths[min(i, widths.count - 1)], false)) }
            }
            if fitted { try ws.setRowHeight(r, height: RowHeights.height(cells: texts)) }
            r += 1
        }
        try ws.write(.string("KIỂM TRA CÁC TỆP ĐẦU VÀO"), at: .init(row: r, column: 1), style: AppendixStyles.heading)
        r += 1
        let invalid = c.inputs.filter { $0.status == .unreadable || $0.status == .excludedInvalid || $0.errors > 0 }.count
        try ws.write(.string("\(c.inputs.count) tệp; \(invalid) tệp có lỗi hoặc không đọc được; \(c.findings.count) phát hiện; \(c.ledger.count) dòng được ghi nhận."),
                     at: .init(row: r, column: 1), style: AppendixStyles.note)

        try title("1. Các tệp đầu vào")
        try header(["Tệp", "Trạng thái", "Đơn vị", "Số lỗi", "Số cảnh báo", "Ghi chú", "Số dòng được tổng hợp"])
        for input in c.inputs {
            let status: String
            switch input.status {
            case .unreadable: status = "Không đọc được"
            case .skipped: status = "Bỏ qua"
            case .excludedInvalid: status = "Có lỗi, không gộp"
            case .superseded: status = "Đã có bản mới hơn"
            default: status = input.errors > 0 ? "Có lỗi, đã gộp" : "Hợp lệ"
            }
            let fine = (input.status == .used && input.errors == 0) || input.status == .skipped || input.status == .superseded
            let style = fine ? AppendixStyles.text : AppendixStyles.red(AppendixStyles.text)
            try line([.string(input.file), .string(status), input.unit.map { .string($0) },
                      .number(Double(input.errors)), .number(Double(input.warnings)),
                      input.reason.map { .string($0) }, .number(Double(input.rowsUsed))], style: style)
        }

        try title("2. Các phát hiện (lỗi và cảnh báo)")
        try header(["Tệp", "Mức độ", "Quy tắc", "Trang tính", "Ô", "Nội dung", "Giá trị", "Giá trị đúng", "Mã tiêu chí"])
        for f in c.findings {
            let style = f.severity == .error ? AppendixStyles.red(AppendixStyles.text) : AppendixStyles.warning(AppendixStyles.text)
            try line([.string(f.file), .string(f.severity.label), .string(f.rule.rawValue), f.sheet.map { .string($0) },
                      f.cell.map { .string($0.a1) }, .string(f.message), f.found.map { .string($0) },
                      f.expected.map { .string($0) }, f.code.map { .string($0) }], style: style)
        }
        if c.findings.isEmpty { try line([.string("Không có phát hiện nào.")]) }

        try title("3. Đơn vị chủ trì chưa nộp")
        if c.unitsNotSubmitted.isEmpty { try line([.string("Tất cả đơn vị chủ trì đã nộp.")]) }
        for unit in c.unitsNotSubmitted { try line([.string(unit.name), .string(unit.code)], style: AppendixStyles.red(AppendixStyles.text)) }

        try title("4. Tiêu chí chưa có đơn vị nào nộp")
        if c.criteriaNotSubmitted.isEmpty { try line([.string("Tất cả tiêu chí đều đã có số liệu.")]) }
        for criterion in c.criteriaNotSubmitted {
            try line([.string(criterion.code.isEmpty ? criterion.id : criterion.code), nil, .string(criterion.lead.joined(separator: "; ")),
                      nil, nil, .string(criterion.title)])
        }

        try title("5. Số liệu khác nhau giữa các tệp")
        if c.conflicts.isEmpty { try line([.string("Không có.")]) }
        for conflict in c.conflicts {
            try line([.string(conflict.used.file), .string(conflict.code), .string("đã dùng"), .number(Double(conflict.used.row)),
                      nil, .string(conflict.reason),
                      .string(conflict.others.map(\.description).joined(separator: "; ")
                              + (conflict.otherCount > conflict.others.count ? "; và \(conflict.otherCount - conflict.others.count) dòng khác" : ""))],
                     style: AppendixStyles.warning(AppendixStyles.text))
        }

        try title("6. Nguồn của từng dòng đầu vào")
        try header(["Tệp", "Trạng thái", "Trang tính", "Dòng", "Mã", "Chi tiết"])
        try c.ledger.forEach { a in
            let status: String
            switch a.status {
            case .used: status = "Đã tổng hợp"
            case .notUsed: status = "Không dùng"
            case .excludedInvalid: status = "Tệp có lỗi"
            case .superseded: status = "Bản cũ, đã thay"
            case .skipped: status = "Bỏ qua"
            case .unreadable: status = "Không đọc được"
            }
            let style = a.status == .used || a.status == .skipped || a.status == .superseded ? AppendixStyles.text : AppendixStyles.red(AppendixStyles.text)
            try line([.string(a.file), .string(status), a.sheet.map { .string($0) }, a.row.map { .number(Double($0)) },
                      a.code.map { .string($0) }, .string(a.detail)], style: style, fitted: false)
        }
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative, fitToWidth: true))
    }
}
