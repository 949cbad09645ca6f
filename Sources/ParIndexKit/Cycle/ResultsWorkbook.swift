import Foundation
import XLSX

/// Writes ``CycleResults`` as a workbook: `Kết quả` (per field), `Đơn vị` (units ranked),
/// `Xếp hạng` (peers ranked, when compared), `Biểu đồ` (per-field percentages per unit or
/// peer, with native Excel charts), `Chi tiết` (every criterion: self, appraised, final,
/// which one counts, points lost) and `Thẩm định` (appraisal findings).
public enum ResultsWorkbook {
    public static let resultSheet = "Kết quả"
    public static let unitSheet = "Đơn vị"
    public static let peerSheet = "Xếp hạng"
    public static let chartSheet = "Biểu đồ"
    public static let detailSheet = "Chi tiết"
    public static let findingSheet = "Thẩm định"

    public static func write(_ results: CycleResults, framework: Framework, to path: String) throws {
        let writer = try XLSXWriter(path: path)
        try writeResult(results, try writer.addWorksheet(name: resultSheet))
        if !results.units.isEmpty { try writeUnits(results, try writer.addWorksheet(name: unitSheet)) }
        if !results.peers.isEmpty { try writePeers(results, try writer.addWorksheet(name: peerSheet)) }
        try writeChart(results, try writer.addWorksheet(name: chartSheet))
        try writeDetail(results, framework: framework, try writer.addWorksheet(name: detailSheet))
        if !results.findings.isEmpty { try writeFindings(results, try writer.addWorksheet(name: findingSheet)) }
        try writer.setProperties(DocumentProperties(
            title: title(results), subject: results.frameworkTitle, author: TemplateBuilder.generator,
            company: results.entity, category: "PAR INDEX", keywords: "PAR INDEX, CCHC, kết quả"))
        try writer.close()
    }

    static func title(_ r: CycleResults) -> String {
        "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH" + (r.year.map { " NĂM \($0)" } ?? "")
    }

    /// `87,25 %`.
    static func percent(_ value: Double) -> String { ScoreFormat.vietnamese(value) + " %" }

    static let scoreStyle = AppendixStyles.number
    static let percentStyle = AppendixStyles.percent
    static let signedStyle = AppendixStyles.text.with { $0.numberFormat = "[$-42A]+0.00;-0.00;0"; $0.horizontal = .center }
    static let signedScoreStyle = AppendixStyles.text.with { $0.numberFormat = "[$-42A]+General;-General;0"; $0.horizontal = .center }

    struct Column {
        let header: String
        let width: Double
    }

    static func header(_ ws: WorksheetWriter, row: Int, _ columns: [Column]) throws {
        for (i, c) in columns.enumerated() {
            try ws.write(.string(c.header), at: .init(row: row, column: i + 1), style: AppendixStyles.header)
            try ws.setColumnWidth(i + 1, width: c.width)
        }
        try ws.setRowHeight(row, height: RowHeights.height(cells: columns.map { ($0.header, $0.width, true) }))
    }

    static func titleBlock(_ r: CycleResults, _ ws: WorksheetWriter, width: Int, subtitle: String) throws -> Int {
        try ws.merge(CellRange(first: .init(row: 1, column: 1), last: .init(row: 1, column: width)),
                     value: .string(title(r)), style: AppendixStyles.heading)
        var line = subtitle
        if let entity = r.entity { line += " — \(entity)" }
        try ws.merge(CellRange(first: .init(row: 2, column: 1), last: .init(row: 2, column: width)),
                     value: .string(line), style: AppendixStyles.subtitle)
        return 4
    }

    /// The figures of one scope as cells, from `column` on.
    static func figureCells(_ f: ResultFigures, _ ws: WorksheetWriter, row: Int, column: Int, bold: Bool) throws {
        let b: (CellStyle) -> CellStyle = { bold ? AppendixStyles.bold($0) : $0 }
        let cells: [(CellValue?, CellStyle)] = [
            (.number(f.max), b(scoreStyle)),
            (.number(f.selfAchieved), b(scoreStyle)),
            (.number(f.achieved), b(scoreStyle)),
            (f.appraised > 0 ? .number(f.appraisalDifference) : nil, b(signedScoreStyle)),
            (.number(f.lost), b(scoreStyle)),
            (f.index.map { .number($0) }, b(percentStyle)),
            (f.band.map { .string($0) }, b(AppendixStyles.code)),
            (f.previousIndex.map { .number($0) }, b(percentStyle)),
            (f.change.map { .number($0) }, b(signedStyle)),
            (.string("\(f.scored)/\(f.criteria)" + (f.notApplicable > 0 ? " (+\(f.notApplicable) KAD)" : "")), b(AppendixStyles.code)),
        ]
        for (i, cell) in cells.enumerated() {
            try ws.write(cell.0, at: .init(row: row, column: column + i), style: cell.1)
        }
    }

    static let figureColumns: [Column] = [
        Column(header: "Điểm chuẩn (áp dụng)", width: 11), Column(header: "Điểm tự đánh giá", width: 11),
        Column(header: "Điểm đạt", width: 10), Column(header: "Chênh lệch thẩm định", width: 11),
        Column(header: "Điểm bị trừ", width: 10), Column(header: "Chỉ số (%)", width: 10),
        Column(header: "Xếp loại", width: 12), Column(header: "Chỉ số năm trước (%)", width: 11),
        Column(header: "Thay đổi (điểm %)", width: 10), Column(header: "Tiêu chí có điểm", width: 12),
    ]

    static func writeResult(_ r: CycleResults, _ ws: WorksheetWriter) throws {
        let columns = [Column(header: "STT", width: 6), Column(header: "Lĩnh vực", width: 44)] + figureColumns
        var row = try titleBlock(r, ws, width: columns.count, subtitle: r.frameworkTitle)
        let t = r.total
        var summary = "Tổng số điểm đạt \(ScoreFormat.vietnamese(t.achieved))/\(ScoreFormat.vietnamese(t.max)) điểm, chỉ số \(t.index.map(percent) ?? "—")"
        if let band = t.band { summary += ", xếp loại \(band)" }
        if let rank = r.rank { summary += ", xếp thứ \(rank.text)" }
        summary += "; số điểm không đạt \(ScoreFormat.vietnamese(t.lost)) điểm."
        summary += " Điểm đạt là điểm thẩm định ở \(t.appraised) tiêu chí, điểm tự đánh giá ở \(t.scored - min(t.scored, t.appraised)) tiêu chí"
        summary += t.partial ? "; \(t.criteria - t.scored) tiêu chí chưa có điểm (không tính vào điểm chuẩn của chỉ số)." : "."
        try ws.merge(CellRange(first: .init(row: row, column: 1), last: .init(row: row, column: columns.count)),
                     value: .string(summary), style: AppendixStyles.note)
        try ws.setRowHeight(row, height: RowHeights.height(cells: [(summary, 150, false)]))
        row += 1
        let bands = "Xếp loại: " + Classification(r.bands).bands.map { Classification(r.bands).describe($0) }.joined(separator: "; ")
        try ws.merge(CellRange(first: .init(row: row, column: 1), last: .init(row: row, column: columns.count)),
                     value: .string(bands), style: AppendixStyles.note)
        row += 2
        let headerRow = row
        try header(ws, row: row, columns)
        row += 1
        for field in r.fields {
            try ws.write(.string(field.code), at: .init(row: row, column: 1), style: AppendixStyles.code)
            try ws.write(.string(field.title), at: .init(row: row, column: 2), style: AppendixStyles.text)
            try figureCells(field.figures, ws, row: row, column: 3, bold: false)
            try ws.setRowHeight(row, height: RowHeights.height(cells: [(field.title, 44, false)]))
            row += 1
        }
        try ws.write(nil, at: .init(row: row, column: 1), style: AppendixStyles.bold(AppendixStyles.code))
        try ws.write(.string("Tổng cộng"), at: .init(row: row, column: 2), style: AppendixStyles.bold(AppendixStyles.text))
        try figureCells(r.total, ws, row: row, column: 3, bold: true)
        try ws.freezePanes(row: headerRow + 1)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: headerRow...headerRow, fitToWidth: true, centerHorizontally: true))
        try ws.activate()
    }

    static func writeUnits(_ r: CycleResults, _ ws: WorksheetWriter) throws {
        let columns = [Column(header: "Hạng", width: 6), Column(header: "Đơn vị chủ trì", width: 34)] + figureColumns
        var row = try titleBlock(r, ws, width: columns.count, subtitle: "Kết quả theo đơn vị chủ trì (các tiêu chí đơn vị chủ trì)")
        let headerRow = row
        try header(ws, row: row, columns)
        row += 1
        for unit in r.units {
            try ws.write(.number(Double(unit.rank)), at: .init(row: row, column: 1), style: AppendixStyles.code)
            try ws.write(.string(unit.name), at: .init(row: row, column: 2), style: AppendixStyles.text)
            try figureCells(unit.figures, ws, row: row, column: 3, bold: false)
            row += 1
        }
        try ws.freezePanes(row: headerRow + 1)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: headerRow...headerRow, fitToWidth: true, centerHorizontally: true))
    }

    static func writePeers(_ r: CycleResults, _ ws: WorksheetWriter) throws {
        let columns = [Column(header: "Hạng", width: 6), Column(header: "Đơn vị", width: 34)] + figureColumns
        var row = try titleBlock(r, ws, width: columns.count, subtitle: "Xếp hạng các đơn vị được đánh giá")
        let headerRow = row
        try header(ws, row: row, columns)
        row += 1
        for peer in r.peers {
            try ws.write(.number(Double(peer.rank)), at: .init(row: row, column: 1), style: AppendixStyles.code)
            try ws.write(.string(peer.name), at: .init(row: row, column: 2), style: AppendixStyles.text)
            try figureCells(peer.figures, ws, row: row, column: 3, bold: false)
            row += 1
        }
        try ws.freezePanes(row: headerRow + 1)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: headerRow...headerRow, fitToWidth: true, centerHorizontally: true))
    }

    /// Chart colours (Office palette, readable in print).
    static let palette: [UInt32] = [0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47, 0x264478,
                                    0x9E480E, 0x636363, 0x997300]

    /// A short category label: `1. Công tác chỉ đạo, điều hành…`.
    static func shortLabel(_ code: String, _ title: String, limit: Int = 34) -> String {
        let text = code.isEmpty ? title : "\(code). \(title)"
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    /// Two native charts on top — per-field index of the whole and of each unit (or peer),
    /// and the overall index per unit — and below them the data they read: fields down, one
    /// column per unit, the index in percent of the criteria it leads in that field (blank
    /// where it leads none or has no score yet).
    static func writeChart(_ r: CycleResults, _ ws: WorksheetWriter) throws {
        let peers = !r.peers.isEmpty
        let names: [String] = peers ? r.peers.map(\.name) : r.units.map(\.name)
        let perField: [[String: ResultFigures]] = peers ? r.peers.map(\.fields) : r.units.map(\.fields)
        let overall: [ResultFigures] = peers ? r.peers.map(\.figures) : r.units.map(\.figures)
        let width = max(3, names.count + 3)
        _ = try titleBlock(r, ws, width: width, subtitle: "Chỉ số (%) từng lĩnh vực theo \(peers ? "đơn vị" : "đơn vị chủ trì")")
        let fieldChartRow = 4
        let fieldChartHeight = 460
        let unitChartRow = fieldChartRow + fieldChartHeight / 20 + 2
        let unitChartHeight = 80 + 30 * max(1, names.count)
        var row = unitChartRow + unitChartHeight / 20 + 3
        func index(_ f: ResultFigures?) -> CellValue? { f?.index.map { .number($0) } }

        // Data: per field.
        try ws.setColumnWidth(1, width: 36)
        try ws.setColumnWidth(2, width: 44)
        try ws.setColumnWidth(3, width: 10)
        let headers = ["Nhãn", "Lĩnh vực", "Chung"] + names
        for (i, h) in headers.enumerated() {
            try ws.write(.string(h), at: .init(row: row, column: i + 1), style: AppendixStyles.header)
            if i >= 3 { try ws.setColumnWidth(i + 1, width: 14) }
        }
        try ws.setRowHeight(row, height: RowHeights.height(cells: names.map { ($0, 14, true) }))
        row += 1
        let firstData = row
        for field in r.fields {
            try ws.write(.string(shortLabel(field.code, field.title)), at: .init(row: row, column: 1), style: AppendixStyles.text)
            try ws.write(.string(field.title), at: .init(row: row, column: 2), style: AppendixStyles.text)
            try ws.write(index(field.figures), at: .init(row: row, column: 3), style: percentStyle)
            for (i, figures) in perField.enumerated() {
                try ws.write(index(figures[field.code]), at: .init(row: row, column: i + 4), style: percentStyle)
            }
            try ws.setRowHeight(row, height: RowHeights.height(cells: [(field.title, 44, false)]))
            row += 1
        }
        let lastData = row - 1
        row += 1
        // Data: overall index per unit (blank: no score yet).
        let overallHeader = row
        try ws.write(.string(peers ? "Đơn vị" : "Đơn vị chủ trì"), at: .init(row: row, column: 1), style: AppendixStyles.header)
        try ws.write(.string("Chỉ số (%)"), at: .init(row: row, column: 2), style: AppendixStyles.header)
        row += 1
        for (name, figures) in zip(names, overall) {
            try ws.write(.string(name), at: .init(row: row, column: 1), style: AppendixStyles.text)
            try ws.write(index(figures) ?? .string("Chưa có điểm"), at: .init(row: row, column: 2), style: percentStyle)
            row += 1
        }
        let overallLast = row - 1

        guard !r.fields.isEmpty else { return }
        var series = [ChartSpec.Series(name: "Chung", sheet: ws.name,
                                       values: CellRange(first: .init(row: firstData, column: 3), last: .init(row: lastData, column: 3)),
                                       color: 0x1F3864)]
        for i in names.indices {
            series.append(ChartSpec.Series(name: names[i], sheet: ws.name,
                values: CellRange(first: .init(row: firstData, column: i + 4), last: .init(row: lastData, column: i + 4)),
                color: palette[i % palette.count]))
        }
        try ws.insertChart(ChartSpec(
            kind: .column, title: "Chỉ số từng lĩnh vực (%)", categoriesSheet: ws.name,
            categories: CellRange(first: .init(row: firstData, column: 1), last: .init(row: lastData, column: 1)),
            series: series, valueAxisTitle: "%", valueMin: 0, valueMax: 100, numberFormat: "0",
            width: 1000, height: fieldChartHeight), at: .init(row: fieldChartRow, column: 1))
        if !names.isEmpty {
            try ws.insertChart(ChartSpec(
                kind: .bar, title: peers ? "Chỉ số của các đơn vị (%)" : "Chỉ số theo đơn vị chủ trì (%)",
                categoriesSheet: ws.name,
                categories: CellRange(first: .init(row: overallHeader + 1, column: 1), last: .init(row: overallLast, column: 1)),
                series: [ChartSpec.Series(name: "Chỉ số (%)", sheet: ws.name,
                    values: CellRange(first: .init(row: overallHeader + 1, column: 2), last: .init(row: overallLast, column: 2)),
                    color: 0x4472C4, labels: true)],
                valueMin: 0, valueMax: 100, numberFormat: "0.00", reverseCategories: true,
                width: 1000, height: unitChartHeight),
                at: .init(row: unitChartRow, column: 1))
        }
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative, fitToWidth: true))
    }

    static func writeDetail(_ r: CycleResults, framework: Framework, _ ws: WorksheetWriter) throws {
        let columns = [
            Column(header: "STT", width: 7), Column(header: "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", width: 46),
            Column(header: "Đơn vị chủ trì", width: 18), Column(header: "Điểm chuẩn", width: 9),
            Column(header: "Điểm tự đánh giá", width: 10), Column(header: "Điểm thẩm định", width: 10),
            Column(header: "Điểm đạt", width: 9), Column(header: "Điểm tính theo", width: 12),
            Column(header: "Điểm bị trừ", width: 9), Column(header: "Giải trình / ý kiến thẩm định", width: 30),
        ]
        var row = try titleBlock(r, ws, width: columns.count, subtitle: "Điểm từng tiêu chí")
        let headerRow = row
        try header(ws, row: row, columns)
        row += 1
        let directory = UnitDirectory(units: framework.units)
        let byID = Dictionary(r.scores.scores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func sums(_ c: Criterion) -> (max: Double?, selfScore: Double?, appraised: Double?, final: Double?, lost: Double?) {
            if !c.isGroup {
                let s = byID[c.id]
                if s?.notApplicable == true { return (nil, nil, nil, nil, nil) }
                return (c.max, s?.selfScore, s?.appraised, s?.final, s?.lost)
            }
            var out: (max: Double?, selfScore: Double?, appraised: Double?, final: Double?, lost: Double?) = (nil, nil, nil, nil, nil)
            func add(_ a: Double?, _ b: Double?) -> Double? { b.map { (a ?? 0) + $0 } ?? a }
            for child in c.children {
                let s = sums(child)
                out = (add(out.max, s.max), add(out.selfScore, s.selfScore), add(out.appraised, s.appraised),
                       add(out.final, s.final), add(out.lost, s.lost))
            }
            return out
        }
        for item in framework.flattened {
            let c = item.criterion
            let s = byID[c.id]
            let figures = sums(c)
            let bold: (CellStyle) -> CellStyle = { c.isGroup ? AppendixStyles.bold($0) : $0 }
            let lead = c.lead.map { directory.resolve($0)?.name ?? $0 }.joined(separator: "; ")
            let origin: String? = c.isGroup ? nil
                : s?.notApplicable == true ? "Không áp dụng"
                : s?.source.map { $0 == .appraised ? "Thẩm định" : "Tự đánh giá" } ?? "Chưa có điểm"
            let cells: [(CellValue?, CellStyle)] = [
                (c.code.isEmpty ? nil : .string(c.code), AppendixStyles.code),
                (.string(String(repeating: "   ", count: item.depth) + c.title), AppendixStyles.text),
                (lead.isEmpty ? nil : .string(lead), AppendixStyles.text),
                (figures.max.map { .number($0) }, scoreStyle),
                (figures.selfScore.map { .number($0) }, scoreStyle),
                (figures.appraised.map { .number($0) }, scoreStyle),
                (figures.final.map { .number($0) }, scoreStyle),
                (origin.map { .string($0) }, AppendixStyles.code),
                (figures.lost.map { .number($0) }, scoreStyle),
                (s?.comment.map { .string($0) }, AppendixStyles.text),
            ]
            var texts: [(String, Double, Bool)] = []
            for (i, cell) in cells.enumerated() {
                var style = bold(cell.1)
                if !c.isGroup, s?.appraised != nil, s?.selfScore != nil, s?.appraised != s?.selfScore, i == 5 {
                    style = style.with { $0.fillColor = 0xFCE4D6 }
                }
                try ws.write(cell.0, at: .init(row: row, column: i + 1), style: style)
                if case .string(let t)? = cell.0 { texts.append((t, columns[i].width, c.isGroup)) }
            }
            try ws.setRowHeight(row, height: RowHeights.height(cells: texts))
            row += 1
        }
        try ws.freezePanes(row: headerRow + 1, column: 3)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: headerRow...headerRow, fitToWidth: true, centerHorizontally: true))
    }

    static func writeFindings(_ r: CycleResults, _ ws: WorksheetWriter) throws {
        let columns = [Column(header: "Mức", width: 10), Column(header: "Mã quy tắc", width: 20),
                       Column(header: "Tiêu chí", width: 9), Column(header: "Ô", width: 14),
                       Column(header: "Nội dung", width: 80)]
        try header(ws, row: 1, columns)
        var row = 2
        for f in r.findings {
            let cells: [String?] = [f.severity.label, f.rule.rawValue, f.code,
                                    f.cell.map { c in f.sheet.map { "\($0)!\(c.a1)" } ?? c.a1 }, f.message]
            for (i, text) in cells.enumerated() {
                try ws.write(text.map { .string($0) }, at: .init(row: row, column: i + 1), style: AppendixStyles.text)
            }
            try ws.setRowHeight(row, height: RowHeights.height(cells: [(f.message, 80, false)]))
            row += 1
        }
        try ws.freezePanes(row: 2)
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                      repeatRows: 1...1, fitToWidth: true))
    }
}
