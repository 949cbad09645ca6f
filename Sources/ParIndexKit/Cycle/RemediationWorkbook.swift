import Foundation
import XLSX

/// Writes a ``RemediationPlan`` as seed 004's appendix: `Phụ lục` in the `remediation`
/// layout (`STT`, `Nội dung khắc phục`, `Cơ quan chủ trì`, `Cơ quan phối hợp`, `Thời gian
/// hoàn thành`) with a `Tổng cộng: n nội dung` line; `Tổng hợp` with the letter's body
/// lines ready to paste; `Kiểm tra` with every criterion's fate. Not protected: the
/// office edits deadlines and wording. The appendix is printed as Nghị định 30/2020 asks:
/// page numbers at the top centre from page 2.
public enum RemediationWorkbook {
    public static let appendixSheet = "Phụ lục"
    public static let linesSheet = "Tổng hợp"
    public static let checkSheet = "Kiểm tra"

    public static func write(_ plan: RemediationPlan, framework: Framework, layout: Layout,
                             to path: String) throws {
        let writer = try XLSXWriter(path: path)
        try writeAppendix(plan, layout: layout, try writer.addWorksheet(name: appendixSheet))
        try writeLines(plan, try writer.addWorksheet(name: linesSheet))
        try writeCheck(plan, framework: framework, try writer.addWorksheet(name: checkSheet))
        let title = TemplateBuilder.title(of: layout, year: plan.year)
        try writer.setProperties(DocumentProperties(
            title: title, subject: framework.metadata.title, author: TemplateBuilder.generator,
            company: plan.entity, category: "PAR INDEX", keywords: "PAR INDEX, CCHC, khắc phục",
            comments: "\(plan.items.count) nội dung khắc phục, lập từ kết quả năm \(plan.resultYear.map(String.init) ?? "?")."))
        try writer.close()
    }

    static func writeAppendix(_ plan: RemediationPlan, layout: Layout, _ ws: WorksheetWriter) throws {
        let columns = layout.columns
        let width = columns.count
        var r = 1
        func fullRow(_ text: String, _ style: CellStyle, height: Double? = nil) throws {
            try ws.merge(CellRange(first: .init(row: r, column: 1), last: .init(row: r, column: width)),
                         value: .string(text), style: style)
            if let height { try ws.setRowHeight(r, height: height) }
            r += 1
        }
        let totalWidth = columns.reduce(0) { $0 + $1.width }
        let title = TemplateBuilder.title(of: layout, year: plan.year)
        try fullRow("PHỤ LỤC", AppendixStyles.heading)
        try fullRow(title, AppendixStyles.heading, height: RowHeights.height(cells: [(title, totalWidth, true)], fontSize: 13))
        let year = plan.year.map(String.init) ?? "…"
        let issuer = plan.entity.map { " của \($0)" } ?? ""
        try fullRow("(Kèm theo Kế hoạch số     /KH-      ngày     /     /\(year)\(issuer))", AppendixStyles.subtitle)
        r += 1
        let headerRow = r
        for (i, column) in columns.enumerated() {
            try ws.write(.string(column.headerText(year: plan.year)), at: .init(row: r, column: i + 1),
                         style: AppendixStyles.header)
            try ws.setColumnWidth(i + 1, width: column.width)
        }
        try ws.setRowHeight(r, height: RowHeights.height(cells: columns.map { ($0.headerText(year: plan.year), $0.width, true) }))
        r += 1
        for item in plan.items {
            var texts: [(String, Double, Bool)] = []
            for (i, column) in columns.enumerated() {
                let value: CellValue?
                switch column.role {
                case .code: value = .number(Double(item.number))
                case .title: value = .string(item.title)
                case .lead: value = item.lead.isEmpty ? nil : .string(item.lead.joined(separator: "; "))
                case .coop: value = item.coop.isEmpty ? nil : .string(item.coop.joined(separator: "; "))
                case .deadline: value = .string(item.deadline)
                case .max: value = .number(item.max)
                case .selfScore, .appraised: value = .number(item.achieved)
                case .note: value = .string("Tiêu chí \(item.code): trừ \(ScoreFormat.vietnamese(item.lost)) điểm")
                default: value = nil
                }
                let style: CellStyle
                switch column.role {
                case .code, .deadline: style = AppendixStyles.code
                case .max, .selfScore, .appraised: style = AppendixStyles.number
                default: style = AppendixStyles.text
                }
                try ws.write(value, at: .init(row: r, column: i + 1), style: style)
                if case .string(let t)? = value { texts.append((t, column.width, false)) }
            }
            try ws.setRowHeight(r, height: RowHeights.height(cells: texts))
            r += 1
        }
        try ws.merge(CellRange(first: .init(row: r, column: 1), last: .init(row: r, column: width)),
                     value: .string("Tổng cộng: \(plan.items.count) nội dung"),
                     style: AppendixStyles.bold(AppendixStyles.text))
        try ws.freezePanes(row: headerRow + 1)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: headerRow...headerRow, fitToWidth: true,
                                      centerHorizontally: true,
                                      header: "&C&\"Times New Roman,Regular\"&13&P", firstPageNumber: 1,
                                      headerOnFirstPage: false))
        try ws.activate()
    }

    /// Width of the letter-lines column: a portrait A4 page between the official margins.
    static let lineWidth = 86.0

    static func writeLines(_ plan: RemediationPlan, _ ws: WorksheetWriter) throws {
        try ws.setColumnWidth(1, width: lineWidth)
        var r = 1
        try ws.write(.string("Nội dung báo cáo (dán vào phần II của Kế hoạch)"), at: .init(row: r, column: 1),
                     style: AppendixStyles.heading.with { $0.horizontal = .left })
        r += 2
        let bold = AppendixStyles.base.with { $0.bold = true; $0.wrap = true; $0.vertical = .top }
        let plain = AppendixStyles.base.with { $0.wrap = true; $0.vertical = .top }
        if let line = plan.totalLine {
            try ws.write(.string(line), at: .init(row: r, column: 1), style: bold)
            try ws.setRowHeight(r, height: RowHeights.height(cells: [(line, lineWidth, true)]))
            r += 1
        }
        for field in plan.fields {
            let line = RemediationPlan.fieldLine(field)
            try ws.write(.string(line), at: .init(row: r, column: 1), style: bold)
            try ws.setRowHeight(r, height: RowHeights.height(cells: [(line, lineWidth, true)]))
            r += 1
            for item in field.items {
                let line = RemediationPlan.itemLine(item)
                try ws.write(.string(line), at: .init(row: r, column: 1), style: plain)
                try ws.setRowHeight(r, height: RowHeights.height(cells: [(line, lineWidth, false)]))
                r += 1
            }
        }
        if plan.fields.isEmpty {
            try ws.write(.string("Không có tiêu chí nào bị trừ điểm."), at: .init(row: r, column: 1), style: plain)
        }
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .portrait, margins: .administrative, fitToWidth: true))
    }

    static func writeCheck(_ plan: RemediationPlan, framework: Framework, _ ws: WorksheetWriter) throws {
        let headers = ["STT tiêu chí", "Tiêu chí", "Điểm chuẩn", "Tình trạng"]
        let widths: [Double] = [10, 60, 10, 40]
        for (i, h) in headers.enumerated() {
            try ws.write(.string(h), at: .init(row: 1, column: i + 1), style: AppendixStyles.header)
            try ws.setColumnWidth(i + 1, width: widths[i])
        }
        let byID = Dictionary(plan.accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = Dictionary(plan.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var r = 2
        for flat in framework.flattened where !flat.criterion.isGroup {
            let c = flat.criterion
            let status: String
            switch byID[c.id]?.status {
            case .lost?:
                let item = items[c.id]
                status = "Trừ \(ScoreFormat.vietnamese(item?.lost ?? 0)) điểm: nội dung số \(item?.number ?? 0) của kế hoạch"
            case .full?: status = "Đạt điểm tối đa"
            case .notApplicable?: status = "Không áp dụng"
            case .noScore?: status = "Chưa có điểm trong kết quả: không đưa vào kế hoạch, đề nghị kiểm tra"
            case nil: status = "Không có điểm chuẩn"
            }
            try ws.write(.string(c.code), at: .init(row: r, column: 1), style: AppendixStyles.code)
            try ws.write(.string(c.title), at: .init(row: r, column: 2), style: AppendixStyles.text)
            try ws.write(c.max.map { .number($0) }, at: .init(row: r, column: 3), style: AppendixStyles.number)
            try ws.write(.string(status), at: .init(row: r, column: 4), style: AppendixStyles.text)
            try ws.setRowHeight(r, height: RowHeights.height(cells: [(c.title, 60, false), (status, 40, false)]))
            r += 1
        }
        try ws.freezePanes(row: 2)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: 1...1, fitToWidth: true))
    }
}
