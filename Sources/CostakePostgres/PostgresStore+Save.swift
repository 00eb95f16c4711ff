import CostakeCore
import CostakeCrypto
import CostakeStorage
import PostgresNIO

/// Saving what a unit of work changed, in the order of the SQLite store (referenced rows first).
extension PostgresStore {
    /// Saves a unit's changes: as one statement on the writer's connection when they fit in one
    /// (`UnitWrites`), else one statement per table. The journal's entries follow the group's
    /// head, which moves past them once they are written. A block close that changes R̄ or
    /// scores refreshes the listings in one statement after its writes, rather than row by row
    /// through the triggers (`PostgresSchema.marketRefresh`), as the SQLite store does.
    static func save(_ changes: Changes, _ group: GroupTransaction) async throws {
        let refreshesListings = changes.refreshesListings
        if refreshesListings { try await group.session.run(PostgresQuery(unsafeSQL: PostgresSchema.beforeRefresh)) }
        var writes = UnitWrites()
        writes.add(changes.accounts, Writers.account)
        writes.add(changes.devices, Writers.device)
        let bases = changes.deviceBases, scores = changes.telemetryScores
        if !bases.isEmpty { writes.add(table: "devices", binds: 2) { Writers.bases(bases, &$0) } }
        // Rows that leave a uniquely-indexed live state are written before rows that enter one.
        writes.add(changes.offers.sorted(by: { !$0.status.isLive && $1.status.isLive }), Writers.offer)
        writes.add(changes.positions.sorted(by: { !$0.state.counts && $1.state.counts }), Writers.position)
        writes.add(changes.positionRewards, Writers.position)
        writes.add(changes.slashes, Writers.slash)
        writes.add(changes.slashItems, Writers.slashItem)
        writes.add(changes.telemetry, Writers.telemetry)
        if !scores.isEmpty { writes.add(table: "device_telemetry", binds: 6) { Writers.scores(scores, &$0) } }
        writes.add(changes.hours, Writers.hour)
        writes.add(changes.blocks, Writers.block)
        writes.add(changes.deviceRuns, Writers.deviceRun)
        let deltas = changes.systemDeltas.sorted(by: { $0.key < $1.key }).map { (account: $0.key, delta: $0.value) }
        writes.add(deltas, Writers.systemDelta)
        let (entries, head) = seal(changes.journal, after: group.head)
        writes.add(entries, Writers.journal)
        writes.add(entries.flatMap { entry in
            entry.postings.enumerated().map { (sequence: entry.sequence, index: $0.offset, posting: $0.element) }
        }, Writers.posting)
        if changes.changesListings { writes.add(table: "listings_version", "UPDATE listings_version SET version = version + 1 WHERE id = 1") }
        if let approved = changes.approved { writes.add([approved], Writers.approved) }
        try await writes.run(on: group.session)
        if refreshesListings {
            for statement in PostgresSchema.marketRefresh { try await group.session.run(PostgresQuery(unsafeSQL: statement)) }
        }
        group.head = head
    }

    /// The entries of `drafts` numbered after `head`, each hash chained to the one before, and
    /// the head after them. The writers' lock makes the head the group read at its start the
    /// head of the last committed unit of work.
    static func seal(_ drafts: [JournalDraft], after head: JournalHead) -> ([JournalEntry], JournalHead) {
        var head = head
        var entries: [JournalEntry] = []
        for draft in drafts {
            let entry = JournalHash.seal(draft, sequence: head.sequence + 1, previous: head.hash)
            entries.append(entry)
            head = JournalHead(sequence: entry.sequence, hash: entry.hash)
        }
        return (entries, head)
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
