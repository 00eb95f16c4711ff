import CostakeCore
import CostakeCrypto
import CostakeStorage
import Foundation

/// Seeds a demo network on an empty database: registers the plan's devices at genesis, funds
/// and stakes them, publishes offers, then lives through the history up to `until` in
/// 15-minute steps (telemetry from every device, every block closed), with co-stakes, claims,
/// unstakes, overflow withdrawals, retractions and slashes in every state along the way.
/// Everything goes through the same signed transactions and operator actions as the API.
public struct DemoSeeder: Sendable {
    public struct Summary: Sendable {
        public var devices = 0
        public var offers = 0
        public var coStakes = 0
        public var blocks = 0
        public var telemetryEvents = 0
        public var slashes = 0
        /// Transactions the rules refused along the way, by code (realistic: offers already taken, ...).
        public var refusals: [String: Int] = [:]
    }

    let store: any CostakeStore
    let network: String
    let schedule: BlockSchedule
    let rules: NetworkRules
    let clock: ManualClock
    let ids: IdentifierSource
    let step: Int64 = 900

    public init(store: any CostakeStore, network: String, schedule: BlockSchedule, rules: NetworkRules = NetworkRules(),
                clock: ManualClock, seed: UInt64 = 2026) {
        self.store = store
        self.network = network
        self.schedule = schedule
        self.rules = rules
        self.clock = clock
        self.ids = SeededIdentifiers(seed: seed).source
    }

    /// Seeds `deviceCount` devices and lives through the history up to `until`. `progress`
    /// hears a line per simulated day.
    public func seed(deviceCount: Int = 1_200, until: Timestamp, progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        let blocks = BlockProducer(store: store, schedule: schedule, rules: rules, clock: clock, ids: ids)
        let operations = OperatorActions(store: store, rules: rules, clock: clock, ids: ids, blocks: blocks)
        let processor = TransactionProcessor(store: store, network: network, rules: rules, clock: clock, ids: ids, blocks: blocks)
        var story = DemoStory(plan: try DemoPlan(seed: 2026, deviceCount: deviceCount, rules: rules, ids: ids),
                              operations: operations, processor: processor, store: store, clock: clock, ids: ids)
        try await story.opening()
        let start = clock.now()
        var devices = try await story.allDevices()
        var day: Int64 = 0
        var stepIndex: Int64 = 0
        while clock.now().adding(seconds: step) <= until {
            clock.advance(seconds: step)
            stepIndex += 1
            let events = TelemetrySimulator().reports(for: devices, at: clock.now())
            story.summary.telemetryEvents += try await operations.ingest(events).accepted
            if try await story.act(hoursIn: start.seconds(until: clock.now()) / 3_600, quarter: stepIndex % 4) {
                devices = try await story.allDevices()
            }
            let elapsedDays = start.seconds(until: clock.now()) / 86_400
            if elapsedDays > day {
                day = elapsedDays
                progress("demo: day \(day) seeded (\(try await store.lastClosedHeight().map { $0 + 1 } ?? 0) blocks)")
            }
        }
        try await blocks.closeDue()
        story.summary.blocks = Int(try await store.lastClosedHeight().map { $0 + 1 } ?? 0)
        return story.summary
    }
}
