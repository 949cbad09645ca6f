import Foundation
import Testing
@testable import ParIndexKit

struct ValidationScratchTests {
    @Test(arguments: FrameworkImportTests.names)
    func dump(_ name: String) throws {
        let root = SeedWorkbookImportTests.root
        let framework = try FrameworkStore.load(path: root.appendingPathComponent("Examples/frameworks/\(name).yaml").path)
        let submission = try Submission.read(path: SeedWorkbookImportTests.workbook(name))
        let v = Validator(framework: framework)
        let layout = v.layout(for: submission)
        let ctx = ValidationContext(submission: submission, framework: framework, layout: layout)
        print("SCRATCH \(name) layout=\(layout?.name ?? "-") rows=\(ctx.rows.count) matched=\(ctx.matched.compactMap{$0}.count) unit=\(CriterionRules.submittingUnit(ctx)?.name ?? "-") cols=\(submission.table.columns.keys.map(\.rawValue).sorted())")
        for (i, row) in ctx.rows.enumerated() {
            let c = ctx.matched[i]?.criterion
            var inh: [String] = []
            for col in layout?.columns ?? [] where col.required && !col.role.isScore {
                if row.texts[col.role] == nil, ctx.inheritedText(col.role, i) != nil { inh.append(col.role.rawValue) }
            }
            print("SCRATCH \(name) r\(row.row) \(row.code) id=\(c?.id ?? "?") leaf=\(c?.children.isEmpty ?? false) max=\(c?.max.map{String($0)} ?? "-") inherited=\(inh) deadline=\(row.texts[.deadline] ?? "-")")
        }
        var fw2 = framework
        fw2.criteria = []
        _ = fw2
    }
}
