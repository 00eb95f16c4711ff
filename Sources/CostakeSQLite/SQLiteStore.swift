import CostakeCore
import CostakeCrypto
import CostakeStorage
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, written by one connection at a time and
/// read by many. Every commit is durable (`synchronous = FULL`) before it is answered; units
/// of work that arrive together share one commit (`GroupCommit`).
public final class SQLiteStore: CostakeStore {
    let pool: DatabasePool
    /// Every unit of work goes through it: those that arrive together share a commit.
    let groupCommit: GroupCommit
    public let path: String
    let durability: Durability
    /// Copies the write-ahead log into the database file away from the writer.
    let checkpointer: Checkpointer

    /// The page cache of each connection, and of the writer while it closes a block or loads
    /// in bulk.
    static let cacheKiB = 65_536
    static let blockCloseCacheKiB = 262_144
    static let bulkLoadCacheKiB = 1_048_576

    /// How a commit reaches the disk.
    public enum Durability: String, Sendable {
        /// Every commit is synced before it returns: nothing answered is lost, even on power loss.
        case full = "FULL"
        /// Commits are atomic but the last ones may be lost on power loss (never on a process
        /// crash): for throw-away test databases.
        case normal = "NORMAL"
    }

    /// Opens (creating if needed) the database file at `path`. Call `migrate()` before use.
    public init(path: String, durability: Durability = .full) throws {
        let checkpointer = Checkpointer(path: path, synchronous: durability.rawValue)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue)")
            // 64 MiB of page cache per connection: a block close reads every device's week.
            try db.execute(sql: "PRAGMA cache_size = \(-Self.cacheKiB)")
            if !db.configuration.readonly { checkpointer.install(on: db) }
        }
        self.checkpointer = checkpointer
        self.path = path
        self.durability = durability
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.groupCommit = GroupCommit(pool: pool)
    }

    public func migrate() async throws {
        try SQLiteSchema.migrator.migrate(pool)
        try await analyze()
        checkpointer.start()
    }

    deinit { checkpointer.stop() }

    /// Refreshes the query planner's statistics from a sample of each index (about 10 ms on a
    /// million devices): without them SQLite can pick a filter's index and sort every match
    /// instead of walking the sort's index. Run at every open and after every block close.
    func analyze() async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA analysis_limit = 400; ANALYZE") }
    }

    /// Bulk loading: the marketplace read model's triggers and indexes and the base tables'
    /// secondary indexes are dropped, `body` inserts, then the indexes are built again and the
    /// read model is filled in one statement and indexed: minutes faster than a trigger and
    /// random index inserts per row on a million devices. `body` must only write (units of
    /// work with an empty scope): without the indexes, lookups would scan whole tables. While
    /// `body` runs the writer does not sync its commits and keeps 1 GiB of pages in its cache
    /// (the tables of a million rows, whose ids arrive in random order, fit in it); at the end
    /// durability is restored and the whole load is checkpointed into the database file and
    /// synced. For seeding a database not in use; an interrupted load leaves a database to
    /// delete.
    public func bulkLoad(_ body: () async throws -> Void) async throws {
        let secondaryIndexes = try await pool.write { db in
            for name in SQLiteSchema.marketTriggerNames { try db.execute(sql: "DROP TRIGGER \(name)") }
            for name in SQLiteSchema.marketIndexNames { try db.execute(sql: "DROP INDEX \(name)") }
            try db.execute(sql: "DELETE FROM offer_market")
            // The base tables' secondary indexes too (not the primary keys the saves upsert on):
            // built once from sorted keys at the end, rather than entry by entry in random order
            // for millions of rows. Their unique ones check the whole load when they are built.
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT IN ('offer_market', 'sqlite_stat1') ORDER BY name
                """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
            return indexes
        }
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = \(-Self.bulkLoadCacheKiB)")
        }
        groupCommit.writeLog.suspend(true)
        checkpointer.setBulk(true)
        do {
            try await body()
            try await pool.write { db in
                for index in secondaryIndexes { try db.execute(sql: index.sql) }
                try db.execute(sql: SQLiteSchema.marketFill + SQLiteSchema.marketIndexes + SQLiteSchema.marketTriggers)
            }
        } catch {
            try? await restoreAfterBulkLoad()
            throw error
        }
        try await restoreAfterBulkLoad()
        try await analyze()
    }

    private func restoreAfterBulkLoad() async throws {
        groupCommit.writeLog.suspend(false)
        checkpointer.setBulk(false)
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue); PRAGMA cache_size = \(-Self.cacheKiB)")
            _ = try checkpointer.excluding { try db.checkpoint(.truncate) }
        }
    }

    /// Copies the write-ahead log into the main file and empties the log, so that the file
    /// alone holds the whole database.
    public func checkpoint() async throws {
        try await pool.writeWithoutTransaction { db in _ = try checkpointer.excluding { try db.checkpoint(.truncate) } }
    }

    /// Checkpoints the store's own thread has run that copied pages into the database file,
    /// and whether it is idle (none asked for or running).
    public var backgroundCheckpoints: (runs: Int, idle: Bool) { checkpointer.progress }

    public var writerStatistics: WriterStatistics {
        var statistics = groupCommit.queue.statistics
        statistics.backgroundCheckpoints = checkpointer.progress.runs
        return statistics
    }

    public func close() async throws {
        checkpointer.stop()
        try pool.close()
    }

    // MARK: Units of work

    /// A unit other than a block close is loaded from a read snapshot and decided away from
    /// the writer, which only checks that nothing it read has been written since (`WriteLog`)
    /// and saves its changes; a unit that is no longer current is loaded and decided again on
    /// the writer. The writer, the one thread every change waits for, so spends its time
    /// writing. A unit whose rules refuse it on its snapshot is answered from that snapshot,
    /// which holds every unit answered before the unit was submitted.
    public func perform<Result: Sendable>(
        _ scope: Scope, _ decide: @escaping @Sendable (consuming Snapshot) throws -> (Changes, Result)
    ) async throws -> Result {
        let writeLog = groupCommit.writeLog
        guard scope.blockClose == nil else {
            let handed = BlockCloseStopwatch()
            var (result, stopwatch) = try await groupCommit.submit { db in
                var stopwatch = handed
                stopwatch.ended(\.wait)
                // A block close reads and rewrites most of the database in one transaction: a
                // larger page cache while it runs keeps its pages from being spilled to the
                // write-ahead log and read back (the cache is shrunk again after it).
                try db.execute(sql: "PRAGMA cache_size = \(-Self.blockCloseCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(-Self.cacheKiB)") }
                return (try Self.apply(scope, decide, db, writeLog, &stopwatch), stopwatch)
            }
            stopwatch.ended(\.commit)
            try await analyze()
            stopwatch.ended(\.statistics)
            groupCommit.queue.blockClosed(stopwatch.times)
            return result
        }
        let watermark = writeLog.begin()
        defer { writeLog.end(watermark) }
        let snapshot = try await pool.read { db in try Self.load(scope, db) }
        let (changes, result) = try decide(snapshot)
        let keys = snapshot.readKeys
        return try await groupCommit.submit { db in
            guard writeLog.isCurrent(keys, watermark: watermark) else {
                self.groupCommit.queue.decidedAgain()
                return try Self.apply(scope, decide, db, writeLog)
            }
            try Self.save(changes, db)
            writeLog.record(changes)
            return result
        }
    }

    /// Loads, decides and saves a unit on the writer.
    private static func apply<Result>(_ scope: Scope, _ decide: (consuming Snapshot) throws -> (Changes, Result), _ db: Database,
                                      _ writeLog: WriteLog) throws -> Result {
        var stopwatch = BlockCloseStopwatch()
        return try apply(scope, decide, db, writeLog, &stopwatch)
    }

    /// Loads, decides and saves a unit on the writer, timing each part.
    private static func apply<Result>(_ scope: Scope, _ decide: (consuming Snapshot) throws -> (Changes, Result), _ db: Database,
                                      _ writeLog: WriteLog, _ stopwatch: inout BlockCloseStopwatch) throws -> Result {
        let snapshot = try load(scope, db)
        stopwatch.ended(\.load)
        // Handed over, not shared: the rules change what they loaded without copying it.
        let (changes, result) = try decide(consume snapshot)
        stopwatch.ended(\.decide)
        try save(changes, db)
        writeLog.record(changes)
        stopwatch.ended(\.save)
        return result
    }

    static func load(_ scope: Scope, _ db: Database) throws -> Snapshot {
        var snapshot = Snapshot(scope: scope)
        if let close = scope.blockClose { try loadForBlockClose(close, &snapshot, db) }
        var devices = snapshot.scope.devices
        var accounts = scope.accounts
        for id in scope.slashItemsOf {
            let items = try SQLiteRows.all(db.cachedStatement(sql: "SELECT * FROM slash_items WHERE slash_id = ? ORDER BY position_id"), [id.description], SQLiteRows.slashItem)
            snapshot.slashItems[id] = items
            snapshot.scope.slashes.insert(id)
            for item in items {
                snapshot.scope.positions.insert(item.positionID)
                accounts.insert(item.staker)
            }
        }
        snapshot.scope.accounts = accounts
        // A telemetry batch names thousands of devices: their rows are read with one query per
        // table over a JSON array of the ids (three queries, not three per device).
        if !scope.telemetryOf.isEmpty {
            snapshot.lastClosedEnd = try lastClosedEnd(db)
            // Sized up front: growing a dictionary of 10,000 rows rehashes every key each time.
            let count = scope.telemetryOf.count
            snapshot.devices.reserveCapacity(count)
            snapshot.telemetry.reserveCapacity(count)
            snapshot.scope.hours.reserveCapacity(snapshot.scope.hours.count + count)
            snapshot.hours.reserveCapacity(snapshot.scope.hours.count + count)
            let ids = "[" + scope.telemetryOf.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            try SQLiteRows.each(db.cachedStatement(sql: "SELECT \(SQLiteRows.deviceColumns) FROM json_each(?) j JOIN devices d ON d.device_id = j.value"),
                                [ids], SQLiteRows.device) { snapshot.devices[$0.id] = $0 }
            try SQLiteRows.each(db.cachedStatement(sql: "SELECT \(SQLiteRows.telemetryColumns) FROM json_each(?) j JOIN device_telemetry t ON t.device_id = j.value"),
                                [ids], SQLiteRows.telemetry) { state in
                guard snapshot.devices[state.deviceID] != nil else { return }
                snapshot.telemetry[state.deviceID] = state
                snapshot.scope.hours.insert(HourKey(state.deviceID, HourRecord.hour(of: state.lastReportAt)))
            }
        }
        if !snapshot.scope.hours.isEmpty {
            let keys = "[" + snapshot.scope.hours.map { "[\"\($0.deviceID)\",\($0.hour)]" }.joined(separator: ",") + "]"
            try SQLiteRows.each(db.cachedStatement(sql: """
                SELECT \(SQLiteRows.hourColumns) FROM json_each(?) j
                JOIN device_hours h ON h.device_id = json_extract(j.value, '$[0]') AND h.hour = json_extract(j.value, '$[1]')
                """), [keys], SQLiteRows.hour) { snapshot.hours[HourKey($0.deviceID, $0.hour)] = $0 }
        }
        for id in snapshot.scope.offers {
            guard let offer = try SQLiteRows.first(db.cachedStatement(sql: "SELECT * FROM offers WHERE offer_id = ?"), [id.description], SQLiteRows.offer) else { continue }
            snapshot.offers[id] = offer
            devices.insert(offer.deviceID)
        }
        for id in snapshot.scope.positions where snapshot.positions[id] == nil {
            guard let position = try SQLiteRows.first(db.cachedStatement(sql: "SELECT \(SQLiteRows.positionColumns) FROM positions WHERE position_id = ?"), [id.description], SQLiteRows.position) else { continue }
            snapshot.positions[id] = position
            devices.insert(position.deviceID)
        }
        for id in snapshot.scope.slashes where snapshot.slashes[id] == nil {
            guard let slash = try SQLiteRows.first(db.cachedStatement(sql: "SELECT * FROM slashes WHERE slash_id = ?"), [id.description], SQLiteRows.slash) else { continue }
            snapshot.slashes[id] = slash
            devices.insert(slash.deviceID)
        }
        for staker in scope.coStakesOf {
            try addPositions(&snapshot, db, """
                SELECT \(SQLiteRows.positionColumns) FROM positions WHERE staker = ? AND role = 'co_staker' AND state IN ('active', 'waiting')
                """, [staker.text])
        }
        for staker in scope.rewardsOf {
            // Active positions too: what they earned since their last settlement is unclaimed.
            try addPositions(&snapshot, db, """
                SELECT \(SQLiteRows.positionColumns) FROM positions WHERE staker = ? AND (unclaimed_rewards > 0 OR state = 'active')
                """, [staker.text])
        }
        for id in devices where scope.blockClose == nil {
            guard let device = try SQLiteRows.first(db.cachedStatement(sql: "SELECT \(SQLiteRows.deviceColumns) FROM devices WHERE device_id = ?"), [id.description], SQLiteRows.device) else { continue }
            snapshot.devices[id] = device
            try addPositions(&snapshot, db, "SELECT \(SQLiteRows.positionColumns) FROM positions WHERE device_id = ? AND state <> 'withdrawn'", [id.description])
            try SQLiteRows.each(db.cachedStatement(sql: "SELECT * FROM offers WHERE device_id = ? AND status IN ('open', 'active')"),
                                [id.description], SQLiteRows.offer) { snapshot.offers[$0.id] = $0 }
        }
        for address in snapshot.scope.accounts {
            if let account = try SQLiteRows.first(db.cachedStatement(sql: "SELECT * FROM accounts WHERE address = ?"), [address.text], SQLiteRows.account) {
                snapshot.accounts[address] = account
            }
        }
        if let key = scope.nonce,
           let prior = try SQLiteRows.first(db.cachedStatement(sql: "SELECT * FROM transactions WHERE signer = ? AND nonce = ?"),
                                            [key.signer.text, key.nonce], SQLiteRows.approved) {
            snapshot.priorUse = prior
        }
        snapshot.scope.devices = devices
        if scope.blockClose == nil, !devices.isEmpty || !snapshot.positions.isEmpty { try loadPendingRewards(&snapshot, db) }
        return snapshot
    }

    /// The last closed height (a new position starts earning after it), what every loaded active
    /// position earned since its last settlement, and the `accrued` balance it is settled from.
    static func loadPendingRewards(_ snapshot: inout Snapshot, _ db: Database) throws {
        let last = try lastClosed(db)
        snapshot.lastClosedHeight = last
        snapshot.pendingRewards = try pendingRewards(of: snapshot.positions.values, lastClosed: last, db)
        if snapshot.pendingRewards.values.contains(where: \.isPositive) {
            snapshot.systemBalances[.accrued] = try Int64.fetchOne(db.cachedStatement(sql: "SELECT balance FROM system_balances WHERE account = ?"),
                                                                   arguments: [LedgerAccount.accrued.key]) ?? 0
        }
    }

    /// What each active position of `positions` earned after its `rewardsThrough` through
    /// `lastClosed` (`RewardAccrual`), from its device's runs covering those blocks; `blocks`,
    /// when given, hold every closed block from the first one needed on.
    static func pendingRewards(of positions: some Collection<Position>, lastClosed: Int64?, _ db: Database,
                               blocks given: [Block]? = nil) throws -> [PositionID: Amount] {
        let needs = RewardAccrual.needs(positions, lastClosed: lastClosed)
        guard let first = needs.values.min(), let lastClosed else {
            return try RewardAccrual.pending(of: positions, lastClosed: lastClosed, blocks: [], runs: [:])
        }
        let blocks = try given ?? SQLiteRows.all(db.cachedStatement(sql: "SELECT \(SQLiteRows.blockColumns) FROM blocks WHERE height >= ? ORDER BY height"),
                                                 [first], SQLiteRows.block)
        var runs: [DeviceID: [DeviceRun]] = [:]
        for (device, from) in needs {
            runs[device] = try SQLiteRows.all(db.cachedStatement(sql: SQLiteRows.coveringRuns), [device.description, from, lastClosed], SQLiteRows.run)
        }
        return try RewardAccrual.pending(of: positions, lastClosed: lastClosed, blocks: blocks, runs: runs)
    }

    /// Everything a block close reads: the whole network and the sums of the reliability window.
    static func loadForBlockClose(_ close: BlockCloseScope, _ snapshot: inout Snapshot, _ db: Database) throws {
        // Every table's dictionary sized up front: growing one of a million entries rehashes every
        // key at each doubling and holds the old storage and the new at once.
        let devices = try Int.fetchOne(db, sql: "SELECT count(*) FROM devices") ?? 0
        snapshot.reserve(devices: devices,
                         positions: try Int.fetchOne(db, sql: "SELECT count(*) FROM positions WHERE state <> 'withdrawn'") ?? 0,
                         offers: try Int.fetchOne(db, sql: "SELECT count(*) FROM offers WHERE status IN ('open', 'active')") ?? 0)
        try SQLiteRows.each(db.makeStatement(sql: "SELECT \(SQLiteRows.deviceColumns) FROM devices"), [], SQLiteRows.device) { snapshot.devices[$0.id] = $0 }
        snapshot.scope.devices = Set(snapshot.devices.keys)
        try addPositions(&snapshot, db, "SELECT \(SQLiteRows.positionColumns) FROM positions WHERE state <> 'withdrawn'", [])
        try SQLiteRows.each(db.makeStatement(sql: "SELECT * FROM offers WHERE status IN ('open', 'active')"), [], SQLiteRows.offer) {
            snapshot.offers[$0.id] = $0
        }
        try SQLiteRows.each(db.makeStatement(sql: "SELECT \(SQLiteRows.telemetryColumns) FROM device_telemetry"), [], SQLiteRows.telemetry) {
            snapshot.telemetry[$0.deviceID] = $0
        }
        let lookback = close.end.seconds - ReliabilityScore.slashLookbackSeconds
        try SQLiteRows.each(db.cachedStatement(sql: "SELECT * FROM slashes WHERE state = 'pending' OR created_at > ?"), [lookback],
                            SQLiteRows.slash) { snapshot.slashes[$0.id] = $0 }
        try Row.fetchCursor(db, sql: "SELECT account, balance FROM system_balances").forEach { row in
            if let account = LedgerAccount(key: row["account"]) { snapshot.systemBalances[account] = row["balance"] }
        }
        snapshot.lastClosedHeight = try lastClosed(db)
        snapshot.lastClosedEnd = try lastClosedEnd(db)
        // The hours that leave the devices' window sums (from the last close's window start up to
        // this one's) and those after the block: an hour or two of records, not the window.
        let window = close.hourWindow
        let leaving = ReliabilityScore.sumsStartHour(lastClosedEnd: snapshot.lastClosedEnd)
        for (range, later) in [(leaving..<max(leaving, window.lowerBound), false), (window.upperBound..<Int64.max, true)] where !range.isEmpty {
            try Row.fetchCursor(db.cachedStatement(sql: SQLiteRows.hourSumsBetween), arguments: [range.lowerBound, range.upperBound]).forEach { row in
                let id: DeviceID = try SQLiteRows.id(row, 0, "device_id")
                let sums = HourSums(upHours: row[1], powHours: row[2], disconnects: row[3])
                if later { snapshot.reliabilityInputs[id, default: ReliabilityInputs()].later = sums } else {
                    snapshot.reliabilityInputs[id, default: ReliabilityInputs()].leaving = sums
                }
            }
        }
        let expiring = close.expiringHeight >= 0
            ? try SQLiteRows.first(db.cachedStatement(sql: "SELECT \(SQLiteRows.blockColumns) FROM blocks WHERE height = ?"), [close.expiringHeight], SQLiteRows.block)
            : nil
        var runs = RunWindowSums(close: close, expiring: expiring, devices: devices)
        // The runs that can reach into either window: one range of the table, kept in height
        // order (`SQLiteSchema.v11`).
        let statement = try db.cachedStatement(sql: """
            SELECT \(SQLiteRows.runColumns) FROM device_runs WHERE from_height >= ? ORDER BY from_height
            """)
        let rows = try Row.fetchCursor(statement, arguments: [close.runsFrom])
        while let row = try rows.next() { try runs.add(inHeightOrder: try SQLiteRows.run(row)) }
        try runs.finish()
        runs.apply(to: &snapshot)
    }

    private static func addPositions(_ snapshot: inout Snapshot, _ db: Database, _ sql: String, _ arguments: StatementArguments) throws {
        try SQLiteRows.each(db.cachedStatement(sql: sql), arguments, SQLiteRows.position) { snapshot.positions[$0.id] = $0 }
    }

    static func save(_ changes: Changes, _ db: Database) throws {
        try SQLiteRows.save(changes.accounts, db)
        try SQLiteRows.save(changes.devices, db)
        // Rows that leave a uniquely-indexed live state are written before rows that enter one.
        try SQLiteRows.save(changes.offers.sorted(by: { !$0.status.isLive && $1.status.isLive }), db)
        try SQLiteRows.save(changes.positions.sorted(by: { !$0.state.counts && $1.state.counts }), db)
        try SQLiteRows.save(changes.slashes, db)
        for item in changes.slashItems { try SQLiteRows.insert(item, db) }
        try SQLiteRows.saveRewards(changes.positionRewards, db)
        // A block close refreshes the listings in one pass rather than through the row triggers
        // (a bulk load that writes blocks, the benchmark's history, has no triggers to drop and
        // fills the listings at its end).
        let refreshesListings = changes.refreshesListings
        if refreshesListings { try db.execute(sql: SQLiteSchema.beforeRefresh) }
        try SQLiteRows.saveBases(changes.deviceBases, db)
        try SQLiteRows.save(changes.telemetry, db)
        try SQLiteRows.saveScores(changes.telemetryScores, db)
        if refreshesListings { try db.execute(sql: SQLiteSchema.marketRefresh) }
        try SQLiteRows.save(changes.hours, db)
        for block in changes.blocks { try SQLiteRows.insert(block, db) }
        try SQLiteRows.insert(changes.deviceRuns, db)
        for (account, delta) in changes.systemDeltas.sorted(by: { $0.key < $1.key }) {
            try db.cachedStatement(sql: """
                INSERT INTO system_balances (account, balance) VALUES (?, ?)
                ON CONFLICT (account) DO UPDATE SET balance = balance + excluded.balance
                """).execute(arguments: [account.key, delta])
        }
        if !changes.journal.isEmpty { try append(changes.journal, db) }
        if changes.changesListings {
            try db.cachedStatement(sql: "UPDATE listings_version SET version = version + 1 WHERE id = 1").execute()
        }
        if let approved = changes.approved {
            try db.cachedStatement(sql: """
                INSERT INTO transactions (signature, signer, nonce, type, message, response, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [approved.signature, approved.signer.text, approved.nonce, approved.type,
                                 approved.message, approved.response, approved.at.seconds])
        }
    }

    /// Appends entries after the recorded head, chaining each hash to the one before.
    static func append(_ drafts: [JournalDraft], _ db: Database) throws {
        var head = try readHead(db)
        for draft in drafts {
            let entry = JournalHash.seal(draft, sequence: head.sequence + 1, previous: head.hash)
            try db.cachedStatement(sql: "INSERT INTO journal (seq, at, kind, reference, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [entry.sequence, entry.at.seconds, entry.kind, entry.reference,
                                       Data(entry.previousHash), Data(entry.hash)])
            try SQLiteRows.write(entry.postings.indices, "INSERT INTO postings (seq, idx, account, delta) VALUES (?, ?, ?, ?)", db) { index, bind in
                bind(entry.sequence); bind(index); bind(entry.postings[index].account.key); bind(entry.postings[index].delta)
            }
            head = JournalHead(sequence: entry.sequence, hash: entry.hash)
        }
        try db.cachedStatement(sql: """
            INSERT INTO journal_head (id, seq, hash) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """).execute(arguments: [head.sequence, Data(head.hash)])
    }

    /// The height of the last closed block; nil before the first.
    static func lastClosed(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(height) FROM blocks"))
    }

    static func lastClosedEnd(_ db: Database) throws -> Timestamp? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT end_at FROM blocks ORDER BY height DESC LIMIT 1")).map(Timestamp.init(seconds:))
    }

    static func readHead(_ db: Database) throws -> JournalHead {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM journal_head WHERE id = 1")) else { return .empty }
        return JournalHead(sequence: row["seq"], hash: Array(row["hash"] as Data))
    }
}
