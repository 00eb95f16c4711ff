import CostakeCore
import CostakeStorage

/// Closes blocks: every height whose end has passed, in order, each exactly once. Safe to call
/// from several places at once: a height already closed by someone else is skipped.
public struct BlockProducer: Sendable {
    public let store: any CostakeStore
    public let schedule: BlockSchedule
    public let emission: EmissionSchedule
    public let rules: NetworkRules
    public let clock: any NetworkClock
    public let ids: IdentifierSource
    public let metrics: NetworkMetrics

    public init(store: any CostakeStore, schedule: BlockSchedule, emission: EmissionSchedule = EmissionSchedule(),
                rules: NetworkRules = NetworkRules(), clock: any NetworkClock, ids: IdentifierSource = .random,
                metrics: NetworkMetrics = .none) {
        self.store = store
        self.schedule = schedule
        self.emission = emission
        self.rules = rules
        self.clock = clock
        self.ids = ids
        self.metrics = metrics
    }

    /// Closes every block that has ended by now; returns those this call closed.
    @discardableResult
    public func closeDue() async throws -> [Block] {
        let now = clock.now()
        guard let due = schedule.lastDueHeight(at: now) else { return [] }
        var closed: [Block] = []
        var next = (try await store.lastClosedHeight() ?? -1) + 1
        while next <= due {
            if let block = try await close(next, closedAt: now) { closed.append(block) }
            next += 1
        }
        return closed
    }

    /// Closes one height if it is the next to close; nil when it was already closed.
    public func close(_ height: Int64, closedAt: Timestamp) async throws -> Block? {
        var scope = Scope()
        scope.blockClose = BlockCloseScope(height: height, schedule: schedule)
        let emission = self.emission
        let started = ContinuousClock.now
        let block = try await store.work(scope, now: schedule.end(of: height), rules: rules, ids: ids) { set throws(CostakeError) -> Block? in
            if let last = set.lastClosedHeight, last >= height { return nil }
            return try set.closeBlock(emission: emission, closedAt: closedAt)
        }
        if block != nil { metrics.blockClosed(after: ContinuousClock.now - started) }
        return block
    }
}
