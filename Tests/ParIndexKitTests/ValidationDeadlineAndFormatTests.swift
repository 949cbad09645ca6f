import Testing
@testable import ParIndexKit

struct ValidationDeadlineAndFormatTests {
    @Test(arguments: [
        "Thường xuyên", "THƯỜNG XUYÊN", "Trước ngày 15/11/2023", "Trước ngày 25/12 hàng năm",
        "Theo quy định báo cáo quý, 6 tháng và năm", "Hàng năm", "Hằng quý", "Hàng tháng",
        "Quý I/2023", "Tháng 6/2023", "Năm 2023", "Định kỳ hằng quý", "Trong tháng 10/2023",
        "Thông báo Kết luận cuộc họp giao ban tháng, quý của UBND huyện", "15/11/2023", "5/1/2023",
        "15-11-2023", "29/02/2024", "2023", "Hoàn thành 30/6/2023",
    ])
    func acceptedDeadlines(_ text: String) {
        #expect(DeadlineText.problem(in: text) == nil, "\(text)")
        #expect(DeadlineText.problem(in: text.decomposedStringWithCanonicalMapping) == nil, "NFD \(text)")
    }

    @Test(arguments: [
        "31/02/2023", "15/13/2023", "29/02/2023", "00/01/2023", "Trước ngày 31/04/2023", "Tháng 13/2023",
        "Trước ngày 32/12 hàng năm", "abc", "??", "sớm", "x", "45000", "15/11/0223",
    ])
    func rejectedDeadlines(_ text: String) {
        #expect(DeadlineText.problem(in: text) != nil, "\(text)")
    }

    @Test func emptyDeadlineIsLeftToRequiredMissing() {
        #expect(DeadlineText.problem(in: "  \n") == nil)
    }

    @Test func numbersInMessagesHaveADecimalComma() {
        #expect(ScoreFormat.vietnamese(0.25) == "0,25")
        #expect(ScoreFormat.vietnamese(1) == "1")
        #expect(ScoreFormat.vietnamese(24.607) == "24,607")
        #expect(ScoreFormat.vietnamese(-0.5) == "-0,5")
        #expect(ScoreFormat.vietnamese(1250) == "1250")
        #expect(ScoreFormat.vietnamese(0.1 + 0.2) == "0,3")
        #expect(ScoreFormat.vietnamese(-0.00001) == "0")
    }
}
