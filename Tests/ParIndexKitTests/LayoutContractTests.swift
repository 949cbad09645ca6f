import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// A layout is a complete contract: a template made with a user's layout is read with that
/// layout's header wordings and validated against that layout, which travels inside the
/// template (identity sheet), not only by name.
struct LayoutContractTests {
    /// The self-assessment layout with the evidence column worded `Hồ sơ minh họa`.
    static let custom = """
        name: tu-danh-gia-rieng
        title: "Bảng tự chấm điểm CCHC năm {year}"
        columns:
          - { role: code,     header: "STT", given: true }
          - { role: title,    header: "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", width: 50, given: true }
          - { role: max,      header: "Điểm chuẩn", given: true }
          - { role: self,     header: "Điểm tự đánh giá", required: true }
          - { role: evidence, header: "Hồ sơ minh họa", width: 40, required: true }
        """

    @Test func customLayoutTemplateRoundTrips() throws {
        let dir = try ExampleWorkflowTests.scratch()
        let fw = try ExampleWorkflowTests.framework()
        let layout = try Layout.parse(yaml: Self.custom, origin: "tu-danh-gia-rieng.yaml")
        let builder = TemplateBuilder(framework: fw, layout: layout)
        let unit = try builder.selector.unit(named: "TCKH")
        let template = dir.appendingPathComponent("mau.xlsx").path
        try builder.write(unit: unit, to: template)

        // The identity carries the layout itself.
        let blank = try Submission.read(path: template)
        #expect(blank.identity?.layoutDefinition == layout)
        #expect(blank.table.columns[.evidence] != nil, "the custom evidence header is recognised")

        // Filled as a unit would: a score and a "Hồ sơ minh họa" text on every open row.
        let selfColumn = try #require(blank.table.columns[.selfScore])
        let evidenceColumn = try #require(blank.table.columns[.evidence])
        var edits: [CellReference: CellValue] = [:]
        for row in blank.table.rows where !(fw.flattened.first { $0.criterion.id == row.parsedCode.normalized }?.criterion.isGroup ?? true) {
            edits[CellReference(row: row.row, column: selfColumn)] = .number(0)
            edits[CellReference(row: row.row, column: evidenceColumn)] = .string("Hồ sơ số 1")
        }
        #expect(!edits.isEmpty)
        let filled = dir.appendingPathComponent("da-dien.xlsx").path
        let reader = try XLSXReader(path: template)
        let writer = try XLSXWriter(path: filled)
        for sheet in reader.sheets {
            let ws = try writer.addWorksheet(name: sheet.name)
            var seen = Set<CellReference>()
            _ = try reader.readRows(of: sheet) { row in
                for cell in row.cells {
                    seen.insert(cell.reference)
                    try ws.write(sheet.name == TemplateBuilder.mainSheetName ? edits[cell.reference] ?? cell.value : cell.value, at: cell.reference)
                }
            }
            if sheet.name == TemplateBuilder.mainSheetName {
                for (ref, value) in edits where !seen.contains(ref) { try ws.write(value, at: ref) }
            }
        }
        try writer.close()

        // Validated without naming the layout: the template's own layout applies.
        let findings = Validator(framework: fw).validate(try Submission.read(path: filled))
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.map { "\($0.rule.rawValue) \($0.cell?.a1 ?? "")" })")
        #expect(!findings.contains { $0.rule == .layoutColumnMissing })
    }

    @Test func identityWithoutTheLayoutStillReads() {
        let rows = ["frameworkHash": "abc", "unitCode": "PNV", "layout": "plan"]
        let identity = TemplateIdentity(rows: rows)
        #expect(identity?.layout == "plan" && identity?.layoutDefinition == nil)
    }
}
