import CostakeCore
import CostakeStorage
import PostgresNIO

/// The journal, the stored balances and the audit reads. A read of several statements runs in
/// one REPEATABLE READ snapshot so that they agree with each other while writers go on.
extension PostgresStore {
    /// One statement (so one snapshot, no transaction): each entry with its postings in order.
    public func journal(after sequence: Int64, limit: Int) async throws -> [JournalEntry] {
        try await all("""
            SELECT j.*, coalesce(array_agg(p.account ORDER BY p.idx) FILTER (WHERE p.seq IS NOT NULL), '{}') AS accounts,
                   coalesce(array_agg(p.delta ORDER BY p.idx) FILTER (WHERE p.seq IS NOT NULL), '{}') AS deltas
            FROM (SELECT * FROM journal WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)) j
            LEFT JOIN postings p ON p.seq = j.seq
            GROUP BY j.seq, j.at, j.kind, j.reference, j.prev_hash, j.hash ORDER BY j.seq
            """) { row in
            let accounts = try row.get("accounts", as: [String].self)
            let deltas = try row.get("deltas", as: [Int64].self)
            return JournalEntry(sequence: try row.get("seq"), kind: try row.get("kind"), reference: try row.get("reference"),
                                at: try PostgresRows.time(row, "at"),
                                postings: try zip(accounts, deltas).map { Posting(try PostgresRows.ledgerAccount($0), $1) },
                                previousHash: try PostgresRows.bytes(row, "prev_hash"), hash: try PostgresRows.bytes(row, "hash"))
        }
    }

    public func journalHead() async throws -> JournalHead {
        try await session { try await Self.readHead($0) }
    }

    /// One statement over the four places balances are held (one snapshot, no transaction).
    public func storedBalances() async throws -> [LedgerAccount: Int64] {
        try await session { try await Self.storedBalances($0) }
    }

    /// One REPEATABLE READ transaction: one snapshot of the database.
    public func ledgerState() async throws -> LedgerState {
        try await snapshot { session in
            LedgerState(head: try await Self.readHead(session),
                        journalEnd: try await session.one("SELECT coalesce(max(seq), 0) AS seq FROM journal") { try $0.get("seq", as: Int64.self) } ?? 0,
                        balances: try await Self.storedBalances(session), accrued: try await Self.accruedRewards(session))
        }
    }

    static func storedBalances(_ session: PostgresSession) async throws -> [LedgerAccount: Int64] {
        let rows = try await session.rows("""
            SELECT 'available' AS kind, address AS key, available AS value FROM accounts WHERE available <> 0
            UNION ALL SELECT 'principal', position_id, amount FROM positions WHERE amount <> 0
            UNION ALL SELECT 'rewards', position_id, unclaimed_rewards FROM positions WHERE unclaimed_rewards <> 0
            UNION ALL SELECT 'escrow', slash_id, escrowed FROM slashes WHERE escrowed <> 0
            UNION ALL SELECT 'system', account, balance FROM system_balances WHERE balance <> 0
            """)
        var balances: [LedgerAccount: Int64] = [:]
        for row in rows {
            let (kind, key, value) = try row.decode((String, String, Int64).self)
            switch kind {
            case "available": balances[.available(Address(stored: key))] = value
            case "principal": balances[.principal(try PositionID(text: key, field: "position_id"))] = value
            case "rewards": balances[.rewards(try PositionID(text: key, field: "position_id"))] = value
            case "escrow": balances[.escrow(try SlashID(text: key, field: "slash_id"))] = value
            default: balances[try PostgresRows.ledgerAccount(key)] = value
            }
        }
        return balances
    }

    public func liveState() async throws -> LiveState {
        try await snapshot { session in
            LiveState(
                accounts: try await session.all("SELECT * FROM accounts WHERE available <> 0 ORDER BY address", PostgresRows.account),
                devices: try await session.all("SELECT * FROM devices ORDER BY device_id", PostgresRows.device),
                positions: try await session.all("SELECT * FROM positions WHERE state <> 'withdrawn' ORDER BY position_id",
                                                 PostgresRows.position),
                offers: try await session.all("SELECT * FROM offers WHERE status IN ('open', 'active') ORDER BY offer_id",
                                              PostgresRows.offer),
                slashes: try await session.all("SELECT * FROM slashes ORDER BY slash_id", PostgresRows.slash),
                telemetry: try await session.all("SELECT * FROM device_telemetry ORDER BY device_id", PostgresRows.telemetry)
            )
        }
    }

    /// Every row of every table of the schema (the migrations' record included), each as the
    /// JSON text of the row, sorted: equal dumps mean equal data. Not `writer_turn`, which
    /// counts the store's own transactions rather than holding data.
    public func dump() async throws -> String {
        try await snapshot { session in
            let tables = try await session.all("""
                SELECT table_name::text AS name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'writer_turn' ORDER BY table_name::text COLLATE "C"
                """) { try $0.get("name", as: String.self) }
            var lines: [String] = []
            for table in tables {
                // The names come from the catalogue and are the migrations' own plain identifiers.
                let rows = try await session.all(PostgresQuery(unsafeSQL: "SELECT to_jsonb(t)::text AS line FROM \"\(table)\" t")) {
                    try $0.get("line", as: String.self)
                }
                lines.append("# \(table)")
                lines.append(contentsOf: rows.sorted())
            }
            return lines.joined(separator: "\n")
        }
    }
}
