import ArgumentParser
import ParIndexKit
import ParIndexStore

/// `parindex campaign consolidate DIR -o OUT.xlsx`: from the stored values, no workbook opened.
struct CampaignConsolidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate", abstract: "Tổng hợp từ dữ liệu đã lưu (phiên bản hợp lệ mới nhất của mỗi đơn vị), không mở lại tệp nào.",
        discussion: "Mã thoát: 0 — mọi bài được dùng đều hợp lệ; 1 — có bài có lỗi hoặc không đọc được; 2 — chưa có bài đọc được.")

    @Argument(help: "Thư mục (hoặc tệp .parindex) của đợt thu thập.")
    var campaign: String

    @Option(name: .shortAndLong, help: "Tệp bảng tổng hợp cần ghi (.xlsx).")
    var output: String

    @Option(name: .long, help: "Năm ghi trên tiêu đề cột (mặc định: năm của bộ tiêu chí).")
    var year: Int?

    @Flag(name: .long, help: "Gộp cả các bài có lỗi (được đánh dấu màu đỏ).")
    var includeInvalid = false

    func run() throws {
        let store = try CampaignOpener.open(campaign)
        let result = try store.consolidate(options: .init(includeInvalid: includeInvalid, year: year))
        let figures = result.figures
        guard figures.readable > 0 else {
            Console.writeError("parindex: \(campaign): chưa có bài nộp nào đọc được\n")
            throw ExitCode(2)
        }
        do {
            try result.write(to: output)
        } catch {
            Console.reportUnreadable(output, error)
            throw ExitCode(2)
        }
        ConsolidationText.write(result.consolidation, figures: figures, output: output)
        if figures.invalidOrUnreadable > 0 { throw ExitCode(1) }
    }
}
