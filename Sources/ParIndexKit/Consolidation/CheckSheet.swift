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
        try g.full("Mỗi dòng dưới đây gộp các dòng của một tệp có cùng kết quả; cột \"Dòng trong tệp\" và cột "
                   + "\"Dòng ở Phụ lục\" liệt kê theo cùng thứ tự (dòng 8–10 của tệp ứng với dòng 6–8 của Phụ lục). "
                   + "Mỗi dòng đầu vào có mặt đúng một lần.", AppendixStyles.note)
        // The range lists are long (a peer return's used rows: `9, 11–14, 16–17, …`): they
        // take the wide columns (H, and I–J merged), the words the two beside the code.
        let header = AppendixStyles.header
        try g.write([item(.string("Số dòng"), header), item(.string("Tệp"), header), item(.string("Trạng thái"), header),
                     item(.string("Trang tính"), header), item(.string("Mã"), header), item(.string("Chi tiết"), header, span: 2),
                     item(.string("Dòng trong tệp"), header), item(.string("Dòng ở Phụ lục"), header, span: 2)])
        try c.ledger.forEachRun { run in
            let fine = run.status == .used || run.status == .skipped || run.status == .superseded
            let style = fine ? text : red(text)
            for piece in pieces(run, appendixFirstRow: appendixFirstRow) {
                try g.write([item(run.rows.isEmpty ? nil : int(piece.count), number), item(string(run.file), style),
                             item(string(label(run.status)), style), item(string(run.sheet), style),
                             item(string(run.code), code), item(string(run.detail), style, span: 2),
                             item(string(piece.rows.isEmpty ? nil : piece.rows), style),
                             item(string(piece.criteria.isEmpty ? nil : piece.criteria), style, span: 2)])
            }
        }
        try ws.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, margins: .administrative, fitToWidth: true,
                                      header: AppendixWorkbook.workingHeader("Kiểm tra"), firstPageNumber: 1))
    }

    /// The status of an account line, in words.
    static func label(_ status: Consolidation.Account.Status) -> String {
        switch status {
        case .used: "Đã tổng hợp"
        case .notUsed: "Không dùng"
        case .excludedInvalid: "Tệp có lỗi"
        case .skipped: "Bỏ qua"
        case .unreadable: "Không đọc được"
        case .superseded: "Bản cũ, đã thay"
        }
    }

    /// The most characters a cell holds (Excel's limit).
    static let cellLimit = 32_767

    /// One written line of an account run: its input rows and their `Phụ lục` rows as text.
    struct Piece: Equatable {
        var rows: String
        var criteria: String
        var count: Int
    }

    /// An account run as written: one line, or several when its rows or `Phụ lục` rows
    /// would not fit in a cell (cut at the same row, so each line's two lists still
    /// correspond).
    static func pieces(_ run: Consolidation.AccountRun, appendixFirstRow: Int, limit: Int = cellLimit) -> [Piece] {
        typealias R = Consolidation.AccountRun
        let rows = R.text(run.rows), criteria = R.text(run.criteria, offset: appendixFirstRow)
        if rows.utf8.count <= limit && criteria.utf8.count <= limit {
            return [Piece(rows: rows, criteria: criteria, count: run.rowCount)]
        }
        let positions = run.criteria.lazy.flatMap { $0 }.map { $0 + appendixFirstRow }
        var criteriaIterator = positions.makeIterator()
        var pieces: [Piece] = []
        var rowText = RangeText(), criterionText = RangeText(), count = 0
        func close() {
            pieces.append(Piece(rows: R.text(rowText.ranges), criteria: R.text(criterionText.ranges), count: count))
            rowText = RangeText(); criterionText = RangeText(); count = 0
        }
        for row in run.rows.lazy.flatMap({ $0 }) {
            let position = criteriaIterator.next()
            let fits = rowText.length(adding: row) <= limit
                && (position.map { criterionText.length(adding: $0) <= limit } ?? true)
            if !fits && count > 0 { close() }
            rowText.add(row)
            if let position { criterionText.add(position) }
            count += 1
        }
        if count > 0 { close() }
        return pieces
    }

    /// Ranges being built with the UTF-8 length of their ``Consolidation/AccountRun/text(_:offset:)``.
    struct RangeText {
        private(set) var ranges: [ClosedRange<Int>] = []
        private(set) var length = 0

        private static func digits(_ n: Int) -> Int { String(n).utf8.count }

        /// The length once `n` is added.
        func length(adding n: Int) -> Int {
            guard let last = ranges.last else { return Self.digits(n) }
            if last.upperBound + 1 == n {
                // `a` becomes `a–n` (the dash is 3 bytes); `a–b` becomes `a–n`.
                return last.lowerBound == last.upperBound ? length + 3 + Self.digits(n)
                    : length - Self.digits(last.upperBound) + Self.digits(n)
            }
            return length + 2 + Self.digits(n)
        }

        mutating func add(_ n: Int) {
            length = length(adding: n)
            Consolidation.AccountRun.append(n, to: &ranges)
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
