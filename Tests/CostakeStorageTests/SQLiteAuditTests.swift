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

@Suite("ledger verify input")
struct LedgerVerifyInputTests {
    @Test func aMissingDatabaseIsAnErrorNotAnEmptyPass() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID()).sqlite").path
        await #expect(throws: DatabaseError.self) { try await LedgerCommands.verify(database: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
