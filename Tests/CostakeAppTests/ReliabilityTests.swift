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
}
