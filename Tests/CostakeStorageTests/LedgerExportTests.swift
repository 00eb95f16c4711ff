import CostakePostgres
import CostakeSQLite
import CostakeTestSupport
import Foundation
import Testing

/// The audit trail outside costake (issue 9): `costake ledger export` writes the journal as
/// JSON lines, `scripts/verify-journal.py` (Python's standard library only) re-verifies them
/// and prints the same totals as `costake ledger verify`; a line altered, deleted or moved in
/// the file is named. Reordering two entries in the database is named by `ledger verify`.
@Suite("Ledger export and independent re-verification")
struct LedgerExportTests {
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/verify-journal.py").path
    }

    /// A populated database (deposits, a stake, an offer, a co-stake, an unstake) and where it is.
    func populated(_ kind: StoreKind) async throws -> (Cast, String) {
        let cast = try await Cast.make(kind)
        let offer = try await cast.offer()
        let position = try await cast.take(offer, by: cast.alice)
        try await cast.net.send(.unstake(position: position, amount: nil), by: cast.alice)
        if let sqlite = cast.net.store as? SQLiteStore { return (cast, sqlite.path) }
        return (cast, try #require((cast.net.store as? PostgresStore)?.location.description))
    }

    func export(_ database: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID()).jsonl").path
        _ = try run(try costakeBinary(), ["ledger", "export", "--database", database, "--output", file])
        return file
    }

    /// The script's output and exit status.
    func verify(_ file: String) throws -> (String, Int32) {
        let (text, _, status) = try runWithStatus("/usr/bin/env", ["python3", Self.script, file])
        return (text, status)
    }

    @Test(arguments: StoreKind.allCases)
    func theExportReVerifiesToTheSameTotals(_ kind: StoreKind) async throws {
        let (_, database) = try await populated(kind)
        let file = try export(database)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 8)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(first.keys) == ["sequence", "at", "at_seconds", "kind", "reference", "postings", "previous_hash", "hash"])
        #expect(first["sequence"] as? Int == 1 && first["previous_hash"] as? String == String(repeating: "0", count: 64))
        let (independent, status) = try verify(file)
        #expect(status == 0)
        let (report, ok) = try await LedgerCommands.verify(database: database)
        // The journal's part of the report; its last line is about the marketplace read model,
        // which the export does not hold.
        let ours = report.split(separator: "\n").dropLast().joined(separator: "\n")
        #expect(report.split(separator: "\n").last?.hasPrefix("marketplace read model: ") == true)
        #expect(ok && independent.trimmingCharacters(in: .whitespacesAndNewlines) == ours, "\(independent)\n---\n\(ours)")
    }

    @Test(arguments: ["altered", "deleted", "moved"])
    func aTamperedExportIsNamed(_ tampering: String) async throws {
        let (_, database) = try await populated(.sqlite)
        let file = try export(database)
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        switch tampering {
        case "altered":
            lines[4] = try #require(lines[4].range(of: #""delta":-?\d+"#, options: .regularExpression).map {
                lines[4].replacingCharacters(in: $0, with: #""delta":1"#)
            })
        case "deleted": lines.remove(at: 2)
        default: lines.swapAt(3, 4)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (text, status) = try verify(file)
        #expect(status == 1)
        let expected = [
            "altered": "journal MISMATCH at line 5: entry 5: its hash does not match its contents",
            "deleted": "journal MISMATCH at line 3: sequence 4 where 3 was expected",
            "moved": "journal MISMATCH at line 4: sequence 5 where 4 was expected",
        ][tampering]!
        #expect(text.hasPrefix(expected), "\(text)")
    }

    /// Two entries swapped in the database (their postings with them, the guards dropped as an
    /// attacker would) break the chain where the first one moved.
    @Test func twoEntriesSwappedInTheDatabaseAreNamed() async throws {
        let (_, path) = try await populated(.sqlite)
        _ = try run("/usr/bin/sqlite3", [path, """
            PRAGMA foreign_keys = OFF;
            DROP TRIGGER journal_no_update; DROP TRIGGER postings_no_update;
            UPDATE journal SET seq = 1000 WHERE seq = 4; UPDATE postings SET seq = 1000 WHERE seq = 4;
            UPDATE journal SET seq = 4 WHERE seq = 5; UPDATE postings SET seq = 4 WHERE seq = 5;
            UPDATE journal SET seq = 5 WHERE seq = 1000; UPDATE postings SET seq = 5 WHERE seq = 1000;
            """])
        let (report, ok) = try await LedgerCommands.verify(database: path)
        #expect(!ok)
        #expect(report.hasPrefix("ledger MISMATCH at journal entry 4:"), "\(report)")
    }
}
