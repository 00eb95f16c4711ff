import CostakeCore
import CostakeStorage

/// Keeps a demo network alive: telemetry from every device at the current time, and, with the
/// manual clock, time advanced in steps with a report at each so that devices stay up across
/// a jump (a jump in one go would look like every device falling silent).
public struct DemoDriver: Sendable {
    public let store: any CostakeStore
    public let operations: OperatorActions
    /// Seconds between two reports of the live network.
    public let cadence: Int64 = 300

    public init(store: any CostakeStore, operations: OperatorActions) {
        self.store = store
        self.operations = operations
    }

    /// One report from every reporting device at the clock's now; returns the events accepted.
    @discardableResult
    public func report() async throws -> Int {
        let devices = try await store.allDevices()
        return try await operations.ingest(TelemetrySimulator().reports(for: devices, at: operations.clock.now())).accepted
    }

    /// Advances the manual clock by `seconds`, reporting after every step of at most 15
    /// minutes, however long the jump: a longer step would read as every device falling
    /// silent, and no device would be eligible (a jump costs time in proportion to its length).
    public func advance(_ clock: ManualClock, seconds: Int64) async throws -> Timestamp {
        let step = DeviceTelemetry.silenceSeconds
        var left = seconds
        while left > 0 {
            clock.advance(seconds: min(step, left))
            left -= min(step, left)
            try await report()
        }
        return clock.now()
    }
}
