import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// Reads the four seed appendix tables, typed into workbooks by openpyxl, xlsxwriter
/// (normal and constant-memory) and LibreOffice (`scripts/examples/make_seed_workbooks.py`),
/// and compares every recognised row with the rows the script typed
/// (`Tests/Fixtures/tables/*.expected.json`).
struct SeedWorkbookImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func workbook(_ name: String) -> String {
        root.appendingPathComponent("Examples/appendices/\(name).xlsx").path
    }

    struct Expected: Decodable {
        let producer: String
        let sheet: String
        let headerRow: Int
        let header: [String]
        let rows: [ExpectedRow]
    }

    struct ExpectedRow: Decodable {
        let row: Int
        let cells: [JSONCell?]
    }

    enum JSONCell: Decodable, Equatable {
        case number(Double), text(String)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Double.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
        }
        var text: String? { if case .text(let t) = self { return t }; return nil }
        var number: Double? {
            switch self {
            case .number(let n): return n
            case .text(let t): return Double(t.replacingOccurrences(of: ",", with: "."))
            }
        }
    }

    static func expected(_ name: String) throws -> Expected {
        let url = root.appendingPathComponent("Tests/Fixtures/tables/\(name).expected.json")
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }

    /// How each unit cell of the seeds splits into units (reviewed by hand).
    static let unitSplits: [String: [String]] = [
        "Phòng Nội vụ, các phòng ban liên quan": ["Phòng Nội vụ", "các phòng ban liên quan"],
        "Văn phòng Sở; Trung tâm TTKT& UDKHCN": ["Văn phòng Sở", "Trung tâm TTKT& UDKHCN"],
        "Văn phòng HĐND&UBND, Phòng Văn hóa và Thông tin; Trung tâm Văn hóa – TT-TT":
            ["Văn phòng HĐND&UBND", "Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa – TT-TT"],
        "Phòng Nội vụ; Văn phòng HĐND&UBND; Tài chính – Kế hoạch; Tư pháp; Văn hóa và Thông tin":
            ["Phòng Nội vụ", "Văn phòng HĐND&UBND", "Tài chính – Kế hoạch", "Tư pháp", "Văn hóa và Thông tin"],
        "Văn phòng HĐND&UBND huyện; UBND các xã, thị trấn": ["Văn phòng HĐND&UBND huyện", "UBND các xã, thị trấn"],
        "Chi nhánh Văn phòng đăng ký đất đai; Phòng Tài nguyên và Môi trường":
            ["Chi nhánh Văn phòng đăng ký đất đai", "Phòng Tài nguyên và Môi trường"],
        "Văn phòng HĐND&UBND huyện; Chi nhánh Văn phòng đăng ký đất đai; Phòng Tài nguyên và Môi trường; Phòng Nội vụ":
            ["Văn phòng HĐND&UBND huyện", "Chi nhánh Văn phòng đăng ký đất đai", "Phòng Tài nguyên và Môi trường", "Phòng Nội vụ"],
        "Phòng Văn hóa và Thông tin; Văn phòng HĐND&UBND huyện; UBND các xã, thị trấn":
            ["Phòng Văn hóa và Thông tin", "Văn phòng HĐND&UBND huyện", "UBND các xã, thị trấn"],
        "Phòng Văn hóa và Thông tin; UBND các xã, thị trấn": ["Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn"],
        // Row 10 of seed 004, joined over the page break.
        "Văn phòng HĐND&UBND huyện; Phòng Tài nguyên và Môi trường, Chi nhánh Văn phòng đăng ký đất đai; UBND các xã, thị trấn":
            ["Văn phòng HĐND&UBND huyện", "Phòng Tài nguyên và Môi trường", "Chi nhánh Văn phòng đăng ký đất đai", "UBND các xã, thị trấn"],
    ]

    static func units(_ cell: String?) -> [String] {
        guard let cell, !cell.isEmpty else { return [] }
        return unitSplits[cell] ?? [cell]
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let columns: [ColumnRole: Int]
        let repeatedHeaders: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "000-van-phong-ubnd-dak-nong-2020",
             columns: [.code: 1, .title: 2, .max: 3, .prev: 4, .target: 5, .tasks: 6, .lead: 7, .coop: 8],
             repeatedHeaders: [14, 20, 26, 34]),
        Case(name: "002-ubnd-ninh-son-766-2022",
             columns: [.code: 1, .title: 2, .lead: 3, .coop: 4, .person: 5], repeatedHeaders: []),
        Case(name: "003-so-khcn-dak-nong-2023",
             columns: [.code: 1, .title: 2, .max: 3, .prev: 4, .target: 5, .tasks: 6, .lead: 7],
             repeatedHeaders: [13, 27]),
        Case(name: "004-khac-phuc-2023",
             columns: [.code: 1, .title: 2, .lead: 3, .coop: 4, .deadline: 5],
             repeatedHeaders: [10, 17, 24]),
    ]

    @Test(arguments: cases)
    func everyRowIsRecognisedWithItsValues(_ c: Case) throws {
        let expected = try Self.expected(c.name)
        let reader = try XLSXReader(path: Self.workbook(c.name))
        let table = try TableRecognizer().recognize(reader)

        #expect(table.sheet == expected.sheet)
        #expect(table.headerRow == expected.headerRow)
        #expect(table.columns == c.columns)
        #expect(table.notes.filter { $0.kind == .repeatedHeader }.map(\.row) == c.repeatedHeaders)

        // The rows the script typed, with the page-break continuation joined and the
        // total row left out, exactly as a reader of the paper appendix would list them.
        var wanted: [(row: Int, cells: [JSONCell?])] = []
        for row in expected.rows {
            let code = row.cells[0]?.text ?? ""
            let title = row.cells[1]?.text ?? ""
            if code.hasPrefix("Tổng cộng") { continue }
            if code.isEmpty, let first = title.first, first.isLowercase, var last = wanted.popLast() {
                for i in row.cells.indices {
                    guard let add = row.cells[i]?.text else { continue }
                    last.cells[i] = .text((last.cells[i]?.text.map { $0 + " " } ?? "") + add)
                }
                wanted.append(last)
                continue
            }
            wanted.append((row.row, row.cells))
        }

        #expect(table.rows.map(\.row) == wanted.map(\.row))
        for (got, want) in zip(table.rows, wanted) {
            func cell(_ role: ColumnRole) -> JSONCell? {
                c.columns[role].flatMap { want.cells[$0 - 1] }
            }
            let context = Comment(rawValue: "\(c.name) row \(want.row)")
            #expect(got.code == (cell(.code)?.text ?? ""), context)
            #expect(got.title == cell(.title)?.text, context)
            for role in [ColumnRole.max, .prev, .target] {
                #expect(got.score(role)?.number == cell(role)?.number, context)
            }
            #expect(got.text(.tasks) == cell(.tasks)?.text, context)
            #expect(got.text(.deadline) == cell(.deadline)?.text, context)
            // Person names are stored NFD in the 002 workbook; the table gives them in NFC.
            #expect(got.text(.person) == cell(.person)?.text?.precomposedStringWithCanonicalMapping, context)
            #expect(got.lead == Self.units(cell(.lead)?.text), context)
            #expect(got.coop == Self.units(cell(.coop)?.text), context)
        }
        // No header or title text ever appears as a data row.
        for row in table.rows {
            #expect(!["STT", "stt", "PHỤ LỤC"].contains(row.code))
            #expect(row.title.map { $0.hasPrefix("(Kèm theo") || $0.hasPrefix("(Ban hành") } != true)
        }
    }

    @Test func remediationTableJoinsThePageBreakAndReportsTheTotal() throws {
        let reader = try XLSXReader(path: Self.workbook("004-khac-phuc-2023"))
        let table = try TableRecognizer().recognize(reader)
        let ten = try #require(table.rows.first { $0.code == "10" })
        #expect(ten.title == "Thực hiện việc xin lỗi bằng văn bản khi giải quyết thủ tục hành chính sai sót, trễ hạn")
        #expect(ten.joinedRows == [18])
        #expect(table.notes.contains { $0.kind == .joinedContinuation && $0.row == 18 && $0.message.contains("dòng 16") })
        #expect(table.notes.contains { $0.kind == .total && $0.row == 31 })
        #expect(table.rows.count == 21)
    }

    @Test func hierarchyOfThePlanAppendix() throws {
        let reader = try XLSXReader(path: Self.workbook("000-van-phong-ubnd-dak-nong-2020"))
        let table = try TableRecognizer().recognize(reader)
        let parentCode = Dictionary(table.rows.map { row in
            ("\(row.code)@\(row.row)", row.parent.map { table.rows[$0].code } ?? "")
        }, uniquingKeysWith: { a, _ in a })
        #expect(parentCode["A@6"] == "")
        #expect(parentCode["1@7"] == "A")
        #expect(parentCode["1.1@8"] == "1")
        #expect(parentCode["1.2.1@10"] == "1.2")
        #expect(parentCode["1.2.5@16"] == "1.2")
        #expect(parentCode["2.2@17"] == "A")
        #expect(parentCode["2.2.1@18"] == "2.2")
        #expect(parentCode["3.3@23"] == "A")
        #expect(parentCode["-@24"] == "3.3")
        #expect(parentCode["4@27"] == "A")
        #expect(parentCode["4.2.2@37"] == "4.2")
    }
}
