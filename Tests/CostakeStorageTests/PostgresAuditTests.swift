import CostakePostgres
import CostakeSQLite
import CostakeTestSupport
import Foundation
import Testing

/// Runs `sql` with `psql` on `url`, stopping at the first error; its rows unaligned, without
/// headers, trimmed.
@discardableResult
private func psql(_ url: String, _ sql: String) throws -> String {
    try run("/usr/bin/psql", [url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .trimmingCharacters(in: .whitespacesAndNewlines)
}

/// PostgreSQL-specific checks: the append-only guards against a person with `psql`, tampering
/// found by `costake ledger verify` on a `postgres://` URL, and URLs.
@Suite("PostgreSQL guards, tampering and ledger verify", .enabled(if: StoreKind.allCases.contains(.postgres)))
struct PostgresAuditTests {
    /// A populated database and its URL.
    func populated() async throws -> (Cast, String) {
        let cast = try await Cast.make(.postgres)
        let offer = try await cast.offer()
        let position = try await cast.take(offer, by: cast.alice)
        try await cast.net.send(.unstake(position: position, amount: nil), by: cast.alice)
        let url = try #require((cast.net.store as? PostgresStore)?.location.description)
        return (cast, url)
    }

    @Test func theAppendOnlyTablesRefuseUpdatesDeletesAndTruncation() async throws {
        let (_, url) = try await populated()
        #expect(throws: (any Error).self) { try psql(url, "UPDATE postings SET delta = delta + 1 WHERE seq = 1 AND idx = 1") }
        #expect(throws: (any Error).self) { try psql(url, "DELETE FROM journal WHERE seq = 3") }
        #expect(throws: (any Error).self) { try psql(url, "DELETE FROM transactions") }
        #expect(throws: (any Error).self) { try psql(url, "TRUNCATE journal CASCADE") }
        #expect(throws: (any Error).self) { try psql(url, "TRUNCATE blocks CASCADE") }
        // The guard is what refuses: the same statement on a table without one goes through.
        try psql(url, "UPDATE network_settings SET value = value")
    }

    @Test func verifyReportsTotalsWhenAllAgree() async throws {
        let (_, url) = try await populated()
        let (report, ok) = try await LedgerCommands.verify(database: url)
        #expect(ok)
        #expect(report.contains("ledger verified: 8 journal entries, 12 postings"))
        #expect(report.contains("held       40000 IO = available 38800 + staked 1200"))
    }

    /// Tampering with one posting (after disabling the guard, as an attacker would) is named
    /// by its journal entry.
    @Test func verifyNamesTheFirstAlteredEntry() async throws {
        let (_, url) = try await populated()
        try psql(url, """
            ALTER TABLE postings DISABLE TRIGGER postings_append_only;
            UPDATE postings SET delta = delta + 100 WHERE seq = 5 AND idx = 0;
            """)
        let (report, ok) = try await LedgerCommands.verify(database: url)
        #expect(!ok)
        #expect(report.hasPrefix("ledger MISMATCH at journal entry 5: journal entry 5: its hash does not match its contents"))
    }

    /// A deleted entry and two swapped entries (triggers and foreign keys off for the session,
    /// as a superuser attacker would) are named by their journal entry.
    @Test func verifyNamesADeletedOrReorderedEntry() async throws {
        let (_, deleted) = try await populated()
        try psql(deleted, """
            SET session_replication_role = replica;
            DELETE FROM postings WHERE seq = 3; DELETE FROM journal WHERE seq = 3;
            """)
        let (missing, missingOK) = try await LedgerCommands.verify(database: deleted)
        #expect(!missingOK && missing.contains("journal entry 3 is missing"), "\(missing)")

        let (_, swapped) = try await populated()
        try psql(swapped, """
            SET session_replication_role = replica;
            UPDATE journal SET seq = 1000 WHERE seq = 4; UPDATE postings SET seq = 1000 WHERE seq = 4;
            UPDATE journal SET seq = 4 WHERE seq = 5; UPDATE postings SET seq = 4 WHERE seq = 5;
            UPDATE journal SET seq = 5 WHERE seq = 1000; UPDATE postings SET seq = 5 WHERE seq = 1000;
            """)
        let (moved, movedOK) = try await LedgerCommands.verify(database: swapped)
        #expect(!movedOK && moved.hasPrefix("ledger MISMATCH at journal entry 4:"), "\(moved)")
    }

    @Test func verifyNamesABalanceChangedOutsideTheJournal() async throws {
        let (cast, url) = try await populated()
        try psql(url, "UPDATE accounts SET available = available + 1 WHERE address = '\(cast.bob.address)'")
        let (report, ok) = try await LedgerCommands.verify(database: url)
        #expect(!ok)
        #expect(report == "ledger MISMATCH at journal entry 3: available:\(cast.bob.address): journal says 10000 IO, store holds 10000.00000001 IO (last changed by journal entry 3)")
    }

    @Test func aDuplicateThatTheCoreWouldRefuseIsRefusedByTheDatabaseToo() async throws {
        let (cast, url) = try await populated()
        let device = cast.device.description
        // A second live offer on one device breaks the partial unique index.
        #expect(throws: (any Error).self) {
            try psql(url, """
                INSERT INTO offers (offer_id, device_id, requested_amount, reward_share_bps, status, created_at)
                VALUES ('00000000-0000-4000-8000-000000000001', '\(device)', 1, 500, 'open', 0);
                INSERT INTO offers (offer_id, device_id, requested_amount, reward_share_bps, status, created_at)
                VALUES ('00000000-0000-4000-8000-000000000002', '\(device)', 1, 500, 'open', 0);
                """)
        }
        // A negative balance breaks a check constraint.
        #expect(throws: (any Error).self) { try psql(url, "UPDATE accounts SET available = -1") }
    }
}

@Suite("PostgreSQL URLs")
struct PostgresLocationTests {
    @Test func aFullURLIsRead() throws {
        let location = try PostgresLocation(url: "postgresql://app:s%40cret@db.example:6543/costake?sslmode=require")
        #expect(location.username == "app" && location.host == "db.example" && location.port == 6543)
        #expect(location.database == "costake" && location.sslMode == "require" && location.socketDirectory == nil)
        #expect(location.description == "postgres://app@db.example:6543/costake", "no password in messages")
    }

    @Test func aSocketDirectoryAndTheDefaultsAreRead() throws {
        let location = try PostgresLocation(url: "postgres://postgres@/costake?host=/tmp/pg")
        #expect(location.socketDirectory == "/tmp/pg" && location.port == 5432 && location.sslMode == "prefer")
        #expect(location.with(database: "other").database == "other")
    }

    @Test(arguments: ["postgres://host/db", "postgres://u@host", "postgres://u@host:5432/", "mysql://u@h/db",
                      "postgres://u:pw@host/db?sslmode=verify-full"])
    func anUnusableURLIsRefused(url: String) {
        #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: url) }
    }

    @Test func aRefusalDoesNotRepeatThePassword() {
        let error = #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: "postgres://u:hunter2@host") }
        #expect(error?.description.contains("postgres://u:***@host") == true)
        #expect(error?.description.contains("hunter2") == false)
    }
}

/// The marketplace's read model (`offer_market`, kept by triggers): `ledger verify` checks it
/// against the offers, devices and telemetry, and names an offer whose row was altered.
@Suite("Marketplace read model audit")
struct ReadModelAuditTests {
    @Test(arguments: StoreKind.allCases) func anAlteredReadModelRowIsNamed(_ kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let offer = try await cast.offer()
        let second = try await cast.net.device(owner: cast.owner)
        _ = try await cast.take(try await cast.offer(on: second), by: cast.alice)
        let location: String
        if let store = cast.net.store as? PostgresStore { location = store.location.description } else {
            location = try #require((cast.net.store as? SQLiteStore)?.path)
        }
        let (report, ok) = try await LedgerCommands.verify(database: location)
        #expect(ok && report.hasSuffix("marketplace read model: 2 offers, equal to the offers, devices and telemetry"), "\(report)")
        let tamper = "UPDATE offer_market SET reward_share_bps = reward_share_bps + 1 WHERE offer_id = '\(offer)'"
        if kind == .postgres {
            try psql(location, tamper)
        } else {
            try run("/usr/bin/sqlite3", [location, tamper])
        }
        let (tampered, passed) = try await LedgerCommands.verify(database: location)
        #expect(!passed)
        #expect(tampered.hasSuffix("marketplace read model MISMATCH: offers \(offer) differ from the offers, devices and telemetry"), "\(tampered)")
    }
}

/// A block close on PostgreSQL refreshes the listings in one statement after its writes, the
/// row triggers of R̄ and score skipping their work inside it (`PostgresSchema.marketRefresh`,
/// migration 0012); outside a close the triggers keep the listings as before.
@Suite("PostgreSQL listings refreshed by a block close", .enabled(if: StoreKind.allCases.contains(.postgres)))
struct PostgresListingsRefreshTests {
    @Test func aCloseRefreshesEveryListingAndTheTriggersStillWorkAfterIt() async throws {
        let cast = try await Cast.make(.postgres)
        let offer = try await cast.offer()
        _ = try await cast.take(offer, by: cast.alice)
        let second = try await cast.net.device(owner: cast.owner)
        let open = try await cast.offer(on: second)
        let url = try #require((cast.net.store as? PostgresStore)?.location.description)
        let listing = "SELECT estimated || ' ' || reliability FROM offer_market WHERE offer_id = "
        #expect(try psql(url, listing + "'\(offer)'") == "0 -1")
        #expect(try psql(url, listing + "'\(open)'") == "0 -1")

        try await cast.net.runUp([cast.device, second], hours: 30)
        #expect(try await cast.net.store.block(5) != nil)
        // The close changed both figures of each listing: the estimate (R̄ × share) and the score.
        let device = try await #require(cast.net.store.device(cast.device))
        let other = try await #require(cast.net.store.device(second))
        let score = try psql(url, "SELECT reliability FROM device_telemetry WHERE device_id = '\(cast.device)'")
        let otherScore = try psql(url, "SELECT reliability FROM device_telemetry WHERE device_id = '\(second)'")
        #expect(device.rewardBasis.baseUnits > 0 && other.rewardBasis.baseUnits > 0)
        #expect((Int(score) ?? -1) >= 0 && (Int(otherScore) ?? -1) >= 0)
        let taken = try psql(url, listing + "'\(offer)'"), openListing = try psql(url, listing + "'\(open)'")
        #expect(taken == "\(device.rewardBasis.baseUnits * 7_400) \(score)")
        #expect(openListing == "\(other.rewardBasis.baseUnits * 7_400) \(otherScore)")
        #expect(try await cast.net.store.readModelDrift().differing.isEmpty)

        // Outside a close, the row triggers keep the listings.
        try psql(url, "UPDATE devices SET reward_basis = reward_basis + 1 WHERE device_id = '\(cast.device)'")
        try psql(url, "UPDATE device_telemetry SET reliability = 17 WHERE device_id = '\(second)'")
        #expect(try psql(url, listing + "'\(offer)'") == "\((device.rewardBasis.baseUnits + 1) * 7_400) \(score)")
        #expect(try psql(url, listing + "'\(open)'") == "\(other.rewardBasis.baseUnits * 7_400) 17")
        #expect(try await cast.net.store.readModelDrift().differing.isEmpty)
        // Inside a transaction that says it refreshes, they skip their work.
        try psql(url, """
            BEGIN; SELECT set_config('costake.refreshing', 'on', true);
            UPDATE device_telemetry SET reliability = 18 WHERE device_id = '\(second)'; COMMIT;
            """)
        #expect(try psql(url, listing + "'\(open)'") == "\(other.rewardBasis.baseUnits * 7_400) 17")
        #expect(try await cast.net.store.readModelDrift().differing == [open.description])
    }
}
