import Foundation
import Testing
@testable import ParIndexKit

/// The four example appendices validated against the frameworks imported from them.
struct ValidationExampleTests {
    @Test(arguments: FrameworkImportTests.names)
    func exampleAppendixAgainstItsOwnFramework(_ name: String) throws {
        let root = SeedWorkbookImportTests.root
        let framework = try FrameworkStore.load(path: root.appendingPathComponent("Examples/frameworks/\(name).yaml").path)
        let submission = try Submission.read(path: SeedWorkbookImportTests.workbook(name))
        let findings = Validator(framework: framework).validate(submission)
        for finding in findings {
            print("\(name): \(finding.severity.rawValue) \(finding.rule.rawValue) \(finding.cell ?? "-") \(finding.code ?? "-"): \(finding.message)")
        }
        #expect(findings.filter { $0.severity == .error }.isEmpty)
        // Every row of its own appendix is a criterion of the framework.
        #expect(!findings.contains { $0.rule == .criterionUnknown || $0.rule == .criterionDuplicate })
    }
}
