import CostakePostgres
import CostakeStorage
import CostakeSQLite
import Foundation

/// Opens the store a `--database` value names: a PostgreSQL URL
/// (`postgres://user[:password]@host[:port]/database`, also `postgresql://`) or a SQLite file path.
public enum Database {
    /// Opens a store; with `mustExist`, a SQLite file that is not there is an error rather
    /// than a new empty database (an audit of a mistyped path must not pass). A PostgreSQL
    /// database is never created here: one that does not exist fails at the first query.
    public static func open(_ location: String, mustExist: Bool = false) throws -> any CostakeStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresStore(url: location)
        }
        if mustExist, !FileManager.default.fileExists(atPath: location) {
            throw DatabaseError("no database at \(location)")
        }
        return try SQLiteStore(path: location)
    }

    /// Opens and migrates.
    public static func openMigrated(_ location: String) async throws -> any CostakeStore {
        let store = try open(location)
        try await store.migrate()
        return store
    }
}

/// A database that cannot be opened as asked.
public struct DatabaseError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
