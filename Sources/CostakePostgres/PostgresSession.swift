import CostakeCore
import Logging
import PostgresNIO

/// One leased connection and the logger its queries log to: what a unit of work or a read
/// runs its statements on. Server errors leave it as `PostgresQueryError`.
struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement and returns its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            return try await connection.query(query, logger: logger).collect()
        } catch let error as PSQLError {
            throw PostgresQueryError(error, sql: query.sql)
        }
    }

    /// Runs a statement whose rows, if any, are not needed.
    func run(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    func all<T>(_ query: PostgresQuery, _ decode: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
        try await rows(query).map { try decode($0.makeRandomAccess()) }
    }

    func one<T>(_ query: PostgresQuery, _ decode: (PostgresRandomAccessRow) throws -> T) async throws -> T? {
        try await rows(query).first.map { try decode($0.makeRandomAccess()) }
    }

    /// Runs `body` between `begin` and COMMIT; any error rolls back and is rethrown unchanged
    /// (PostgresNIO's own `withTransaction` wraps it, which would hide a `CostakeError`).
    func transaction<T>(begin: PostgresQuery = "BEGIN", _ body: (PostgresSession) async throws -> T) async throws -> T {
        try await run(begin)
        let value: T
        do {
            value = try await body(self)
        } catch {
            await rollback()
            throw error
        }
        do {
            try await run("COMMIT")
        } catch {
            // A failed COMMIT has already ended the transaction on the server; make sure the
            // connection does not go back to the pool inside one if it is still alive.
            await rollback()
            throw error
        }
        return value
    }

    /// Ends the transaction; a connection that cannot is closed rather than returned to the pool
    /// with a transaction open.
    private func rollback() async {
        do {
            try await run("ROLLBACK")
        } catch {
            try? await connection.close()
        }
    }
}

/// An error the PostgreSQL server answered a statement with: its SQLSTATE, message and, for
/// constraint violations, the constraint.
public struct PostgresQueryError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE (`23505` unique_violation, `40001` serialization_failure, ...);
    /// nil when the statement failed before the server answered (a lost connection).
    public let sqlState: String?
    public let message: String
    public let detail: String?
    public let constraint: String?
    public let sql: String
    /// The error PostgresNIO reported.
    public let underlying: PSQLError

    init(_ error: PSQLError, sql: String) {
        let info = error.serverInfo
        sqlState = info?[.sqlState]
        message = info?[.message] ?? "\(error.code)"
        detail = info?[.detail]
        constraint = info?[.constraintName]
        self.sql = sql
        underlying = error
    }

    /// A conflict with a concurrent transaction: running the whole unit of work again may succeed.
    public var isTransient: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// The server could not be reached or went away (no answer at all, a connection exception,
    /// or a server shutting down): nothing was committed.
    public var isUnavailable: Bool {
        guard let sqlState else { return true }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    public var description: String {
        var text = "PostgreSQL error"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let detail { text += " — \(detail)" }
        return text + " in: \(sql.prefix(200))"
    }
}

/// The database server could not be reached: no connection could be opened.
public struct PostgresUnavailableError: Error, CustomStringConvertible {
    public let location: PostgresLocation
    public let underlying: any Error

    public var description: String { "PostgreSQL at \(location) cannot be reached: \(underlying)" }
}
