import Foundation
import HTTPTypes
import Hummingbird

extension WebApp {
    /// `/static/app.css` and `/static/app.js`, served from the module's resources (no CDN).
    func addStaticRoutes(to router: Router<BasicRequestContext>) {
        let assets: [String: (String, String)] = [
            "app.css": ("app.css", "text/css; charset=utf-8"),
            "app.js": ("app.js", "text/javascript; charset=utf-8"),
        ]
        var loaded: [String: (ByteBuffer, String)] = [:]
        for (name, (file, type)) in assets {
            if let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Resources/static")
                ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/static/\(file)"),
               let data = FileManager.default.contents(atPath: url.path) {
                loaded[name] = (ByteBuffer(bytes: data), type)
            }
        }
        let table = loaded
        router.get("/static/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), let (body, type) = table[name] else {
                return Response(status: .notFound)
            }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache",
                                                   HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                            body: .init(byteBuffer: body))
        }
    }
}
