import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ParIndexWeb

@Suite("Web security: host policy, login, cookies, CSRF")
struct SecurityTests {
    @Test("Loopback by default; any other address refused without a password")
    func hostPolicy() async throws {
        #expect(ServeConfiguration().host == "127.0.0.1")
        #expect(HostPolicy.isLoopback("127.0.0.1") && HostPolicy.isLoopback("localhost") && HostPolicy.isLoopback("::1"))
        #expect(!HostPolicy.isLoopback("0.0.0.0") && !HostPolicy.isLoopback("192.168.1.10"))
        #expect(throws: ServeError.self) { try ServeConfiguration(host: "0.0.0.0").validate() }
        #expect(throws: ServeError.self) { try ServeConfiguration(host: "192.168.1.10").validate() }
        try ServeConfiguration(host: "0.0.0.0", password: try PasswordHash(password: "mat-khau-dieu-phoi")).validate()
        await #expect(throws: ServeError.self) { _ = try await WebHarness(host: "0.0.0.0") }
    }

    @Test("The password is kept as a salted hash and checked")
    func passwordHash() throws {
        let a = try PasswordHash(password: "mật khẩu 2023")
        let b = try PasswordHash(password: "mật khẩu 2023")
        #expect(a.verify("mật khẩu 2023"))
        #expect(!a.verify("mật khẩu 2024") && !a.verify(""))
        #expect(a.salt != b.salt && a.hash != b.hash)
        #expect(!a.hash.isEmpty && a.salt.count == 16)
    }

    @Test("Unit tokens: 128 random bits, stored as SHA-256 digests")
    func tokens() {
        let t = SecretToken.random()
        #expect(t.text.count == 22)
        #expect(Base64URL.looksLikeToken(t.text[...]))
        #expect(t.text != SecretToken.random().text)
        #expect(t.digest.hex.count == 64 && t.digest.hex != t.text)
        #expect(t.digest.matches(TokenDigest(of: t.text)))
        #expect(!t.digest.matches(TokenDigest(of: SecretToken.random().text)))
    }

    @Test("With a password: pages need login; session cookie is HttpOnly and SameSite=Strict")
    func login() async throws {
        let harness = try await WebHarness(password: "dung-mat-khau")
        try await harness.run { browser in
            let first = try await browser.get("/")
            #expect(first.status == .seeOther)
            #expect(first.location == "/dang-nhap")
            #expect(try await browser.get("/bieu-mau.zip").status == .seeOther)
            #expect(try await browser.get("/don-vi/PNV").status == .seeOther)
            let form = try await browser.get("/dang-nhap")
            #expect(form.status == .ok)
            let csrfCookie = try #require(form.setCookies.first { $0.hasPrefix("pi_csrf=") })
            #expect(csrfCookie.contains("HttpOnly") && csrfCookie.contains("SameSite=Strict"))
            #expect(!csrfCookie.contains("Secure"))

            let wrong = try await browser.post("/dang-nhap", form: ["password": "sai-mat-khau"])
            #expect(wrong.status == .unauthorized)
            #expect(browser.cookies["pi_session"] == nil)
            #expect(try await browser.get("/").status == .seeOther)

            let ok = try await browser.post("/dang-nhap", form: ["password": "dung-mat-khau"])
            #expect(ok.status == .seeOther)
            let session = try #require(ok.setCookies.first { $0.hasPrefix("pi_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict"))
            #expect(try await browser.get("/").status == .ok)

            // A forged session cookie is not a session.
            let saved = browser.cookies["pi_session"]
            browser.cookies["pi_session"] = SecretToken.random().text
            #expect(try await browser.get("/").status == .seeOther)
            browser.cookies["pi_session"] = saved

            // Logout ends the session on the server.
            try await browser.get("/")
            #expect(try await browser.post("/dang-xuat").status == .seeOther)
            browser.cookies["pi_session"] = saved
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("Cookies get Secure behind a TLS proxy")
    func secureBehindTLS() async throws {
        let harness = try await WebHarness(password: "dung-mat-khau")
        try await harness.run { browser in
            let page = try await browser.get("/dang-nhap", headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let cookie = try #require(page.setCookies.first { $0.hasPrefix("pi_csrf=") })
            #expect(cookie.contains("Secure"))
            let ok = try await browser.send("/dang-nhap", method: .post,
                                            headers: [.contentType: "application/x-www-form-urlencoded",
                                                      HTTPField.Name("X-Forwarded-Proto")!: "https"],
                                            body: .init(string: "password=dung-mat-khau&csrf=\(browser.csrf!)"))
            #expect(ok.status == .seeOther)
            #expect(ok.setCookies.first { $0.hasPrefix("pi_session=") }?.contains("Secure") == true)
        }
    }

    @Test("Every POST needs the CSRF value of the browser's cookie")
    func csrf() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            _ = try await browser.createExampleCampaign()
            try await browser.get("/")
            // Missing, wrong, or another browser's value: refused; nothing changes.
            #expect(try await browser.post("/han-nop", form: ["deadline": "2024-01-31"], csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/han-nop", form: ["deadline": "2024-01-31"], csrf: "AAAAAAAAAAAAAAAAAAAAAA").status == .forbidden)
            let other = CSRFGuard().formToken(forCookie: browser.cookies["pi_csrf"]!)
            #expect(try await browser.post("/han-nop", form: ["deadline": "2024-01-31"], csrf: .some(other)).status == .forbidden)
            #expect(try await harness.snapshot().info.deadline?.description == "2023-12-15")
            #expect(try await browser.post("/tong-hop", csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/lien-ket/PNV/thu-hoi", csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/lien-ket/PNV/cap-lai", csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.upload("/nop", files: [("a.xlsx", WebHarness.submission("mau-TCKH.xlsx"))],
                                             withCSRF: false).status == .forbidden)
            #expect(try await harness.snapshot().history.isEmpty)
            // Without the cookie the form value is worthless.
            let token = browser.csrf
            browser.cookies["pi_csrf"] = nil
            #expect(try await browser.post("/han-nop", form: ["deadline": "2024-01-31"], csrf: .some(token)).status == .forbidden)
            // The real value works.
            try await browser.get("/")
            #expect(try await browser.post("/han-nop", form: ["deadline": "2024-01-31"]).status == .seeOther)
            #expect(try await harness.snapshot().info.deadline?.description == "2024-01-31")
        }
    }

    @Test("Pages forbid framing and inline scripts")
    func headers() async throws {
        let harness = try await WebHarness()
        try await harness.run { browser in
            let page = try await browser.get("/")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
            #expect(!page.text.contains("onclick="))
            #expect(try await browser.get("/static/app.js").status == .ok)
            #expect(try await browser.get("/static/app.css").status == .ok)
            #expect(try await browser.get("/static/..%2fPackage.swift").status == .notFound)
        }
    }
}
