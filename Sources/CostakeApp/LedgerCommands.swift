import CostakeCore
import CostakeCrypto
import CostakeStorage
import Foundation

/// The library side of `costake ledger verify`: the text to print and whether all agreed.
public enum LedgerCommands {
    public static func verify(database: String) async throws -> (report: String, ok: Bool) {
        let store = try Database.open(database, mustExist: true)
        let outcome = try await LedgerVerifier(store: store).verify()
        let market = try await store.readModelDrift()
        try await store.close()
        switch outcome {
        case .success(let totals):
            guard market.differing.isEmpty else {
                return (totals.report + "\nmarketplace read model MISMATCH: offers \(market.differing.joined(separator: ", ")) differ from the offers, devices and telemetry", false)
            }
            return (totals.report + "\nmarketplace read model: \(market.offers) offers, equal to the offers, devices and telemetry", true)
        case .failure(let mismatch):
            let place = mismatch.sequence.map { "at journal entry \($0)" } ?? "in the balances"
            return ("ledger MISMATCH \(place): \(mismatch)", false)
        }
    }

    /// `costake ledger export`: the journal as JSON lines, oldest first, one entry per line —
    /// `{"sequence", "at", "at_seconds", "kind", "reference", "postings": [{"account", "delta"}],
    /// "previous_hash", "hash"}` with deltas in base units and hashes in hex — read page by page
    /// and handed to `write` line by line. An independent program can recompute every hash
    /// from the canonical form (`JournalEntry.canonicalBytes`, documented in the README) and
    /// every balance (`scripts/verify-journal.py`). Returns the number of entries.
    public static func export(database: String, pageSize: Int = 1_000, write: (String) throws -> Void) async throws -> Int64 {
        let store = try Database.open(database, mustExist: true)
        var after: Int64 = 0
        do {
            while true {
                let page = try await store.journal(after: after, limit: pageSize)
                for entry in page { try write(exportLine(entry)) }
                guard let last = page.last else { break }
                after = last.sequence
                if page.count < pageSize { break }
            }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        return after
    }

    /// One journal entry as a JSON object on one line (keys in a fixed order).
    public static func exportLine(_ entry: JournalEntry) -> String {
        let postings = entry.postings.map { #"{"account":\#(MessageComposer.quoted($0.account.key)),"delta":\#($0.delta)}"# }
        return #"{"sequence":\#(entry.sequence),"at":"\#(entry.at.rfc3339)","at_seconds":\#(entry.at.seconds),"#
            + #""kind":\#(MessageComposer.quoted(entry.kind)),"reference":\#(MessageComposer.quoted(entry.reference)),"#
            + #""postings":[\#(postings.joined(separator: ","))],"previous_hash":"\#(entry.previousHash.hex)","hash":"\#(entry.hash.hex)"}"#
    }

    /// `costake migrate`: applies pending migrations and lists them.
    public static func migrate(database: String) async throws -> String {
        let store = try Database.open(database)
        try await store.migrate()
        try await store.close()
        return "database \(database) is migrated"
    }
}
