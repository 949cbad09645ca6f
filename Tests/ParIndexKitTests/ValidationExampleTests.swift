import Foundation
import Testing
@testable import ParIndexKit

/// The four example appendices validated against the frameworks imported from them.
struct ValidationExampleTests {
    static func load(_ name: String) throws -> (Framework, Submission) {
        let path = SeedWorkbookImportTests.root.appendingPathComponent("Examples/frameworks/\(name).yaml").path
        return (try FrameworkStore.load(path: path), try Submission.read(path: SeedWorkbookImportTests.workbook(name)))
    }

    @Test(arguments: FrameworkImportTests.names)
    func exampleAppendixAgainstItsOwnFrameworkHasNoFinding(_ name: String) throws {
        let (framework, submission) = try Self.load(name)
        let validator = Validator(framework: framework)
        // The framework's layout is used, and every row is matched to a criterion.
        #expect(validator.layout(for: submission)?.name == framework.metadata.layout)
        let context = ValidationContext(submission: submission, framework: framework,
                                        layout: validator.layout(for: submission))
        #expect(context.matched.allSatisfy { $0 != nil })
        #expect(context.rowOfCriterion.count == framework.flattened.count)
        let findings = validator.validate(submission)
        #expect(findings.isEmpty, "\(findings.map { "\($0.rule.rawValue) \($0.cell?.a1 ?? "-") \($0.message)" })")
    }

    @Test func mistypedUnitIsReportedWhenTheFrameworkDoesNotKeepItAsAnAlias() throws {
        var (framework, submission) = try Self.load("000-van-phong-ubnd-dak-nong-2020")
        #expect(framework.units[1].aliases == ["CTTBDT"])
        framework.units[1].aliases = []
        let findings = Validator(framework: framework).validate(submission)
        #expect(findings.triples == [Triple(.unitUnknown, "G29", "4.1.1"), Triple(.unitUnknown, "G31", "4.1.3")])
        #expect(findings[0].message == "Đơn vị \"CTTBDT\" không có trong danh sách; có phải \"CTTĐT\"?")
        _ = submission
    }
}
