import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the page templates (mustache files shipped in the module's resources). Values
/// are inserted with `{{…}}`, which HTML-escapes them; no template uses the unescaped form.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every `.mustache` file of `Resources/templates`.
    public static func load() async throws -> PageRenderer {
        guard let url = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/templates") else {
            throw ServeError("không tìm thấy mẫu trang web trong gói cài đặt")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: url.path))
    }

    /// The HTML of template `name` for `view`.
    public func html(_ name: String, _ view: Any) -> String {
        library.render(view, withTemplate: name) ?? "<!doctype html><p>Lỗi: thiếu mẫu trang \(name)</p>"
    }

    /// A full HTML response.
    public func page(_ name: String, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: PageRenderer.htmlHeaders,
                 body: .init(byteBuffer: ByteBuffer(string: html(name, view))))
    }

    static var htmlHeaders: HTTPFields {
        [.contentType: "text/html; charset=utf-8",
         .cacheControl: "no-store",
         HTTPField.Name("X-Content-Type-Options")!: "nosniff",
         HTTPField.Name("X-Frame-Options")!: "DENY",
         HTTPField.Name("Referrer-Policy")!: "no-referrer",
         HTTPField.Name("Content-Security-Policy")!: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"]
    }
}
