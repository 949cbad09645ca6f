import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import ParIndexWeb
import ParIndexStore

/// A web app on a fresh data folder, and helpers to drive it like a browser: cookies,
/// the CSRF form value, multipart bodies.
struct WebHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let frameworkPath = root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path
    static func submission(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: root.appendingPathComponent("Examples/submissions/\(name)").path)!)
    }
    static func hostile(_ name: String) -> [UInt8] { fixture("hostile/\(name)") }
    /// A file under Tests/Fixtures/, by its path there.
    static func fixture(_ path: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: root.appendingPathComponent("Tests/Fixtures/\(path)").path)!)
    }

    let app: WebApp
    let folder: URL

    init(password: String? = nil, limits: UploadLimits = UploadLimits(), host: String = "127.0.0.1") async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-web-test-\(UUID().uuidString)")
        let desk = try CampaignDesk(dataDirectory: folder, limits: limits)
        let config = ServeConfiguration(host: host, port: 0, password: try password.map(PasswordHash.init(password:)),
                                        limits: limits)
        app = try await WebApp(configuration: config, desk: desk)
    }

    /// The campaign as the overview reads it.
    func snapshot() async throws -> CampaignSnapshot {
        guard let s = try await app.desk.snapshot() else { throw ServeError("no campaign") }
        return s
    }

    /// Runs `body` with a browser-like client against the router.
    func run(_ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let application = Application(router: app.router())
        try await application.test(.router) { client in
            try await body(Browser(client: client))
        }
    }
}

/// A response reduced to what tests look at.
struct Page: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
    var setCookies: [String] { headers[values: .setCookie] }
    var location: String? { headers[.location] }

    /// The first `name="csrf" value="…"` of the page.
    var csrf: String? {
        guard let r = text.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(text[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Unit links (`…/nop/<token>`) listed on the page, in order.
    var unitLinks: [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let r = rest.range(of: "data-copy=\"") {
            let url = rest[r.upperBound...].prefix { $0 != "\"" }
            out.append(String(url))
            rest = rest[r.upperBound...]
        }
        return out
    }
}

/// Keeps cookies between requests, as a browser does.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String?

    init(client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    /// A urlencoded form POST; the CSRF value is added unless `csrf` says otherwise.
    @discardableResult
    func post(_ uri: String, form: [String: String] = [:], csrf: String?? = .none) async throws -> Page {
        var fields = form
        switch csrf {
        case .none: if let token = self.csrf { fields["csrf"] = token }
        case .some(let value?): fields["csrf"] = value
        case .some(nil): break
        }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await send(uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                              body: ByteBuffer(string: body))
    }

    /// A multipart POST of files (field `files` unless named) and text fields.
    @discardableResult
    func upload(_ uri: String, files: [(name: String, bytes: [UInt8])], field: String = "files",
                fields: [String: String] = [:], withCSRF: Bool = true, fragment: Bool = true) async throws -> Page {
        let boundary = "----parindex\(UUID().uuidString)"
        var body = ByteBuffer()
        var all = fields
        if withCSRF, let csrf { all["csrf"] = csrf }
        for (k, v) in all {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        for file in files {
            let escaped = file.name.replacingOccurrences(of: "\"", with: "%22")
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(escaped)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if fragment { headers[HTTPField.Name("X-Fragment")!] = "1" }
        return try await send(uri, method: .post, headers: headers, body: body)
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var h = headers
        if !cookies.isEmpty { h[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: h, body: body)
        let page = Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
        for line in page.setCookies {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = page.csrf { csrf = token }
        return page
    }

    /// Creates the example campaign and returns the unit links (unit name → path).
    func createExampleCampaign() async throws -> [String: String] {
        try await get("/")
        let yaml = Array(FileManager.default.contents(atPath: WebHarness.frameworkPath)!)
        let page = try await upload("/dot-thu", files: [("khung.yaml", yaml)], field: "framework",
                                    fields: ["deadline": "2023-12-15"], fragment: false)
        precondition(page.status == .ok, "campaign creation failed: \(page.status) \(page.text)")
        var links: [String: String] = [:]
        // Rows: <td>Name</td><td><code class="url">URL</code>
        for row in page.text.components(separatedBy: "<tr><td>").dropFirst() {
            let name = String(row.prefix { $0 != "<" })
            if let r = row.range(of: "/nop/") {
                links[name] = "/nop/" + row[r.upperBound...].prefix { $0 != "<" && $0 != "\"" }
            }
        }
        return links
    }
}
