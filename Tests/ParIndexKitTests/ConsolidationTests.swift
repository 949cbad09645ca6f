import Foundation
import Testing
import XLSX
import PackageTestSupport
@testable import ParIndexKit

/// Consolidation of in-memory submissions, and the appendix workbook read back.
struct ConsolidationTests {
    static let frameworkYAML = """
    metadata:
      title: Bộ tiêu chí thử nghiệm năm 2023
      year: 2023
      document: Kèm theo Kế hoạch số 1/KH-UBND ngày 02 tháng 3 năm 2023
      layout: self-assessment
    units:
      - { code: PNV, name: Phòng Nội vụ }
      - { code: VP, name: Văn phòng HĐND và UBND huyện }
      - { code: TP, name: Phòng Tư pháp }
    criteria:
      - id: "1"
        code: "1"
        title: Công tác chỉ đạo, điều hành
        max: 3
        children:
          - { id: "1.1", code: "1.1", title: Kế hoạch CCHC, max: 1, lead: [Phòng Nội vụ] }
          - { id: "1.2", code: "1.2", title: Báo cáo CCHC, max: 2, lead: [Phòng Nội vụ] }
      - id: "2"
        code: "2"
        title: Cải cách thủ tục hành chính
        max: 1.5
        children:
          - { id: "2.1", code: "2.1", title: Công khai TTHC, max: 0.75, lead: [Văn phòng HĐND và UBND huyện] }
          - { id: "2.2", code: "2.2", title: Giải quyết TTHC đúng hạn, max: 0.75, lead: [Văn phòng HĐND và UBND huyện] }
      - id: "3"
        code: "3"
        title: Thể chế
        max: 1
        children:
          - { id: "3.1", code: "3.1", title: Rà soát văn bản, max: 1, lead: [Phòng Tư pháp] }
    """

    static func framework() throws -> Framework {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fw-\(UUID().uuidString).yaml")
        try frameworkYAML.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try FrameworkStore.load(path: url.path)
    }

    /// A self-assessment submission: header on row 3, data rows after it.
    static func submission(_ file: String, unit: String?, rows: [[CellValue?]]) -> Submission {
        var sheetRows = [Row(number: 1, cells: [Cell(reference: .init(row: 1, column: 1), value: .string("BẢNG TỰ ĐÁNH GIÁ"))])]
        let header = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm chuẩn", "Điểm tự đánh giá", "Tài liệu kiểm chứng", "Ghi chú"]
        sheetRows.append(Row(number: 3, cells: header.enumerated().map {
            Cell(reference: .init(row: 3, column: $0.offset + 1), value: .string($0.element))
        }))
        for (i, values) in rows.enumerated() {
            let n = 4 + i
            sheetRows.append(Row(number: n, cells: values.enumerated().compactMap { c, v in
                v.map { Cell(reference: .init(row: n, column: c + 1), value: $0) }
            }))
        }
        let table = TableRecognizer().recognize(rows: sheetRows, sheet: "Biểu mẫu")!
        let identity = unit.map {
            TemplateIdentity(frameworkTitle: "", frameworkHash: "", year: 2023, unitCode: $0, unitName: $0, layout: "self-assessment")
        }
        return Submission(file: file, table: table, identity: identity)
    }

    static func error(_ file: String) -> Finding {
        Finding(rule: .scoreExceedsMax, file: file, sheet: "Biểu mẫu", cell: CellReference(a1: "D5"), code: "1.2", message: "Điểm vượt điểm chuẩn")
    }

    static func inputs() -> [ConsolidationInput] {
        let pnv = submission("pnv.xlsx", unit: "PNV", rows: [
            [.string("1"), .string("Công tác chỉ đạo, điều hành"), .number(3)],
            [.string("1.1"), .string("Kế hoạch CCHC"), .number(1), .number(1), .string("KH số 5")],
            [.string("1.2"), .string("Báo cáo CCHC"), .number(2), .string("1,5"), .string("BC số 7")],
        ])
        let vp = submission("vp.xlsx", unit: "VP", rows: [
            [.string("2.1"), .string("Công khai TTHC"), .number(0.75), .number(0.5), .string("Cổng DVC")],
            [.string("2.2"), .string("Giải quyết TTHC đúng hạn"), .number(0.75), .number(0.75), .string("Phần mềm một cửa")],
            [.string("1.1"), .string("Kế hoạch CCHC"), .number(1), .number(0.5), .string("VP chấm thử")],
        ])
        let tp = submission("tp.xlsx", unit: "TP", rows: [
            [.string("3.1"), .string("Rà soát văn bản"), .number(1), .number(2), .string("BC rà soát")],
        ])
        return [.submission(pnv, findings: []), .submission(vp, findings: []),
                .submission(tp, findings: [error("tp.xlsx")]),
                .unreadable(file: "hong.xlsx", reason: "tệp bị cắt cụt")]
    }

    @Test func valuesGroupSumsTotalsAndSummary() throws {
        let fw = try Self.framework()
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment")).consolidate(Self.inputs())
        #expect(c.rows.map(\.criterion.id) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"])
        func value(_ id: String, _ role: ColumnRole) -> Double? {
            c.rows.first { $0.criterion.id == id }?.values[role]?.number
        }
        #expect(value("1.1", .selfScore) == 1)      // lead unit PNV wins over VP
        #expect(value("1.2", .selfScore) == 1.5)    // decimal-comma text read as a number
        #expect(value("1", .selfScore) == 2.5)      // group = sum of children
        #expect(value("1", .max) == 3)
        #expect(value("2", .selfScore) == 1.25)
        #expect(value("3.1", .selfScore) == nil)    // tp.xlsx is invalid: left out by default
        #expect(c.totals[.selfScore] == 3.75)
        #expect(c.totalMax == 5.5)
        #expect(c.pointsRole == .selfScore)
        #expect(c.summary.fields.map(\.code) == ["1", "2", "3"])
        // Field 3's only criterion has no value (tp.xlsx is excluded): nothing is lost there.
        #expect(c.summary.fields.map(\.figures.lost) == [0.5, 0.25, 0])
        #expect(c.summary.fields.map(\.figures.index) == [83.33, 83.33, nil])
        #expect(c.summary.fields[2].figures.missing == 1 && c.summary.fields[2].figures.missingMax == 1)
        #expect(c.criteriaNotSubmitted.map(\.id) == ["3.1"])
        #expect(c.unitsNotSubmitted.isEmpty)
        #expect(c.unitsExcluded.map(\.code) == ["TP"])
        #expect(c.summary.units.first { $0.code == "PNV" }?.figures.achieved == 2.5)
        // Conflict on 1.1: PNV's value used because PNV leads it.
        #expect(c.conflicts.count == 1)
        #expect(c.conflicts.first?.used.file == "pnv.xlsx")
        #expect(c.conflicts.first?.reason.contains("đơn vị chủ trì") == true)
        // Unit-split submissions are not peers: no ranking.
        #expect(c.summary.ranking.isEmpty)
    }

    @Test func everyInputRowIsAccountedForOnce() throws {
        let fw = try Self.framework()
        let inputs = Self.inputs()
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment")).consolidate(inputs)
        var expected = Set<String>()
        for case .submission(let s, _) in inputs {
            for row in s.table.rows { expected.insert("\(s.file)#\(row.row)") }
        }
        let accounted = c.accounts.compactMap { a in a.row.map { "\(a.file)#\($0)" } }
        #expect(Set(accounted) == expected)
        #expect(accounted.count == expected.count, "each row once")
        #expect(c.accounts.contains { $0.file == "hong.xlsx" && $0.status == .unreadable })
        #expect(c.accounts.first { $0.file == "tp.xlsx" }?.status == .excludedInvalid)
        #expect(c.accounts.first { $0.file == "vp.xlsx" && $0.row == 6 }?.status == .notUsed)
    }

    @Test func includeInvalidMergesMarkedRows() throws {
        let fw = try Self.framework()
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"),
                             options: .init(includeInvalid: true)).consolidate(Self.inputs())
        let row = try #require(c.rows.first { $0.criterion.id == "3.1" })
        #expect(row.values[.selfScore]?.number == 2)
        #expect(row.fromInvalid)
        #expect(c.unitsNotSubmitted.isEmpty)
    }

    @Test func peersAreRanked() throws {
        let fw = try Self.framework()
        func full(_ file: String, _ unit: String, _ scores: [Double]) -> ConsolidationInput {
            let ids = ["1.1", "1.2", "2.1", "2.2", "3.1"]
            let maxes = [1, 2, 0.75, 0.75, 1]
            return .submission(Self.submission(file, unit: unit, rows: ids.indices.map {
                [.string(ids[$0]), .string("x"), .number(maxes[$0]), .number(scores[$0]), .string("kc")]
            }), findings: [])
        }
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment")).consolidate([
            full("a.xlsx", "PNV", [1, 2, 0.75, 0.75, 1]),
            full("b.xlsx", "VP", [0.5, 1, 0.5, 0.5, 0.5]),
            full("c.xlsx", "TP", [1, 1.5, 0.75, 0.5, 1]),
        ])
        #expect(c.summary.ranking.map(\.file) == ["a.xlsx", "c.xlsx", "b.xlsx"])
        #expect(c.summary.ranking.map(\.rank) == [1, 2, 3])
        #expect(c.summary.ranking.map(\.figures.index) == [100, 86.36, 54.55])
        #expect(c.summary.ranking.map(\.figures.band?.label) == ["Tốt", "Khá", "Yếu"])
        // Peers: the appendix shows their average and no conflicts are reported.
        #expect(c.peers)
        #expect(c.conflicts.isEmpty)
        #expect(c.rows.first { $0.criterion.id == "1.2" }?.values[.selfScore]?.number == 1.5)
        #expect(c.rows.first { $0.criterion.id == "1" }?.values[.selfScore]?.number == 1.5 + (1 + 0.5 + 1) / 3)
    }

    @Test func appendixWorkbookReadsBack() throws {
        let fw = try Self.framework()
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment")).consolidate(Self.inputs())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-appendix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tong-hop.xlsx").path
        try AppendixWorkbook.write(c, to: path)

        let reader = try XLSXReader(path: path)
        #expect(reader.sheets.map(\.name) == ["Phụ lục", "Tổng hợp điểm", "Kiểm tra"])
        var cells: [String: CellValue] = [:]
        try reader.readRows(of: reader.sheets[0]) { row in for cell in row.cells { cells[cell.reference.a1] = cell.value } }
        #expect(cells["A1"] == .string("PHỤ LỤC"))
        // The result's own title and Kèm theo line, not the framework's.
        #expect(cells["A2"] == .string("Kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm 2023"))
        #expect(cells["A3"] == .string("(Kèm theo Báo cáo số …/BC-… ngày … tháng … năm 2023)"))
        #expect(cells["A5"] == .string("STT") && cells["D5"] == .string("Điểm tự đánh giá"))
        #expect((6...13).map { cells["A\($0)"] } == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"].map { .string($0) })
        #expect(cells["C6"] == .number(3) && cells["D6"] == .number(2.5))
        #expect(cells["D8"] == .number(1.5))
        #expect(cells["B14"] == .string("Tổng cộng") && cells["C14"] == .number(5.5) && cells["D14"] == .number(3.75))
        // The table read back as a submission gives the same criteria.
        let table = try TableRecognizer().recognize(reader, sheetName: "Phụ lục")
        #expect(table.headerRow == 5)
        #expect(table.rows.map(\.code) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"])
        #expect(table.notes.contains { $0.kind == .total && $0.row == 14 })
        // Print set-up: landscape A4, header row repeated, margins per Nghị định 30.
        #expect(reader.definedNames.contains { $0.key.contains("Print_Titles") && $0.value.contains("$5:$5") })

        var summary: [String] = []
        try reader.readRows(of: reader.sheets[1]) { row in summary.append(row.cells.map(\.value.description).joined(separator: "|")) }
        #expect(summary.contains("1|Công tác chỉ đạo, điều hành|3|2.5|0.5|trừ 0,5/3 điểm|83.33|Khá"))
        #expect(summary.contains("3|Thể chế|1|chưa có số liệu|1 tiêu chí, 1 điểm"))
        #expect(summary.contains("Tổng cộng|5.5|3.75|0.75|trừ 0,75/4,5 điểm có số liệu (tạm tính)|1 tiêu chí, 1 điểm|83.33|Khá (tạm tính)"))
        #expect(summary.contains { $0.contains("Phòng Tư pháp|1|Có lỗi — chưa tổng hợp|1 tiêu chí, 1 điểm") })

        var check: [String] = []
        try reader.readRows(of: reader.sheets[2]) { row in check.append(row.cells.map(\.value.description).joined(separator: "|")) }
        #expect(check.contains { $0.hasPrefix("4|hong.xlsx|Không đọc được") })
        #expect(check.contains { $0.hasPrefix("1|tp.xlsx|Lỗi|Biểu mẫu|D5|1.2|score.exceeds-max") })
        #expect(check.contains { $0.hasPrefix("1|Phòng Tư pháp|Có lỗi — chưa tổng hợp|TP|1|tp.xlsx") })
        // Criteria are referred to by their Phụ lục row (3.1 is on row 13).
        #expect(check.contains { $0.hasPrefix("1|Rà soát văn bản|Có lỗi — chưa tổng hợp|Phòng Tư pháp|13|3.1|1") })
        // The account of every input row: one line per file and fate, rows as ranges.
        let lines = try AccountSection.lines(try ExampleWorkflowTests.cellTexts(reader, sheet: "Kiểm tra"))
        let tp = try #require(lines.first { $0.file == "tp.xlsx" })
        #expect(tp.count == 1 && tp.status == "Tệp có lỗi" && tp.rows == [4] && tp.code == "3.1" && tp.appendixRows == [13])
        #expect(tp.detail == "Tệp có lỗi: dòng không được tổng hợp (dùng --include-invalid để gộp)")
        // pnv.xlsx: its empty group row 1 gives nothing (the Phụ lục sums 1.1 and 1.2); 1.1–1.2 used.
        let pnv = try #require(lines.first { $0.file == "pnv.xlsx" && $0.status == "Đã tổng hợp" })
        #expect(pnv.count == 2 && pnv.rowsText == "5–6" && pnv.code == nil && pnv.appendixText == "7–8")
        #expect(lines.filter { $0.file == "pnv.xlsx" }.map { [$0.status, $0.rowsText, $0.appendixText] }
                == [["Bỏ qua", "4", "6"], ["Đã tổng hợp", "5–6", "7–8"]])
        // vp.xlsx: 2.1 and 2.2 used (Phụ lục 10–11), its 1.1 not used (PNV leads it).
        #expect(lines.filter { $0.file == "vp.xlsx" }.map { [$0.status, $0.rowsText, $0.appendixText] }
                == [["Đã tổng hợp", "4–5", "10–11"], ["Không dùng", "6", "7"]])
        #expect(lines.first { $0.file == "vp.xlsx" && $0.status == "Không dùng" }?.detail
                == "Tiêu chí 1.1 đã lấy từ pnv.xlsx — Biểu mẫu, dòng 5; dòng này không được dùng")
        #expect(lines.contains { $0.file == "hong.xlsx" && $0.status == "Không đọc được" && $0.count == nil && $0.rows.isEmpty })
    }
}

/// Consolidation matches rows to criteria exactly as validation does.
struct ConsolidationMatchingTests {
    @Test func rowsWithoutCodesMatchByTitleAndDuplicatesAreAccounted() throws {
        let fw = try ConsolidationTests.framework()
        // A free-form file with no STT column: rows are matched by their titles.
        let header = ["Tiêu chí", "Điểm chuẩn", "Điểm tự đánh giá", "Tài liệu kiểm chứng"]
        var rows = [Row(number: 2, cells: header.enumerated().map { Cell(reference: .init(row: 2, column: $0.offset + 1), value: .string($0.element)) })]
        let data: [[CellValue]] = [
            [.string("Rà soát văn bản"), .number(1), .number(0.5), .string("BC số 3")],
            [.string("Rà soát văn bản"), .number(1), .number(1), .string("BC số 4")],   // the same criterion again
        ]
        for (i, values) in data.enumerated() {
            rows.append(Row(number: 3 + i, cells: values.enumerated().map { Cell(reference: .init(row: 3 + i, column: $0.offset + 1), value: $0.element) }))
        }
        let table = try #require(TableRecognizer().recognize(rows: rows, sheet: "TP"))
        #expect(table.columns[.code] == nil)
        let submission = Submission(file: "tp-tu-go.xlsx", table: table, identity: nil)
        let c = Consolidator(framework: fw, layout: try LayoutLibrary.load("self-assessment"))
            .consolidate([.submission(submission, findings: [])])
        #expect(c.rows.first { $0.criterion.id == "3.1" }?.values[.selfScore]?.number == 0.5)
        let accounts = c.accounts
        #expect(accounts.first { $0.row == 3 }?.status == .used)
        let duplicate = try #require(accounts.first { $0.row == 4 })
        #expect(duplicate.status == .notUsed)
        #expect(duplicate.detail.contains("dòng 3") && duplicate.detail.contains("criterion.duplicate"))
        // Validation agrees: the second row is a duplicate.
        let findings = Validator(framework: fw).validate(submission)
        #expect(findings.contains { $0.rule == .criterionDuplicate })
    }
}
