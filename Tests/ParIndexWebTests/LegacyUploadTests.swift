import Foundation
import Testing

/// The malformed `.xls` files that crashed libfreexl (Tests/Fixtures/legacy/) uploaded
/// through the web page: each is an unreadable file with its one-line reason beside it, and
/// the server keeps serving.
@Suite("Web uploads: malformed legacy .xls")
struct LegacyUploadTests {
    static func legacy(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: WebHarness.root.appendingPathComponent("Tests/Fixtures/legacy/\(name)").path)!)
    }

    @Test("files that crashed libfreexl: their reasons on the page, the server keeps serving")
    func crashInputs() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            _ = try await browser.createExampleCampaign()
            try await browser.get("/")
            let page = try await browser.upload("/nop", files: [
                ("bang-cu.xls", Self.legacy("freexl-dimension-stale.xls")),
                ("bang-cu-2.xls", Self.legacy("freexl-sst-skip.xls")),
                ("ok.xlsx", WebHarness.submission("mau-TCKH.xlsx")),
            ])
            #expect(page.status == .ok)
            let files = try await harness.snapshot().history
            #expect(files.count == 3)
            #expect(files[0].status == .unreadable && files[1].status == .unreadable)
            #expect(files[2].status == .valid)
            #expect(files[0].reason == "tệp Excel .xls bị hỏng (bản ghi DIMENSION của trang tính quá ngắn (0 byte))")
            #expect(files[1].reason == "tệp Excel .xls bị hỏng (vị trí chuỗi trong bảng SST nằm ngoài bản ghi)")
            for f in files.prefix(2) {
                #expect(page.text.contains(try #require(f.reason)))
            }
            #expect(try await browser.get("/").status == .ok)
        }
    }
}
