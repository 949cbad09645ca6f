import Foundation
import XLSX
@testable import ParIndexKit

/// A cell value in a test table: a string, a number or nothing.
enum TestCell: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
               ExpressibleByNilLiteral, Equatable {
    case text(String), number(Double), empty
    init(stringLiteral value: String) { self = .text(value) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(nilLiteral: ()) { self = .empty }
}

/// What a test compares: the rule, the cell and the criterion code of a finding.
struct Triple: Hashable, CustomStringConvertible {
    var rule: RuleID
    var cell: String?
    var code: String?
    init(_ rule: RuleID, _ cell: String?, _ code: String?) { self.rule = rule; self.cell = cell; self.code = code }
    var description: String { "(\(rule.rawValue), \(cell ?? "-"), \(code ?? "-"))" }
}

extension Array where Element == Finding {
    var triples: [Triple] { map { Triple($0.rule, $0.cell?.a1, $0.code) } }
}

/// A small framework and a clean submission of it, edited by each test.
enum ValidationFixture {
    static let units = [
        Unit(code: "VP", name: "Văn phòng"),
        Unit(code: "CTTDT", name: "CTTĐT"),
        Unit(code: "TTHCC", name: "TTHCC"),
    ]

    /// A (no max) › 1 (max 2) › 1.1 (1), 1.2 (1) › 1.2.1 (0,5), 1.2.2 (0,5);
    /// A › 2 (no max) › 2.1 (1), 2.2 (no max) › `-` 2.2-1 (0,5).
    static let framework = Framework(
        metadata: FrameworkMetadata(title: "Kế hoạch thử", year: 2023, layout: "plan"),
        units: units,
        criteria: [
            Criterion(id: "A", code: "A", title: "ĐIỂM THỰC HIỆN CCHC", children: [
                Criterion(id: "1", code: "1", title: "Cải cách thủ tục hành chính", max: 2, children: [
                    Criterion(id: "1.1", code: "1.1", title: "Kiểm soát quy định thủ tục hành chính", max: 1, prev: 1, target: 1,
                              lead: ["Văn phòng"], coop: ["Các phòng, đơn vị liên quan"]),
                    Criterion(id: "1.2", code: "1.2", title: "Công bố, công khai TTHC", max: 1, children: [
                        Criterion(id: "1.2.1", code: "1.2.1", title: "Công bố TTHC đúng hạn", max: 0.5, lead: ["Văn phòng"]),
                        Criterion(id: "1.2.2", code: "1.2.2", title: "Công khai TTHC trên Cổng thông tin điện tử", max: 0.5,
                                  lead: ["Văn phòng"], coop: ["CTTĐT"]),
                    ]),
                ]),
                Criterion(id: "2", code: "2", title: "Hiện đại hóa hành chính", children: [
                    Criterion(id: "2.1", code: "2.1", title: "Vận hành Cổng dịch vụ công", max: 1, lead: ["CTTĐT"], coop: ["TTHCC"]),
                    Criterion(id: "2.2", code: "2.2", title: "Kết quả giải quyết TTHC", children: [
                        Criterion(id: "2.2-1", code: "-", title: "Đánh giá chất lượng giải quyết TTHC", max: 0.5,
                                  lead: ["Văn phòng"], coop: ["TTHCC"]),
                    ]),
                ]),
            ]),
        ])

    static let header: [TestCell] = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm chuẩn", "Điểm đạt năm 2022",
                                     "Mục tiêu năm 2023", "Điểm tự đánh giá", "Nhiệm vụ, giải pháp", "Đơn vị chủ trì",
                                     "Đơn vị phối hợp", "Thời gian hoàn thành"]
    static let headerRow = 3

    /// Columns: A STT, B title, C max, D prev, E target, F self, G tasks, H lead, I coop,
    /// J deadline. Data from sheet row 4 (index 0) to row 12 (index 8).
    static func cleanRows() -> [[TestCell]] {
        [
            ["A", "ĐIỂM THỰC HIỆN CCHC", nil, nil, nil, nil, nil, nil, nil, nil],
            ["1", "Cải cách thủ tục hành chính", 2, nil, 2, 2, "- Rà soát, công bố TTHC", nil, nil, "Thường xuyên"],
            ["1.1", "Kiểm soát quy định thủ tục hành chính", 1, 1, 1, 1, "- Tham mưu ban hành quy định TTHC", "Văn phòng",
             "Các phòng, đơn vị liên quan", "Trước ngày 15/11/2023"],
            ["1.2", "Công bố, công khai TTHC", 1, nil, 1, 1, "- Công khai đầy đủ", nil, nil, "Quý IV/2023"],
            ["1.2.1", "Công bố TTHC đúng hạn", "0,5", "0,25", "0,5", "0,5", "- Công bố kịp thời", "Văn phòng", nil, "15/11/2023"],
            ["1.2.2", "Công khai TTHC trên Cổng thông tin điện tử", 0.5, 0.5, 0.5, 0.5, "- Cập nhật Cổng", "Văn phòng",
             "CTTĐT", "Hàng quý"],
            ["2", "Hiện đại hóa hành chính", nil, nil, nil, nil, nil, nil, nil, nil],
            ["2.1", "Vận hành Cổng dịch vụ công", 1, 0.5, 1, 1, "- Nâng cấp Cổng", "CTTĐT", "TTHCC", "Năm 2023"],
            ["2.2", "Kết quả giải quyết TTHC", nil, nil, nil, nil, "- Thu nhận đánh giá của người dân", nil, nil, nil],
            // The bullet row's tasks are carried by its group row 2.2, as in seed 000.
            ["-", "Đánh giá chất lượng giải quyết TTHC", "0,5", "0,5", "0,5", "0,5", nil, "Văn phòng", "TTHCC",
             "Theo quy định"],
        ]
    }

    /// Sheet row of data row `index`.
    static func sheetRow(_ index: Int) -> Int { headerRow + 1 + index }

    static func xlsxRows(_ data: [[TestCell]], header: [TestCell] = header) -> [Row] {
        func row(_ number: Int, _ cells: [TestCell]) -> Row {
            Row(number: number, cells: cells.enumerated().compactMap { column, cell in
                let reference = CellReference(row: number, column: column + 1)
                switch cell {
                case .text(let s): return Cell(reference: reference, value: .string(s))
                case .number(let n): return Cell(reference: reference, value: .number(n))
                case .empty: return nil
                }
            })
        }
        var rows = [row(1, ["PHỤ LỤC"]), row(2, ["Kế hoạch thử năm 2023"]), row(headerRow, header)]
        for (index, cells) in data.enumerated() { rows.append(row(sheetRow(index), cells)) }
        return rows
    }

    static func submission(_ data: [[TestCell]] = cleanRows(), header: [TestCell] = header,
                           identity: TemplateIdentity? = nil) -> Submission {
        let table = TableRecognizer().recognize(rows: xlsxRows(data, header: header), sheet: "Phụ lục")!
        return Submission(file: "don-vi.xlsx", table: table, identity: identity)
    }

    /// The plan layout with a self-assessed score column (required) and a deadline column.
    static let layout = Layout(name: "test", title: "Thử {year}", columns: [
        LayoutColumn(role: .code, header: "STT", given: true),
        LayoutColumn(role: .title, header: "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", given: true),
        LayoutColumn(role: .max, header: "Điểm chuẩn", given: true),
        LayoutColumn(role: .prev, header: "Điểm đạt năm {prevYear}", given: true),
        LayoutColumn(role: .target, header: "Mục tiêu năm {year}", required: true),
        LayoutColumn(role: .selfScore, header: "Điểm tự đánh giá", required: true),
        LayoutColumn(role: .tasks, header: "Nhiệm vụ, giải pháp", required: true),
        LayoutColumn(role: .lead, header: "Đơn vị chủ trì", given: true),
        LayoutColumn(role: .coop, header: "Đơn vị phối hợp"),
        LayoutColumn(role: .deadline, header: "Thời gian hoàn thành"),
    ])

    static func validate(_ submission: Submission, framework: Framework = framework,
                         layout: Layout? = layout) -> [Finding] {
        Validator(framework: framework, layout: layout).validate(submission)
    }

    static func identity(unit: String, hash: String? = nil, layout: String = "plan") -> TemplateIdentity {
        TemplateIdentity(frameworkTitle: "Kế hoạch thử", frameworkHash: hash ?? FrameworkStore.versionHash(framework),
                         year: 2023, unitCode: unit, unitName: unit, layout: layout)
    }

    /// The column of a header, removed from the header and every row.
    static func removingColumn(_ index: Int, from data: [[TestCell]]) -> ([TestCell], [[TestCell]]) {
        var header = header
        header.remove(at: index)
        return (header, data.map { var r = $0; r.remove(at: index); return r })
    }
}
