import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// Templates a unit can fill: sums that add up, a signature block, the national header
/// with the parent body, scores shown as offices write them, rows that grow with the
/// unit's text — and validation still reads the template back clean.
struct TemplateSumsTests {
    static let framework = Framework(
        metadata: FrameworkMetadata(title: "Bộ tiêu chí thử", year: 2023, issuer: "UBND huyện Đắk Mil", layout: "self-assessment"),
        units: [Unit(code: "PNV", name: "Phòng Nội vụ"), Unit(code: "VP", name: "Văn phòng")],
        criteria: [
            Criterion(id: "1", code: "1", title: "Chỉ đạo, điều hành", max: 13.875, children: [
                Criterion(id: "1.1", code: "1.1", title: "Kế hoạch CCHC", max: 13, lead: ["PNV"]),
                Criterion(id: "1.2", code: "1.2", title: "Báo cáo CCHC", max: 0.875, children: [
                    Criterion(id: "1.2.1", code: "1.2.1", title: "Báo cáo quý", max: 0.5, lead: ["PNV"]),
                    Criterion(id: "1.2.2", code: "1.2.2", title: "Báo cáo năm", max: 0.375, lead: ["PNV"]),
                ]),
            ]),
            Criterion(id: "2", code: "2", title: "Hiện đại hóa", max: 1, children: [
                Criterion(id: "2.1", code: "2.1", title: "Phần mềm một cửa", max: 1, lead: ["VP"]),
            ]),
        ])

    static func write() throws -> (String, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-sums-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let builder = TemplateBuilder(framework: framework, layout: try LayoutLibrary.load("self-assessment"))
        let path = dir.appendingPathComponent("pnv.xlsx").path
        try builder.write(unit: try builder.selector.unit(named: "PNV"), to: path)
        return (path, dir)
    }

    @Test func sumsSignatureHeaderFormatsAndHeights() throws {
        let (path, dir) = try Self.write()
        defer { try? FileManager.default.removeItem(at: dir) }
        let package = TemplatePackage(path: path)
        let sheet = try package.text(of: "xl/worksheets/sheet1.xml")
        // Rows 8–11: 1, 1.1, 1.2, 1.2.1, 1.2.2 (8…12); columns A STT, B title, C max, D self.
        #expect(sheet.contains("<c r=\"D8\" s=") && sheet.contains("<f>SUM(D9:D10)</f><v>0</v>"))
        #expect(sheet.contains("<f>SUM(D11:D12)</f><v>0</v>"))
        // Tổng cộng on row 13: the unit's own criteria (1.1, 1.2.1, 1.2.2), with cached values.
        #expect(sheet.contains("<f>SUM(C9,C11:C12)</f><v>13.875</v>"))
        #expect(sheet.contains("<f>SUM(D9,D11:D12)</f><v>0</v>"))
        // Input rows keep a starting height that Excel fits again; others are fixed.
        for row in [9, 11, 12] {
            #expect(sheet.range(of: "<row r=\"\(row)\"[^>]*customHeight", options: .regularExpression) == nil, "row \(row)")
        }
        #expect(sheet.range(of: "<row r=\"10\"[^>]*customHeight=\"1\"", options: .regularExpression) != nil)
        // Scores as offices write them.
        let styles = try package.text(of: "xl/styles.xml")
        #expect(styles.contains("formatCode=\"[$-42A]General\""))
        #expect(!styles.contains("formatCode=\"0.00\""))

        var cells: [String: CellValue] = [:]
        let reader = try XLSXReader(path: path)
        try reader.readRows(of: reader.sheets[0]) { row in for cell in row.cells { cells[cell.reference.a1] = cell.value } }
        #expect(cells["A1"] == .string("UBND HUYỆN ĐẮK MIL"))
        #expect(cells["A2"] == .string("PHÒNG NỘI VỤ"))
        #expect(cells["B13"] == .string("Tổng cộng"))
        #expect(cells["C13"] == .number(13.875))
        let texts = cells.values.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
        for line in ["…, ngày … tháng … năm 2023", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"] {
            #expect(texts.contains(line), "\(line)")
        }

        // Validation reads the blank template back clean: the total row and the signature
        // block are not data.
        let submission = try Submission.read(path: path)
        #expect(submission.table.rows.map(\.code) == ["1", "1.1", "1.2", "1.2.1", "1.2.2"])
        let findings = Validator(framework: Self.framework).validate(submission)
        #expect(findings.filter { $0.rule != .requiredMissing }.isEmpty, "\(findings.map(\.message))")
    }

    @Test(.enabled(if: LibreOffice.soffice != nil, LibreOffice.skipMessage), .timeLimit(.minutes(3)))
    func libreOfficeShowsScoresWithADecimalComma() throws {
        let (path, dir) = try Self.write()
        defer { try? FileManager.default.removeItem(at: dir) }
        try LibreOffice.convert([path], to: "csv:Text - txt - csv (StarCalc):59,34,76,1", outdir: dir)
        let csv = try String(contentsOf: dir.appendingPathComponent("pnv.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\"1.1\";\"Kế hoạch CCHC\";13;") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\"1.2.1\";\"Báo cáo quý\";0,5;") })
        #expect(lines.contains { $0.hasPrefix("\"1.2.2\";\"Báo cáo năm\";0,375;") })
        #expect(lines.contains { $0.hasPrefix(";\"Tổng cộng\";13,875;") })
    }
}
