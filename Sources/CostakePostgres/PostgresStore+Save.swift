import CostakeCore
import CostakeCrypto
import CostakeStorage
import PostgresNIO

/// Saving what a unit of work changed, in the order of the SQLite store (referenced rows first).
extension PostgresStore {
    static func save(_ changes: Changes, _ group: GroupTransaction) async throws {
        let session = group.session
        try await session.write(changes.accounts, Writers.account)
        try await session.write(changes.devices + changes.deviceBases, Writers.device)
        // Rows that leave a uniquely-indexed live state are written before rows that enter one.
        try await session.write(changes.offers.sorted(by: { !$0.status.isLive && $1.status.isLive }), Writers.offer)
        try await session.write(changes.positions.sorted(by: { !$0.state.counts && $1.state.counts }), Writers.position)
        try await session.write(changes.positionRewards, Writers.position)
        try await session.write(changes.slashes, Writers.slash)
        try await session.write(changes.slashItems, Writers.slashItem)
        try await session.write(changes.telemetry + changes.telemetryScores, Writers.telemetry)
        try await session.write(changes.hours, Writers.hour)
        try await session.write(changes.blocks, Writers.block)
        try await session.write(changes.deviceBlocks, Writers.deviceBlock)
        let deltas = changes.systemDeltas.sorted(by: { $0.key < $1.key }).map { (account: $0.key, delta: $0.value) }
        try await session.write(deltas, Writers.systemDelta)
        if !changes.journal.isEmpty { try await append(changes.journal, group) }
        if changes.changesListings { try await session.run("UPDATE listings_version SET version = version + 1 WHERE id = 1") }
        if let approved = changes.approved { try await session.write([approved], Writers.approved) }
    }

    /// Appends entries after the group's head, chaining each hash to the one before, and moves
    /// the group's head past them. The writers' lock makes the head the group read at its
    /// start the head of the last committed unit of work.
    static func append(_ drafts: [JournalDraft], _ group: GroupTransaction) async throws {
        let session = group.session
        var head = group.head
        var entries: [JournalEntry] = []
        for draft in drafts {
            let entry = JournalHash.seal(draft, sequence: head.sequence + 1, previous: head.hash)
            entries.append(entry)
            head = JournalHead(sequence: entry.sequence, hash: entry.hash)
        }
        try await session.write(entries, Writers.journal)
        let postings = entries.flatMap { entry in
            entry.postings.enumerated().map { (sequence: entry.sequence, index: $0.offset, posting: $0.element) }
        }
        try await session.write(postings, Writers.posting)
        group.head = head
    }

    /// Records the journal's head (once per group transaction, before its commit).
    static func writeHead(_ head: JournalHead, _ session: PostgresSession) async throws {
        try await session.run("""
            INSERT INTO journal_head (id, seq, hash) VALUES (1, \(head.sequence), \(ByteBuffer(bytes: head.hash)))
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """)
    }

    static func readHead(_ session: PostgresSession) async throws -> JournalHead {
        try await session.one("SELECT seq, hash FROM journal_head WHERE id = 1") { row in
            JournalHead(sequence: try row.get("seq"), hash: try PostgresRows.bytes(row, "hash"))
        } ?? .empty
    }
}
