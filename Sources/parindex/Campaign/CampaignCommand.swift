import ArgumentParser
import ParIndexKit
import ParIndexStore

/// `parindex campaign`: a collection round that remembers every submission (one SQLite file).
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Đợt thu thập: lưu mọi bài nộp của các đơn vị (mọi phiên bản), theo dõi tình trạng và tổng hợp từ dữ liệu đã lưu.",
        discussion: """
        Một đợt thu thập là một thư mục chứa tệp campaign.sqlite (hoặc một tệp .parindex).
        Ví dụ:
          parindex campaign new dot-2023 --framework bo-tieu-chi.yaml --deadline 2023-11-15
          parindex campaign add dot-2023 bai-nop/
          parindex campaign status dot-2023
          parindex campaign consolidate dot-2023 -o tong-hop.xlsx
        Bản được tổng hợp của mỗi đơn vị: phiên bản hợp lệ mới nhất; các phiên bản trước được ghi là "bản cũ" ở trang Kiểm tra.
        """,
        subcommands: [CampaignNew.self, CampaignAdd.self, CampaignStatusCommand.self, CampaignHistory.self,
                      CampaignExport.self, CampaignConsolidate.self]
    )
}

/// Opens a campaign with a one-line error.
enum CampaignOpener {
    static func open(_ location: String) throws -> CampaignStore {
        do {
            return try CampaignStore.open(at: location)
        } catch {
            Console.reportUnreadable(location, error)
            throw ExitCode(2)
        }
    }
}
