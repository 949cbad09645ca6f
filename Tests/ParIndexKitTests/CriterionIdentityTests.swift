import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// `framework import` and row matching share one criterion identity: a table always
/// matches the framework imported from it.
struct CriterionIdentityTests {
    @Test(arguments: FrameworkImportTests.names)
    func everyExampleAppendixValidatesCleanAgainstItsImportedFramework(_ name: String) throws {
        let path = SeedWorkbookImportTests.workbook(name)
        let framework = try FrameworkImporter().importWorkbook(path: path).framework
        let findings = Validator(framework: framework).validate(try Submission.read(path: path))
        let identity: Set<RuleID> = [.criterionUnknown, .criterionMissing, .criterionDuplicate]
        #expect(findings.filter { identity.contains($0.rule) }.isEmpty, "\(findings.map { "\($0.rule.rawValue) \($0.cell?.a1 ?? "") \($0.code ?? "")" })")
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.map(\.message))")
    }

    /// Codes `1, 1.2, -, 1.2, -`: the importer and the matcher used to name the last row
    /// `1.2-1#2` and `1.2#2-1`.
    @Test func repeatedCodeWithBulletsRoundTrips() throws {
        let data: [[TestCell]] = [
            ["1", "Lĩnh vực một", 4, nil, nil, nil, nil, "PNV", nil, nil],
            ["1.2", "Tiêu chí hai", 2, nil, nil, nil, nil, "PNV", nil, nil],
            ["-", "Ý thứ nhất", 1, nil, nil, nil, nil, "PNV", nil, nil],
            ["1.2", "Tiêu chí hai (lặp lại)", 2, nil, nil, nil, nil, "PNV", nil, nil],
            ["-", "Ý thứ hai", 1, nil, nil, nil, nil, "PNV", nil, nil],
        ]
        let table = ValidationFixture.submission(data).table
        var warnings: [FrameworkImporter.Warning] = []
        let imported = FrameworkImporter.assignIDs(table.rows, warnings: &warnings)
        #expect(imported == ["1", "1.2", "1.2-1", "1.2#2", "1.2-1#2"])
        #expect(warnings.count == 2)

        let framework = FrameworkImporter().importTable(table).framework
        let match = CriterionMatch(table: table, byID: Dictionary(uniqueKeysWithValues: framework.flattened.map { ($0.criterion.id, $0) }),
                                   flat: framework.flattened)
        #expect(match.matched.map { $0?.criterion.id } == imported)
        #expect(match.duplicateOf.isEmpty)
    }
}
