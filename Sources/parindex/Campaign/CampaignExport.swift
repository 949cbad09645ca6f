import ArgumentParser
import ParIndexKit
import ParIndexStore

/// `parindex campaign export DIR --submission ID -o FILE`: the stored original, byte for byte.
struct CampaignExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Ghi ra tệp gốc của một bài nộp, nguyên từng byte.")

    @Argument(help: "Thư mục (hoặc tệp .parindex) của đợt thu thập.")
    var campaign: String

    @Option(name: .long, help: "Mã số bài nộp (xem history).")
    var submission: Int64

    @Option(name: .shortAndLong, help: "Tệp cần ghi.")
    var output: String

    func run() throws {
        let store = try CampaignOpener.open(campaign)
        do {
            let record = try store.submission(submission)
            try AtomicFile.write(try store.originalBytes(of: submission), to: output)
            print("Đã ghi \(output): bài nộp #\(record.id) (\(record.originalName), \(record.unit ?? "chưa rõ đơn vị") lần \(record.version), \(record.size) byte).")
        } catch {
            Console.reportUnreadable(output, error)
            throw ExitCode(2)
        }
    }
}
