import Foundation
import Logging
import PostgresNIO

/// A database named by a URL: `postgres://user[:password]@host[:port]/database`, also
/// `postgresql://`, with the optional query items `host=/socket/dir` (a Unix socket directory,
/// as libpq reads it: the socket is `DIR/.s.PGSQL.PORT`) and `sslmode=disable|prefer|require`
/// (default `prefer`: TLS when the server offers it).
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public let username: String
    let password: String?
    public let host: String
    public let port: Int
    /// The Unix socket directory, when the connection goes through one.
    public let socketDirectory: String?
    public let database: String
    public let sslMode: String

    public init(url: String) throws {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"),
              let components = URLComponents(string: url) else {
            throw PostgresLocationError("not a PostgreSQL URL (postgres://user@host:port/database): \(Self.redacted(url))")
        }
        let items = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        guard let user = components.user, !user.isEmpty else {
            throw PostgresLocationError("the PostgreSQL URL names no user: \(Self.redacted(url))")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError("the PostgreSQL URL names no database (…/database): \(Self.redacted(url))")
        }
        let socket = items["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (socket == nil ? nil : "localhost")
        guard let host else { throw PostgresLocationError("the PostgreSQL URL names no host: \(Self.redacted(url))") }
        let sslMode = items["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw PostgresLocationError("sslmode must be disable, prefer or require, not \(sslMode)")
        }
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.host = host
        self.port = components.port ?? 5432
        self.socketDirectory = socket
        self.database = database.removingPercentEncoding ?? database
        self.sslMode = sslMode
    }

    /// The same server with another database.
    public func with(database: String) -> PostgresLocation {
        PostgresLocation(username: username, password: password, host: host, port: port, socketDirectory: socketDirectory,
                         database: database, sslMode: sslMode)
    }

    private init(username: String, password: String?, host: String, port: Int, socketDirectory: String?,
                 database: String, sslMode: String) {
        self.username = username
        self.password = password
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.database = database
        self.sslMode = sslMode
    }

    /// The client configuration for this location.
    var configuration: PostgresClient.Configuration {
        if let socketDirectory {
            return PostgresClient.Configuration(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username,
                                                password: password, database: database)
        }
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                            database: database, tls: tls)
    }

    /// The URL without its password.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)" + (socketDirectory.map { "?host=\($0)" } ?? "")
    }

    /// `url` with the password, if any, replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"),
              let colon = url[scheme.upperBound..<at].firstIndex(of: ":") else { return url }
        return url.replacingCharacters(in: url.index(after: colon)..<at, with: "***")
    }
}

/// A PostgreSQL URL that cannot be used.
public struct PostgresLocationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
