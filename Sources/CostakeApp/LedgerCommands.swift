import CostakeStorage
import Foundation

/// The library side of `costake ledger verify`: the text to print and whether all agreed.
public enum LedgerCommands {
    public static func verify(database: String) async throws -> (report: String, ok: Bool) {
        let store = try Database.open(database, mustExist: true)
        let outcome = try await LedgerVerifier(store: store).verify()
        try await store.close()
        switch outcome {
        case .success(let totals):
            return (totals.report, true)
        case .failure(let mismatch):
            let place = mismatch.sequence.map { "at journal entry \($0)" } ?? "in the balances"
            return ("ledger MISMATCH \(place): \(mismatch)", false)
        }
    }

    /// `costake migrate`: applies pending migrations and lists them.
    public static func migrate(database: String) async throws -> String {
        let store = try Database.open(database)
        try await store.migrate()
        try await store.close()
        return "database \(database) is migrated"
    }
}
