import Foundation
import XLSX

/// The appraisal workbook (bảng thẩm định) the appraisal council fills: per criterion the
/// unit's self score, evidence and note, locked, and two open columns, `Điểm thẩm định`
/// (validated 0…điểm chuẩn like a template's score cells) and `Giải trình / ý kiến thẩm
/// định`. Locked like templates; a hidden identity sheet (layout `appraisal`) ties it to
/// the framework version. Read back by ``AppraisalReader``.
public struct AppraisalSheet: Sendable {
    public static let sheetName = "Thẩm định"
    public static let instructionsSheetName = "Hướng dẫn"
    /// The identity's layout name.
    public static let layoutName = "appraisal"
    public static let headerRow = 7
    /// Header of the council's explanation column.
    public static let commentHeader = "Giải trình / ý kiến thẩm định"

    /// The columns, left to right.
    enum Column: Int, CaseIterable {
        case code = 1, title, max, lead, selfScore, evidence, note, appraised, comment

        var header: String {
            switch self {
            case .code: "STT"
            case .title: "Lĩnh vực/Tiêu chí/Tiêu chí thành phần"
            case .max: "Điểm chuẩn"
            case .lead: "Đơn vị chủ trì"
            case .selfScore: "Điểm tự đánh giá"
            case .evidence: "Tài liệu kiểm chứng"
            case .note: "Ghi chú"
            case .appraised: "Điểm thẩm định"
            case .comment: AppraisalSheet.commentHeader
            }
        }

        var width: Double {
            switch self {
            case .code: 7
            case .title: 48
            case .max, .selfScore, .appraised: 10
            case .lead: 18
            case .evidence: 30
            case .note: 16
            case .comment: 34
            }
        }

        /// Filled by the council.
        var isOpen: Bool { self == .appraised || self == .comment }
    }

    public let framework: Framework
    public let scores: ScoreSheet
    /// Who is appraised (printed under the title); defaults to the scores' entity, else
    /// the framework's issuer.
    public var entity: String?
    public var password: String?

    public init(framework: Framework, scores: ScoreSheet, entity: String? = nil, password: String? = nil) {
        self.framework = framework
        self.scores = scores
        self.entity = entity ?? scores.entity ?? framework.metadata.issuer
        self.password = password?.isEmpty == true ? nil : password
    }

    /// The title line with the year.
    public var title: String {
        let year = framework.metadata.year.map { " năm \($0)" } ?? ""
        return "BẢNG THẨM ĐỊNH KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH\(year)"
    }

    /// Writes the workbook atomically; returns the number of criteria open for appraisal.
    @discardableResult
    public func write(to path: String) throws -> Int {
        let styles = TemplateStyles()
        let writer = try XLSXWriter(path: path)
        let sheet = try writer.addWorksheet(name: Self.sheetName)
        let columns = Column.allCases
        let count = columns.count
        for column in columns { try sheet.setColumnWidth(column.rawValue, width: column.width) }
        let totalWidth = columns.reduce(0) { $0 + $1.width }

        func merge(_ row: Int, _ first: Int, _ last: Int, _ text: String, _ style: CellStyle) throws {
            try sheet.merge(CellRange(first: .init(row: row, column: first), last: .init(row: row, column: last)),
                            value: .string(text), style: style)
        }
        try merge(1, 1, 3, "HỘI ĐỒNG THẨM ĐỊNH", styles.nationalLeft)
        try merge(1, 4, count, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles.nationalRight)
        try merge(2, 4, count, "Độc lập - Tự do - Hạnh phúc", styles.nationalRight)
        try merge(4, 1, count, title, styles.title)
        try sheet.setRowHeight(4, height: RowHeights.height(cells: [(title, totalWidth, true)], fontSize: 14))
        let line = "Đơn vị được thẩm định: \(entity ?? "…")"
        try merge(5, 1, count, line, styles.unitLine)

        for column in columns {
            try sheet.write(.string(column.header), at: .init(row: Self.headerRow, column: column.rawValue),
                            style: styles.header)
        }
        try sheet.setRowHeight(Self.headerRow, height: RowHeights.height(cells: columns.map { ($0.header, $0.width, true) }))

        let directory = UnitDirectory(units: framework.units)
        let byID = Dictionary(scores.scores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var row = Self.headerRow + 1
        var open = 0
        let given = LayoutColumn(role: .title, header: "", given: true)
        let groupRow = { (c: Criterion) in TemplateRow(criterion: c, depth: 0, isLed: false) }
        for item in framework.flattened {
            let c = item.criterion
            let score = byID[c.id]
            let isInput = !c.isGroup && c.max != nil
            let templateRow = c.isGroup ? groupRow(c) : TemplateRow(criterion: c, depth: item.depth, isLed: isInput)
            var texts: [(String, Double, Bool)] = []
            for column in columns {
                let ref = CellReference(row: row, column: column.rawValue)
                let role: ColumnRole
                switch column {
                case .code: role = .code
                case .title: role = .title
                case .max, .selfScore, .appraised: role = column == .max ? .max : column == .selfScore ? .selfScore : .appraised
                case .lead: role = .lead
                case .evidence: role = .evidence
                case .note: role = .note
                case .comment: role = .note
                }
                var layoutColumn = given
                layoutColumn.role = role
                layoutColumn.given = !column.isOpen
                layoutColumn.required = column == .appraised
                var style = styles.cell(layoutColumn, row: templateRow)
                if role.isScore { style.numberFormat = "[$-42A]General" }
                let value: CellValue?
                switch column {
                case .code: value = c.code.isEmpty ? nil : .string(c.code)
                case .title: value = .string(c.title)
                case .max: value = (c.isGroup ? Self.sumMax(c) : c.max).map { .number($0) }
                case .lead:
                    let names = c.lead.map { directory.resolve($0)?.name ?? $0 }
                    value = names.isEmpty ? nil : .string(names.joined(separator: "\n"))
                case .selfScore:
                    if c.isGroup { value = Self.sumSelf(c, byID).map { .number($0) } }
                    else if score?.notApplicable == true { value = .string("Không áp dụng") }
                    else { value = score?.selfScore.map { .number($0) } }
                case .evidence: value = score?.evidence.map { .string($0) }
                case .note: value = score?.note.map { .string($0) }
                case .appraised: value = score?.appraised.map { .number($0) }
                case .comment: value = score?.comment.map { .string($0) }
                }
                try sheet.write(value, at: ref, style: style)
                if case .string(let t)? = value { texts.append((t, column.width, c.isGroup)) }
            }
            try sheet.setRowHeight(row, height: RowHeights.height(cells: texts))
            if isInput, let max = c.max {
                open += 1
                try sheet.addDataValidation(
                    range: CellRange(first: .init(row: row, column: Column.appraised.rawValue),
                                     last: .init(row: row, column: Column.appraised.rawValue)),
                    rule: TemplateValidation.score(header: Column.appraised.header, max: max, code: c.code))
            }
            row += 1
        }
        let bold = styles.header.with { $0.fillColor = TemplateStyles.groupFill }
        try sheet.write(nil, at: .init(row: row, column: 1), style: bold)
        try sheet.write(.string("Tổng cộng"), at: .init(row: row, column: 2), style: bold)
        try sheet.write(.number(framework.criteria.compactMap { $0.isGroup ? Self.sumMax($0) : $0.max }.reduce(0, +)),
                        at: .init(row: row, column: 3), style: bold.with { $0.numberFormat = "[$-42A]General" })
        try sheet.write(nil, at: .init(row: row, column: 4), style: bold)
        let selfTotal = scores.scores.compactMap { $0.notApplicable ? nil : $0.selfScore }.reduce(0, +)
        try sheet.write(.number(selfTotal), at: .init(row: row, column: 5), style: bold.with { $0.numberFormat = "[$-42A]General" })
        for column in 6...count { try sheet.write(nil, at: .init(row: row, column: column), style: bold) }

        try sheet.freezePanes(row: Self.headerRow + 1, column: 3)
        try sheet.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative,
                                         repeatRows: Self.headerRow...Self.headerRow, fitToWidth: true,
                                         centerHorizontally: true, footer: "&CTrang &P/&N"))
        try sheet.protect(password: password, options: ProtectionOptions(formatColumns: true, formatRows: true))
        try sheet.activate()

        try writeInstructions(writer, styles: styles, open: open)
        try writer.addIdentitySheet(TemplateIdentity(
            frameworkTitle: framework.metadata.title, frameworkHash: FrameworkStore.versionHash(framework),
            year: framework.metadata.year, unitCode: "HDTD", unitName: entity ?? "Hội đồng thẩm định",
            layout: Self.layoutName, generator: TemplateBuilder.generator), password: password)
        try writer.setProperties(DocumentProperties(
            title: title, subject: framework.metadata.title, author: TemplateBuilder.generator,
            company: framework.metadata.issuer, category: "PAR INDEX", keywords: "PAR INDEX, CCHC, thẩm định",
            comments: "Bảng thẩm định lập từ kết quả tự đánh giá (\(scores.scoredCount) tiêu chí có điểm)."))
        try writer.close()
        return open
    }

    private func writeInstructions(_ writer: XLSXWriter, styles: TemplateStyles, open: Int) throws {
        let sheet = try writer.addWorksheet(name: Self.instructionsSheetName)
        try sheet.setColumnWidth(1, width: 5)
        try sheet.setColumnWidth(2, width: 100)
        try sheet.merge(CellRange(first: .init(row: 1, column: 1), last: .init(row: 1, column: 2)),
                        value: .string("HƯỚNG DẪN THẨM ĐỊNH"), style: styles.instructionsTitle)
        let paragraphs = [
            "Bảng gồm \(open) tiêu chí có điểm chuẩn. Các cột STT, tiêu chí, điểm chuẩn, đơn vị chủ trì, điểm tự đánh giá, tài liệu kiểm chứng và ghi chú lấy từ kết quả tự đánh giá và đã khóa.",
            "Hội đồng điền cột \"Điểm thẩm định\" (ô nền vàng) cho từng tiêu chí: số từ 0 đến điểm chuẩn; Excel báo lỗi nếu vượt điểm chuẩn. Để trống nghĩa là giữ nguyên điểm tự đánh giá.",
            "Ghi lý do khi điểm thẩm định khác điểm tự đánh giá vào cột \"\(Self.commentHeader)\".",
            "Không đổi tên, thêm, xóa các trang tính; không sửa STT; không chèn, xóa dòng hoặc cột.",
            "Điền xong, lưu dưới dạng Excel (.xlsx) và gửi lại cơ quan tổng hợp.",
        ]
        var row = 3
        for (i, text) in paragraphs.enumerated() {
            try sheet.write(.string("\(i + 1)."), at: .init(row: row, column: 1), style: styles.instructionsHeading)
            try sheet.write(.string(text), at: .init(row: row, column: 2), style: styles.instructionsText)
            try sheet.setRowHeight(row, height: RowHeights.height(cells: [(text, 100, false)]))
            row += 1
        }
        try sheet.setPageSetup(PageSetup(paper: .a4, orientation: .portrait, margins: .administrative, fitToWidth: true))
        try sheet.protect(password: password)
    }

    static func sumMax(_ c: Criterion) -> Double? {
        guard c.isGroup else { return c.max }
        let parts = c.children.compactMap { sumMax($0) }
        return parts.isEmpty ? c.max : parts.reduce(0, +)
    }

    static func sumSelf(_ c: Criterion, _ byID: [String: CriterionScore]) -> Double? {
        guard c.isGroup else {
            guard let s = byID[c.id], !s.notApplicable else { return nil }
            return s.selfScore
        }
        let parts = c.children.compactMap { sumSelf($0, byID) }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }
}

extension XLSXWriter {
    /// Adds the hidden, protected identity sheet (``TemplateIdentity``) that ties a
    /// workbook to its framework version.
    func addIdentitySheet(_ identity: TemplateIdentity, password: String?) throws {
        let sheet = try addWorksheet(name: TemplateIdentity.sheetName)
        for (index, pair) in identity.rows.enumerated() {
            try sheet.write(.string(pair.0), at: CellReference(row: index + 1, column: 1))
            try sheet.write(.string(pair.1), at: CellReference(row: index + 1, column: 2))
        }
        try sheet.protect(password: password)
        try sheet.hide()
    }
}
