import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ParIndexWeb
import ParIndexStore

@Suite("Unit links: isolation, revocation, renewal")
struct UnitLinkTests {
    @Test("Unit A's link shows and accepts for A only; it cannot read B's files")
    func isolation() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            let links = try await browser.createExampleCampaign()
            let a = try #require(links["Phòng Nội vụ"]), b = try #require(links["Phòng Văn hóa và Thông tin"])
            let pageA = try await browser.get(a)
            #expect(pageA.status == .ok)
            #expect(pageA.text.contains("Phòng Nội vụ"))
            #expect(!pageA.text.contains("Phòng Văn hóa và Thông tin"))
            #expect(!pageA.text.contains("/don-vi/") && !pageA.text.contains("/bieu-mau.zip"))

            // B uploads its return through its link.
            try await browser.get(b)
            let up = try await browser.upload(b, files: [("VHTT.xlsx", WebHarness.submission("VHTT - tu danh gia 2023.xlsx"))])
            #expect(up.status == .ok && up.text.contains("Biểu mẫu!D10"))
            let snapshot = try await harness.snapshot()
            let bFile = try #require(snapshot.history.last)
            #expect(bFile.unit == "VHTT" && snapshot.submitters[bFile.id] == "link")

            // A's token cannot fetch B's file, nor see it.
            #expect(try await browser.get("\(a)/tep/\(bFile.id)/goc").status == .notFound)
            #expect(try await browser.get("\(a)/tep/\(bFile.id)/danh-dau").status == .notFound)
            #expect(try await browser.get("\(b)/tep/\(bFile.id)/goc").status == .ok)
            #expect(!(try await browser.get(a)).text.contains("VHTT.xlsx"))

            // A file sent with A's link is A's, whatever its content says.
            try await browser.get(a)
            try await browser.upload(a, files: [("gui-nham.xlsx", WebHarness.submission("mau-TCKH.xlsx"))])
            let after = try await harness.snapshot()
            let sent = try #require(after.history.last)
            #expect(sent.unit == "PNV" && sent.originalName == "gui-nham.xlsx")
            #expect(after.files(of: "TCKH").isEmpty && after.files(of: "VHTT").count == 1)

            // The coordinator routes are not reachable with a unit token in them.
            #expect(try await browser.get("/nop/\(String(repeating: "A", count: 22))").status == .notFound)
            #expect(try await browser.get("/nop/khong-phai-ma").status == .notFound)
        }
    }

    @Test("A revoked link answers 404; a renewed one replaces the old")
    func revokeRenew() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            let links = try await browser.createExampleCampaign()
            let old = try #require(links["Phòng Tư pháp"])
            #expect(try await browser.get(old).status == .ok)
            try await browser.get("/")
            #expect(try await browser.post("/lien-ket/TP/thu-hoi").status == .ok)
            #expect(try await browser.get(old).status == .notFound)
            #expect(try await browser.upload(old, files: [("a.xlsx", [1, 2, 3])]).status == .notFound)
            try await browser.get("/")
            let renewed = try await browser.post("/lien-ket/TP/cap-lai")
            #expect(renewed.status == .ok)
            let url = try #require(renewed.unitLinks.first)
            let path = String(url[url.range(of: "/nop/")!.lowerBound...])
            #expect(path != old)
            #expect(try await browser.get(path).status == .ok)
            #expect(try await browser.get(old).status == .notFound)
        }
    }
}
