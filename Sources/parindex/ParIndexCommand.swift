import ArgumentParser

/// The `parindex` command: PAR INDEX templates, validation and consolidation.
@main
struct ParIndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parindex",
        abstract: "Công cụ lập mẫu, kiểm tra và tổng hợp bảng Chỉ số cải cách hành chính (PAR INDEX).",
        discussion: """
        Mã thoát: 0 — không có lỗi; 1 — có tệp không hợp lệ (có phát hiện lỗi); 2 — có tệp không đọc được.
        """,
        subcommands: [InspectCommand.self, FrameworkCommand.self, TemplateCommand.self, ValidateCommand.self, ConsolidateCommand.self,
                      CampaignCommand.self, AppraisalCommand.self, ResultsCommand.self, RemediationCommand.self,
                      ServeCommand.self]
    )

    /// Ctrl-C / SIGTERM remove the temporary files being written before exiting (130 / 143).
    static func main() async {
        SignalCleanup.install()
        await main(nil)
    }
}
