import ArgumentParser
import ParIndexKit
import ParIndexStore

/// `parindex campaign history DIR [--unit U] [--json]`: every submission received.
struct CampaignHistory: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Mọi bài nộp đã nhận, theo thứ tự nhận.")

    @Argument(help: "Thư mục (hoặc tệp .parindex) của đợt thu thập.")
    var campaign: String

    @Option(name: .long, help: "Chỉ các bài nộp của đơn vị này (mã).")
    var unit: String?

    @Flag(name: .long, help: "In dạng JSON.")
    var json = false

    func run() throws {
        let store = try CampaignOpener.open(campaign)
        let records = try store.history(unit: unit)
        if json { print(try ReportJSON.string(records)); return }
        let (used, superseded) = CampaignStore.precedence(try store.history())
        for r in records {
            let role = used.contains(r.id) ? "được dùng" : superseded[r.id].map { "thay bằng lần \($0.version)" } ?? ""
            print("#\(r.id)  \(r.unit ?? "?")  lần \(r.version)  \(CampaignTime.text(r.receivedAt))  \(r.status.label)  "
                  + "\(r.errors) lỗi, \(r.warnings) cảnh báo  \(role)  \(r.originalName)  \(r.size) byte  \(r.sha256.prefix(12))")
        }
        if records.isEmpty { print("Chưa có bài nộp nào\(unit.map { " của \($0)" } ?? "").") }
    }
}
