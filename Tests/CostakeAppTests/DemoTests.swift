import CostakeTestSupport
import Foundation
import Testing

/// The demo network (`costake serve --demo`): what the seeding leaves behind, with its ledger
/// intact, and the driver that keeps devices reporting across a manual clock jump.
@Suite("Demo network")
struct DemoTests {
    static let genesis = TestNetwork.start
    static let week = Timestamp(seconds: genesis.seconds + 7 * 86_400)

    /// A 7-day demo of `devices` devices on a fresh store.
    static func seeded(devices: Int) async throws -> (any CostakeStore, DemoSeeder.Summary, ManualClock) {
        let store = try await StoreKind.sqlite.make()
        let clock = ManualClock(genesis)
        let seeder = DemoSeeder(store: store, network: "costake-demo", schedule: BlockSchedule(genesis: genesis, interval: 3_600), clock: clock)
        let summary = try await seeder.seed(deviceCount: devices, until: week)
        return (store, summary, clock)
    }

    @Test func sevenDaysOfHistoryWithEveryModelOffersCoStakesAndSlashesInEveryReachableState() async throws {
        let (store, summary, clock) = try await Self.seeded(devices: 160)
        #expect(clock.now() == Self.week)
        // 7 days of hourly blocks, every one closed.
        #expect(summary.blocks == 168)
        #expect(try await store.lastClosedHeight() == 167)
        let live = try await store.liveState()
        #expect(live.devices.count == 160)
        #expect(Set(live.devices.map(\.model)) == Set(NetworkRules().models.models.keys), "every model of the table")
        // About 40% of the devices published an offer (45% of the earning, unpaused ones).
        #expect((40...90).contains(summary.offers), "offers: \(summary.offers)")
        #expect(summary.coStakes >= 10)
        let states = Set(live.positions.map { "\($0.role.rawValue):\($0.state.rawValue)" })
        for expected in ["owner:active", "co_staker:active", "co_staker:waiting", "owner:cooling", "co_staker:cooling"] {
            #expect(states.contains(expected), "a \(expected) position")
        }
        // A slash burns unappealed only after 30 days: a week-old network has every other state.
        #expect(Set(live.slashes.map(\.state)) == [.pending, .appealed, .upheld, .overturned])
        #expect(Set(live.devices.map(\.status)).isSuperset(of: [.up, .down, .terminated]))
        #expect(live.telemetry.count > 100)
        #expect(summary.telemetryEvents > 100 * 7 * 24 * 4 / 2)
        #expect(summary.refusals.values.reduce(0, +) <= 10, "refusals: \(summary.refusals)")
        // Blocks paid rewards: someone has unclaimed or claimed rewards, and the ledger balances.
        #expect(live.positions.contains { $0.lifetimeRewards.isPositive })
        guard case .success = try await LedgerVerifier(store: store).verify() else {
            Issue.record("the demo's ledger does not verify")
            return
        }
    }

    @Test func theSameSeedBuildsTheSameNetwork() async throws {
        let (first, _, _) = try await Self.seeded(devices: 60)
        let (second, _, _) = try await Self.seeded(devices: 60)
        #expect(try await first.liveState() == second.liveState())
        #expect(try await first.journalHead() == second.journalHead())
    }

    @Test func theDriverKeepsDevicesUpAcrossAClockJump() async throws {
        let (store, _, clock) = try await Self.seeded(devices: 60)
        let schedule = BlockSchedule(genesis: Self.genesis, interval: 3_600)
        let blocks = BlockProducer(store: store, schedule: schedule, clock: clock)
        let driver = DemoDriver(store: store, operations: OperatorActions(store: store, clock: clock, blocks: blocks))
        let eligibleBefore = try #require(try await store.block(167)).eligibleDevices
        #expect(eligibleBefore > 0)
        // Three hours in steps of at most 15 minutes: nobody falls silent, blocks keep paying.
        #expect(try await driver.advance(clock, seconds: 3 * 3_600) == Self.week.adding(seconds: 3 * 3_600))
        #expect(try await store.lastClosedHeight() == 170)
        let eligibleAfter = try #require(try await store.block(170)).eligibleDevices
        #expect(eligibleAfter > eligibleBefore / 2, "before \(eligibleBefore), after \(eligibleAfter)")
    }
}
