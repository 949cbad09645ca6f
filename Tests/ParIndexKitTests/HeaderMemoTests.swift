import Foundation
import Testing
@testable import ParIndexKit
import XLSX

/// Header recognition remembered per cell text (``HeaderMemo``) and the early rejection of
/// rows that cannot reach a number of roles give exactly the answers of recognising every
/// row afresh.
@Suite struct HeaderMemoTests {
    typealias Cells = [(column: Int, text: String)]

    /// Rows of every kind: the seed tables (headers, data, title rows), header variants
    /// (typos, NFD, line breaks, years), data rows full of numbers, dates and codes, rows
    /// that name a few header words, and rows that are only digits.
    static var rows: [Cells] {
        var rows: [Cells] = []
        for table in [SeedTables.plan2020, SeedTables.assignment2022, SeedTables.plan2023, SeedTables.remediation2023] {
            rows += SeedTables.rows(table)
        }
        func cells(_ texts: [String]) -> Cells { texts.enumerated().compactMap { $1.isEmpty ? nil : ($0 + 1, $1) } }
        rows += [
            cells(["stt", "LĨNH VỰC/\nTIÊU CHÍ".decomposedStringWithCanonicalMapping, "Điểm  chuẩn",
                   "Điểm đạt\nnăm 2019", "Mức tiêu năm 2020", "Nhiệm vụ,\ngiải pháp", "  Phòng chủ trì  "]),
            cells(["STT", "Nội dung", "Điểm chuẩnn", "Điểm chuẩn", "Chỉ số"]),
            cells(["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Tài liệu kiểm chứng", "Điểm thẩm định", "Ghi chú", "Cột riêng"]),
            cells(["12345", "3.1.4", "Quản lý, sử dụng tài sản công", "0.5", "0.25", "0,25",
                   "Báo cáo số 65/BC-UBND ngày 15/08/2023", "Phòng Nội vụ", "27/02/2023", "83.66", "3694", "Đạt"]),
            cells(["-", "Thời gian", "Ghi chú", "Điểm chuẩn", "", "1", "2"]),
            cells(["", "Chỉ số", "Đơn vị chủ trì", "Ghi chú"]),
            cells(["1", "2", "3", "4", "5", "6", "7"]),
            cells(["(1)", "(2)", "(3)", "(4)"]),
            cells(["STT", "Tiêu chí", "Điểm chuẩn", "1e-05", "TRUE", "#N/A"]),
            cells(["", "", "", ""]),
            cells(["Tổng cộng", "", "21", "18,5"]),
        ]
        return rows
    }

    /// What a caller needing `minimum` roles concluded before: the full match, kept only
    /// when it has that many roles.
    static func reference(_ matcher: HeaderMatcher, _ row: Cells, minimum: Int) -> HeaderMatch? {
        guard let match = matcher.matchHeaderRow(row), match.columns.count >= minimum else { return nil }
        return match
    }

    @Test(arguments: [3, 4, 5, 6, 7, 8])
    func memoisedMatchesEqualFreshOnes(minimum: Int) {
        let matcher = HeaderMatcher()
        var memo = HeaderMemo()
        // Twice over the rows: the second pass answers from the memo.
        for pass in 0..<2 {
            for row in Self.rows {
                let memoised = matcher.matchHeaderRow(row, memo: &memo, minimumRoles: minimum)
                let kept = memoised.flatMap { $0.columns.count >= minimum ? $0 : nil }
                #expect(kept == Self.reference(matcher, row, minimum: minimum), "pass \(pass): \(row.map(\.text))")
            }
        }
        #expect(!memo.entries.isEmpty)
    }

    @Test func digitOnlyCellsAreRejectedWithoutFolding() {
        let matcher = HeaderMatcher()
        #expect(!matcher.digitsCanMatch)
        for text in ["12", "1.2.3", "0,25", "27/02/2023", "(1)", "  ", "-"] {
            #expect(matcher.isKnownNonHeader(text, memo: HeaderMemo()), "\(text)")
            #expect(matcher.recognize(header: text) == nil, "\(text)")
        }
        for text in ["STT", "Điểm chuẩn", "1e-05", "TT"] {
            #expect(!matcher.isKnownNonHeader(text, memo: HeaderMemo()), "\(text)")
        }
    }

    /// A user's layout may name a column with digits only: then digit cells are folded.
    @Test func digitWordingsDisableTheShortcut() throws {
        let custom = HeaderMatcher(additionalWordings: [.code: ["01"]])
        #expect(custom.digitsCanMatch)
        var memo = HeaderMemo()
        let row: Cells = [(1, "01"), (2, "Tiêu chí"), (3, "Điểm chuẩn")]
        let match = try #require(custom.matchHeaderRow(row, memo: &memo))
        #expect(match.columns == [.code: 1, .title: 2, .max: 3])
        #expect(custom.matchHeaderRow(row) == match)
    }

    /// A table with its header repeated at page breaks (once with a typo and NFD text),
    /// title rows above, data rows whose STT is not a structural code (`-`, 5-digit
    /// numbers, text) and a row naming a few header words: the repetitions are dropped
    /// with a note, every other row is kept.
    @Test func repeatedHeadersMidTable() throws {
        let header = ["STT", "Lĩnh vực/Tiêu chí", "Điểm chuẩn", "Điểm đạt năm 2022", "Mục tiêu năm 2023",
                      "Nhiệm vụ, giải pháp", "Đơn vị chủ trì", "Đơn vị phối hợp"]
        let typo = ["stt", "LĨNH VỰC/TIÊU CHÍ".decomposedStringWithCanonicalMapping, "Điểm chuẩn",
                    "Điểm đạt năm 2022", "Mức tiêu năm 2023", "Nhiệm vụ,\ngiải pháp", "Đơn vị chủ trì", "Đơn vị phối hợp"]
        var texts: [[CellValue?]] = [
            [.string("PHỤ LỤC")],
            [.string("Nhiệm vụ cải thiện Chỉ số CCHC năm 2023")],
            header.map { .string($0) },
        ]
        var expectedRepeats: [Int] = []
        for i in 1...60 {
            if i == 20 { texts.append(header.map { .string($0) }); expectedRepeats.append(texts.count) }
            if i == 40 { texts.append(typo.map { .string($0) }); expectedRepeats.append(texts.count) }
            let code: CellValue = i % 3 == 0 ? .string("-") : i % 3 == 1 ? .number(Double(10_000 + i)) : .string("\(i / 10 + 1).\(i % 10 + 1)")
            texts.append([code, .string("Tiêu chí số \(i % 7)"), .number(Double(i % 5) + 0.5), .string("\(i % 4),25"),
                          .number(1), .string("Thời gian"), .string("Phòng Nội vụ"), .string("Ghi chú")])
        }
        let rows = texts.enumerated().map { index, values in
            Row(number: index + 1, cells: values.enumerated().compactMap { column, value in
                value.map { Cell(reference: CellReference(row: index + 1, column: column + 1), value: $0) }
            })
        }
        let table = try #require(TableRecognizer().recognize(rows: rows, sheet: "Bảng"))
        #expect(table.headerRow == 3)
        #expect(table.notes.filter { $0.kind == .repeatedHeader }.map(\.row) == expectedRepeats)
        #expect(table.rows.count == 60)
        #expect(Set(table.rows.map(\.row)).isDisjoint(with: expectedRepeats))
        // The same rows recognised one at a time with fresh matchers agree on every row.
        let matcher = HeaderMatcher()
        for row in rows.dropFirst(3) {
            let cells = row.cells.map { (column: $0.reference.column, text: $0.value.description) }
            let isRepeat = Self.reference(matcher, cells, minimum: 7) != nil
            #expect(isRepeat == expectedRepeats.contains(row.number), "row \(row.number)")
        }
    }
}
