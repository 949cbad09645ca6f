import ArgumentParser
import ParIndexKit
import ParIndexStore

/// `parindex campaign add DIR FILE_OR_FOLDER…`: validate and store; exit status as `validate`.
struct CampaignAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Kiểm tra và lưu các tệp đơn vị gửi về (mỗi tệp là một phiên bản mới của đơn vị).",
        discussion: "Mã thoát: 0 — không có lỗi; 1 — có tệp có lỗi; 2 — có tệp không đọc được (các tệp khác vẫn được lưu).")

    @Argument(help: "Thư mục (hoặc tệp .parindex) của đợt thu thập.")
    var campaign: String

    @Argument(help: "Các tệp .xlsx hoặc thư mục.")
    var files: [String]

    @Option(name: .long, help: "Ghi mọi tệp cho đơn vị này (mã), thay vì nhận ra đơn vị từ tệp.")
    var unit: String?

    @OptionGroup(title: "Giới hạn khi đọc tệp") var limits: LimitOptions

    @OptionGroup(title: "Bộ nhớ đệm") var cache: CacheOptions

    func run() async throws {
        let store = try CampaignOpener.open(campaign)
        let bar = ProgressBar(label: "Đang kiểm tra và lưu")
        let results = try await store.add(SubmissionSource.expand(files), unit: unit,
                                          options: RunOptions(limits: limits.readLimits, progress: { bar.update($0.done, $0.total) },
                                                             cache: cache.open()))
        let out = OutputBuffer()
        for result in results {
            let file = result.file
            switch (result.outcome, result.submission) {
            case (.skipped, _) where file.status == .unreadable:
                // Not even its bytes could be taken (missing, over --max-file-mib): nothing stored.
                out.flush()
                Console.writeError("parindex: \(file.file): \(file.reason ?? "")\n")
            case (.skipped, _):
                out.write("\(file.file): \(file.reason ?? "bỏ qua")\n")
            case (.alreadyReceived, let s?):
                out.write("\(file.file): đã nhận trước đây (bài nộp #\(s.id), \(s.unit ?? "chưa rõ đơn vị") lần \(s.version)) — không lưu lại\n")
            case (_, let s?) where file.status == .unreadable:
                out.flush()
                Console.writeError("parindex: \(file.file): \(file.reason ?? "")\n")
                out.write("\(file.file): bài nộp #\(s.id), \(s.unit ?? "chưa rõ đơn vị") lần \(s.version) — \(file.status.label)\n")
            case (_, let s?):
                out.write("\(file.file): bài nộp #\(s.id), \(s.unit ?? "chưa rõ đơn vị") lần \(s.version) — \(file.status.label), "
                          + "\(file.errors) lỗi, \(file.warnings) cảnh báo\n")
                for finding in file.findings { out.write(ValidationText.line(finding) + "\n") }
            case (_, nil):
                break
            }
        }
        out.flush()
        if results.contains(where: { $0.file.status == .unreadable }) { throw ExitCode(2) }
        if results.contains(where: { $0.file.errors > 0 }) { throw ExitCode(1) }
    }
}
