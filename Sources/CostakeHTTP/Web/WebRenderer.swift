import CostakeApp
import CostakeCore
import CostakeStorage
import Foundation
import Hummingbird
import Mustache

/// The web app's templates and static files, read once from the module's resources.
struct WebAssets: Sendable {
    let templates: MustacheLibrary
    /// File name → (bytes, content type) for `/static/...`.
    let files: [String: (bytes: [UInt8], type: String)]

    /// Loads `Templates/*.mustache` and `Static/*` from the bundle beside the executable.
    static func load() throws -> WebAssets {
        guard let root = Bundle.module.resourceURL else { throw DatabaseError("the web app's resources are missing") }
        var library = MustacheLibrary()
        let templates = root.appendingPathComponent("Templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        var files: [String: (bytes: [UInt8], type: String)] = [:]
        let statics = root.appendingPathComponent("Static")
        for name in try FileManager.default.contentsOfDirectory(atPath: statics.path) {
            let data = try Data(contentsOf: statics.appendingPathComponent(name))
            files[name] = ([UInt8](data), contentType(name))
        }
        return WebAssets(templates: library, files: files)
    }

    static func contentType(_ name: String) -> String {
        switch name.split(separator: ".").last {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    /// A page: `template` rendered with `model`.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = templates.render(model, withTemplate: template) ?? "template \(template) is missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What an error page shows.
struct ErrorPage {
    let layout: Layout
    let heading: String
    let message: String
    let code: String
}
