import ArgumentParser
import ParIndexKit
import ParIndexStore

/// `parindex campaign new DIR --framework F [--deadline NGÀY] [--title …]`
struct CampaignNew: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Tạo đợt thu thập mới từ một bộ tiêu chí.")

    @Argument(help: "Thư mục của đợt thu thập (tạo mới), hoặc tệp .parindex.")
    var campaign: String

    @Option(name: .long, help: "Bộ tiêu chí: tệp .yaml/.json, hoặc bảng phụ lục .xlsx.")
    var framework: String

    @Option(name: .long, help: "Bố cục (mặc định: theo mẫu của từng tệp, hoặc của bộ tiêu chí).")
    var layout: String?

    @Option(name: .long, help: "Hạn nộp, dạng ngày/tháng/năm (05/12/2023) hoặc YYYY-MM-DD.")
    var deadline: String?

    @Option(name: .long, help: "Tên đợt thu thập (mặc định: tên bộ tiêu chí).")
    var title: String?

    func validate() throws {
        if let deadline, CampaignDate(deadline) == nil {
            throw ValidationError("--deadline phải là một ngày có thật, dạng ngày/tháng/năm hoặc YYYY-MM-DD (đang là \(deadline)).")
        }
    }

    func run() throws {
        let context = try CommandContext.load(framework: framework, layout: layout)
        let store: CampaignStore
        do {
            store = try CampaignStore.create(at: campaign, framework: context.framework, layout: layout == nil ? nil : context.layout,
                                             title: title, deadline: deadline.flatMap(CampaignDate.init))
        } catch {
            Console.reportUnreadable(campaign, error)
            throw ExitCode(2)
        }
        let info = try store.info()
        let leads = try store.status().units.count
        print("Đã tạo đợt thu thập \(campaign): \(info.title) — \(store.index.flat.count) tiêu chí, \(leads) đơn vị cần nộp"
              + (info.deadline.map { ", hạn nộp \($0.vietnamese)" } ?? "") + ".")
    }
}
