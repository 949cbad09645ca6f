import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex framework next-year FRAMEWORK --results RESULT -o 2024.yaml`.
struct FrameworkNextYearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-year",
        abstract: "Bộ tiêu chí năm sau: điểm đạt năm nay điền vào cột \"Điểm đạt năm …\", mục tiêu mặc định bằng điểm chuẩn; bố cục kế hoạch (plan).",
        discussion: """
        Với --criteria, bộ tiêu chí mới của năm sau được ghép với năm nay theo nội dung tiêu chí rồi theo STT; \
        tiêu chí mới, tiêu chí bỏ, tiêu chí đổi điểm chuẩn được liệt kê.
        Sau đó: parindex template --framework 2024.yaml --all --out-dir mau-2024/
        """
    )

    @Argument(help: "Bộ tiêu chí năm nay (.yaml/.json hoặc bảng phụ lục .xlsx).")
    var framework: String

    @Option(name: .long, help: "Kết quả năm nay: bảng tổng hợp, bảng thẩm định đã điền (.xlsx), tệp .json hoặc đợt thu thập.")
    var results: String

    @Option(name: .long, help: "Bảng thẩm định đã điền (.xlsx) áp vào kết quả.")
    var appraisal: String?

    @Option(name: .long, help: "Bộ tiêu chí mới của năm sau, nếu có thay đổi (.yaml/.json/.xlsx).")
    var criteria: String?

    @Option(name: .shortAndLong, help: "Tệp bộ tiêu chí năm sau cần ghi (.yaml hoặc .json).")
    var output: String

    @Option(name: .long, help: "Ghi báo cáo thay đổi ra tệp .json.")
    var json: String?

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func run() throws {
        let context = try CommandContext.load(framework: framework, layout: nil)
        let (_, loaded) = try CycleIO.load(results, framework: framework, appraisal: appraisal, limits: limits)
        var newCriteria: Framework?
        if let criteria {
            newCriteria = try CommandContext.load(framework: criteria, layout: nil).framework
        }
        let next = NextYearPlanner.plan(framework: context.framework, scores: loaded.scores, newCriteria: newCriteria)
        try CycleIO.writing(output) { try FrameworkStore.save(next.framework, to: output) }
        if let json { try CycleIO.writeJSON(next.report, to: json) }
        print("Đã ghi \(output): bộ tiêu chí năm \(next.framework.metadata.year.map(String.init) ?? "sau"), \(next.framework.flattened.count) tiêu chí.")
        for line in next.report.lines { print("  \(line)") }
    }
}
