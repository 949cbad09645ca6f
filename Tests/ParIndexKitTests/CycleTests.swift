import Foundation
import PackageTestSupport
import Testing
import XLSX
@testable import ParIndexKit

/// A small framework whose figures are worked out by hand: two fields, three units, one
/// criterion not applicable anywhere.
enum CycleFixtures {
    static func framework(bands: Classification? = nil) -> Framework {
        Framework(
            metadata: FrameworkMetadata(title: "Bộ tiêu chí thử năm 2023", year: 2023, issuer: "UBND huyện Thử"),
            units: [Unit(code: "U1", name: "Phòng Một"), Unit(code: "U2", name: "Phòng Hai"),
                    Unit(code: "U3", name: "Phòng Ba")],
            criteria: [
                Criterion(id: "1", code: "1", title: "Lĩnh vực một", max: 6, children: [
                    Criterion(id: "1.1", code: "1.1", title: "Tiêu chí một một", max: 2, lead: ["U1"], coop: ["Phòng Hai"]),
                    Criterion(id: "1.2", code: "1.2", title: "Tiêu chí một hai", max: 3, lead: ["Phòng Hai"]),
                    Criterion(id: "1.3", code: "1.3", title: "Tiêu chí không áp dụng", max: 1, lead: ["U1"],
                              notApplicable: .everywhere),
                ]),
                Criterion(id: "2", code: "2", title: "Lĩnh vực hai", max: 6, children: [
                    Criterion(id: "2.1", code: "2.1", title: "Tiêu chí hai một", max: 4, lead: ["U2"]),
                    Criterion(id: "2.2", code: "2.2", title: "Tiêu chí hai hai", max: 2, lead: ["U3"]),
                ]),
            ],
            classification: bands)
    }

    /// Self scores, with appraised scores on 1.1 (lowered) and 2.2 (kept).
    static func scores(_ framework: Framework) -> ScoreSheet {
        var sheet = ScoreSheet(framework: framework)
        func set(_ id: String, own: Double?, appraised: Double? = nil) {
            let k = sheet.index(of: id)!
            sheet.scores[k].selfScore = own
            sheet.scores[k].appraised = appraised
            sheet.scores[k].evidence = "Hồ sơ \(id)"
        }
        set("1.1", own: 2, appraised: 1.5)
        set("1.2", own: 3)
        set("2.1", own: 2)
        set("2.2", own: 2, appraised: 2)
        return sheet
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-6 } ?? false }

    /// Every row of a sheet as text cells by column (1-based).
    static func rows(_ path: String, sheet name: String) throws -> [[Int: String]] {
        let reader = try XLSXReader(path: path)
        var out: [[Int: String]] = []
        _ = try reader.readRows(of: try reader.sheet(named: name)) { row in
            var cells: [Int: String] = [:]
            for cell in row.cells { cells[cell.reference.column] = cell.value.description }
            out.append(cells)
        }
        return out
    }
}

struct CycleResultsTests {
    @Test func figuresPerFieldAndUnit() throws {
        let fw = CycleFixtures.framework()
        let results = CycleResults.compute(framework: fw, scores: CycleFixtures.scores(fw))
        let t = results.total
        // N/A 1.3 is out of the maximum: 2 + 3 + 4 + 2.
        #expect(t.max == 11)
        #expect(t.achieved == 8.5)
        #expect(t.index == 77.27)
        #expect(t.band == "Trung bình")
        #expect(t.lost == 2.5)
        #expect(t.selfAchieved == 9)
        #expect(t.appraisalDifference == -0.5)
        #expect(t.appraised == 2 && t.scored == 4 && t.criteria == 4 && t.notApplicable == 1 && !t.partial)
        // The same figures the consolidation summary computes (ScoreFigures).
        #expect(t.final.max == 12 && t.final.notApplicableMax == 1 && t.final.scoredMax == 11)
        #expect(t.selfAssessed.achieved == 9 && t.selfAssessed.index == 81.82 && t.selfAssessed.band?.label == "Khá")

        #expect(results.fields.map(\.code) == ["1", "2"])
        let f1 = results.fields[0].figures, f2 = results.fields[1].figures
        #expect(f1.max == 5 && f1.achieved == 4.5 && f1.index == 90 && f1.band == "Tốt" && f1.lost == 0.5)
        #expect(f2.max == 6 && f2.achieved == 4 && f2.index == 66.67 && f2.band == "Yếu" && f2.lost == 2)
        #expect(f1.appraisalDifference == -0.5 && f2.appraisalDifference == 0)

        #expect(results.units.map(\.code) == ["U3", "U1", "U2"])
        #expect(results.units.map(\.rank) == [1, 2, 3])
        #expect(results.units.map(\.figures.index) == [100, 75, 71.43])
        #expect(results.units.map(\.figures.band) == ["Tốt", "Trung bình", "Trung bình"])
        #expect(Set(results.units[2].fields.keys) == ["1", "2"], "U2 leads in both fields")
        #expect(results.units[2].fields["2"]?.index == 50)
    }

    @Test func changeAgainstLastYear() throws {
        let fw = CycleFixtures.framework()
        var previous = ScoreSheet(framework: fw)
        for (id, value) in [("1.1", 1.0), ("1.2", 2.0), ("2.1", 4.0), ("2.2", 1.0)] {
            previous.scores[previous.index(of: id)!].selfScore = value
        }
        let results = CycleResults.compute(framework: fw, scores: CycleFixtures.scores(fw), previous: previous)
        #expect(results.total.previousIndex == 72.73)
        #expect(results.total.change == 4.54)
        #expect(results.fields[0].figures.previousIndex == 60)
        #expect(results.fields[0].figures.change == 30)
        #expect(results.fields[1].figures.change == -16.66)
        #expect(results.units.first { $0.code == "U3" }?.figures.change == 50)
    }

    @Test func peersRankedWithTiesAndProvinceBands() throws {
        let bands = Classification([.init(label: "Nhóm I", from: 85), .init(label: "Nhóm II", from: 70),
                                    .init(label: "Nhóm III", from: 0)])
        let fw = CycleFixtures.framework(bands: bands)
        func peer(_ name: String, _ values: [Double]) -> ScoreSheet {
            var s = ScoreSheet(framework: fw, entity: name)
            for (id, v) in zip(["1.1", "1.2", "2.1", "2.2"], values) { s.scores[s.index(of: id)!].selfScore = v }
            return s
        }
        let peers = [peer("Xã A", [1, 1, 1, 1]), peer("Xã B", [2, 3, 4, 2]), peer("Xã C", [2, 3, 4, 2]),
                     peer("Xã D", [2, 3, 3, 2])]
        let results = CycleResults.compute(framework: fw, scores: peers[0], peers: peers)
        #expect(results.peers.map(\.name) == ["Xã B", "Xã C", "Xã D", "Xã A"])
        #expect(results.peers.map(\.rank) == [1, 1, 3, 4])
        #expect(results.peers.map(\.figures.band) == ["Nhóm I", "Nhóm I", "Nhóm I", "Nhóm III"])
        #expect(results.peers[2].fields["2"]?.index == 83.33)
        #expect(results.bands.map(\.label) == ["Nhóm I", "Nhóm II", "Nhóm III"])
    }

    @Test func partialDataIsFlaggedAndUnscoredUnitsHaveNoBand() throws {
        let fw = CycleFixtures.framework()
        var sheet = CycleFixtures.scores(fw)
        sheet.scores[sheet.index(of: "2.2")!] .selfScore = nil
        sheet.scores[sheet.index(of: "2.2")!].appraised = nil
        let results = CycleResults.compute(framework: fw, scores: sheet)
        #expect(results.total.partial && results.total.scored == 3 && results.total.criteria == 4)
        #expect(results.total.lost == 2.5, "lost only over criteria with a score")
        #expect(results.total.index == 72.22, "6.5 of the 9 points scored so far")
        #expect(results.total.final.missing == 1 && results.total.final.missingMax == 2)
        let u3 = results.units.first { $0.code == "U3" }!
        #expect(u3.figures.band == nil && u3.figures.index == nil && u3.rank == 3)
    }

    @Test func workbookAccountsForEveryCriterionWithAChart() throws {
        let dir = try CycleFixtures.scratch()
        let fw = CycleFixtures.framework()
        let results = CycleResults.compute(framework: fw, scores: CycleFixtures.scores(fw),
                                           rank: PublishedRank("2/5"))
        let path = dir.appendingPathComponent("ket-qua.xlsx").path
        try ResultsWorkbook.write(results, framework: fw, to: path)
        let reader = try XLSXReader(path: path)
        #expect(reader.sheets.map(\.name) == ["Kết quả", "Đơn vị", "Biểu đồ", "Chi tiết"])
        let detail = try CycleFixtures.rows(path, sheet: "Chi tiết")
        let codes = detail.compactMap { $0[1] }.filter { fw.flattened.map(\.criterion.code).contains($0) }
        #expect(codes == fw.flattened.map(\.criterion.code), "every criterion in framework order")
        let row11 = try #require(detail.first { $0[1] == "1.1" })
        #expect(row11[5] == "2" && row11[6] == "1.5" && row11[7] == "1.5" && row11[8] == "Thẩm định")
        #expect(detail.first { $0[1] == "1.3" }?[8] == "Không áp dụng")
        #expect(detail.first { $0[1] == "1.2" }?[8] == "Tự đánh giá")
        let summary = try CycleFixtures.rows(path, sheet: "Kết quả")
        #expect(summary.contains { ($0[1] ?? "").contains("xếp thứ 2/5") })
        let total = try #require(summary.first { $0[2] == "Tổng cộng" })
        #expect(total[5] == "8.5" && total[8] == "77.27" && total[9] == "Trung bình")
        // A native chart reading the data on the chart sheet.
        let parts = try ZipPartReader(path: path).entryNames()
        #expect(parts.contains("xl/charts/chart1.xml") && parts.contains("xl/charts/chart2.xml"))
        let chart = try ZipPartReader(path: path).text(of: "xl/charts/chart1.xml")
        #expect(chart.contains("<c:barChart>") && chart.contains("Biểu đồ"))
    }

    @Test func jsonRoundTrip() throws {
        let fw = CycleFixtures.framework()
        let results = CycleResults.compute(framework: fw, scores: CycleFixtures.scores(fw))
        let data = try JSONEncoder().encode(results)
        let back = try JSONDecoder().decode(CycleResults.self, from: data)
        #expect(back.total == results.total && back.units == results.units && back.fields == results.fields)
        #expect(back.scores.score(id: "1.1")?.final == 1.5)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"source\":\"appraised\"") && text.contains("\"source\":\"self\""))
    }
}

struct AppraisalTests {
    @Test func sheetIsLockedWithOpenAppraisalColumnsAndReadsBack() throws {
        let dir = try CycleFixtures.scratch()
        let fw = CycleFixtures.framework()
        var scores = CycleFixtures.scores(fw)
        for i in scores.scores.indices { scores.scores[i].appraised = nil }
        let path = dir.appendingPathComponent("tham-dinh.xlsx").path
        let open = try AppraisalSheet(framework: fw, scores: scores).write(to: path)
        #expect(open == 5)
        let xml = try ZipPartReader(path: path).text(of: "xl/worksheets/sheet1.xml")
        #expect(xml.contains("<sheetProtection"))
        #expect(xml.contains("<dataValidation type=\"decimal\"") && xml.contains("<formula2>4</formula2>"),
                "0…điểm chuẩn on 2.1")
        let rows = try CycleFixtures.rows(path, sheet: AppraisalSheet.sheetName)
        let header = try #require(rows.first { $0[1] == "STT" })
        #expect(header[8] == "Điểm thẩm định" && header[9] == "Giải trình / ý kiến thẩm định")
        #expect(rows.first { $0[1] == "1.3" }?[5] == "Không áp dụng")
        // Read back unfilled: the self scores come back, nothing appraised.
        let reading = try AppraisalReader.read(path: path, framework: fw)
        #expect(reading.appraised.isEmpty && reading.findings.isEmpty)
        #expect(reading.scores.scores.map(\.selfScore) == scores.scores.map(\.selfScore))
        #expect(reading.scores.score(id: "1.3")?.notApplicable == true)
    }

    @Test func typedAppraisalTableIsCheckedAndApplied() throws {
        // A council that retyped the table: free-form, decimal commas, one score above the
        // maximum, one text, one N/A, a comment column.
        let dir = try CycleFixtures.scratch()
        let fw = CycleFixtures.framework()
        let path = dir.appendingPathComponent("go-tay.xlsx").path
        let writer = try XLSXWriter(path: path)
        let ws = try writer.addWorksheet(name: "Kết quả thẩm định")
        let table: [[CellValue?]] = [
            [.string("BẢNG THẨM ĐỊNH")],
            [.string("STT"), .string("Tiêu chí"), .string("Điểm chuẩn"), .string("Điểm tự chấm"),
             .string("Điểm thẩm định"), .string("Ý kiến thẩm định")],
            [.string("1"), .string("Lĩnh vực một"), .number(6)],
            [.string("1.1"), .string("Tiêu chí một một"), .number(2), .number(2), .string("1,25"), .string("Thiếu hồ sơ")],
            [.string("1.2"), .string("Tiêu chí một hai"), .number(3), .number(3), .number(3.5)],
            [.string("1.3"), .string("Tiêu chí không áp dụng"), .number(1), nil, .string("KAD")],
            [.string("2.1"), .string("Tiêu chí hai một"), .number(4), .number(2), .number(3), .string("Bổ sung hồ sơ")],
            [.string("2.2"), .string("Tiêu chí hai hai"), .number(2), .number(2), .string("đạt")],
        ]
        for (r, row) in table.enumerated() { try ws.writeRow(row, row: r + 1) }
        try writer.close()

        let reading = try AppraisalReader.read(path: path, framework: fw)
        #expect(reading.appraised.map(\.code) == ["1.1", "2.1"])
        #expect(reading.appraised.map(\.value) == [1.25, 3])
        #expect(reading.appraised.first?.comment == "Thiếu hồ sơ")
        #expect(reading.findings.map(\.rule) == [.scoreExceedsMax, .scoreNotANumber])
        #expect(reading.findings.map { $0.cell?.a1 } == ["E5", "E8"])

        let applied = AppraisedScores(scores: CycleFixtures.scores(fw), findings: []).applying(reading)
        let s = applied.scores
        #expect(s.score(id: "1.1")?.final == 1.25 && s.score(id: "1.1")?.source == .appraised)
        #expect(s.score(id: "1.2")?.final == 3 && s.score(id: "1.2")?.source == .selfAssessed)
        #expect(s.score(id: "2.1")?.final == 3)
        let info = applied.findings.filter { $0.severity == .information }
        #expect(info.map(\.rule) == [.appraisalLowered, .appraisalRaised])
        #expect(info[0].code == "1.1" && info[0].found == "1,25" && info[0].expected == "2")
        #expect(info[0].message.contains("1,25") && info[0].message.contains("2") && info[0].message.contains("Thiếu hồ sơ"))
        #expect(info[1].code == "2.1" && info[1].message.contains("tăng 1 điểm"))
    }

    /// `Tests/Fixtures/cycle/tham-dinh-da-dien.xlsx`: the appraisal sheet of the examples'
    /// consolidation, filled with openpyxl by `scripts/examples/fill_appraisal.py`.
    @Test func councilFilledFixture() throws {
        let fw = try ExampleWorkflowTests.framework()
        let path = TemplateFixtures.root.appendingPathComponent("Tests/Fixtures/cycle/tham-dinh-da-dien.xlsx").path
        let loaded = try AppraisedScores.load(path: path, framework: fw)
        let s = loaded.scores
        let leaves = fw.flattened.filter { !$0.criterion.isGroup }.count
        #expect(s.scores.count == leaves)
        #expect(s.appraisedCount == leaves, "the council scored every criterion")
        let lowered = loaded.findings.filter { $0.rule == .appraisalLowered }.compactMap(\.code)
        let raised = loaded.findings.filter { $0.rule == .appraisalRaised }.compactMap(\.code)
        #expect(lowered == ["1.2.2", "1.5.4", "3.4.4", "5.7.4"])
        #expect(raised == ["1.7"])
        #expect(s.score(id: "1.5.4")?.final == 0 && s.score(id: "1.5.4")?.selfScore == 0.5)
        #expect(s.score(id: "1.5.4")?.comment == "Chưa có thông báo kết luận giao ban quý bằng văn bản.")
        // A criterion no unit scored: appraised from the records.
        #expect(s.score(id: "7.1.2")?.selfScore == nil && s.score(id: "7.1.2")?.final == 0.75)
    }
}

struct RemediationTests {
    /// Seed 004's body: per item the criteria, points lost, and the units the seed holds
    /// responsible (body or appendix). 1.2.2 and 1.2.3 share one item of 0,5.
    static let seedItems: [(codes: [String], lost: Double, units: [String])] = [
        (["1.2.2", "1.2.3"], 0.5, ["Phòng Nội vụ"]),
        (["1.5.4"], 0.5, ["Văn phòng HĐND&UBND huyện"]),
        (["1.7"], 2, ["Phòng Nội vụ"]),
        (["1.4.2"], 0.5, ["Văn phòng HĐND&UBND huyện"]),
        (["1.5.2"], 0.25, ["Phòng Nội vụ", "Văn phòng HĐND&UBND", "Tài chính – Kế hoạch"]),
        (["3.1.1"], 0.5, ["Văn phòng HĐND&UBND huyện"]),
        (["3.2.1"], 0.5, ["Văn phòng HĐND&UBND huyện"]),
        (["3.4.4"], 5, ["Văn phòng HĐND&UBND huyện", "Chi nhánh Văn phòng đăng ký đất đai"]),
        (["3.4.5"], 0.5, ["Văn phòng HĐND&UBND huyện"]),
        (["3.6"], 2, ["Văn phòng HĐND&UBND huyện", "Chi nhánh Văn phòng đăng ký đất đai"]),
        (["3.7.3"], 0.5, ["Phòng Văn hóa và Thông tin"]),
        (["4.4.2"], 0.5, ["Phòng Nội vụ"]),
        (["4.4.3"], 0.5, ["Phòng Nội vụ"]),
        (["5.7.1"], 0.25, ["Phòng Nội vụ"]),
        (["5.7.4"], 2, ["Chi nhánh Văn phòng đăng ký đất đai", "Phòng Tài nguyên và Môi trường", "Phòng Nội vụ"]),
        (["7.1.2"], 0.33, ["Phòng Văn hóa và Thông tin"]),
        (["7.1.3"], 2, ["Phòng Văn hóa và Thông tin"]),
        (["7.1.6"], 0.5, ["Phòng Văn hóa và Thông tin"]),
        (["7.2"], 4.855, ["Văn phòng HĐND&UBND huyện"]),
        (["8.3"], 0.422, ["Phòng Tài chính – Kế hoạch"]),
        (["8.6"], 0.5, ["Phòng Tài chính – Kế hoạch"]),
    ]

    /// A result of the examples' framework with full marks except seed 004's losses.
    static func seedResult(_ fw: Framework) -> ScoreSheet {
        var sheet = ScoreSheet(framework: fw, entity: "UBND huyện")
        var lost: [String: Double] = [:]
        for item in seedItems {
            for code in item.codes { lost[code] = item.lost / Double(item.codes.count) }
        }
        for i in sheet.scores.indices {
            let max = sheet.scores[i].max ?? 0
            sheet.scores[i].selfScore = max - (lost[sheet.scores[i].code] ?? 0)
        }
        return sheet
    }

    @Test func seed004ItemsAndLines() throws {
        let fw = try ExampleWorkflowTests.framework()
        let plan = RemediationPlanner.plan(framework: fw, scores: Self.seedResult(fw), rank: PublishedRank("8/8"))
        let directory = UnitDirectory(units: fw.units)
        // Every seed item: its criteria are items of the plan with the seed's points, led by
        // a unit the seed holds responsible.
        for seed in Self.seedItems {
            let items = plan.items.filter { seed.codes.contains($0.code) }
            #expect(items.map(\.code) == seed.codes, "\(seed.codes)")
            #expect(CycleFixtures.near(items.map(\.lost).reduce(0, +), seed.lost), "\(seed.codes)")
            let seedUnits = Set(seed.units.compactMap { directory.resolve($0)?.code })
            for item in items {
                let leads = Set(item.lead.compactMap { directory.resolve($0)?.code })
                #expect(!leads.isDisjoint(with: seedUnits), "\(item.code): \(item.lead) vs \(seed.units)")
                #expect(item.deadline == "Thường xuyên")
            }
        }
        #expect(plan.items.count == 22, "21 seed items, 1.2.2 and 1.2.3 apart")
        #expect(plan.items.map(\.number) == Array(1...22))
        #expect(plan.fields.map(RemediationPlan.fieldLine) == [
            "1. Công tác chỉ đạo, điều hành cải cách hành chính (trừ 3,75/13 điểm)",
            "2. Cải cách thủ tục hành chính (trừ 9/17,5 điểm)",
            "3. Cải cách tổ chức bộ máy hành chính nhà nước (trừ 1/7,5 điểm)",
            "4. Cải cách chế độ công vụ (trừ 2,25/15,5 điểm)",
            "5. Xây dựng và phát triển chính quyền điện tử, chính quyền số (trừ 7,685/15 điểm)",
            "6. Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội của huyện (trừ 0,922/2,5 điểm)",
        ])
        #expect(CycleFixtures.near(plan.totalLost, 24.607))
        #expect(plan.totalLine?.contains("đạt 75,393 điểm, xếp thứ 8/8, số điểm không đạt là 24,607 điểm") == true)
        let lines = plan.letterLines
        #expect(lines.contains("1.1. Tại tiêu chí thành phần 1.2.2 Chất lượng báo cáo (trừ 0,25 điểm) (Trách nhiệm của Phòng Nội vụ)."))
        #expect(lines.contains { $0.hasPrefix("1.6. Tại tiêu chí 1.7 Sáng kiến kinh nghiệm") && $0.contains("(trừ 2 điểm)") })
        // Framework order inside a field (the seed's body is not ordered).
        #expect(plan.fields[0].items.map(\.code) == ["1.2.2", "1.2.3", "1.4.2", "1.5.2", "1.5.4", "1.7"])
        // Every leaf accounted for once.
        let leaves = fw.flattened.filter { !$0.criterion.isGroup }.map(\.criterion.id)
        #expect(plan.accounts.map(\.id) == leaves)
        #expect(plan.accounts.filter { $0.status == .lost }.count == 22)
        #expect(plan.accounts.filter { $0.status == .full }.count == leaves.count - 22)
    }

    @Test func noRankNoTotalLine() throws {
        let fw = try ExampleWorkflowTests.framework()
        let plan = RemediationPlanner.plan(framework: fw, scores: Self.seedResult(fw))
        #expect(plan.totalLine == nil)
        #expect(plan.letterLines.first == "1. Công tác chỉ đạo, điều hành cải cách hành chính (trừ 3,75/13 điểm)")
    }

    @Test func workbookInSeed004Layout() throws {
        let dir = try CycleFixtures.scratch()
        let fw = try ExampleWorkflowTests.framework()
        let plan = RemediationPlanner.plan(framework: fw, scores: Self.seedResult(fw), rank: PublishedRank("8/8"))
        let path = dir.appendingPathComponent("khac-phuc-2024.xlsx").path
        try RemediationWorkbook.write(plan, framework: fw, layout: try LayoutLibrary.load("remediation"), to: path)
        // Our own recognizer reads it as a seed 004 table.
        let table = try Submission.read(path: path).table
        #expect(table.headerTexts[.title] == "Nội dung khắc phục")
        #expect(table.headerTexts[.lead] == "Cơ quan chủ trì" && table.headerTexts[.coop] == "Cơ quan phối hợp")
        #expect(table.rows.count == 22)
        #expect(table.rows.map(\.code) == (1...22).map(String.init))
        #expect(table.rows.allSatisfy { $0.texts[.deadline] == "Thường xuyên" })
        #expect(table.rows[0].title == "Chất lượng báo cáo" && table.rows[0].lead == ["Phòng Nội vụ"])
        #expect(table.titleLines.contains("Khắc phục các tồn tại, hạn chế về Chỉ số cải cách hành chính năm 2024"))
        let lines = try CycleFixtures.rows(path, sheet: "Tổng hợp").compactMap { $0[1] }
        #expect(lines.contains("1. Công tác chỉ đạo, điều hành cải cách hành chính (trừ 3,75/13 điểm)"))
        #expect(lines.contains { $0.contains("xếp thứ 8/8") })
        let check = try CycleFixtures.rows(path, sheet: "Kiểm tra").dropFirst()
        #expect(check.count == fw.flattened.filter { !$0.criterion.isGroup }.count, "every criterion accounted for")
    }
}

struct NextYearTests {
    @Test func sameCriteriaWithLastYearsScores() throws {
        let fw = CycleFixtures.framework()
        let (next, report) = NextYearPlanner.plan(framework: fw, scores: CycleFixtures.scores(fw))
        #expect(next.metadata.year == 2024 && next.metadata.layout == "plan")
        #expect(next.metadata.title == "Bộ tiêu chí thử năm 2024")
        let byID = Dictionary(next.flattened.map { ($0.criterion.id, $0.criterion) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["1.1"]?.prev == 1.5, "the final (appraised) score")
        #expect(byID["1.2"]?.prev == 3 && byID["2.1"]?.prev == 2)
        #expect(byID["1.3"]?.prev == nil, "not applicable")
        #expect(byID["2.1"]?.target == 4 && byID["1.1"]?.target == 2, "targets default to the maximum")
        #expect(byID["1"]?.prev == 4.5 && byID["2"]?.prev == 4)
        #expect(report.filled == 4 && report.added.isEmpty && report.removed.isEmpty && report.reweighted.isEmpty)
        #expect(next.flattened.count == fw.flattened.count)
    }

    @Test func mergedWithANewCriteriaSet() throws {
        let fw = CycleFixtures.framework()
        var newSet = fw
        newSet.metadata.year = 2024
        // 1.2 renumbered 1.3 (same title), 1.3 dropped, 2.1 re-weighted, 2.2 dropped, 2.3 new.
        newSet.criteria[0].children = [
            fw.criteria[0].children[0],
            Criterion(id: "1.3", code: "1.3", title: "Tiêu chí một hai", max: 3, lead: ["U2"]),
        ]
        newSet.criteria[1].children = [
            Criterion(id: "2.1", code: "2.1", title: "Tiêu chí hai một", max: 5, lead: ["U2"]),
            Criterion(id: "2.3", code: "2.3", title: "Tiêu chí mới", max: 1, lead: ["U3"]),
        ]
        let (next, report) = NextYearPlanner.plan(framework: fw, scores: CycleFixtures.scores(fw), newCriteria: newSet)
        #expect(report.added.map(\.code) == ["2.3"])
        #expect(Set(report.removed.map(\.code)) == ["1.3", "2.2"])
        #expect(report.renumbered == [.init(oldCode: "1.2", newCode: "1.3", title: "Tiêu chí một hai")])
        #expect(report.reweighted.contains(.init(code: "2.1", title: "Tiêu chí hai một", oldMax: 4, newMax: 5)))
        let byID = Dictionary(next.flattened.map { ($0.criterion.id, $0.criterion) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["1.3"]?.prev == 3, "matched by title")
        #expect(byID["2.1"]?.prev == 2 && byID["2.1"]?.target == 5)
        #expect(byID["2.3"]?.prev == nil && byID["2.3"]?.target == 1)
    }

    @Test func nextYearTemplatesCarryTheYears() throws {
        let dir = try CycleFixtures.scratch()
        let fw = CycleFixtures.framework()
        let (next, _) = NextYearPlanner.plan(framework: fw, scores: CycleFixtures.scores(fw))
        let yaml = dir.appendingPathComponent("2024.yaml").path
        try FrameworkStore.save(next, to: yaml)
        let reloaded = try FrameworkStore.load(path: yaml)
        let builder = TemplateBuilder(framework: reloaded, layout: try TemplateBuilder.defaultLayout(for: reloaded))
        let path = dir.appendingPathComponent("mau-U1.xlsx").path
        try builder.write(unit: reloaded.units[0], to: path)
        let rows = try CycleFixtures.rows(path, sheet: TemplateBuilder.mainSheetName)
        let header = try #require(rows.first { $0[1] == "STT" })
        #expect(header[4] == "Điểm đạt năm 2023" && header[5] == "Mục tiêu năm 2024")
        #expect(rows.contains { ($0[1] ?? "").contains("năm 2024") })
        #expect(rows.first { $0[1] == "1.1" }?[4] == "1.5", "last year's final score, given")
        #expect(rows.first { $0[1] == "1.1" }?[5] == "2", "the target defaults to the maximum, open for editing")
    }
}

struct CycleLibreOfficeTests {
    @Test func libreOfficeOpensEveryOutput() throws {
        guard LibreOffice.soffice != nil else {
            print(LibreOffice.skipMessage)
            return
        }
        let dir = try CycleFixtures.scratch()
        let fw = try ExampleWorkflowTests.framework()
        let scores = RemediationTests.seedResult(fw)
        let files = ["tham-dinh.xlsx", "ket-qua.xlsx", "khac-phuc.xlsx", "mau-PNV-2024.xlsx"].map {
            dir.appendingPathComponent($0).path
        }
        try AppraisalSheet(framework: fw, scores: scores).write(to: files[0])
        try ResultsWorkbook.write(CycleResults.compute(framework: fw, scores: scores), framework: fw, to: files[1])
        try RemediationWorkbook.write(RemediationPlanner.plan(framework: fw, scores: scores), framework: fw,
                                      layout: try LayoutLibrary.load("remediation"), to: files[2])
        let next = NextYearPlanner.plan(framework: fw, scores: scores).framework
        try TemplateBuilder(framework: next, layout: try TemplateBuilder.defaultLayout(for: next))
            .write(unit: next.units[0], to: files[3])
        let out = dir.appendingPathComponent("pdf")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(try LibreOffice.convert(files, to: "pdf", outdir: out) == 0)
        for file in files {
            let pdf = out.appendingPathComponent((file as NSString).lastPathComponent.replacingOccurrences(of: ".xlsx", with: ".pdf"))
            let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
            #expect(size > 1000, "LibreOffice printed \(file)")
        }
    }
}
