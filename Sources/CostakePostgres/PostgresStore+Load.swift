import CostakeCore
import CostakeStorage
import PostgresNIO

/// Loading the snapshot of a unit of work: exactly the rows the SQLite store loads for the same
/// scope, one statement per kind of row (`= ANY($1)` over the ids) rather than one per id.
extension PostgresStore {
    static func load(_ scope: Scope, _ session: PostgresSession) async throws -> Snapshot {
        var snapshot = Snapshot(scope: scope)
        if let close = scope.blockClose { try await loadForBlockClose(close, &snapshot, session) }
        var devices = snapshot.scope.devices
        var accounts = scope.accounts
        if !scope.slashItemsOf.isEmpty {
            let items = try await session.all("""
                SELECT * FROM slash_items WHERE slash_id = ANY(\(texts(scope.slashItemsOf))) ORDER BY slash_id, position_id
                """, PostgresRows.slashItem)
            for id in scope.slashItemsOf {
                snapshot.slashItems[id] = items.filter { $0.slashID == id }
                snapshot.scope.slashes.insert(id)
            }
            for item in items {
                snapshot.scope.positions.insert(item.positionID)
                accounts.insert(item.staker)
            }
        }
        snapshot.scope.accounts = accounts
        if !scope.telemetryOf.isEmpty {
            snapshot.lastClosedEnd = try await lastClosedEnd(session)
            let ids = texts(scope.telemetryOf)
            for device in try await session.all("SELECT * FROM devices WHERE device_id = ANY(\(ids))", PostgresRows.device) {
                snapshot.devices[device.id] = device
            }
            for state in try await session.all("SELECT * FROM device_telemetry WHERE device_id = ANY(\(ids))", PostgresRows.telemetry) {
                snapshot.telemetry[state.deviceID] = state
                snapshot.scope.hours.insert(HourKey(state.deviceID, HourRecord.hour(of: state.lastReportAt)))
            }
        }
        if !snapshot.scope.hours.isEmpty {
            let keys = Array(snapshot.scope.hours)
            for hour in try await session.all("""
                SELECT h.* FROM device_hours h
                JOIN unnest(\(keys.map(\.deviceID.description)), \(keys.map(\.hour))) AS k(device_id, hour)
                    ON h.device_id = k.device_id AND h.hour = k.hour
                """, PostgresRows.hour) {
                snapshot.hours[HourKey(hour.deviceID, hour.hour)] = hour
            }
        }
        if !snapshot.scope.offers.isEmpty {
            for offer in try await session.all("SELECT * FROM offers WHERE offer_id = ANY(\(texts(snapshot.scope.offers)))", PostgresRows.offer) {
                snapshot.offers[offer.id] = offer
                devices.insert(offer.deviceID)
            }
        }
        let positions = snapshot.scope.positions.filter { snapshot.positions[$0] == nil }
        if !positions.isEmpty {
            for position in try await session.all("SELECT * FROM positions WHERE position_id = ANY(\(texts(positions)))", PostgresRows.position) {
                snapshot.positions[position.id] = position
                devices.insert(position.deviceID)
            }
        }
        let slashes = snapshot.scope.slashes.filter { snapshot.slashes[$0] == nil }
        if !slashes.isEmpty {
            for slash in try await session.all("SELECT * FROM slashes WHERE slash_id = ANY(\(texts(slashes)))", PostgresRows.slash) {
                snapshot.slashes[slash.id] = slash
                devices.insert(slash.deviceID)
            }
        }
        if !scope.coStakesOf.isEmpty {
            try await addPositions(&snapshot, session, """
                SELECT * FROM positions WHERE staker = ANY(\(scope.coStakesOf.map(\.text)))
                    AND role = 'co_staker' AND state IN ('active', 'waiting')
                """)
        }
        if !scope.rewardsOf.isEmpty {
            try await addPositions(&snapshot, session, """
                SELECT * FROM positions WHERE staker = ANY(\(scope.rewardsOf.map(\.text)))
                    AND (unclaimed_rewards > 0 OR state = 'active')
                """)
        }
        if scope.blockClose == nil, !devices.isEmpty {
            try await loadDeviceContexts(texts(devices), &snapshot, session)
        }
        if !snapshot.scope.accounts.isEmpty {
            let addresses = snapshot.scope.accounts.map(\.text)
            for account in try await session.all("SELECT * FROM accounts WHERE address = ANY(\(addresses))", PostgresRows.account) {
                snapshot.accounts[account.address] = account
            }
        }
        if let key = scope.nonce {
            snapshot.priorUse = try await session.one("""
                SELECT * FROM transactions WHERE signer = \(key.signer.text) AND nonce = \(key.nonce)
                """, PostgresRows.approved)
        }
        snapshot.scope.devices = devices
        if scope.blockClose == nil, !devices.isEmpty || !snapshot.positions.isEmpty { try await loadPendingRewards(&snapshot, session) }
        return snapshot
    }

    /// The last closed height (a new position starts earning after it), what every loaded active
    /// position earned since its last settlement, and the `accrued` balance it is settled from.
    static func loadPendingRewards(_ snapshot: inout Snapshot, _ session: PostgresSession) async throws {
        let last = try await lastClosedHeight(session)
        snapshot.lastClosedHeight = last
        snapshot.pendingRewards = try await pendingRewards(of: Array(snapshot.positions.values), lastClosed: last, session)
        if snapshot.pendingRewards.values.contains(where: \.isPositive) {
            snapshot.systemBalances[.accrued] = try await session.one("""
                SELECT balance FROM system_balances WHERE account = \(LedgerAccount.accrued.key)
                """) { try $0["balance"].decode(Int64.self) } ?? 0
        }
    }

    static func lastClosedHeight(_ session: PostgresSession) async throws -> Int64? {
        try await session.one("SELECT max(height) AS height FROM blocks") { try $0.get("height", as: Int64?.self) } ?? nil
    }

    static func lastClosedEnd(_ session: PostgresSession) async throws -> Timestamp? {
        try await session.one("SELECT end_at FROM blocks ORDER BY height DESC LIMIT 1") { try PostgresRows.time($0, "end_at") }
    }

    /// What each active position of `positions` earned after its `rewardsThrough` through
    /// `lastClosed` (`RewardAccrual`), from its device's runs covering those blocks (one query
    /// for every device's); `blocks`, when given, hold every closed block from the first needed.
    static func pendingRewards(of positions: [Position], lastClosed: Int64?, _ session: PostgresSession,
                               blocks given: [Block]? = nil) async throws -> [PositionID: Amount] {
        let needs = RewardAccrual.needs(positions, lastClosed: lastClosed)
        guard let first = needs.values.min(), let lastClosed else {
            return try RewardAccrual.pending(of: positions, lastClosed: lastClosed, blocks: [], runs: [:])
        }
        let blocks: [Block]
        if let given { blocks = given } else {
            blocks = try await session.all("SELECT * FROM blocks WHERE height >= \(first) ORDER BY height", PostgresRows.block)
        }
        let devices = needs.keys.map(\.description), froms = needs.keys.map { needs[$0]! }
        var runs: [DeviceID: [DeviceRun]] = [:]
        for run in try await session.all("""
            SELECT r.* FROM unnest(\(devices)::text[], \(froms)::bigint[]) AS n(device_id, from_height)
            JOIN device_runs r ON r.device_id = n.device_id AND r.from_height <= \(lastClosed)
              AND r.from_height >= coalesce((SELECT max(c.from_height) FROM device_runs c
                                             WHERE c.device_id = n.device_id AND c.from_height <= n.from_height), 0)
            ORDER BY r.device_id, r.from_height
            """, PostgresRows.run) {
            runs[run.deviceID, default: []].append(run)
        }
        return try RewardAccrual.pending(of: positions, lastClosed: lastClosed, blocks: blocks, runs: runs)
    }

    /// Each device's row, its positions that are not withdrawn and its live offer.
    private static func loadDeviceContexts(_ ids: [String], _ snapshot: inout Snapshot, _ session: PostgresSession) async throws {
        for device in try await session.all("SELECT * FROM devices WHERE device_id = ANY(\(ids))", PostgresRows.device) {
            snapshot.devices[device.id] = device
        }
        try await addPositions(&snapshot, session, "SELECT * FROM positions WHERE device_id = ANY(\(ids)) AND state <> 'withdrawn'")
        for offer in try await session.all("""
            SELECT * FROM offers WHERE device_id = ANY(\(ids)) AND status IN ('open', 'active')
            """, PostgresRows.offer) {
            snapshot.offers[offer.id] = offer
        }
    }

    /// Everything a block close reads: the whole network and the sums of the reliability window.
    static func loadForBlockClose(_ close: BlockCloseScope, _ snapshot: inout Snapshot, _ session: PostgresSession) async throws {
        // Every table's dictionary sized up front, as on SQLite.
        let (devices, positions, offers) = try await session.rows("""
            SELECT (SELECT count(*) FROM devices), (SELECT count(*) FROM positions WHERE state <> 'withdrawn'),
                   (SELECT count(*) FROM offers WHERE status IN ('open', 'active'))
            """).first?.decode((Int, Int, Int).self) ?? (0, 0, 0)
        snapshot.reserve(devices: devices, positions: positions, offers: offers)
        for device in try await session.all("SELECT * FROM devices", PostgresRows.device) {
            snapshot.devices[device.id] = device
        }
        snapshot.scope.devices = Set(snapshot.devices.keys)
        try await addPositions(&snapshot, session, "SELECT * FROM positions WHERE state <> 'withdrawn'")
        for offer in try await session.all("SELECT * FROM offers WHERE status IN ('open', 'active')", PostgresRows.offer) {
            snapshot.offers[offer.id] = offer
        }
        for state in try await session.all("SELECT * FROM device_telemetry", PostgresRows.telemetry) {
            snapshot.telemetry[state.deviceID] = state
        }
        let lookback = close.end.seconds - ReliabilityScore.slashLookbackSeconds
        for slash in try await session.all("SELECT * FROM slashes WHERE state = 'pending' OR created_at > \(lookback)", PostgresRows.slash) {
            snapshot.slashes[slash.id] = slash
        }
        for row in try await session.rows("SELECT account, balance FROM system_balances") {
            let (key, balance) = try row.decode((String, Int64).self)
            if let account = LedgerAccount(key: key) { snapshot.systemBalances[account] = balance }
        }
        snapshot.lastClosedHeight = try await lastClosedHeight(session)
        snapshot.lastClosedEnd = try await lastClosedEnd(session)
        try await loadReliabilityInputs(close, &snapshot, session)
    }

    /// The per-device sums of the reliability window (`count(*) FILTER` where SQLite sums its
    /// 0/1 flags), and from the devices' runs the expiring week's rewards, the compliance counts
    /// and each device's current run.
    private static func loadReliabilityInputs(_ close: BlockCloseScope, _ snapshot: inout Snapshot,
                                              _ session: PostgresSession) async throws {
        // The hours that leave the devices' window sums (from the last close's window start up to
        // this one's) and those after the block: an hour or two of records, not the window.
        let window = close.hourWindow
        let leaving = ReliabilityScore.sumsStartHour(lastClosedEnd: snapshot.lastClosedEnd)
        var queries: [(query: PostgresQuery, later: Bool)] = [(
            "\(unescaped: PostgresSchema.hourSums) WHERE hour >= \(window.upperBound) GROUP BY device_id", true)]
        if leaving < window.lowerBound {
            queries.append(("\(unescaped: PostgresSchema.hourSums) WHERE hour >= \(leaving) AND hour < \(window.lowerBound) GROUP BY device_id", false))
        }
        for (query, later) in queries {
            for row in try await session.rows(query) {
                let (device, up, pow, disconnects) = try row.decode((String, Int, Int, Int).self)
                let id = try DeviceID(text: device, field: "device_id")
                let sums = HourSums(upHours: up, powHours: pow, disconnects: disconnects)
                if later { snapshot.reliabilityInputs[id, default: ReliabilityInputs()].later = sums } else {
                    snapshot.reliabilityInputs[id, default: ReliabilityInputs()].leaving = sums
                }
            }
        }
        let expiring = close.expiringHeight >= 0
            ? try await session.one("SELECT * FROM blocks WHERE height = \(close.expiringHeight)", PostgresRows.block)
            : nil
        var runs = RunWindowSums(close: close, expiring: expiring, devices: snapshot.devices.count)
        // The runs that can reach into either window, each with the height its device's next
        // run starts at.
        for row in try await session.rows("""
            SELECT r.*, lead(from_height) OVER (PARTITION BY device_id ORDER BY from_height) AS next_height
            FROM device_runs r WHERE from_height >= \(close.runsFrom)
            """) {
            let random = row.makeRandomAccess()
            try runs.add(try PostgresRows.run(random), next: try random.get("next_height"))
        }
        runs.apply(to: &snapshot)
    }

    private static func addPositions(_ snapshot: inout Snapshot, _ session: PostgresSession, _ query: PostgresQuery) async throws {
        for position in try await session.all(query, PostgresRows.position) {
            snapshot.positions[position.id] = position
        }
    }

    /// Ids as the text array an `= ANY($1)` binds.
    static func texts<ID: CustomStringConvertible>(_ ids: some Collection<ID>) -> [String] {
        ids.map(\.description)
    }
}
