import Foundation
import Testing
@testable import ParIndexKit

@Suite struct HeaderMatcherTests {
    let matcher = HeaderMatcher()

    static func cells(_ texts: [String]) -> [(column: Int, text: String)] {
        texts.enumerated().compactMap { $1.isEmpty ? nil : ($0 + 1, $1) }
    }

    static func isHeader(_ row: [(column: Int, text: String)]) -> Bool {
        let first = row.first { $0.column == 1 }?.text ?? ""
        return first == "STT" || first == "stt"
    }

    // MARK: Seed header rows

    @Test func seed000PlanHeader() throws {
        let rows = SeedTables.rows(SeedTables.plan2020).filter(Self.isHeader)
        #expect(rows.count == 5)
        for row in rows {
            let match = try #require(matcher.matchHeaderRow(row))
            #expect(match.columns == [.code: 1, .title: 2, .max: 3, .prev: 4, .target: 5,
                                      .tasks: 6, .lead: 7, .coop: 8])
            #expect(match.years == [.prev: 2019, .target: 2020])
            #expect(match.unrecognized.isEmpty)
            #expect(match.confidence == 1)
            #expect(match.score == 8)
        }
        // The third repetition has the typo `Mức tiêu năm 2020`.
        let typo = try #require(matcher.matchHeaderRow(rows[2]))
        #expect(typo.headerTexts[.target] == "Mức tiêu năm 2020")
        #expect(typo.headerTexts[.title] == "Lĩnh vực/Tiêu chí/Tiêu chí thành phần")
    }

    @Test func seed002AssignmentHeader() throws {
        let rows = SeedTables.rows(SeedTables.assignment2022).filter(Self.isHeader)
        #expect(rows.count == 1)
        let match = try #require(matcher.matchHeaderRow(rows[0]))
        #expect(match.columns == [.code: 1, .title: 2, .lead: 3, .coop: 4, .person: 5])
        #expect(match.years.isEmpty)
    }

    @Test func seed003PlanHeader() throws {
        let rows = SeedTables.rows(SeedTables.plan2023).filter(Self.isHeader)
        #expect(rows.count == 3)
        for row in rows {
            let match = try #require(matcher.matchHeaderRow(row))
            #expect(match.columns == [.code: 1, .title: 2, .max: 3, .prev: 4, .target: 5, .tasks: 6, .lead: 7])
            #expect(match.years == [.prev: 2022, .target: 2023])
        }
    }

    @Test func seed004RemediationHeader() throws {
        let rows = SeedTables.rows(SeedTables.remediation2023).filter(Self.isHeader)
        #expect(rows.count == 4)
        for row in rows {
            let match = try #require(matcher.matchHeaderRow(row))
            #expect(match.columns == [.code: 1, .title: 2, .lead: 3, .coop: 4, .deadline: 5])
        }
    }

    // MARK: Single headers

    static let wordings: [(String, ColumnRole)] = [
        ("STT", .code), ("stt", .code), ("TT", .code), ("Số TT", .code),
        ("Lĩnh vực/Tiêu chí/Tiêu chí thành phần", .title), ("Lĩnh vực, tiêu chí", .title),
        ("Chỉ số", .title), ("Nội dung khắc phục", .title), ("Nội dung", .title),
        ("Tiêu chí thành phần", .title),
        ("Điểm chuẩn", .max), ("Điểm tối đa", .max),
        ("Điểm đạt năm 2019", .prev), ("Điểm 2022 đạt được", .prev), ("Điểm đạt năm trước", .prev),
        ("Kết quả năm trước", .prev),
        ("Mục tiêu năm 2020", .target), ("Mức tiêu năm 2020", .target), ("Mục tiêu năm 2023", .target),
        ("Chỉ tiêu", .target),
        ("Nhiệm vụ, giải pháp", .tasks), ("Nhiệm vụ", .tasks),
        ("Phòng chủ trì", .lead), ("Đơn vị chủ trì", .lead), ("Cơ quan chủ trì", .lead),
        ("Đơn vị phụ trách", .lead),
        ("Phòng phối hợp", .coop), ("Cơ quan phối hợp", .coop), ("Đơn vị phối hợp", .coop),
        ("Thời gian hoàn thành", .deadline), ("Thời hạn", .deadline),
        ("Người thực hiện", .person), ("Cán bộ phụ trách", .person),
        ("Điểm tự đánh giá", .selfScore), ("Tự chấm", .selfScore), ("Điểm tự chấm 2024", .selfScore),
        ("Tài liệu kiểm chứng", .evidence), ("Điểm thẩm định", .appraised), ("Ghi chú", .note),
        // Variants: NFD, case, spacing, line breaks, remarks, typos.
        ("ĐIỂM CHUẨN", .max), ("  Điểm\nchuẩn ", .max), ("Điểm chuẩn (điểm)", .max),
        ("Điểm tự đánh giá\n(có thuyết minh kèm theo)", .selfScore),
        ("Mục tiêu\nnăm 2024", .target), ("NHIỆM VỤ,\nGIẢI PHÁP", .tasks),
        ("Diem chuan", .max), ("Điểm chuẩnn", .max), ("Điểm thẩm địnk", .appraised),
        ("Tài liệu kiểm chứg", .evidence), ("Thời gian hòan thành", .deadline),
    ]

    @Test(arguments: 0..<wordings.count)
    func recognisesWording(_ index: Int) {
        let (text, role) = Self.wordings[index]
        #expect(matcher.role(forHeader: text) == role, "\(text)")
        let nfd = text.decomposedStringWithCanonicalMapping
        #expect(matcher.role(forHeader: nfd) == role, "NFD \(text)")
        #expect(matcher.role(forHeader: text.uppercased()) == role, "upper \(text)")
    }

    @Test func typoMatchesAreMarkedInexact() throws {
        let exact = try #require(matcher.recognize(header: "Điểm chuẩn"))
        #expect(exact.isExact)
        let typo = try #require(matcher.recognize(header: "Điểm chuẩnn"))
        #expect(!typo.isExact)
        #expect(typo.role == .max)
    }

    @Test func diemDatNeverBecomesDiemChuan() {
        for text in ["Điểm đạt", "Điểm đạt được", "Điểm  đạt", "ĐIỂM ĐẠT"] {
            #expect(matcher.role(forHeader: text) != .max, "\(text)")
        }
        #expect(matcher.role(forHeader: "Điểm đạt năm 2019") == .prev)
    }

    @Test func nonHeaders() {
        for text in ["PHỤ LỤC", "Thường xuyên", "0,25", "Phòng Nội vụ", "NCKSTTHC",
                     "(Ban hành kèm theo Công văn số 642/PPUBND-HCQT ngày 11 tháng 7 năm 2020 của Văn phòng UBND tỉnh Đắk Nông)",
                     "Chất lượng báo cáo và thời gian báo cáo", "Tiến độ, kết quả giải quyết",
                     "Báo cáo đúng thời gian quy định", "Thực hiện hoàn thành 100% nhiệm vụ tuyên truyền CCHC.",
                     "", "   ", "(1)"] {
            #expect(matcher.role(forHeader: text) == nil, "\(text)")
        }
    }

    // MARK: Rows

    @Test func headerRowVariantsStillMatch() throws {
        let row = Self.cells([
            "STT".lowercased(),
            "LĨNH VỰC/\nTIÊU CHÍ/TIÊU CHÍ THÀNH PHẦN".decomposedStringWithCanonicalMapping,
            "Điểm  chuẩn", "Điểm đạt\nnăm 2019", "Mức tiêu năm 2020", "Nhiệm vụ,\ngiải pháp",
            "  Phòng chủ trì  ", "Phòng phối  hợp".decomposedStringWithCanonicalMapping,
        ])
        let match = try #require(matcher.matchHeaderRow(row))
        #expect(match.columns == [.code: 1, .title: 2, .max: 3, .prev: 4, .target: 5, .tasks: 6, .lead: 7, .coop: 8])
        #expect(match.headerTexts[.max] == "Điểm chuẩn")
        #expect(match.headerTexts[.prev] == "Điểm đạt năm 2019")
    }

    @Test func selfAssessmentRowWithExtraColumns() throws {
        let row: [(column: Int, text: String)] = [
            (2, "STT"), (3, "Tiêu chí"), (4, "Điểm tối đa"), (5, "Điểm tự đánh giá"),
            (6, "Tài liệu kiểm chứng"), (7, "Điểm thẩm định"), (8, "Ghi chú"), (9, "Cột riêng"),
        ]
        let match = try #require(matcher.matchHeaderRow(row))
        #expect(match.columns == [.code: 2, .title: 3, .max: 4, .selfScore: 5, .evidence: 6, .appraised: 7, .note: 8])
        #expect(match.unrecognized == [9: "Cột riêng"])
        #expect(match.confidence < 1)
    }

    @Test func eachRoleOnceFirstWinsAndExactBeatsTypo() throws {
        let row: [(column: Int, text: String)] = [
            (1, "STT"), (2, "Nội dung"), (3, "Điểm chuẩnn"), (4, "Điểm chuẩn"), (5, "Chỉ số"),
        ]
        let match = try #require(matcher.matchHeaderRow(row))
        #expect(match.columns == [.code: 1, .title: 2, .max: 4])
        #expect(match.unrecognized == [3: "Điểm chuẩnn", 5: "Chỉ số"])
        #expect(match.fuzzyRoles.isEmpty)
    }

    @Test func rowNeedsCodeOrTitlePlusTwoRoles() {
        #expect(matcher.matchHeaderRow(Self.cells(["STT", "Điểm chuẩn"])) == nil)
        #expect(matcher.matchHeaderRow(Self.cells(["", "", "Điểm chuẩn", "Đơn vị chủ trì", "Ghi chú"])) == nil)
        #expect(matcher.matchHeaderRow(Self.cells(["", "Chỉ số", "Đơn vị chủ trì", "Ghi chú"])) != nil)
    }

    @Test func titleRowsAboveTheTableAreNotHeaders() {
        for line in [
            "PHỤ LỤC",
            "Phân công nhiệm vụ cải thiện, nâng cao Chỉ số CCHC (PAR INDEX) tỉnh Đắk Nông năm 2020",
            "(Ban hành kèm theo Công văn số 642/PPUBND-HCQT ngày 11 tháng 7 năm 2020 của Văn phòng UBND tỉnh Đắk Nông)",
            "NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023",
            "(Kèm theo Kế hoạch số: /KH-SKHCN ngày tháng 3 năm 2023",
            "của Sở Khoa học và Công nghệ tỉnh Đắk Nông)",
            "Khắc phục các tồn tại, hạn chế về Chỉ số PAR INDEX và SIPAS năm 2023",
            "(Kèm theo Kế hoạch số /KH-UBND ngày / /2023 của UBND huyện)",
            "BẢNG PHÂN CÔNG NHIỆM VỤ CÁC CÁ NHÂN PHỤ TRÁCH CÁC CHỈ SỐ THÀNH PHẦN",
        ] {
            #expect(matcher.matchHeaderRow([(1, line)]) == nil, "\(line)")
        }
    }

    @Test func noDataRowOfAnySeedIsAHeader() {
        var checked = 0
        for table in [SeedTables.plan2020, SeedTables.assignment2022, SeedTables.plan2023, SeedTables.remediation2023] {
            for row in SeedTables.rows(table) where !Self.isHeader(row) {
                #expect(matcher.matchHeaderRow(row) == nil, "\(row.map(\.text))")
                checked += 1
            }
        }
        #expect(checked == 24 + 27 + 24 + 23)
    }

    @Test func additionalWordings() {
        let custom = HeaderMatcher(additionalWordings: [.evidence: ["Hồ sơ minh họa"], .code: ["Mã TC"]])
        #expect(custom.role(forHeader: "hồ sơ minh hoạ") == .evidence)
        #expect(custom.role(forHeader: "MÃ TC") == .code)
        #expect(matcher.role(forHeader: "Hồ sơ minh họa") == nil)
    }
}

@Suite struct HeaderMatcherLimitTests {
    @Test func longCellsAreNeverHeaders() {
        let long = "Điểm chuẩn " + String(repeating: "x", count: 500)
        #expect(HeaderMatcher().role(forHeader: long) == nil)
        let manyWords = "Thời gian hoàn thành " + Array(repeating: "a", count: 12).joined(separator: " ")
        #expect(HeaderMatcher().role(forHeader: manyWords) == nil)
    }

    @Test func yearsAreReportedAndStripped() throws {
        let r = try #require(HeaderMatcher().recognize(header: "Điểm 2022 đạt được"))
        #expect(r.role == .prev && r.year == 2022 && r.isExact)
        #expect(HeaderMatcher().recognize(header: "Ghi chú")?.year == nil)
    }
}
