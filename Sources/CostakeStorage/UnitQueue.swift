import Synchronization

/// The units of work waiting for a store's next group commit, whether a flush is running, and
/// what the writer has committed: the part of group commit both stores share. A store adds each
/// unit's job; the caller whose job finds no flush running starts one, which takes batches
/// until none is left and reports each batch's outcomes.
public final class UnitQueue<Job: Sendable>: Sendable {
    private struct State {
        var pending: [Job] = []
        var flushing = false
        var statistics = WriterStatistics()
    }

    private let state = Mutex(State())
    /// The most jobs one batch holds (a bound on the work redone by a failed commit).
    public let maximumBatch: Int

    public init(maximumBatch: Int = 512) { self.maximumBatch = maximumBatch }

    /// Queues `job`; true when no flush is running, and the caller must start one.
    public func add(_ job: Job) -> Bool {
        state.withLock { state in
            state.pending.append(job)
            guard !state.flushing else { return false }
            state.flushing = true
            return true
        }
    }

    /// The next batch, oldest first; empty when none is waiting, which ends the flush (the
    /// next `add` starts another).
    public func nextBatch() -> [Job] {
        state.withLock { state in
            let batch = Array(state.pending.prefix(maximumBatch))
            state.pending.removeFirst(batch.count)
            if batch.isEmpty { state.flushing = false }
            return batch
        }
    }

    /// A batch's transaction has ended with these outcomes (nil: the unit committed); a
    /// transaction in which no unit committed is not counted.
    public func ended(_ outcomes: [(any Error)?]) {
        let committed = outcomes.count { $0 == nil }
        guard committed > 0 else { return }
        state.withLock { state in
            state.statistics.transactions += 1
            state.statistics.units += committed
        }
    }

    /// A block close has been answered, its time spent as `times` says.
    public func blockClosed(_ times: BlockCloseTimes) { state.withLock { $0.statistics.lastBlockClose = times } }

    /// A unit's snapshot was stale on the writer: it is decided again there.
    public func decidedAgain() { state.withLock { $0.statistics.decidedAgain += 1 } }

    /// What the writer has committed so far, and the jobs waiting for a batch.
    public var statistics: WriterStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.waiting = state.pending.count
            return statistics
        }
    }
}

/// Where a unit's result waits for its commit: set while the unit runs on the writer, taken
/// when its group has committed.
public final class ResultBox<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    public init() {}

    public func set(_ newValue: Value) { value.withLock { $0 = newValue } }

    /// The unit's answer: its error, or the value it set.
    public func outcome(_ error: (any Error)?) -> Result<Value, any Error> {
        if let error { return .failure(error) }
        return .success(value.withLock { $0! })
    }
}
