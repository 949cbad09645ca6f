import ArgumentParser
import Foundation
import ParIndexKit
import ParIndexStore

/// `parindex campaign status DIR [--json]`: per unit `Chưa nộp` / `Có lỗi` / `Hợp lệ`.
struct CampaignStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Tình trạng nộp của từng đơn vị: chưa nộp, có lỗi, hợp lệ; số lần nộp; hạn nộp.")

    @Argument(help: "Thư mục (hoặc tệp .parindex) của đợt thu thập.")
    var campaign: String

    @Flag(name: .long, help: "In dạng JSON.")
    var json = false

    func run() throws {
        let status = try CampaignOpener.open(campaign).status()
        if json { print(try ReportJSON.string(status)); return }
        print("Đợt thu thập: \(status.campaign.title)")
        if let deadline = status.campaign.deadline, let days = status.daysToDeadline {
            let when = days > 0 ? "còn \(days) ngày" : days == 0 ? "hôm nay là hạn cuối" : "đã quá hạn \(-days) ngày"
            print("Hạn nộp: \(deadline.vietnamese) — \(when)")
        }
        let width = status.units.map(\.unit.count).max() ?? 4
        for u in status.units {
            var line = "  \(u.unit.padding(toLength: width, withPad: " ", startingAt: 0))  \(u.state.label.padding(toLength: 9, withPad: " ", startingAt: 0))"
            if u.versions > 0 {
                line += "  \(u.versions) lần nộp"
                if let used = u.usedVersion { line += ", dùng lần \(used)" }
                if let last = u.lastReceivedAt { line += ", nộp gần nhất \(CampaignTime.text(last))" }
                if u.state != .notSubmitted { line += ", \(u.errors) lỗi, \(u.warnings) cảnh báo" }
                if u.state == .valid, u.latestStatus != .valid { line += " (lần nộp mới nhất có lỗi)" }
            }
            print(line + "  \(u.name)")
        }
        let count = { (s: UnitStatus.State) in status.units.filter { $0.state == s }.count }
        print("Tổng: \(status.units.count) đơn vị; \(count(.valid)) hợp lệ; \(count(.invalid)) có lỗi; \(count(.notSubmitted)) chưa nộp."
              + (status.unattributed > 0 ? " \(status.unattributed) tệp chưa rõ đơn vị (xem history)." : ""))
    }
}

/// How the campaign commands print a moment: local `dd/MM/yyyy HH:mm`.
enum CampaignTime {
    static func text(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "vi_VN")
        f.dateFormat = "dd/MM/yyyy HH:mm"
        return f.string(from: date)
    }
}
