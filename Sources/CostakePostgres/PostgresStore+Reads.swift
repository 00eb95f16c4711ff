import CostakeCore
import CostakeStorage
import PostgresNIO

/// The reads of the protocol, with the SQLite store's filters and orderings.
extension PostgresStore {
    public func account(_ address: Address) async throws -> Account? {
        try await one("SELECT * FROM accounts WHERE address = \(address.text)", PostgresRows.account)
    }

    public func device(_ id: DeviceID) async throws -> Device? {
        try await one("SELECT * FROM devices WHERE device_id = \(id.description)", PostgresRows.device)
    }

    public func offer(_ id: OfferID) async throws -> Offer? {
        try await one("SELECT * FROM offers WHERE offer_id = \(id.description)", PostgresRows.offer)
    }

    public func listingsVersion() async throws -> Int64 {
        try await one("SELECT version FROM listings_version WHERE id = 1") { try $0["version"].decode(Int64.self) } ?? 0
    }

    public func position(_ id: PositionID) async throws -> Position? {
        try await settled("SELECT * FROM positions WHERE position_id = \(id.description)").first
    }

    public func slash(_ id: SlashID) async throws -> Slash? {
        try await one("SELECT * FROM slashes WHERE slash_id = \(id.description)", PostgresRows.slash)
    }

    public func positions(of staker: Address) async throws -> [Position] {
        try await settled("SELECT * FROM positions WHERE staker = \(staker.text) ORDER BY created_at DESC, position_id")
    }

    public func positions(on device: DeviceID) async throws -> [Position] {
        try await settled("SELECT * FROM positions WHERE device_id = \(device.description) ORDER BY created_at DESC, position_id")
    }

    /// Positions as of the last closed block: with what each earned since its last settlement
    /// (`RewardAccrual`), read in one snapshot of the database.
    private func settled(_ query: PostgresQuery) async throws -> [Position] {
        try await session { session in
            try await session.transaction(begin: "START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY") { session in
                let positions = try await session.all(query, PostgresRows.position)
                let last = try await Self.lastClosedHeight(session)
                let pending = try await Self.pendingRewards(of: positions, lastClosed: last, session)
                return try positions.map { position throws(CostakeError) in try position.settled(pending[position.id], through: last) }
            }
        }
    }

    public func accruedRewards() async throws -> Int64 {
        try await snapshot { try await Self.accruedRewards($0) }
    }

    /// Within a transaction of the caller's: its statements must share one snapshot.
    static func accruedRewards(_ session: PostgresSession) async throws -> Int64 {
        guard let last = try await Self.lastClosedHeight(session),
              let oldest = try await session.one("""
                  SELECT min(rewards_through) AS oldest FROM positions WHERE state = 'active' AND rewards_through < \(last)
                  """, { try $0.get("oldest", as: Int64?.self) }) ?? nil else { return 0 }
        let blocks = try await session.all("SELECT * FROM blocks WHERE height > \(oldest) ORDER BY height", PostgresRows.block)
        let positions = try await session.all("""
            SELECT * FROM positions WHERE state = 'active' AND rewards_through < \(last) ORDER BY device_id
            """, PostgresRows.position)
        var total: Int64 = 0
        // Ten thousand positions at a time, each device's together, runs read in one query.
        var start = positions.startIndex
        while start < positions.endIndex {
            var end = min(start + 10_000, positions.endIndex)
            while end < positions.endIndex, positions[end].deviceID == positions[end - 1].deviceID { end += 1 }
            let pending = try await Self.pendingRewards(of: Array(positions[start..<end]), lastClosed: last, session, blocks: blocks)
            for amount in pending.values { total += amount.baseUnits }
            start = end
        }
        return total
    }

    public func devices(after id: DeviceID?, limit: Int) async throws -> [Device] {
        try await all("SELECT * FROM devices WHERE device_id > \(id?.description ?? "") ORDER BY device_id LIMIT \(limit)",
                      PostgresRows.device)
    }

    public func devices(ownedBy owner: Address) async throws -> [Device] {
        try await all("SELECT * FROM devices WHERE owner = \(owner.text) ORDER BY registered_at, device_id", PostgresRows.device)
    }

    public func approvedTransaction(signature: String) async throws -> ApprovedTransaction? {
        try await one("SELECT * FROM transactions WHERE signature = \(signature)", PostgresRows.approved)
    }

    public func slashes(on device: DeviceID) async throws -> [Slash] {
        try await all("SELECT * FROM slashes WHERE device_id = \(device.description) ORDER BY created_at DESC, slash_id",
                      PostgresRows.slash)
    }

    public func slashItems(_ slash: SlashID) async throws -> [SlashItem] {
        try await all("SELECT * FROM slash_items WHERE slash_id = \(slash.description) ORDER BY position_id", PostgresRows.slashItem)
    }

    public func lastClosedHeight() async throws -> Int64? {
        try await one("SELECT max(height) AS height FROM blocks") { try $0.get("height", as: Int64?.self) } ?? nil
    }

    public func block(_ height: Int64) async throws -> Block? {
        try await one("SELECT * FROM blocks WHERE height = \(height)", PostgresRows.block)
    }

    public func blocks(below height: Int64?, limit: Int) async throws -> [Block] {
        try await all("SELECT * FROM blocks WHERE height < \(height ?? Int64.max) ORDER BY height DESC LIMIT \(limit)",
                      PostgresRows.block)
    }

    // The blocks are read before the runs: every run starting at or below the last block read
    // has committed with it, and a run starting later covers no block read.
    public func deviceBlocks(_ device: DeviceID, from: Timestamp, to: Timestamp) async throws -> [DeviceBlockRecord] {
        let blocks = try await blocks(ending: from, to)
        guard let first = blocks.first?.height, let last = blocks.last?.height else { return [] }
        // Only the runs that cover these blocks: the one the first block is in and those that
        // start by the last, not the device's whole history.
        let runs = try await all("""
            SELECT * FROM device_runs
            WHERE device_id = \(device.description) AND from_height <= \(last)
              AND from_height >= coalesce((SELECT max(from_height) FROM device_runs
                                           WHERE device_id = \(device.description) AND from_height <= \(first)), 0)
            ORDER BY from_height
            """, PostgresRows.run)
        return try DeviceRun.records(runs, blocks: blocks)
    }

    public func deviceRuns(_ device: DeviceID) async throws -> [DeviceRun] {
        try await all("SELECT * FROM device_runs WHERE device_id = \(device.description) ORDER BY from_height", PostgresRows.run)
    }

    public func deviceRunCount(startingAt height: Int64) async throws -> Int {
        try await one("SELECT count(*) AS runs FROM device_runs WHERE from_height = \(height)") { try $0.get("runs", as: Int.self) } ?? 0
    }

    public func accountBlocks(_ account: Address, from: Timestamp, to: Timestamp) async throws -> [DeviceBlockRecord] {
        // Through the account's devices: those it owns and those it ever co-staked on (positions
        // are never deleted), each device's runs read by the primary key (device_id, from_height).
        let blocks = try await blocks(ending: from, to)
        let runs = try await all("""
            SELECT * FROM device_runs
            WHERE device_id IN (SELECT device_id FROM devices WHERE owner = \(account.text)
                                UNION SELECT device_id FROM positions WHERE staker = \(account.text) AND role = 'co_staker')
            ORDER BY device_id, from_height
            """, PostgresRows.run)
        return try DeviceRun.records(ofDevices: runs, blocks: blocks) { $0.owner == account || $0.coStaker == account }
    }

    /// The blocks that end in `[from, to)`, in height order.
    private func blocks(ending from: Timestamp, _ to: Timestamp) async throws -> [Block] {
        try await all("SELECT * FROM blocks WHERE end_at >= \(from.seconds) AND end_at < \(to.seconds) ORDER BY height",
                      PostgresRows.block)
    }

    public func telemetry(_ device: DeviceID) async throws -> DeviceTelemetry? {
        try await one("SELECT * FROM device_telemetry WHERE device_id = \(device.description)", PostgresRows.telemetry)
    }

    public func hours(_ device: DeviceID, _ hours: Range<Int64>) async throws -> [HourRecord] {
        try await all("""
            SELECT * FROM device_hours WHERE device_id = \(device.description) AND hour >= \(hours.lowerBound)
                AND hour < \(hours.upperBound) ORDER BY hour
            """, PostgresRows.hour)
    }

    public func stakeTotals() async throws -> StakeTotals {
        try await snapshot { session in
            var totals = StakeTotals(byState: [:], positionsByState: [:], devices: [], openOffers: 0)
            for row in try await session.rows("""
                SELECT role, state, sum(amount)::bigint AS amount, count(*) AS n FROM positions GROUP BY role, state
                """) {
                let (roleText, stateText, amount, count) = try row.decode((String, String, Int64, Int).self)
                guard let role = PositionRole(rawValue: roleText), let state = PositionState(rawValue: stateText) else {
                    throw PostgresRows.corrupt("position role \(roleText), state \(stateText)")
                }
                totals.byState[role, default: [:]][state] = Amount(baseUnits: amount)
                totals.positionsByState[role, default: [:]][state] = count
            }
            totals.devices = try await session.rows("""
                SELECT d.model, d.processors, coalesce(sum(p.amount), 0)::bigint AS counted FROM devices d
                LEFT JOIN positions p ON p.device_id = d.device_id
                    AND (p.state = 'active' OR (p.state = 'waiting' AND p.role = 'co_staker'))
                GROUP BY d.device_id
                """).map { row in
                let (model, processors, counted) = try row.decode((String, Int, Int64).self)
                return DeviceStakeSum(model: model, processors: processors, counted: Amount(baseUnits: counted))
            }
            totals.openOffers = try await session.one("SELECT count(*) AS n FROM offers WHERE status = 'open'") {
                try $0.get("n", as: Int.self)
            } ?? 0
            return totals
        }
    }

    // MARK: One statement

    func one<T: Sendable>(_ query: PostgresQuery, _ decode: @Sendable (PostgresRandomAccessRow) throws -> T) async throws -> T? {
        try await session { try await $0.one(query, decode) }
    }

    func all<T: Sendable>(_ query: PostgresQuery, _ decode: @Sendable (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
        try await session { try await $0.all(query, decode) }
    }
}
