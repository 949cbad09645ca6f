import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ParIndexWeb
import ParIndexStore

@Suite("Web uploads: findings, limits, hostile files, escaping")
struct UploadRouteTests {
    @Test("A campaign from the example framework lists every unit with a 22-character link")
    func createCampaign() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            let empty = try await browser.get("/")
            #expect(empty.text.contains("Tạo đợt thu"))
            let links = try await browser.createExampleCampaign()
            #expect(links.count == 7)
            #expect(links["Phòng Nội vụ"]?.count == "/nop/".count + 22)
            let overview = try await browser.get("/")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Chưa nộp"))
            #expect(overview.text.contains("15/12/2023"))
            // The campaign file holds digests, never a token.
            let snapshot = try await harness.snapshot()
            let database = try Data(contentsOf: URL(fileURLWithPath: snapshot.folder).appendingPathComponent("campaign.sqlite"))
            for link in links.values {
                let token = String(link.dropFirst(5))
                #expect(database.range(of: Data(token.utf8)) == nil)
                #expect(snapshot.links.values.contains { $0.digest.matches(TokenDigest(of: token)) })
            }
        }
    }

    @Test("Uploaded returns are matched to their units and checked; findings at their cells")
    func uploadFindings() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            _ = try await browser.createExampleCampaign()
            try await browser.get("/")
            let page = try await browser.upload("/nop", files: [
                ("Phong Noi vu - tu cham 2023.xlsx", WebHarness.submission("Phong Noi vu - tu cham 2023.xlsx")),
                ("VHTT - tu danh gia 2023.xlsx", WebHarness.submission("VHTT - tu danh gia 2023.xlsx")),
                ("ghi-chu.txt", WebHarness.submission("ghi-chu.txt")),
            ])
            #expect(page.status == .ok)
            #expect(page.text.contains("Hợp lệ"))
            #expect(page.text.contains("Có lỗi"))
            #expect(page.text.contains("Biểu mẫu!D10"))
            #expect(page.text.contains("Biểu mẫu!D20"))
            #expect(page.text.contains("không phải tệp Excel .xlsx"))
            let c = try await harness.snapshot()
            let state = Dictionary(uniqueKeysWithValues: c.status.units.map { ($0.unit, $0.state) })
            #expect(state["PNV"] == .valid)
            #expect(state["VHTT"] == .invalid)
            #expect(state["CNVPDKDD"] == .notSubmitted)
            let vhtt = try #require(c.history.first { $0.unit == "VHTT" })
            #expect(vhtt.sha256.count == 64)
            // No client-supplied name reaches the file system.
            let written = FileManager.default.enumerator(atPath: harness.folder.path)?.allObjects as? [String] ?? []
            #expect(!written.isEmpty && !written.contains { $0.contains("VHTT") || $0.contains("ghi-chu") || $0.contains("Phong") })
            let original = try await browser.get("/tep/\(vhtt.id)/goc")
            #expect(original.status == .ok)
            #expect(original.headers[.contentDisposition]?.contains("filename*=UTF-8''VHTT") == true)
            let annotated = try await browser.get("/tep/\(vhtt.id)/danh-dau")
            #expect(annotated.status == .ok)
            #expect(annotated.text.hasPrefix("PK"))
            let history = try await browser.get("/don-vi/VHTT")
            #expect(history.text.contains("VHTT - tu danh gia 2023.xlsx") && history.text.contains("Điều phối"))
        }
    }

    @Test("A file named <script>… is shown escaped everywhere")
    func escaping() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            let links = try await browser.createExampleCampaign()
            try await browser.get("/")
            // (A slash would be taken as a path separator: only the last component is kept.)
            let name = "<script>alert('x')<script>&<b>.xlsx"
            let page = try await browser.upload("/nop", files: [(name, Array("not a workbook".utf8))])
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert"))
            #expect(page.text.contains("&lt;script&gt;alert("))
            let overview = try await browser.get("/")
            #expect(!overview.text.contains("<script>alert") && overview.text.contains("&lt;script&gt;"))
            let unitPage = try await browser.upload(links["Phòng Tư pháp"]!, files: [(name, Array("x".utf8))])
            #expect(!unitPage.text.contains("<script>alert") && unitPage.text.contains("&lt;script&gt;"))
            #expect(!(try await browser.get(links["Phòng Tư pháp"]!)).text.contains("<script>alert"))
        }
    }

    @Test("Size limit per file, count limit per request, 50 MB of random bytes")
    func limits() async throws {
        let harness = try await WebHarness(limits: UploadLimits(maxFileBytes: 1 << 20, maxFiles: 3))
        try await harness.run { browser in
            _ = try await browser.createExampleCampaign()
            try await browser.get("/")
            let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
            let big = Array(random.readData(ofLength: 2 << 20))
            let page = try await browser.upload("/nop", files: [("lon.xlsx", big)])
            #expect(page.status == .ok)
            #expect(page.text.contains("lớn hơn giới hạn 1 MiB"))
            let tooMany = try await browser.upload("/nop", files: (0..<4).map { ("t\($0).xlsx", [UInt8](repeating: 65, count: 10)) })
            #expect(tooMany.status == .contentTooLarge)
            #expect(tooMany.text.contains("tối đa 3 tệp"))
            let huge = try await browser.upload("/nop", files: [("rat-lon.xlsx", [UInt8](repeating: 7, count: 50_000_000))])
            #expect(huge.status == .contentTooLarge)
            // The server keeps serving.
            #expect(try await browser.get("/").status == .ok)
            #expect(try await harness.snapshot().history.isEmpty)
        }
    }

    @Test("With the default 20 MiB limit, 50 MB of random bytes get their one-line reason")
    func randomFiftyMegabytes() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            _ = try await browser.createExampleCampaign()
            try await browser.get("/")
            let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
            let bytes = Array(random.readData(ofLength: 50_000_000))
            try random.close()
            let page = try await browser.upload("/nop", files: [("ngau-nhien.xlsx", bytes)])
            #expect(page.status == .ok)
            #expect(page.text.contains("lớn hơn giới hạn 20 MiB"))
            #expect(try await browser.get("/").status == .ok)
        }
    }

    /// The reasons the legacy fixtures must give word for word (the pre-scan's own reasons).
    static let exactReasons = [
        "legacy/freexl-dimension-stale.xls": "tệp Excel .xls bị hỏng (bản ghi DIMENSION của trang tính quá ngắn (0 byte))",
        "legacy/freexl-sst-skip.xls": "tệp Excel .xls bị hỏng (vị trí chuỗi trong bảng SST nằm ngoài bản ghi)",
    ]

    @Test("Zip bomb, billion laughs, .xls files that crashed libfreexl: their reasons on the page, the server keeps serving",
          arguments: [["hostile/zip-bomb.xlsx", "hostile/billion-laughs.xlsx"],
                      ["legacy/freexl-dimension-stale.xls", "legacy/freexl-sst-skip.xls"]])
    func hostile(_ fixtures: [String]) async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            _ = try await browser.createExampleCampaign()
            try await browser.get("/")
            let uploads = fixtures.enumerated().map { i, path in
                ("tep-\(i + 1).\(URL(fileURLWithPath: path).pathExtension)", WebHarness.fixture(path))
            }
            let page = try await browser.upload("/nop", files: uploads + [("ok.xlsx", WebHarness.submission("mau-TCKH.xlsx"))])
            #expect(page.status == .ok)
            let files = try await harness.snapshot().history
            #expect(files.count == 3)
            #expect(files[0].status == .unreadable && files[1].status == .unreadable)
            #expect(files[2].status == .valid)
            for (path, f) in zip(fixtures, files) {
                let reason = try #require(f.reason)
                #expect(!reason.contains("\n"))
                if let exact = Self.exactReasons[path] { #expect(reason == exact) }
                #expect(page.text.contains(reason.replacingOccurrences(of: "\"", with: "&quot;")))
            }
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test("Templates: one per unit and all as a zip")
    func templates() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            let links = try await browser.createExampleCampaign()
            let one = try await browser.get("/bieu-mau/PNV")
            #expect(one.status == .ok && one.text.hasPrefix("PK"))
            let zip = try await browser.get("/bieu-mau.zip")
            #expect(zip.status == .ok && zip.text.hasPrefix("PK"), "\(zip.status): \(zip.text.prefix(2000))")
            #expect(zip.headers[.contentType] == "application/zip")
            #expect(try await browser.get("/bieu-mau/KHONG-CO").status == .notFound)
            #expect(try await browser.get(links["Phòng Nội vụ"]! + "/bieu-mau").status == .ok)
        }
    }

    @Test("Consolidation: the PHỤ LỤC downloads and its figures are on the page")
    func consolidate() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            _ = try await browser.createExampleCampaign()
            try await browser.get("/")
            try await browser.upload("/nop", files: ["Phong Noi vu - tu cham 2023.xlsx", "VP_HDND_UBND.xlsx", "mau-TCKH.xlsx"]
                .map { ($0, WebHarness.submission($0)) })
            let done = try await browser.post("/tong-hop")
            #expect(done.status == .seeOther)
            let page = try await browser.get("/")
            #expect(page.text.contains("Tổng hợp điểm"))
            #expect(page.text.contains("trừ "))
            #expect(page.text.contains("Chi nhánh Văn phòng đăng ký đất đai"))
            let book = try await browser.get("/tong-hop/1/phu-luc.xlsx")
            #expect(book.status == .ok && book.text.hasPrefix("PK"))
        }
    }
}
