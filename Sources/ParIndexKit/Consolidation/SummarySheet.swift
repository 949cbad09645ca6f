import XLSX

/// The `Tổng hợp điểm` sheet: the ``ScoreSummary`` of a consolidation, per field, per lead
/// unit, in total, and the ranking of peers. A working sheet: its pages are numbered on
/// their own (`Tổng hợp điểm — trang n`), never into the appendix's.
enum SummarySheet {
    static let widths: [Double] = [6, 40, 10, 12, 10, 10, 24, 20, 10, 16]

    static func write(_ c: Consolidation, _ ws: WorksheetWriter) throws {
        var g = try SheetGrid(ws, widths: widths)
        let s = c.summary
        try g.full("TỔNG HỢP ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH\(c.year.map { " NĂM \($0)" } ?? "")", AppendixStyles.heading)
        guard let role = s.pointsRole else {
            try g.full("Chưa có điểm để tổng hợp: bố cục \"\(c.layout.name)\" không có cột điểm, hoặc chưa tệp nào có điểm.",
                       AppendixStyles.note)
            try setUp(ws)
            return
        }
        let column = c.layout.column(role)?.headerText(year: c.year) ?? role.rawValue
        try g.full(ScoreSummaryText.method(pointsColumn: column, bands: s.bands), AppendixStyles.note)
        g.skip()

        try g.full("1. Điểm theo lĩnh vực", AppendixStyles.sectionTitle)
        try g.header(["STT", "Lĩnh vực", "Điểm chuẩn", "Không áp dụng (điểm)", "Điểm đạt", "Điểm bị trừ",
                      "Ghi nhận", "Chưa có số liệu", "Chỉ số (%)", "Xếp loại"])
        for field in s.fields {
            try figuresRow(g: &g, code: .string(field.code), name: field.title, note: ScoreSummaryText.loss(field.figures),
                           field.figures)
        }
        try figuresRow(g: &g, code: nil, name: "Tổng cộng", note: ScoreSummaryText.loss(s.total), s.total, bold: true)
        g.skip()

        try g.full("2. Điểm theo đơn vị chủ trì", AppendixStyles.sectionTitle)
        try g.header(["STT", "Đơn vị", "Điểm chuẩn", "Không áp dụng (điểm)", "Điểm đạt", "Điểm bị trừ",
                      "Trạng thái", "Chưa có số liệu", "Chỉ số (%)", "Xếp loại"])
        for (i, unit) in s.units.enumerated() {
            try figuresRow(g: &g, code: .number(Double(i + 1)), name: unit.name, note: unit.status.label, unit.figures,
                           alert: unit.status != .submitted)
        }
        if s.units.isEmpty { try g.full("Bộ tiêu chí không ghi đơn vị chủ trì.", AppendixStyles.note) }

        if !s.ranking.isEmpty {
            g.skip()
            try g.full("3. Xếp hạng theo chỉ số (điểm đạt ÷ điểm chuẩn áp dụng)", AppendixStyles.sectionTitle)
            try g.header(["Hạng", "Đơn vị", "Điểm chuẩn", "Không áp dụng (điểm)", "Điểm đạt", "Điểm bị trừ",
                          "Tệp", "Chưa có số liệu", "Chỉ số (%)", "Xếp loại"])
            for entry in s.ranking {
                try figuresRow(g: &g, code: .number(Double(entry.rank)), name: entry.unit, note: entry.file, entry.figures)
            }
        }
        try setUp(ws)
    }

    /// One line of figures; columns without a meaning for the figures stay empty (no
    /// percentage without data, no lost points for criteria without a value).
    private static func figuresRow(g: inout SheetGrid, code: CellValue?, name: String, note: String, _ f: ScoreFigures,
                                   bold: Bool = false, alert: Bool = false) throws {
        func style(_ base: CellStyle) -> CellStyle {
            var s = bold ? AppendixStyles.bold(base) : base
            if alert { s = AppendixStyles.red(s) }
            return s
        }
        let number = style(AppendixStyles.number), text = style(AppendixStyles.text)
        let hasData = f.scored > 0
        try g.write([
            .init(value: code, style: style(AppendixStyles.code)),
            .init(value: .string(name), style: text),
            .init(value: .number(f.max), style: number),
            .init(value: f.notApplicable > 0 ? .number(f.notApplicableMax) : nil, style: number),
            .init(value: hasData ? .number(f.achieved) : nil, style: number),
            .init(value: hasData ? .number(f.lost) : nil, style: number),
            .init(value: .string(note), style: text),
            .init(value: ScoreSummaryText.missing(f).map { .string($0) }, style: f.isPartial ? AppendixStyles.red(text) : text),
            .init(value: f.index.map { .number($0) }, style: style(AppendixStyles.percent)),
            .init(value: ScoreSummaryText.band(f).map { .string($0) }, style: text),
        ])
    }

    private static func setUp(_ ws: WorksheetWriter) throws {
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative, fitToWidth: true,
                                      header: AppendixWorkbook.workingHeader("Tổng hợp điểm"), firstPageNumber: 1))
    }
}
