import Synchronization

/// The units of work waiting for a store's next group commit, and whether a flush is running:
/// the part of group commit both stores share. A store adds each unit's job; the caller whose
/// job finds no flush running starts one, which takes batches until none is left.
public final class UnitQueue<Job: Sendable>: Sendable {
    private struct State {
        var pending: [Job] = []
        var flushing = false
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

    /// Jobs waiting for a batch.
    public var waiting: Int { state.withLock { $0.pending.count } }
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
