import CostakePostgres
import CostakeSQLite
import CostakeTestSupport
import Testing

@Suite("reliability score (SPEC §7)")
struct ReliabilityTests {
    /// Hand-computed: uptime 29/168, pow 14/29, stability 1 − 1/24, compliance 30/30:
    /// 100 × (0.40·29/168 + 0.25·14/29 + 0.15·23/24 + 0.20·1) = 53.3487… → 53; halved per slash.
    @Test(arguments: [(0, 53), (1, 27), (2, 13), (3, 7), (8, 0)])
    func theFormulaWithSlashes(slashes: Int, expected: Int) {
        #expect(ReliabilityScore.score(upHours: 29, powHours: 14, disconnects: 1, sufficientBlocks: 30, blocks: 30,
                                       slashes: slashes) == expected)
    }

    @Test(arguments: [
        (168, 168, 0, 168, 168, 100), (0, 0, 0, 0, 0, 15), (0, 0, 24, 0, 10, 0), (0, 0, 30, 0, 10, 0),
        (168, 0, 0, 0, 168, 55), (84, 84, 12, 84, 168, 63),
    ] as [(Int, Int, Int, Int, Int, Int)])
    func boundaryValues(up: Int, pow: Int, disconnects: Int, sufficient: Int, blocks: Int, expected: Int) {
        #expect(ReliabilityScore.score(upHours: up, powHours: pow, disconnects: disconnects, sufficientBlocks: sufficient,
                                       blocks: blocks, slashes: 0) == expected)
    }

    /// Halves round up: 100 × 0.15 × 23/24 + … chosen so that the exact value is n + 0.5.
    @Test func halvesRoundUp() {
        // uptime 0, pow 0, stability 1 (15), compliance 1/8 (2.5) → 17.5 → 18
        #expect(ReliabilityScore.score(upHours: 0, powHours: 0, disconnects: 0, sufficientBlocks: 1, blocks: 8, slashes: 0) == 18)
        // 35 / 2 = 17.5 with one slash: uptime 0, stability 1, compliance 1 → 35 → 17.5 → 18
        #expect(ReliabilityScore.score(upHours: 0, powHours: 0, disconnects: 0, sufficientBlocks: 8, blocks: 8, slashes: 1) == 18)
    }

    /// A telemetry fixture of 30 hours: up every 10 minutes, a proof of work in even hours, and
    /// one disconnect (a down report) in hour 10. After block 29 closes: 29 up hours (hour 10
    /// had a down report), 14 of them with a PoW (even hours but 10), 1 disconnect, and the
    /// device sufficient in all 30 blocks → 53, as computed by hand above.
    @Test func scoreFromATelemetryFixture() async throws {
        let cast = try await Cast.make()
        let net = cast.net
        try await net.send(.stake(device: cast.device, amount: Amount(io: 1_200)), by: cast.owner)
        for step in 0..<180 {
            let hour = step / 6
            _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: cast.device, at: net.now, status: .up, powOK: hour % 2 == 0)])
            if step == 60 {
                net.advance(seconds: 300)
                _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: cast.device, at: net.now, status: .down)])
                net.advance(seconds: 300)
            } else {
                net.advance(seconds: 600)
            }
            if step == 137 {  // now 23 h after the first report: block 22 closed, no score yet
                try await net.blocks.closeDue()
                #expect(try await net.store.telemetry(cast.device)?.reliability == nil)
            }
        }
        try await net.blocks.closeDue()
        #expect(try await net.store.lastClosedHeight() == 29)
        let state = try #require(try await net.store.telemetry(cast.device))
        #expect(state.reliability == 53)
        let hours = try await net.store.hours(cast.device, HourRecord.hour(of: TestNetwork.start)..<HourRecord.hour(of: net.now))
        #expect(hours.filter(\.isUp).count == 29 && hours.filter(\.isPowValid).count == 14)
        #expect(hours.reduce(0) { $0 + $1.disconnects } == 1)
        let history = try await net.store.deviceBlocks(cast.device, from: TestNetwork.start, to: net.now.adding(seconds: 1))
        #expect(history.count == 30)
        #expect(history.first { $0.height == 22 }?.reliability == nil)
        #expect(history.last?.reliability == 53)

        // One more hour (even: with PoW) and a slash: 100 × (0.40·30/168 + 0.25·15/30 + 0.15·23/24
        // + 0.20·31/31) = 54.0178… halved for the slash → 27.
        _ = try await net.operatorActions.slash(cast.device, principalBps: 0, rewardsBps: 0, reason: "test")
        for _ in 0..<6 {
            _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: cast.device, at: net.now, status: .up, powOK: true)])
            net.advance(seconds: 600)
        }
        try await net.blocks.closeDue()
        #expect(try await net.store.telemetry(cast.device)?.reliability == 27)
    }

    /// Each telemetry row's window sums equal its device's hour records from the start of the
    /// last closed block's window on, whatever happened since: read from the records here.
    func expectWindowSums(_ net: TestNetwork, _ device: DeviceID, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let state = try #require(try await net.store.telemetry(device), sourceLocation: sourceLocation)
        var lastEnd: Timestamp?
        if let last = try await net.store.lastClosedHeight() { lastEnd = try await net.store.block(last)?.end }
        #expect(state.windowSums == (try await net.store.recordedWindowSums(of: device, lastClosedEnd: lastEnd)), sourceLocation: sourceLocation)
    }

    /// A block close no longer sums 168 hours of records per device (issue 8): each telemetry row
    /// keeps sums that telemetry moves and a close moves by the hours leaving the window. Blocks
    /// of 90 minutes, so that half of them end within an hour whose records already exist (and
    /// count in the sums, not in that block's window). 180 hours up every 10 minutes with a PoW
    /// in even hours, a silence in hour 5 (a disconnect in hour 5) and a down report in hour 100
    /// (a disconnect, and hour 100 not up). The close at hour 180 has the window [12, 180): 167
    /// up hours, 83 with a PoW (the even hours 12–178 but 100), 1 disconnect, and the device
    /// never sufficient (no stake): 100 × (0.40·167/168 + 0.25·83/167 + 0.15·23/24) = 66.56 → 67.
    @Test(arguments: StoreKind.allCases)
    func theWindowSumsMoveWithTheWindow(_ kind: StoreKind) async throws {
        let net = try await TestNetwork.make(kind, blockInterval: 5_400)
        let device = try await net.device(owner: Keys.make(1))
        for step in 0..<1_080 {
            defer { net.advance(seconds: 600) }
            guard step != 31 else { continue }
            let hour = step / 6
            _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: device, at: net.now, status: step == 601 ? .down : .up,
                                                                     powOK: hour % 2 == 0)])
            if step % 60 == 0 || step == 1_071 { try await expectWindowSums(net, device) }
            if step == 153 {
                // Block 16 (ending at 25h30) closed before this report: its window holds hours 0–24,
                // 24 up (not hour 5), 13 with a PoW, 1 disconnect: 100 × (0.40·24/168 + 0.25·13/24
                // + 0.15·23/24) = 33.63 → 34. Hour 25 is in the sums but not in the window (with
                // it: 25 up hours, 33.33 → 33).
                #expect(try await net.store.lastClosedHeight() == 16)
                #expect(try await net.store.telemetry(device)?.reliability == 34)
            }
        }
        try await net.blocks.closeDue()
        #expect(try await net.store.lastClosedHeight() == 119)
        var state = try #require(try await net.store.telemetry(device))
        #expect(state.windowSums == HourSums(upHours: 167, powHours: 83, disconnects: 1))
        #expect(state.reliability == 67)
        try await expectWindowSums(net, device)

        // Ten days of silence, closed block by block when the next report comes: every hour
        // leaves, and the report's disconnect (in hour 179, where the silence began) is recorded
        // but is older than the window, so the sums count the new hour alone.
        net.advance(days: 10)
        try await net.blocks.closeDue()
        #expect(try await net.store.lastClosedHeight() == 279)
        state = try #require(try await net.store.telemetry(device))
        #expect(state.windowSums == HourSums() && state.reliability == 15)
        _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: device, at: net.now, status: .up, powOK: true)])
        let first = HourRecord.hour(of: TestNetwork.start)
        #expect(try await net.store.hours(device, first + 179..<first + 180).first?.disconnects == 1)
        #expect(try await net.store.telemetry(device)?.windowSums == HourSums(upHours: 1, powHours: 1, disconnects: 0))
        try await expectWindowSums(net, device)
    }

    /// A database from before the window sums: migrating fills them from the records from the
    /// last block's window start on. 170 hours up with a PoW, hourly blocks: the window of block
    /// 169 starts at hour 2, so the sums are 168 up hours, not the 170 recorded.
    @Test(arguments: StoreKind.allCases)
    func aDatabaseFromBeforeTheWindowSumsMigrates(_ kind: StoreKind) async throws {
        let net = try await TestNetwork.make(kind)
        let device = try await net.device(owner: Keys.make(1))
        try await net.runUp([device], hours: 170)
        #expect(try await net.store.lastClosedHeight() == 169)
        let before = try #require(try await net.store.telemetry(device))
        #expect(before.windowSums == HourSums(upHours: 168, powHours: 168, disconnects: 0))
        let drop = ["window_up_hours", "window_pow_hours", "window_disconnects"]
            .map { "ALTER TABLE device_telemetry DROP COLUMN \($0);" }.joined(separator: " ")
        let migrated: any CostakeStore
        switch kind {
        case .sqlite:
            let store = try #require(net.store as? SQLiteStore)
            try await store.close()
            _ = try run("/usr/bin/sqlite3", [store.path, drop + " DELETE FROM grdb_migrations WHERE identifier = '0010_window_sums';"])
            let reopened = try SQLiteStore(path: store.path, durability: .normal)
            try await reopened.migrate()
            migrated = reopened
        case .postgres:
            let store = try #require(net.store as? PostgresStore)
            _ = try run("/usr/bin/psql", [store.location.description, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                                          "BEGIN; " + drop + " DELETE FROM schema_migrations WHERE name = '0011_window_sums'; COMMIT;"])
            try await store.migrate()
            migrated = store
        }
        #expect(try await migrated.telemetry(device) == before)
    }
}
