import ArgumentParser
import Foundation
import ParIndexKit

/// `parindex remediation`: the remediation plan appendix of seed 004, from a result.
struct RemediationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remediation",
        abstract: "Kế hoạch khắc phục: mỗi tiêu chí bị trừ điểm một dòng (STT, nội dung khắc phục, cơ quan chủ trì, phối hợp, thời gian hoàn thành) và trang \"Tổng hợp\" với các dòng nội dung báo cáo.",
        discussion: """
        Ví dụ: parindex remediation --framework bo-tieu-chi.yaml ket-qua-2023.json --rank 8/8 -o khac-phuc-2024.xlsx
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx (không cần khi kết quả là đợt thu thập).")
    var framework: String?

    @Argument(help: "Kết quả: bảng tổng hợp, bảng thẩm định đã điền (.xlsx), tệp .json do `parindex results` ghi, hoặc đợt thu thập.")
    var result: String

    @Option(name: .long, help: "Bảng thẩm định đã điền (.xlsx) áp vào kết quả.")
    var appraisal: String?

    @Option(name: .long, help: "Thứ hạng do tỉnh công bố, ví dụ 8/8 (để ghi dòng tổng).")
    var rank: String?

    @Option(name: .long, help: "Thời hạn ghi sẵn cho mọi dòng (mặc định: Thường xuyên).")
    var deadline: String = RemediationPlan.defaultDeadline

    @Option(name: .long, help: "Bố cục của phụ lục (mặc định: remediation).")
    var layout: String = "remediation"

    @Option(name: .shortAndLong, help: "Tệp kế hoạch khắc phục cần ghi (.xlsx).")
    var output: String

    @Option(name: .long, help: "Ghi kế hoạch ra tệp .json.")
    var json: String?

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func validate() throws {
        if let rank, PublishedRank(rank) == nil { throw ValidationError("--rank phải có dạng HẠNG/SỐ_ĐƠN_VỊ, ví dụ 8/8.") }
    }

    func run() throws {
        let (fw, loaded) = try CycleIO.load(result, framework: framework, appraisal: appraisal, limits: limits)
        let chosenLayout: Layout
        do { chosenLayout = try LayoutLibrary.load(layout) } catch {
            Console.reportUnreadable(layout, error)
            throw ExitCode(2)
        }
        var publishedRank = rank.flatMap(PublishedRank.init)
        if publishedRank == nil, result.lowercased().hasSuffix(".json"),
           let data = FileManager.default.contents(atPath: result),
           let results = try? JSONDecoder().decode(CycleResults.self, from: data) {
            publishedRank = results.rank
        }
        let plan = RemediationPlanner.plan(framework: fw, scores: loaded.scores,
                                           rank: publishedRank, deadline: deadline)
        try CycleIO.writing(output) {
            try RemediationWorkbook.write(plan, framework: fw, layout: chosenLayout, to: output)
        }
        if let json { try CycleIO.writeJSON(plan, to: json) }
        let noScore = plan.accounts.filter { $0.status == .noScore }.count
        print("Đã ghi \(output): \(plan.items.count) nội dung khắc phục trong \(plan.fields.count) lĩnh vực; tổng số điểm bị trừ \(ScoreFormat.vietnamese(plan.totalLost)) điểm.")
        for line in plan.letterLines.prefix(3) { print("  \(line)") }
        if noScore > 0 {
            print("Lưu ý: \(noScore) tiêu chí chưa có điểm trong kết quả, không đưa vào kế hoạch (xem trang \"Kiểm tra\").")
        }
    }
}
