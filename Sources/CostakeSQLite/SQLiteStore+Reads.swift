import CostakeCore
import CostakeStorage
import Foundation
import GRDB

extension SQLiteStore {
    public func account(_ address: Address) async throws -> Account? {
        try await one("SELECT * FROM accounts WHERE address = ?", [address.text], SQLiteRows.account)
    }

    public func device(_ id: DeviceID) async throws -> Device? {
        try await one("SELECT \(SQLiteRows.deviceColumns) FROM devices WHERE device_id = ?", [id.description], SQLiteRows.device)
    }

    public func offer(_ id: OfferID) async throws -> Offer? {
        try await one("SELECT * FROM offers WHERE offer_id = ?", [id.description], SQLiteRows.offer)
    }

    public func listingsVersion() async throws -> Int64 {
        try await one("SELECT version FROM listings_version WHERE id = 1", []) { $0["version"] as Int64 } ?? 0
    }

    public func position(_ id: PositionID) async throws -> Position? {
        try await settled("SELECT \(SQLiteRows.positionColumns) FROM positions WHERE position_id = ?", [id.description]).first
    }

    public func slash(_ id: SlashID) async throws -> Slash? {
        try await one("SELECT * FROM slashes WHERE slash_id = ?", [id.description], SQLiteRows.slash)
    }

    public func positions(of staker: Address) async throws -> [Position] {
        try await settled("SELECT \(SQLiteRows.positionColumns) FROM positions WHERE staker = ? ORDER BY created_at DESC, position_id", [staker.text])
    }

    public func positions(on device: DeviceID) async throws -> [Position] {
        try await settled("SELECT \(SQLiteRows.positionColumns) FROM positions WHERE device_id = ? ORDER BY created_at DESC, position_id", [device.description])
    }

    /// Positions as of the last closed block: with what each earned since its last settlement
    /// (`RewardAccrual`), read in the same snapshot.
    private func settled(_ sql: String, _ arguments: StatementArguments) async throws -> [Position] {
        try await pool.read { db in
            let positions = try SQLiteRows.all(db.cachedStatement(sql: sql), arguments, SQLiteRows.position)
            let last = try Self.lastClosed(db)
            let pending = try Self.pendingRewards(of: positions, lastClosed: last, db)
            return try positions.map { position throws(CostakeError) in try position.settled(pending[position.id], through: last) }
        }
    }

    public func accruedRewards() async throws -> Int64 {
        try await pool.read { db in try Self.accruedRewards(db) }
    }

    static func accruedRewards(_ db: Database) throws -> Int64 {
        let last = try Self.lastClosed(db)
        guard let last, let oldest = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT min(rewards_through) FROM positions WHERE state = 'active' AND rewards_through < ?
            """), arguments: [last]) else { return 0 }
        let blocks = try SQLiteRows.all(db.cachedStatement(sql: "SELECT \(SQLiteRows.blockColumns) FROM blocks WHERE height > ? ORDER BY height"),
                                        [oldest], SQLiteRows.block)
        var total: Int64 = 0
        // Device by device: each device's active positions with the runs they need.
        var batch: [Position] = []
        func flush() throws {
            for amount in try Self.pendingRewards(of: batch, lastClosed: last, db, blocks: blocks).values { total += amount.baseUnits }
            batch.removeAll(keepingCapacity: true)
        }
        try SQLiteRows.each(db.makeStatement(sql: """
            SELECT \(SQLiteRows.positionColumns) FROM positions WHERE state = 'active' AND rewards_through < ? ORDER BY device_id
            """), [last], SQLiteRows.position) { position in
            if let previous = batch.last, previous.deviceID != position.deviceID { try flush() }
            batch.append(position)
        }
        try flush()
        return total
    }

    public func devices(after id: DeviceID?, limit: Int) async throws -> [Device] {
        try await all("SELECT \(SQLiteRows.deviceColumns) FROM devices WHERE device_id > ? ORDER BY device_id LIMIT ?", [id?.description ?? "", limit], SQLiteRows.device)
    }

    public func devices(ownedBy owner: Address) async throws -> [Device] {
        try await all("SELECT \(SQLiteRows.deviceColumns) FROM devices WHERE owner = ? ORDER BY registered_at, device_id", [owner.text], SQLiteRows.device)
    }

    public func approvedTransaction(signature: String) async throws -> ApprovedTransaction? {
        try await one("SELECT * FROM transactions WHERE signature = ?", [signature], SQLiteRows.approved)
    }

    public func slashes(on device: DeviceID) async throws -> [Slash] {
        try await all("SELECT * FROM slashes WHERE device_id = ? ORDER BY created_at DESC, slash_id", [device.description], SQLiteRows.slash)
    }

    public func slashItems(_ slash: SlashID) async throws -> [SlashItem] {
        try await all("SELECT * FROM slash_items WHERE slash_id = ? ORDER BY position_id", [slash.description], SQLiteRows.slashItem)
    }

    public func lastClosedHeight() async throws -> Int64? {
        try await pool.read { db in try Self.lastClosed(db) }
    }

    public func block(_ height: Int64) async throws -> Block? {
        try await one("SELECT \(SQLiteRows.blockColumns) FROM blocks WHERE height = ?", [height], SQLiteRows.block)
    }

    public func blocks(below height: Int64?, limit: Int) async throws -> [Block] {
        try await all("SELECT \(SQLiteRows.blockColumns) FROM blocks WHERE height < ? ORDER BY height DESC LIMIT ?", [height ?? Int64.max, limit], SQLiteRows.block)
    }

    public func deviceBlocks(_ device: DeviceID, from: Timestamp, to: Timestamp) async throws -> [DeviceBlockRecord] {
        try await pool.read { db in
            let blocks = try Self.blocks(ending: from, to, db)
            guard let first = blocks.first, let last = blocks.last else { return [] }
            // Only the runs that cover these blocks: the one the first block is in and those
            // that start by the last, not the device's whole history.
            let runs = try SQLiteRows.all(db.cachedStatement(sql: SQLiteRows.coveringRuns), [device.description, first.height, last.height], SQLiteRows.run)
            return try DeviceRun.records(runs, blocks: blocks)
        }
    }

    public func deviceRuns(_ device: DeviceID) async throws -> [DeviceRun] {
        try await pool.read { db in try Self.runs(device, db) }
    }

    public func deviceRunCount(startingAt height: Int64) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM device_runs WHERE from_height = ?"), arguments: [height]) ?? 0
        }
    }

    private static func runs(_ device: DeviceID, _ db: Database) throws -> [DeviceRun] {
        try SQLiteRows.all(db.cachedStatement(sql: """
            SELECT \(SQLiteRows.runColumns) FROM device_runs WHERE device_id = ? ORDER BY from_height
            """), [device.description], SQLiteRows.run)
    }

    public func accountBlocks(_ account: Address, from: Timestamp, to: Timestamp) async throws -> [DeviceBlockRecord] {
        // Through the account's devices: those it owns and those it ever co-staked on (positions
        // are never deleted), each device's runs read through the index by device.
        try await pool.read { db in
            let runs = try SQLiteRows.all(db.cachedStatement(sql: """
                SELECT \(SQLiteRows.runColumns) FROM device_runs
                WHERE device_id IN (SELECT device_id FROM devices WHERE owner = ?
                                    UNION SELECT device_id FROM positions WHERE staker = ? AND role = 'co_staker')
                ORDER BY device_id, from_height
                """), [account.text, account.text], SQLiteRows.run)
            return try DeviceRun.records(ofDevices: runs, blocks: try Self.blocks(ending: from, to, db)) {
                $0.owner == account || $0.coStaker == account
            }
        }
    }

    /// The blocks that end in `[from, to)`, in height order.
    private static func blocks(ending from: Timestamp, _ to: Timestamp, _ db: Database) throws -> [Block] {
        try SQLiteRows.all(db.cachedStatement(sql: "SELECT \(SQLiteRows.blockColumns) FROM blocks WHERE end_at >= ? AND end_at < ? ORDER BY height"),
                           [from.seconds, to.seconds], SQLiteRows.block)
    }

    public func stakeTotals() async throws -> StakeTotals {
        try await pool.read { db in
            var totals = StakeTotals(byState: [:], positionsByState: [:], devices: [], openOffers: 0)
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT role, state, sum(amount) AS amount, count(*) AS n FROM positions GROUP BY role, state")) {
                let role: PositionRole = try SQLiteRows.enumValue(row, "role")
                let state: PositionState = try SQLiteRows.enumValue(row, "state")
                totals.byState[role, default: [:]][state] = SQLiteRows.amount(row, "amount")
                totals.positionsByState[role, default: [:]][state] = row["n"]
            }
            totals.devices = try Row.fetchAll(db, sql: """
                SELECT d.model, d.processors, coalesce(sum(p.amount), 0) AS counted FROM devices d
                LEFT JOIN positions p ON p.device_id = d.device_id
                    AND (p.state = 'active' OR (p.state = 'waiting' AND p.role = 'co_staker'))
                GROUP BY d.device_id
                """).map { DeviceStakeSum(model: $0["model"], processors: $0["processors"], counted: SQLiteRows.amount($0, "counted")) }
            totals.openOffers = try Int.fetchOne(db, sql: "SELECT count(*) FROM offers WHERE status = 'open'") ?? 0
            return totals
        }
    }

    public func telemetry(_ device: DeviceID) async throws -> DeviceTelemetry? {
        try await one("SELECT \(SQLiteRows.telemetryColumns) FROM device_telemetry WHERE device_id = ?", [device.description], SQLiteRows.telemetry)
    }

    public func hours(_ device: DeviceID, _ hours: Range<Int64>) async throws -> [HourRecord] {
        try await all("SELECT \(SQLiteRows.hourColumns) FROM device_hours WHERE device_id = ? AND hour >= ? AND hour < ? ORDER BY hour",
                      [device.description, hours.lowerBound, hours.upperBound], SQLiteRows.hour)
    }

    public func journal(after sequence: Int64, limit: Int) async throws -> [JournalEntry] {
        try await pool.read { db in
            let entries = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"), arguments: [sequence, limit])
            guard let last = entries.last else { return [] }
            var postings: [Int64: [Posting]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, account, delta FROM postings WHERE seq > ? AND seq <= ? ORDER BY seq, idx",
                                           arguments: [sequence, last["seq"] as Int64])
            while let row = try rows.next() {
                let key: String = row["account"]
                guard let account = LedgerAccount(key: key) else { throw SQLiteRows.corrupt("posting account \(key)") }
                postings[row["seq"], default: []].append(Posting(account, row["delta"]))
            }
            return entries.map { row in
                let seq: Int64 = row["seq"]
                return JournalEntry(sequence: seq, kind: row["kind"], reference: row["reference"],
                                    at: Timestamp(seconds: row["at"]), postings: postings[seq] ?? [],
                                    previousHash: Array(row["prev_hash"] as Data), hash: Array(row["hash"] as Data))
            }
        }
    }

    public func journalHead() async throws -> JournalHead {
        try await pool.read { db in try Self.readHead(db) }
    }

    public func storedBalances() async throws -> [LedgerAccount: Int64] {
        try await pool.read { db in try Self.storedBalances(db) }
    }

    /// One read transaction: one snapshot of the database file.
    public func ledgerState() async throws -> LedgerState {
        try await pool.read { db in
            LedgerState(head: try Self.readHead(db),
                        journalEnd: try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(seq), 0) FROM journal")) ?? 0,
                        balances: try Self.storedBalances(db), accrued: try Self.accruedRewards(db))
        }
    }

    static func storedBalances(_ db: Database) throws -> [LedgerAccount: Int64] {
        var balances: [LedgerAccount: Int64] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT address, available FROM accounts WHERE available <> 0")) {
            balances[.available(try SQLiteRows.address(row, "address"))] = row["available"]
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT position_id, amount, unclaimed_rewards FROM positions WHERE amount <> 0 OR unclaimed_rewards <> 0")) {
            let id: PositionID = try SQLiteRows.id(row, "position_id")
            if row["amount"] as Int64 != 0 { balances[.principal(id)] = row["amount"] }
            if row["unclaimed_rewards"] as Int64 != 0 { balances[.rewards(id)] = row["unclaimed_rewards"] }
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT slash_id, escrowed FROM slashes WHERE escrowed <> 0")) {
            balances[.escrow(try SQLiteRows.id(row, "slash_id"))] = row["escrowed"]
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT account, balance FROM system_balances WHERE balance <> 0")) {
            let key: String = row["account"]
            guard let account = LedgerAccount(key: key) else { throw SQLiteRows.corrupt("system account \(key)") }
            balances[account] = row["balance"]
        }
        return balances
    }

    public func liveState() async throws -> LiveState {
        try await pool.read { db in
            LiveState(
                accounts: try SQLiteRows.all(db.cachedStatement(sql: "SELECT * FROM accounts WHERE available <> 0 ORDER BY address"), [], SQLiteRows.account),
                devices: try SQLiteRows.all(db.cachedStatement(sql: "SELECT \(SQLiteRows.deviceColumns) FROM devices ORDER BY device_id"), [], SQLiteRows.device),
                positions: try SQLiteRows.all(db.cachedStatement(sql: "SELECT \(SQLiteRows.positionColumns) FROM positions WHERE state <> 'withdrawn' ORDER BY position_id"), [], SQLiteRows.position),
                offers: try SQLiteRows.all(db.cachedStatement(sql: "SELECT * FROM offers WHERE status IN ('open', 'active') ORDER BY offer_id"), [], SQLiteRows.offer),
                slashes: try SQLiteRows.all(db.cachedStatement(sql: "SELECT * FROM slashes ORDER BY slash_id"), [], SQLiteRows.slash),
                telemetry: try SQLiteRows.all(db.cachedStatement(sql: "SELECT \(SQLiteRows.telemetryColumns) FROM device_telemetry ORDER BY device_id"), [], SQLiteRows.telemetry)
            )
        }
    }

    public func dump() async throws -> String {
        try await pool.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            var lines: [String] = []
            for table in tables {
                let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM \(table)")).map { row in
                    row.map { column, value in "\(column)=\(value)" }.joined(separator: " ")
                }
                lines.append("# \(table)")
                lines.append(contentsOf: rows.sorted())
            }
            return lines.joined(separator: "\n")
        }
    }

    private func one<T: Sendable>(_ sql: String, _ arguments: StatementArguments, _ decode: @escaping @Sendable (Row) throws -> T) async throws -> T? {
        try await pool.read { db in try SQLiteRows.first(db.cachedStatement(sql: sql), arguments, decode) }
    }

    private func all<T: Sendable>(_ sql: String, _ arguments: StatementArguments, _ decode: @escaping @Sendable (Row) throws -> T) async throws -> [T] {
        try await pool.read { db in try SQLiteRows.all(db.cachedStatement(sql: sql), arguments, decode) }
    }
}
