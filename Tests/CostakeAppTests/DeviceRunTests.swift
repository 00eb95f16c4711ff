import CostakePostgres
import CostakeSQLite
import CostakeTestSupport
import Foundation
import Testing

/// A device's per-block history is kept as runs (issue 8): a row when its outcome changes
/// shape, every per-block record derived from the run and the block's own row, exactly as the
/// block close paid it. Databases from before runs keep every recorded figure.
@Suite("device history as runs")
struct DeviceRunTests {
    /// The cast's RTX 4070 × 4 with a co-staker at 7,400 bps, reported up for eight hours:
    /// blocks 0–3 find it up for under 5 hours, blocks 4–7 pay it.
    func world(_ kind: StoreKind) async throws -> (Cast, coStake: PositionID) {
        let cast = try await Cast.make(kind)
        let coStake = try await cast.take(try await cast.offer(), by: cast.alice)
        try await cast.net.runUp([cast.device], hours: 8)
        #expect(try await cast.net.store.lastClosedHeight() == 7)
        return (cast, coStake)
    }

    @Test(arguments: StoreKind.allCases)
    func aDeviceAddsARunOnlyWhenItsOutcomeChangesShape(_ kind: StoreKind) async throws {
        let (cast, coStake) = try await world(kind)
        let store = cast.net.store
        // Not eligible from block 0, eligible from block 4: two rows for eight blocks.
        var runs = try await store.deviceRuns(cast.device)
        #expect(runs.map(\.fromHeight) == [0, 4])
        #expect(runs.map(\.eligible) == [false, true])
        #expect(runs.allSatisfy { $0.coStaker == cast.alice.address && $0.shareBps == 7_400 && $0.score == 600 && $0.fixed == nil })

        let records = try await store.deviceBlocks(cast.device, from: TestNetwork.start, to: cast.net.now.adding(seconds: 1))
        #expect(records.map(\.height) == Array(0...7))
        for record in records {
            let block = try #require(try await store.block(record.height))
            // The only device: its reward is all its pool paid, split at 7,400 bps, rounded down.
            #expect(record.total == block.totalPaid)
            #expect(record.coStakerReward.baseUnits == record.total.baseUnits * 7_400 / 10_000)
            #expect(record.total.isPositive == (record.height >= 4))
        }
        // Floor(pool × 600 / 600) is the whole pool: 5 blocks of emission and carry in block 4.
        #expect(records[4].total == Amount(baseUnits: 5 * 22_830_000_000))
        // What the history shows is what the ledger credited, to the base unit.
        let owner = try #require(try await store.positions(on: cast.device).first { $0.role == .owner })
        #expect(try await store.position(coStake)?.lifetimeRewards
                == Amount(baseUnits: records.reduce(0) { $0 + $1.coStakerReward.baseUnits }))
        #expect(owner.lifetimeRewards == Amount(baseUnits: records.reduce(0) { $0 + $1.ownerReward.baseUnits }))

        // The co-staker leaves: from the next block the owner gets the whole reward.
        try await cast.net.send(.unstake(position: coStake, amount: nil), by: cast.alice)
        try await cast.net.runUp([cast.device], hours: 1)
        runs = try await store.deviceRuns(cast.device)
        #expect(runs.map(\.fromHeight) == [0, 4, 8])
        #expect(runs.last?.coStaker == nil && runs.last?.shareBps == 0)
        let last = try #require(try await store.deviceBlocks(cast.device, from: cast.net.now.adding(seconds: -1), to: cast.net.now.adding(seconds: 1)).first)
        #expect(last.height == 8 && last.coStakerReward == .zero && last.ownerReward == Amount(baseUnits: 22_830_000_000))
        #expect(try await store.accountBlocks(cast.alice.address, from: TestNetwork.start, to: cast.net.now.adding(seconds: 1))
                    .map(\.height) == Array(0...7))
        _ = try await cast.net.verifyLedger()
    }

    /// A run never covers more blocks than a close reads back over (`runReach`, 168 at hourly
    /// blocks): once the device's reliability score has settled (a week of uptime), its run of
    /// the same shape ends after 168 blocks and the next one starts, so that a close finds every
    /// device's current run among the runs from `runsFrom` on.
    @Test(arguments: StoreKind.allCases)
    func aRunOfTheSameShapeEndsAfterTheCloseReach(_ kind: StoreKind) async throws {
        let (cast, coStake) = try await world(kind)
        try await cast.net.runUp([cast.device], hours: 392)
        let store = cast.net.store
        #expect(try await store.lastClosedHeight() == 399)
        let runs = try await store.deviceRuns(cast.device)
        var forced: [Int64] = []
        for (run, next) in zip(runs, runs.dropFirst()) {
            #expect(next.fromHeight - run.fromHeight <= 168)
            if run.continues(into: next) {
                #expect(next.fromHeight - run.fromHeight == 168)
                forced.append(next.fromHeight)
            }
        }
        #expect(!forced.isEmpty, "no run of the same shape was split: \(runs.map(\.fromHeight))")
        #expect(400 - runs.last!.fromHeight <= 168)
        // Split or not, the history still adds up to what the ledger credited.
        let records = try await store.deviceBlocks(cast.device, from: TestNetwork.start, to: cast.net.now.adding(seconds: 1))
        #expect(records.map(\.height) == Array(0...399))
        #expect(try await store.position(coStake)?.lifetimeRewards.baseUnits == records.reduce(0) { $0 + $1.coStakerReward.baseUnits })
        _ = try await cast.net.verifyLedger()
    }

    @Test(arguments: StoreKind.allCases)
    func runsAreAppendOnly(_ kind: StoreKind) async throws {
        let (cast, _) = try await world(kind)
        let sql = "UPDATE device_runs SET share_bps = 0"
        switch kind {
        case .sqlite:
            let path = try #require(cast.net.store as? SQLiteStore).path
            #expect(throws: (any Error).self) { try run("/usr/bin/sqlite3", [path, sql]) }
        case .postgres:
            let url = try #require(cast.net.store as? PostgresStore).location.description
            #expect(throws: (any Error).self) { try run("/usr/bin/psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]) }
        }
        #expect(try await cast.net.store.deviceRuns(cast.device).allSatisfy { $0.shareBps == 7_400 })
    }

    /// A database from before runs: its history as one row per device and block, no shared
    /// amounts on the blocks. Migrating keeps every record to the base unit, as a one-block run
    /// each, and the next block close derives its records again.
    @Test(arguments: StoreKind.allCases)
    func aDatabaseWithPerBlockRowsMigratesWithoutMovingAFigure(_ kind: StoreKind) async throws {
        let (cast, coStake) = try await world(kind)
        let end = cast.net.now.adding(seconds: 1)
        let devices = try await cast.net.store.devices(after: nil, limit: 100)
        var before: [DeviceID: [DeviceBlockRecord]] = [:]
        for device in devices { before[device.id] = try await cast.net.store.deviceBlocks(device.id, from: TestNetwork.start, to: end) }
        let aliceBefore = try await cast.net.store.accountBlocks(cast.alice.address, from: TestNetwork.start, to: end)
        let rows = before.values.joined()
        #expect(rows.count == 8 * devices.count)
        let values = rows.map { r in
            "(\(r.height), '\(r.deviceID)', \(r.end.seconds), '\(r.owner.text)', \(r.ownerReward.baseUnits), "
                + "\(r.coStaker.map { "'\($0.text)'" } ?? "NULL"), \(r.coStakerReward.baseUnits), \(kind == .sqlite ? (r.sufficient ? "1" : "0") : "\(r.sufficient)"), "
                + "\(kind == .sqlite ? (r.eligible ? "1" : "0") : "\(r.eligible)"), \(r.reliability.map(String.init) ?? "NULL"))"
        }.joined(separator: ", ")
        let legacy = """
            CREATE TABLE device_blocks (
                height BIGINT NOT NULL REFERENCES blocks(height), device_id TEXT NOT NULL REFERENCES devices(device_id),
                end_at BIGINT NOT NULL, owner TEXT NOT NULL, owner_reward BIGINT NOT NULL, co_staker TEXT,
                co_staker_reward BIGINT NOT NULL, sufficient \(kind == .sqlite ? "INTEGER" : "BOOLEAN") NOT NULL,
                eligible \(kind == .sqlite ? "INTEGER" : "BOOLEAN") NOT NULL, reliability INTEGER, PRIMARY KEY (device_id, height));
            INSERT INTO device_blocks VALUES \(values);
            DROP TABLE device_runs;
            ALTER TABLE blocks DROP COLUMN shared_enterprise;
            ALTER TABLE blocks DROP COLUMN shared_community;
            """
        let migrated: any CostakeStore
        switch kind {
        case .sqlite:
            let store = try #require(cast.net.store as? SQLiteStore)
            try await store.close()
            try run("/usr/bin/sqlite3", [store.path, legacy + "DELETE FROM grdb_migrations WHERE identifier IN ('0008_device_runs', '0011_runs_by_height');"])
            let reopened = try SQLiteStore(path: store.path, durability: .normal)
            try await reopened.migrate()
            migrated = reopened
        case .postgres:
            let store = try #require(cast.net.store as? PostgresStore)
            try run("/usr/bin/psql", [store.location.description, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                                      "BEGIN; " + legacy + "DELETE FROM schema_migrations WHERE name = '0009_device_runs'; COMMIT;"])
            try await store.migrate()
            migrated = store
        }
        for device in devices {
            #expect(try await migrated.deviceBlocks(device.id, from: TestNetwork.start, to: end) == before[device.id])
            let runs = try await migrated.deviceRuns(device.id)
            #expect(runs.map(\.fromHeight) == Array(0...7) && runs.allSatisfy { $0.fixed != nil })
        }
        #expect(try await migrated.accountBlocks(cast.alice.address, from: TestNetwork.start, to: end) == aliceBefore)
        #expect(try await migrated.block(7)?.shared.isEmpty == true)

        // The network goes on: block 8 starts a derived run and pays as before.
        let net = TestNetwork(store: migrated, seed: 2)
        net.advance(seconds: TestNetwork.start.seconds(until: cast.net.now))
        try await net.runUp([cast.device], hours: 1)
        let block = try #require(try await migrated.block(8))
        #expect(block.shared[.community] == Amount(baseUnits: 22_830_000_000))
        let lastRun = try #require(try await migrated.deviceRuns(cast.device).last)
        #expect(lastRun.fromHeight == 8 && lastRun.fixed == nil)
        let record = try #require(try await migrated.deviceBlocks(cast.device, from: block.end, to: block.end.adding(seconds: 1)).first)
        #expect(record.total == block.totalPaid && record.total == Amount(baseUnits: 22_830_000_000))
        let position = try #require(try await migrated.position(coStake))
        #expect(position.lifetimeRewards == Amount(baseUnits: (aliceBefore + [record]).reduce(0) { $0 + $1.coStakerReward.baseUnits }))
        _ = try await net.verifyLedger()
    }

    /// A SQLite database from before the runs were kept in height order (primary key
    /// (device_id, from_height), an index by height): migrating keeps every run and every
    /// figure, leaves the new layout, and the next block close reads the runs from it.
    @Test func aDatabaseWithRunsByDeviceMigratesToHeightOrder() async throws {
        let (cast, _) = try await world(.sqlite)
        let store = try #require(cast.net.store as? SQLiteStore)
        let end = cast.net.now.adding(seconds: 1)
        let runsBefore = try await store.deviceRuns(cast.device)
        #expect(runsBefore.map(\.fromHeight) == [0, 4])
        let blocksBefore = try await store.deviceBlocks(cast.device, from: TestNetwork.start, to: end)
        let aliceBefore = try await store.accountBlocks(cast.alice.address, from: TestNetwork.start, to: end)
        try await store.close()
        let columns = "device_id, from_height, owner, owner_paid, co_staker, share_bps, sufficient, eligible, reliability, pool, score, owner_reward, co_staker_reward"
        let table = try run("/usr/bin/sqlite3", [store.path, "SELECT sql FROM sqlite_master WHERE name = 'device_runs'"])
        #expect(table.contains("PRIMARY KEY (from_height, device_id)"))
        let legacy = """
            ALTER TABLE device_runs RENAME TO runs_new;
            DROP TRIGGER device_runs_no_update;
            DROP TRIGGER device_runs_no_delete;
            \(table.replacingOccurrences(of: "PRIMARY KEY (from_height, device_id)", with: "PRIMARY KEY (device_id, from_height)"));
            INSERT INTO device_runs (\(columns)) SELECT \(columns) FROM runs_new;
            DROP TABLE runs_new;
            CREATE INDEX device_runs_by_height ON device_runs(from_height);
            CREATE TRIGGER device_runs_no_update BEFORE UPDATE ON device_runs BEGIN SELECT RAISE(ABORT, 'device runs are append-only'); END;
            CREATE TRIGGER device_runs_no_delete BEFORE DELETE ON device_runs BEGIN SELECT RAISE(ABORT, 'device runs are append-only'); END;
            DELETE FROM grdb_migrations WHERE identifier = '0011_runs_by_height';
            """
        try run("/usr/bin/sqlite3", [store.path, legacy])
        #expect(try run("/usr/bin/sqlite3", [store.path, "SELECT sql FROM sqlite_master WHERE name = 'device_runs'"]).contains("PRIMARY KEY (device_id, from_height)"))
        let migrated = try SQLiteStore(path: store.path, durability: .normal)
        try await migrated.migrate()
        let schema = try run("/usr/bin/sqlite3", [store.path, "SELECT name || ': ' || sql FROM sqlite_master WHERE tbl_name = 'device_runs' ORDER BY name"])
        #expect(schema.contains("device_runs: CREATE TABLE device_runs") && schema.contains("PRIMARY KEY (from_height, device_id)"))
        #expect(schema.contains("device_runs_by_device: CREATE INDEX device_runs_by_device ON device_runs(device_id)"))
        #expect(!schema.contains("device_runs_by_height") && !schema.contains("runs_new"))
        #expect(schema.contains("device_runs_no_update") && schema.contains("device_runs_no_delete"))
        #expect(try await migrated.deviceRuns(cast.device) == runsBefore)
        #expect(try await migrated.deviceBlocks(cast.device, from: TestNetwork.start, to: end) == blocksBefore)
        #expect(try await migrated.accountBlocks(cast.alice.address, from: TestNetwork.start, to: end) == aliceBefore)
        #expect(try await migrated.deviceRunCount(startingAt: 4) == 1)
        // Still append-only.
        #expect(throws: (any Error).self) { try run("/usr/bin/sqlite3", [store.path, "DELETE FROM device_runs"]) }

        // The network goes on: blocks 8 and 9 read the runs in height order, continue the run
        // from block 4 and pay as block 7 did.
        let net = TestNetwork(store: migrated, seed: 2)
        net.advance(seconds: TestNetwork.start.seconds(until: cast.net.now))
        try await net.runUp([cast.device], hours: 2)
        #expect(try await migrated.deviceRuns(cast.device).map(\.fromHeight) == [0, 4])
        let records = try await migrated.deviceBlocks(cast.device, from: TestNetwork.start, to: net.now.adding(seconds: 1))
        #expect(records.map(\.height) == Array(0...9))
        #expect(records[8].total == records[7].total && records[9].total == records[7].total && records[7].total.isPositive)
        _ = try await net.verifyLedger()
    }

    /// Runs fed in height order give the sums runs fed with their next heights give; a run
    /// that comes before an earlier one of its device is refused.
    @Test func runsInHeightOrderSumAsRunsWithTheirEnds() throws {
        let schedule = BlockSchedule(genesis: TestNetwork.start, interval: 3_600)
        let close = BlockCloseScope(height: 400, schedule: schedule)
        let owner = Keys.make(1).address
        func run(_ device: Int, _ height: Int64, sufficient: Bool) -> DeviceRun {
            DeviceRun(deviceID: DeviceID(uuid: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(device)))), fromHeight: height,
                      owner: owner, ownerPaid: true, coStaker: nil, shareBps: 0, sufficient: sufficient, eligible: sufficient,
                      reliability: 50, pool: .community, score: 100)
        }
        // Device 1: runs from 100, 240 (sufficient) and 300; device 2: one run from 250.
        let runs = [run(1, 100, sufficient: false), run(1, 240, sufficient: true), run(1, 300, sufficient: false), run(2, 250, sufficient: true)]
        var withEnds = RunWindowSums(close: close, expiring: nil)
        for (run, next) in zip(runs, [240, 300, nil, nil] as [Int64?]) { try withEnds.add(run, next: next) }
        var inOrder = RunWindowSums(close: close, expiring: nil)
        for run in runs.sorted(by: { $0.fromHeight < $1.fromHeight }) { try inOrder.add(inHeightOrder: run) }
        try inOrder.finish()
        #expect(inOrder.openRuns == withEnds.openRuns && inOrder.openRuns.count == 2)
        #expect(inOrder.compliance.mapValues { [$0.sufficient, $0.blocks] } == withEnds.compliance.mapValues { [$0.sufficient, $0.blocks] })
        // The compliance window is blocks 233–399: device 1 sufficient in 240–299, device 2 in 250–399.
        #expect(inOrder.compliance[runs[0].deviceID].map { [$0.sufficient, $0.blocks] } == [60, 167])
        #expect(inOrder.compliance[runs[3].deviceID].map { [$0.sufficient, $0.blocks] } == [150, 150])
        var backwards = RunWindowSums(close: close, expiring: nil)
        try backwards.add(inHeightOrder: runs[1])
        #expect(throws: CostakeError.self) { try backwards.add(inHeightOrder: runs[0]) }
    }
}
