import CostakeSQLite
import CostakeTestSupport
import Foundation
import Testing

/// SQLite-specific checks: the file itself, tampering by hand with the sqlite3 shell, and the
/// `costake ledger verify` command.
@Suite("SQLite file, tampering and ledger verify")
struct SQLiteAuditTests {
    /// A populated database file and its path.
    func populated() async throws -> (Cast, String) {
        let cast = try await Cast.make(.sqlite)
        let offer = try await cast.offer()
        let position = try await cast.take(offer, by: cast.alice)
        try await cast.net.send(.unstake(position: position, amount: nil), by: cast.alice)
        let path = try #require((cast.net.store as? SQLiteStore)?.path)
        return (cast, path)
    }


    @discardableResult
    func sqlite(_ path: String, _ sql: String) throws -> String {
        try run("/usr/bin/sqlite3", [path, sql])
    }

    /// Ids are parsed from the bytes SQLite holds: one that is not a UUID, written by hand,
    /// stops a block close with the column named, and nothing is closed.
    @Test func aDeviceIdThatIsNotAUUIDStopsABlockClose() async throws {
        let (cast, path) = try await populated()
        try sqlite(path, """
            INSERT INTO devices (device_id, name, owner, model, processors, status, hired, registered_at)
            SELECT 'not-a-uuid', name, owner, model, processors, status, hired, registered_at FROM devices LIMIT 1
            """)
        cast.net.advance(seconds: 3_600)
        let error = await #expect(throws: CostakeError.self) { try await cast.net.blocks.closeDue() }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("device_id must be a UUID") == true && error?.message.contains("\"not-a-uuid\"") == true)
        #expect(try await cast.net.store.lastClosedHeight() == nil)
    }

    @Test func aRefusedTransactionLeavesTheFileByteForByteAsItWas() async throws {
        let (cast, path) = try await populated()
        let store = try #require(cast.net.store as? SQLiteStore)
        try await store.checkpoint()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = try await cast.net.refusal(.stake(device: cast.device, amount: Amount(io: 1_000_000)), by: cast.owner)
        #expect(error.code == .insufficientBalance)
        try await store.checkpoint()
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(before == after)
        // And an approved one does change it, so the comparison can fail.
        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner)
        try await store.checkpoint()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != before)
    }

    @Test func theJournalRefusesUpdatesAndDeletes() async throws {
        let (_, path) = try await populated()
        #expect(throws: (any Error).self) { try sqlite(path, "UPDATE postings SET delta = delta + 1 WHERE seq = 1 AND idx = 1;") }
        #expect(throws: (any Error).self) { try sqlite(path, "DELETE FROM journal WHERE seq = 3;") }
        #expect(throws: (any Error).self) { try sqlite(path, "DELETE FROM transactions;") }
    }

    @Test func verifyReportsTotalsWhenAllAgree() async throws {
        let (_, path) = try await populated()
        let (report, ok) = try await LedgerCommands.verify(database: path)
        #expect(ok)
        #expect(report.contains("ledger verified: 8 journal entries, 12 postings"))
        #expect(report.contains("deposited  40000 IO"))
        #expect(report.contains("held       40000 IO = available 38800 + staked 1200"))
    }

    /// Tampering with one posting (after dropping the guard triggers, as an attacker would)
    /// is named by its journal entry.
    @Test func verifyNamesTheFirstAlteredEntry() async throws {
        let (_, path) = try await populated()
        try sqlite(path, "DROP TRIGGER postings_no_update; UPDATE postings SET delta = delta + 100 WHERE seq = 5 AND idx = 0;")
        let (report, ok) = try await LedgerCommands.verify(database: path)
        #expect(!ok)
        #expect(report.hasPrefix("ledger MISMATCH at journal entry 5: journal entry 5: its hash does not match its contents"))
    }

    @Test func verifyNamesAReorderedOrDeletedEntry() async throws {
        let (_, path) = try await populated()
        try sqlite(path, "DROP TRIGGER journal_no_delete; DROP TRIGGER postings_no_delete; DELETE FROM postings WHERE seq = 3; DELETE FROM journal WHERE seq = 3;")
        let (report, ok) = try await LedgerCommands.verify(database: path)
        #expect(!ok)
        #expect(report.contains("journal entry 3 is missing"))
    }

    /// The journal's triggers refuse updates and deletes, not inserts: an entry added past the
    /// recorded head (with no postings, so no balance disagrees) is named.
    @Test func verifyNamesAnEntryAddedPastTheHead() async throws {
        let (_, path) = try await populated()
        try sqlite(path, "INSERT INTO journal (seq, at, kind, reference, prev_hash, hash) SELECT seq + 1, at, kind, reference, hash, hash FROM journal ORDER BY seq DESC LIMIT 1;")
        let (report, ok) = try await LedgerCommands.verify(database: path)
        #expect(!ok)
        #expect(report.contains("the recorded journal head is entry 8 but the journal ends at entry 9"))
    }

    @Test func verifyNamesABalanceChangedOutsideTheJournal() async throws {
        let (cast, path) = try await populated()
        try sqlite(path, "UPDATE accounts SET available = available + 1 WHERE address = '\(cast.bob.address)';")
        let (report, ok) = try await LedgerCommands.verify(database: path)
        #expect(!ok)
        #expect(report == "ledger MISMATCH at journal entry 3: available:\(cast.bob.address): journal says 10000 IO, store holds 10000.00000001 IO (last changed by journal entry 3)")
    }

    @Test func theBuiltCommandVerifiesAndExitsNonZeroOnAMismatch() async throws {
        let (_, path) = try await populated()
        let binary = try costakeBinary()
        let output = try run(binary, ["ledger", "verify", "--database", path])
        #expect(output.contains("ledger verified: 8 journal entries"))
        try sqlite(path, "DROP TRIGGER postings_no_update; UPDATE postings SET delta = 1 WHERE seq = 2 AND idx = 1;")
        #expect(throws: (any Error).self) { try run(binary, ["ledger", "verify", "--database", path]) }
    }
}

/// A block close and a bulk load drop indexes and triggers inside their transactions and build
/// them again: the schema they leave must be the one they found.
@Suite("SQLite schema kept by a block close and a bulk load")
struct SQLiteSchemaKeptTests {
    static func schema(_ path: String) throws -> String {
        try run("/usr/bin/sqlite3", [path, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"])
    }

    @Test func aBlockCloseRebuildsTheListingsIndexesAndTriggersAndTheReadModelHolds() async throws {
        let cast = try await Cast.make(.sqlite)
        _ = try await cast.take(try await cast.offer(), by: cast.alice)
        let path = try #require((cast.net.store as? SQLiteStore)?.path)
        let before = try Self.schema(path)
        #expect(before.contains("offer_market_by_model_estimated") && before.contains("trigger|offer_market_basis"))
        try await cast.net.runUp([cast.device], hours: 30)
        #expect(try await cast.net.store.block(5) != nil)
        #expect(try Self.schema(path) == before)
        #expect(try await cast.net.store.readModelDrift().differing.isEmpty)
    }

    @Test func aBulkLoadRebuildsEveryIndexAndTrigger() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("bulk.sqlite").path
        let store = try SQLiteStore(path: path, durability: .normal)
        try await store.migrate()
        let before = try Self.schema(path)
        let seeder = try BenchSeeder.withHistory(shape: BenchShape(devices: 1_000), now: Timestamp(seconds: 1_800_000_000))
        try await store.bulkLoad {
            for chunk in 0..<seeder.chunks { try await seeder.seed(chunk: chunk, into: store) }
        }
        #expect(try Self.schema(path) == before)
        let drift = try await store.readModelDrift()
        let offers = try run("/usr/bin/sqlite3", [path, "SELECT count(*) FROM offers"])
        #expect(drift.offers > 0 && String(drift.offers) == offers.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(drift.differing.isEmpty)
        try await store.close()
    }

    /// The unique indexes are built at the end of a load, over everything it wrote: a load
    /// that breaks one fails.
    @Test func aBulkLoadThatBreaksAUniqueIndexFails() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("bulk.sqlite").path, durability: .normal)
        try await store.migrate()
        let seeder = BenchSeeder(shape: BenchShape(devices: 1_000), now: Timestamp(seconds: 1_800_000_000))
        let error = await #expect(throws: (any Error).self) {
            try await store.bulkLoad {
                try await seeder.seed(chunk: 0, into: store)
                let device = try #require(try await store.devices(after: nil, limit: 1).first)
                // A second active owner position on a device that has one.
                let second = Position(id: PositionID(uuid: UUID()), deviceID: device.id, staker: device.owner, role: .owner,
                                      amount: .zero, state: .active, createdAt: Timestamp(seconds: 1_800_000_000), offerID: nil)
                try await store.perform(Scope()) { _ in (Changes(positions: [second]), ()) }
            }
        }
        #expect(String(describing: error).contains("UNIQUE constraint failed: positions.device_id"), "\(String(describing: error))")
        try await store.close()
    }
}

@Suite("SQLite checkpoints")
struct SQLiteCheckpointTests {
    /// The writer does not copy the write-ahead log into the database file (that synced the
    /// file on the thread every change waits for): the store's own thread does, on its own
    /// connection, once the log holds 1,000 pages. After it has, the database file alone,
    /// copied without its log, holds what was committed.
    @Test func theLogIsCopiedIntoTheDatabaseFileInTheBackground() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("store.sqlite").path
        let store = try SQLiteStore(path: path, durability: .normal)
        try await store.migrate()
        #expect(store.backgroundCheckpoints.runs == 0)
        let seeder = BenchSeeder(shape: BenchShape(devices: 5_000), now: Timestamp(seconds: 1_800_000_000))
        for chunk in 0..<seeder.chunks { try await seeder.seed(chunk: chunk, into: store) }
        for _ in 0..<300 where !(store.backgroundCheckpoints.runs > 0 && store.backgroundCheckpoints.idle) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(store.backgroundCheckpoints.runs > 0)
        let copy = directory.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let devices = try run("/usr/bin/sqlite3", [copy, "SELECT count(*) FROM devices"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(devices == "5000")
        try await store.close()
    }

    /// A checkpoint asked for while the thread is copying waits for it: SQLite's checkpoint
    /// lock answers a second checkpoint with `SQLITE_BUSY` at once, without a busy handler.
    @Test func aCheckpointWaitsForTheThreadsCopy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("store.sqlite").path, durability: .normal)
        try await store.migrate()
        for round in 0..<6 {
            // 20,000 new funded accounts: about 1,500 pages, enough to wake the thread and
            // fewer than the writer's own limit.
            let accounts = (0..<20_000).map { index in
                Account(address: Address(publicKey: JournalHash.sha256(Array("checkpoint-\(round)-\(index)".utf8))), available: Amount(io: 1))
            }
            let entry = try JournalDraft(kind: "deposit", reference: "checkpoint-\(round)", at: Timestamp(seconds: 1_800_000_000),
                                         postings: accounts.map { Posting(.available($0.address), $0.available.baseUnits) }
                                             + [Posting(.deposits, -Amount(io: 20_000).baseUnits)])
            try await store.perform(Scope()) { _ in (Changes(accounts: accounts, systemDeltas: [.deposits: -Amount(io: 20_000).baseUnits], journal: [entry]), ()) }
            try await store.checkpoint()
        }
        #expect(store.backgroundCheckpoints.runs > 0)
        try await store.close()
    }
}

@Suite("ledger verify input")
struct LedgerVerifyInputTests {
    @Test func aMissingDatabaseIsAnErrorNotAnEmptyPass() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID()).sqlite").path
        await #expect(throws: DatabaseError.self) { try await LedgerCommands.verify(database: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
