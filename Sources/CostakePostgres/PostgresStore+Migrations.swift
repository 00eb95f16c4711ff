import Logging
import PostgresNIO

extension PostgresStore {
    /// Applies the migrations not yet recorded in `schema_migrations`, all in one transaction
    /// under an advisory lock: two servers that start at once migrate one after the other, and
    /// the second finds nothing left to do.
    public func migrate() async throws {
        try await transaction { session in
            try await session.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))")
            try await session.run("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT COLLATE \"C\" PRIMARY KEY)")
            let applied = Set(try await session.all("SELECT name FROM schema_migrations") { try $0["name"].decode(String.self) })
            for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await session.run(PostgresQuery(unsafeSQL: statement))
                }
                try await session.run("INSERT INTO schema_migrations (name) VALUES (\(migration.name))")
                logger.info("migrated", metadata: ["migration": "\(migration.name)", "database": "\(location.database)"])
            }
        }
    }

    /// Creates the database `name` (letters, digits and `_` only) on the server `adminURL` names,
    /// connecting to the database of that URL; for tests and first installs.
    public static func createDatabase(_ name: String, adminURL: String,
                                      logger: Logger = Logger(label: "costake.postgres")) async throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw PostgresLocationError("a database name is letters, digits and _ only: \(name)")
        }
        let admin = try PostgresStore(url: adminURL, logger: logger, maximumConnections: 1)
        do {
            // CREATE DATABASE cannot run inside a transaction: a plain session.
            try await admin.session { try await $0.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\"")) }
        } catch {
            try await admin.close()
            throw error
        }
        try await admin.close()
    }
}

extension PostgresStore {
    /// Bulk loading (the benchmark's seeding): the marketplace read model's triggers and
    /// indexes are dropped, `body` inserts, then the read model is filled in one statement,
    /// indexed, and the tables analysed. For a database not in use.
    public func bulkLoad(_ body: () async throws -> Void) async throws {
        try await transaction { session in
            for (name, table) in PostgresSchema.marketTriggerTables {
                try await session.run(PostgresQuery(unsafeSQL: "DROP TRIGGER \(name) ON \(table)"))
            }
            for name in PostgresSchema.marketIndexNames {
                try await session.run(PostgresQuery(unsafeSQL: "DROP INDEX \(name)"))
            }
            try await session.run("DELETE FROM offer_market")
        }
        try await body()
        try await transaction { session in
            for statement in [PostgresSchema.marketFill] + PostgresSchema.marketIndexes + PostgresSchema.marketTriggers {
                try await session.run(PostgresQuery(unsafeSQL: statement))
            }
        }
        try await session { session in try await session.run("ANALYZE") }
    }
}
