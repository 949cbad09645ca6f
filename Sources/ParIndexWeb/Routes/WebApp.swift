import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParIndexKit
import ParIndexStore

/// The web application: the coordinator's pages, the units' pages, static assets.
public struct WebApp: Sendable {
    public let configuration: ServeConfiguration
    public let desk: CampaignDesk
    let renderer: PageRenderer
    let csrf = CSRFGuard()
    let sessions = AdminSessions()

    public init(configuration: ServeConfiguration, desk: CampaignDesk) async throws {
        try configuration.validate()
        self.configuration = configuration
        self.desk = desk
        renderer = try await PageRenderer.load()
    }

    /// The router with every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        addStaticRoutes(to: router)
        addCoordinatorRoutes(to: router)
        addUnitRoutes(to: router)
        return router
    }

    /// The Hummingbird application listening where the configuration says.
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(router: router(),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                         serverName: "parindex"),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) })
    }

    // MARK: Shared helpers

    /// The page frame and, when the browser has no CSRF cookie yet, the cookie to set.
    func frame(_ request: Request, title: String, coordinator: Bool) -> (Frame, Cookie?) {
        var cookie: Cookie?
        let value: String
        if let existing = request.cookies[CSRFGuard.cookieName]?.value, Base64URL.looksLikeToken(existing[...]) {
            value = existing
        } else {
            value = SecretToken.random().text
            cookie = makeCookie(CSRFGuard.cookieName, value, request)
        }
        return (Frame(pageTitle: title, csrf: csrf.formToken(forCookie: value),
                      loggedIn: coordinator && configuration.password != nil, coordinator: coordinator), cookie)
    }

    /// A cookie with the app's flags: HttpOnly, SameSite=Strict, path `/`, Secure behind TLS.
    func makeCookie(_ name: String, _ value: String, _ request: Request, maxAge: Int? = nil) -> Cookie {
        let secure = configuration.secureCookies || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A rendered page, with the CSRF cookie when needed.
    func page(_ name: String, _ view: Any, cookie: Cookie?, status: HTTPResponse.Status = .ok) -> Response {
        var response = renderer.page(name, view, status: status)
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// A short page with a heading and one sentence (errors, refusals).
    func message(_ request: Request, status: HTTPResponse.Status, heading: String, _ text: String,
                 back: String? = nil, coordinator: Bool = false) -> Response {
        let (frame, cookie) = self.frame(request, title: heading, coordinator: coordinator)
        return page("message", MessageView(frame: frame, heading: heading, message: text, backURL: back ?? "",
                                           hasBack: back != nil), cookie: cookie, status: status)
    }

    func notFound(_ request: Request) -> Response {
        message(request, status: .notFound, heading: "Không tìm thấy", "Trang này không có, hoặc liên kết đã bị thu hồi.")
    }

    /// True when the POST carries the form value of the browser's CSRF cookie (in the
    /// `X-CSRF-Token` header or the `csrf` field).
    func csrfOK(_ request: Request, field: String?) -> Bool {
        let provided = request.headers[HTTPField.Name(CSRFGuard.headerName)!] ?? field
        return csrf.verify(cookie: request.cookies[CSRFGuard.cookieName]?.value, provided: provided)
    }

    func csrfRefused(_ request: Request) -> Response {
        message(request, status: .forbidden, heading: "Yêu cầu bị từ chối",
                "Phiên làm việc của biểu mẫu đã hết hoặc yêu cầu không đến từ trang này. Hãy tải lại trang rồi thử lại.",
                back: "/")
    }

    /// Reads an `application/x-www-form-urlencoded` body (small forms only).
    func formFields(_ request: Request) async -> [String: String] {
        guard let buffer = try? await request.body.collect(upTo: UploadLimits.maxFieldBytes) else { return [:] }
        var out: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            out[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        return out
    }

    /// A file download. `name` is offered to the browser (percent-encoded, with an ASCII
    /// fallback); the file itself is one we wrote.
    func download(path: String, name: String, fallback: String, type: String) -> Response {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Response(status: .notFound)
        }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._"))) ?? fallback
        return Response(status: .ok,
                        headers: [.contentType: type,
                                  .contentDisposition: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)",
                                  .cacheControl: "no-store",
                                  HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// A stored original: its MIME type and fallback name from its sniffed content; the
    /// name the unit gave is offered only percent-encoded.
    func download(data: Data, name: String, id: Int64) -> Response {
        let kind = ContentKind.sniff(data.prefix(8))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._"))) ?? "tep"
        return Response(status: .ok,
                        headers: [.contentType: WebApp.type(of: kind),
                                  .contentDisposition: "attachment; filename=\"tep-\(id).\(kind.storedExtension)\"; filename*=UTF-8''\(encoded)",
                                  .cacheControl: "no-store",
                                  HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The MIME type of a stored original, from its sniffed kind.
    static func type(of kind: ContentKind) -> String {
        switch kind {
        case .zip: xlsxType
        case .ole: "application/vnd.ms-excel"
        case .other: "application/octet-stream"
        }
    }

    /// Checks every uploaded file of a request (in order) and returns the records.
    func receive(_ upload: MultipartUpload, unit: Unit?, by: Submitter) async -> [ReceivedFile] {
        await desk.receive(upload.files.filter { $0.field == "files" }, unit: unit, by: by)
    }

    /// The results of an upload: the fragment for the page's script (`X-Fragment: 1`) or a
    /// full page for a plain form post.
    func results(_ request: Request, files: [FileView], back: String, coordinator: Bool) -> Response {
        let (frame, cookie) = self.frame(request, title: "Kết quả kiểm tra", coordinator: coordinator)
        let view = ResultsView(frame: frame, files: files, backURL: back)
        let fragment = request.headers[HTTPField.Name("X-Fragment")!] == "1"
        return page(fragment ? "results" : "results-page", view, cookie: cookie)
    }

    /// A refused upload as a page (or fragment), with its one-line reason.
    func uploadRefused(_ request: Request, _ refusal: MultipartUpload.Refusal, back: String) -> Response {
        let status: HTTPResponse.Status = {
            switch refusal {
            case .requestTooLarge: .contentTooLarge
            case .tooManyFiles: .contentTooLarge
            default: .badRequest
            }
        }()
        return message(request, status: status, heading: "Không nhận được tệp", refusal.message, back: back)
    }
}
