import Foundation
import XLSX

/// Writes a ``Consolidation`` as the official appendix workbook: `Phụ lục` (the document
/// to sign: the table in the official layout, with its title, `Kèm theo` line and an
/// optional signature block), then two working sheets, `Tổng hợp điểm` (score summary)
/// and `Kiểm tra` (the account of every input). Each sheet numbers its printed pages on
/// its own, so printing the whole workbook never numbers the working sheets into the
/// appendix; the appendix's first page carries no number (Nghị định 30/2020). The file is
/// written atomically.
public enum AppendixWorkbook {
    public static let appendixSheet = "Phụ lục"
    public static let summarySheet = "Tổng hợp điểm"
    public static let checkSheet = "Kiểm tra"

    /// Writes the workbook; `report` holds the lines given for this run (title, `Kèm theo`
    /// line, issuer, signature block), which win over the framework's `report` section.
    public static func write(_ c: Consolidation, to path: String, report: ReportMetadata = ReportMetadata()) throws {
        let heading = ReportHeading(framework: c.framework, options: report, year: c.year, pointsRole: c.summary.pointsRole)
        // Constant memory: rows go to disk as they are written, so the account of a
        // 10,000-file run does not sit in memory (rows are written in order, merges only
        // span one row).
        let writer = try XLSXWriter(path: path, options: WriterOptions(constantMemory: true))
        try writer.setProperties(DocumentProperties(
            title: "PHỤ LỤC — \(heading.title)", subject: "Tổng hợp Chỉ số cải cách hành chính",
            author: heading.issuer ?? "Kiểm tra", company: heading.issuer, comments: "Tổng hợp từ \(c.inputs.count) tệp"))
        let firstRow = try writeAppendix(c, heading: heading, try writer.addWorksheet(name: appendixSheet))
        try SummarySheet.write(c, try writer.addWorksheet(name: summarySheet))
        try CheckSheet.write(c, appendixFirstRow: firstRow, try writer.addWorksheet(name: checkSheet))
        try writer.close()
    }

    /// The page header of a working sheet: its name and its own page number.
    static func workingHeader(_ name: String) -> String {
        "&C&\"Times New Roman,Italic\"&11\(name) — trang &P"
    }

    /// The appendix's page header: the page number, top centre, Times New Roman 13.
    static let pageNumberHeader = "&C&\"Times New Roman,Regular\"&13&P"

    // MARK: - Phụ lục

    /// Writes the appendix; returns the sheet row of the first criterion.
    static func writeAppendix(_ c: Consolidation, heading: ReportHeading, _ ws: WorksheetWriter) throws -> Int {
        let columns = c.layout.columns
        var g = try SheetGrid(ws, widths: columns.map(\.width))
        try g.full("PHỤ LỤC", AppendixStyles.heading)
        try g.full(heading.title, AppendixStyles.heading)
        try g.full("(\(heading.attachedTo))", AppendixStyles.subtitle)
        g.skip()
        let headerRow = try g.header(columns.map { $0.headerText(year: c.year) })
        var r = g.row
        let firstRow = r
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
                                  text: "Giá trị lấy từ tệp có lỗi: \(source). Xem trang Kiểm tra.", author: "Kiểm tra")
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
        try ws.setRowHeight(r, height: RowHeights.height(lines: 1))
        r += 1
        if let signature = heading.signature {
            var grid = g
            grid.skip(r - grid.row)
            try writeSignature(signature, year: heading.year, grid: &grid)
        }
        try ws.freezePanes(row: headerRow + 1, column: 1)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape,
                                      margins: .init(left: 30, right: 15, top: 20, bottom: 20),
                                      repeatRows: headerRow...headerRow, fitToWidth: true,
                                      centerHorizontally: true, header: pageNumberHeader,
                                      firstPageNumber: 1, headerOnFirstPage: false))
        try ws.activate()
        return firstRow
    }

    /// The signature block: the date line over the last signer, then the signers side by
    /// side, each over an equal share of the table's width, with room to sign.
    static func writeSignature(_ block: SignatureBlock, year: Int?, grid g: inout SheetGrid) throws {
        let signers = Array(block.signers.prefix(g.columnCount))
        guard !signers.isEmpty else { return }
        let spans = spans(of: g.widths, parts: signers.count)
        func row(_ texts: [String?], _ style: CellStyle, only last: Bool = false) throws {
            var items: [SheetGrid.Item?] = []
            for (i, span) in spans.enumerated() {
                let text = last ? (i == spans.count - 1 ? texts.first ?? nil : nil) : texts[i]
                items.append(.init(value: text.map { .string($0) }, style: style, span: span))
            }
            try g.write(items)
        }
        g.skip()
        try row([block.dateText(year: year)], AppendixStyles.signatureDate, only: true)
        try row(signers.map(\.title), AppendixStyles.signatureTitle)
        if signers.contains(where: { $0.subtitle != nil }) { try row(signers.map(\.subtitle), AppendixStyles.signatureTitle) }
        if signers.contains(where: { $0.note != nil }) { try row(signers.map(\.note), AppendixStyles.signatureNote) }
        g.skip(4)
        if signers.contains(where: { $0.name != nil }) { try row(signers.map(\.name), AppendixStyles.signatureTitle) }
    }

    /// Splits columns into `parts` consecutive groups of about equal width.
    static func spans(of widths: [Double], parts: Int) -> [Int] {
        let total = widths.reduce(0, +)
        var spans: [Int] = []
        var start = 0
        for part in 1...parts {
            let remainingParts = parts - part
            if remainingParts == 0 { spans.append(widths.count - start); break }
            let target = total * Double(part) / Double(parts)
            var end = start + 1
            var sum = widths[..<end].reduce(0, +)
            while end < widths.count - remainingParts, sum + widths[end] / 2 < target { sum += widths[end]; end += 1 }
            spans.append(end - start)
            start = end
        }
        return spans
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
}
