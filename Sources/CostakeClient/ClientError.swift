import Foundation

/// Why a client command failed, and the exit code that tells scripts which kind of failure it
/// was (documented in the README and in `costake --help`).
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// The failure kinds, each with its exit code.
    public enum Kind: Int32, Sendable {
        /// The API answered with an error envelope: a rule refused it, or something is unknown.
        case refused = 1
        /// The command line itself is wrong (flags, amounts, ids).
        case usage = 2
        /// The server cannot be reached, or it failed (5xx) or answered something that is not the API.
        case unreachable = 3
        /// A local file: a missing or unreadable key file, one that would be overwritten, a bad telemetry file.
        case localFile = 4
        /// The user answered no at a confirmation prompt: nothing was sent.
        case declined = 5
    }

    public let kind: Kind
    public let message: String
    /// The API's error code, when the API refused.
    public let code: String?
    /// The API's error body, printed as is with `--json`.
    public let body: String?

    public init(_ kind: Kind, _ message: String, code: String? = nil, body: String? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
        self.body = body
    }

    public var exitCode: Int32 { kind.rawValue }

    /// The line printed on standard error.
    public var description: String {
        guard let code else { return "error: \(message)" }
        return "error: \(message) (\(code))"
    }

    /// `{"status":"failed","error":{"code","message"}}`: the API's own body when it refused,
    /// else the same shape with the code `usage`, `unreachable`, `local_file` or `declined`.
    public var jsonBody: String {
        if let body { return body }
        let local: [Kind: String] = [.refused: "refused", .usage: "usage", .unreachable: "unreachable", .localFile: "local_file", .declined: "declined"]
        struct Envelope: Encodable { struct Detail: Encodable { let code: String; let message: String }; let status = "failed"; let error: Detail }
        let envelope = Envelope(error: .init(code: code ?? local[kind] ?? "failed", message: message))
        return String(decoding: JSONText.data(envelope), as: UTF8.self)
    }

    static func usage(_ message: String) -> ClientError { ClientError(.usage, message) }
    static func localFile(_ message: String) -> ClientError { ClientError(.localFile, message) }
}
