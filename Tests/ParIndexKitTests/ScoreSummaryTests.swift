import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// The score summary counts lost points only where there is a value: a set with one
/// excluded file, one missing unit and criteria that do not apply.
struct ScoreSummaryTests {
    static let yaml = """
    metadata:
      title: Bộ tiêu chí thử
      year: 2023
      issuer: UBND huyện Đắk Mil
      layout: self-assessment
    units:
      - { code: PNV, name: Phòng Nội vụ }
      - { code: VP, name: Văn phòng }
      - { code: TP, name: Phòng Tư pháp }
      - { code: VHTT, name: Phòng Văn hóa và Thông tin }
    criteria:
      - id: "1"
        code: "1"
        title: Chỉ đạo, điều hành
        max: 3
        children:
          - { id: "1.1", code: "1.1", title: Kế hoạch CCHC, max: 1, lead: [PNV] }
          - { id: "1.2", code: "1.2", title: Thủ tục hành chính của phòng, max: 2, lead: [PNV] }
      - id: "2"
        code: "2"
        title: Hiện đại hóa
        max: 2
        children:
          - { id: "2.1", code: "2.1", title: Phần mềm một cửa, max: 1, lead: [VP] }
          - { id: "2.2", code: "2.2", title: Dịch vụ bưu chính công ích, max: 0.5, lead: [VP], notApplicable: true }
          - { id: "2.3", code: "2.3", title: Chữ ký số, max: 0.5, lead: [VP] }
      - id: "3"
        code: "3"
        title: Thể chế
        max: 1.5
        children:
          - { id: "3.1", code: "3.1", title: Rà soát văn bản, max: 1, lead: [TP] }
          - { id: "3.2", code: "3.2", title: Tuyên truyền, max: 0.5, lead: [VHTT] }
    """

    static func consolidation() throws -> Consolidation {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fw-\(UUID().uuidString).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let framework = try FrameworkStore.load(path: url.path)
        typealias T = ConsolidationTests
        let pnv = T.submission("pnv.xlsx", unit: "PNV", rows: [
            [.string("1.1"), .string("Kế hoạch CCHC"), .number(1), .number(1), .string("KH số 5")],
            // The unit has no procedures of its own: it marks the criterion not applicable.
            [.string("1.2"), .string("Thủ tục hành chính của phòng"), .number(2), .string("Không áp dụng"), nil],
        ])
        let vp = T.submission("vp.xlsx", unit: "VP", rows: [
            [.string("2.1"), .string("Phần mềm một cửa"), .number(1), .number(0.75), .string("Phần mềm")],
            [.string("2.2"), .string("Dịch vụ bưu chính công ích"), .number(0.5), .string("KAD"), nil],
            [.string("2.3"), .string("Chữ ký số"), .number(0.5), .string("0,5"), .string("Chứng thư số")],
        ])
        let tp = T.submission("tp.xlsx", unit: "TP", rows: [
            [.string("3.1"), .string("Rà soát văn bản"), .number(1), .number(1), .string("BC rà soát")],
        ])
        let inputs: [ConsolidationInput] = [
            .submission(pnv, findings: []), .submission(vp, findings: []),
            .submission(tp, findings: [T.error("tp.xlsx")]),   // excluded for its error; VHTT sent nothing
        ]
        return Consolidator(framework: framework, layout: try LayoutLibrary.load("self-assessment")).consolidate(inputs)
    }

    @Test func figuresPerFieldPerUnitAndTotal() throws {
        let c = try Self.consolidation()
        let s = c.summary
        #expect(s.pointsRole == .selfScore)
        #expect(c.rows.first { $0.criterion.id == "1.2" }?.values[.selfScore] == .notApplicable("Không áp dụng"))

        // Field 1: 1.2 does not apply (the unit said so) — it leaves the maximum.
        let f1 = s.fields[0].figures
        #expect((f1.criteria, f1.max, f1.notApplicable, f1.notApplicableMax) == (2, 3, 1, 2))
        #expect((f1.scored, f1.scoredMax, f1.achieved, f1.lost, f1.missing) == (1, 1, 1, 0, 0))
        #expect(f1.index == 100 && f1.band?.label == "Tốt" && !f1.isPartial && f1.applicableMax == 1)
        // Field 2: 2.2 does not apply (framework and file agree).
        let f2 = s.fields[1].figures
        #expect((f2.notApplicable, f2.notApplicableMax, f2.scored, f2.scoredMax, f2.achieved, f2.lost) == (1, 0.5, 2, 1.5, 1.25, 0.25))
        #expect(f2.index == 83.33 && f2.band?.label == "Khá")
        // Field 3: TP's file was excluded and VHTT sent nothing: no value, nothing lost, no index.
        let f3 = s.fields[2].figures
        #expect((f3.scored, f3.achieved, f3.lost, f3.missing, f3.missingMax) == (0, 0, 0, 2, 1.5))
        #expect(f3.index == nil && f3.band == nil && f3.isPartial)
        #expect(ScoreSummaryText.loss(f3) == "chưa có số liệu")
        #expect(ScoreSummaryText.missing(f3) == "2 tiêu chí, 1,5 điểm")

        // Total: 2,25 of the 2,5 points with a value; 1,5 points without; 2,5 not applicable.
        let t = s.total
        #expect((t.criteria, t.max, t.notApplicable, t.notApplicableMax) == (7, 6.5, 2, 2.5))
        #expect((t.scored, t.scoredMax, t.achieved, t.lost, t.missing, t.missingMax) == (3, 2.5, 2.25, 0.25, 2, 1.5))
        #expect(t.index == 90 && t.band?.label == "Tốt" && t.isPartial)
        #expect(ScoreSummaryText.loss(t) == "trừ 0,25/2,5 điểm có số liệu (tạm tính)")
        #expect(ScoreSummaryText.band(t) == "Tốt (tạm tính)")

        // Units: what happened to each, and their own figures.
        #expect(s.units.map(\.code) == ["PNV", "VP", "TP", "VHTT"])
        #expect(s.units.map(\.status) == [.submitted, .submitted, .excluded, .notSubmitted])
        #expect(s.units.map(\.status.label) == ["Đã nộp", "Đã nộp", "Có lỗi — chưa tổng hợp", "Chưa nộp"])
        #expect(s.units.map(\.figures.index) == [100, 83.33, nil, nil])
        #expect(s.units.map(\.figures.lost) == [0, 0.25, 0, 0])
        #expect(s.units.map(\.figures.missingMax) == [0, 0, 1, 0.5])
        #expect(s.units[2].files == ["tp.xlsx"] && s.units[3].files.isEmpty)
        #expect(c.unitsExcluded.map(\.code) == ["TP"] && c.unitsNotSubmitted.map(\.code) == ["VHTT"])

        // The same figures travel as JSON (web page, yearly cycle).
        let data = try JSONEncoder().encode(s)
        let back = try JSONDecoder().decode(ScoreSummary.self, from: data)
        #expect(back.total == s.total && back.units.map(\.status) == s.units.map(\.status))
    }

    @Test func workbookShowsTheFiguresAndStatuses() throws {
        let c = try Self.consolidation()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tong-hop.xlsx").path
        try AppendixWorkbook.write(c, to: path)
        let reader = try XLSXReader(path: path)
        func lines(_ sheet: String) throws -> [String] {
            var out: [String] = []
            try reader.readRows(of: try reader.sheet(named: sheet)) { row in
                out.append(row.cells.map(\.value.description).joined(separator: "|"))
            }
            return out
        }
        let summary = try lines(AppendixWorkbook.summarySheet)
        #expect(summary.contains { $0.contains("Tiêu chí không áp dụng được bỏ khỏi điểm chuẩn") })
        #expect(summary.contains { $0.contains("Tốt (≥ 90 %); Khá (80–90 %); Trung bình (70–80 %); Yếu (< 70 %)") })
        #expect(summary.contains("1|Chỉ đạo, điều hành|3|2|1|0|trừ 0/1 điểm|100|Tốt"))
        #expect(summary.contains("2|Hiện đại hóa|2|0.5|1.25|0.25|trừ 0,25/1,5 điểm|83.33|Khá"))
        // No achieved, lost or percentage where nothing has a value.
        #expect(summary.contains("3|Thể chế|1.5|chưa có số liệu|2 tiêu chí, 1,5 điểm"))
        #expect(summary.contains("Tổng cộng|6.5|2.5|2.25|0.25|trừ 0,25/2,5 điểm có số liệu (tạm tính)|2 tiêu chí, 1,5 điểm|90|Tốt (tạm tính)"))
        #expect(summary.contains("3|Phòng Tư pháp|1|Có lỗi — chưa tổng hợp|1 tiêu chí, 1 điểm"))
        #expect(summary.contains("4|Phòng Văn hóa và Thông tin|0.5|Chưa nộp|1 tiêu chí, 0,5 điểm"))
        #expect(!summary.contains { $0.contains("20,125") })

        let check = try lines(AppendixWorkbook.checkSheet)
        #expect(check.contains("1|Phòng Tư pháp|Có lỗi — chưa tổng hợp|TP|1|tp.xlsx"))
        #expect(check.contains("2|Phòng Văn hóa và Thông tin|Chưa nộp|VHTT|1"))
        #expect(check.contains { $0.hasPrefix("1|Rà soát văn bản|Có lỗi — chưa tổng hợp|TP|") })
        #expect(check.contains { $0.hasPrefix("2|Tuyên truyền|Chưa nộp|VHTT|") })
        // Every section has its header row.
        #expect(check.filter { $0.hasPrefix("STT|") }.count == 5 && check.contains { $0.hasPrefix("Số dòng|Tệp|Trạng thái|Trang tính|Mã|Chi tiết|Dòng trong tệp|Dòng ở Phụ lục") })
    }
}
