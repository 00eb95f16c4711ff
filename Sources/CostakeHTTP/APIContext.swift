import Foundation
import Hummingbird

/// The request context: bodies are limited to 1 MiB (larger is 413).
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address (nil when the request did not come over a socket, as in
    /// the router tests): what per-IP rate limits count by.
    public let clientIP: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        clientIP = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { 1 << 20 }

    public var responseEncoder: JSONEncoder { Self.encoder() }

    /// How every JSON body is written: keys sorted, slashes unescaped.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
