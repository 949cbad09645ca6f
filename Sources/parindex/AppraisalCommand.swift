import ArgumentParser
import Foundation
import ParIndexKit
import ParIndexStore

/// `parindex appraisal …`: the appraisal (thẩm định) of a consolidated self-assessment.
struct AppraisalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "Thẩm định: lập bảng thẩm định cho hội đồng từ kết quả tự đánh giá; lưu bảng đã điền vào đợt thu thập.",
        subcommands: [AppraisalSheetCommand.self, AppraisalAddCommand.self]
    )
}

/// `parindex appraisal sheet --framework F RESULT -o tham-dinh.xlsx`.
struct AppraisalSheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "Lập bảng thẩm định (.xlsx): điểm tự đánh giá, tài liệu kiểm chứng, ghi chú đã khóa; cột \"Điểm thẩm định\" và \"Giải trình / ý kiến thẩm định\" để hội đồng điền.",
        discussion: """
        RESULT là bảng tổng hợp do `parindex consolidate` ghi, tệp của một đơn vị, tệp JSON do `parindex results --json` ghi, \
        hoặc thư mục (tệp .parindex) của một đợt thu thập.
        Đọc lại bảng đã điền: `parindex results --appraisal TỆP` hoặc `parindex consolidate --appraisal TỆP`.
        """
    )

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx (không cần khi RESULT là đợt thu thập).")
    var framework: String?

    @Argument(help: "Kết quả tự đánh giá: bảng tổng hợp .xlsx, tệp .json, hoặc đợt thu thập.")
    var result: String

    @Option(name: .shortAndLong, help: "Tệp bảng thẩm định cần ghi (.xlsx).")
    var output: String

    @Option(name: .long, help: "Đơn vị được thẩm định, in dưới tiêu đề (mặc định: cơ quan ban hành bộ tiêu chí).")
    var entity: String?

    @Option(name: .long, help: "Mật khẩu bảo vệ trang tính (kiểu băm cũ của Excel: chỉ chống sửa nhầm).")
    var password: String?

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func run() throws {
        let (fw, scores) = try CycleIO.load(result, framework: framework, appraisal: nil, limits: limits)
        let open = try CycleIO.writing(output) {
            try AppraisalSheet(framework: fw, scores: scores.scores, entity: entity, password: password)
                .write(to: output)
        }
        print("Đã ghi \(output): \(open) tiêu chí để thẩm định (\(scores.scores.scoredCount) tiêu chí có điểm tự đánh giá).")
    }
}

/// `parindex appraisal add CAMPAIGN FILE`: stores the council's filled workbook in a campaign.
struct AppraisalAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Lưu bảng thẩm định đã điền vào đợt thu thập; từ đó `results`, `remediation`, `framework next-year` với đợt thu thập dùng điểm thẩm định.",
        discussion: "Mã thoát: 0 — đọc được mọi điểm thẩm định; 1 — có ô điểm thẩm định không dùng được (bảng vẫn được lưu); 2 — không đọc được tệp."
    )

    @Argument(help: "Thư mục (hoặc tệp .parindex) của đợt thu thập.")
    var campaign: String

    @Argument(help: "Bảng thẩm định đã điền (.xlsx).")
    var file: String

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    func run() throws {
        let store = try CampaignOpener.open(campaign)
        let added: (record: AppraisalRecord, reading: AppraisalReading)
        do {
            added = try store.addAppraisal(path: file, limits: limits.readLimits)
        } catch {
            Console.reportUnreadable(file, error)
            throw ExitCode(2)
        }
        let base = try store.cycleScores()
        let lowered = base.findings.filter { $0.rule == .appraisalLowered }.count
        let raised = base.findings.filter { $0.rule == .appraisalRaised }.count
        print("Đã lưu bảng thẩm định \(added.record.originalName) (lần \(try store.appraisals().count)): \(added.record.appraised) tiêu chí có điểm thẩm định; hạ điểm \(lowered), nâng điểm \(raised) tiêu chí so với điểm tự đánh giá.")
        for f in added.reading.findings where f.severity == .error {
            Console.writeError("Lỗi: \(f.file)\(f.cell.map { " ô \($0)" } ?? ""): \(f.message)\n")
        }
        if added.record.errors > 0 { throw ExitCode(1) }
    }
}
