import CostakeCore
import Synchronization

/// A row, or a set of rows found by one lookup, that a unit of work can read through its scope
/// and write through its changes. A unit that read a key is stale once a later unit wrote it.
public enum RowKey: Sendable, Hashable {
    case account(Address)
    /// The device row, its positions that are not withdrawn and its live offer (a device's context).
    case device(DeviceID)
    /// The device's telemetry state and hour records.
    case telemetry(DeviceID)
    case offer(OfferID)
    case position(PositionID)
    /// Every position of a staker (the claim cap's co-stakes, the positions with rewards).
    case staker(Address)
    case slash(SlashID)
    case slashItems(SlashID)
    case nonce(NonceKey)
}

extension Snapshot {
    /// Every key the snapshot was read through: what `load` queries for its scope, with the
    /// scope as loading widened it (the devices of named offers, positions and slashes).
    public var readKeys: [RowKey] {
        var keys: [RowKey] = []
        keys.reserveCapacity(scope.devices.count + 2 * scope.telemetryOf.count + scope.hours.count + 8)
        keys += scope.accounts.map(RowKey.account)
        keys += scope.devices.map(RowKey.device)
        keys += scope.offers.map(RowKey.offer)
        keys += scope.positions.map(RowKey.position)
        keys += scope.slashes.map(RowKey.slash)
        keys += scope.coStakesOf.map(RowKey.staker)
        keys += scope.rewardsOf.map(RowKey.staker)
        keys += scope.slashItemsOf.map(RowKey.slashItems)
        for id in scope.telemetryOf {
            keys.append(.device(id))
            keys.append(.telemetry(id))
        }
        for hour in scope.hours where !scope.telemetryOf.contains(hour.deviceID) { keys.append(.telemetry(hour.deviceID)) }
        if let nonce = scope.nonce { keys.append(.nonce(nonce)) }
        return keys
    }
}

extension Changes {
    /// Whether the changes come from a block close, which rewrites rewards, scores and R̄ of
    /// every device: every snapshot taken before it is stale.
    public var writesEverything: Bool { !blocks.isEmpty || !deviceRuns.isEmpty }

    /// Every key the changes write: each row under its own key and under the keys of every
    /// lookup that finds it (a position under its device and its staker too).
    public var writtenKeys: [RowKey] {
        var keys: [RowKey] = []
        keys += accounts.map { .account($0.address) }
        keys += devices.map { .device($0.id) }
        keys += deviceBases.map { .device($0.id) }
        for position in [positions, positionRewards].joined() {
            keys.append(.position(position.id))
            keys.append(.device(position.deviceID))
            keys.append(.staker(position.staker))
        }
        for offer in offers {
            keys.append(.offer(offer.id))
            keys.append(.device(offer.deviceID))
        }
        for slash in slashes {
            keys.append(.slash(slash.id))
            keys.append(.device(slash.deviceID))
        }
        keys += slashItems.map { .slashItems($0.slashID) }
        keys += telemetry.map { .telemetry($0.deviceID) }
        keys += telemetryScores.map { .telemetry($0.deviceID) }
        // A telemetry batch writes each device's telemetry row and hour row: an hour's key is
        // added only when its device's row is not written too. Both lists are in key order (if
        // they were not, a key would only be added twice, which is harmless).
        var next = telemetry.startIndex
        for hour in hours {
            while next < telemetry.endIndex, telemetry[next].deviceID < hour.deviceID { next += 1 }
            if next < telemetry.endIndex, telemetry[next].deviceID == hour.deviceID { continue }
            keys.append(.telemetry(hour.deviceID))
        }
        if let approved { keys.append(.nonce(NonceKey(signer: approved.signer, nonce: approved.nonce))) }
        return keys
    }
}

/// What the one writer has written lately, so that a unit of work can be decided on a read
/// snapshot away from the writer and only checked and saved on it (optimistic concurrency).
///
/// Every unit the writer applies gets the next sequence number, and each key it wrote records
/// that number. A snapshot taken after `begin()` returned `w` holds every unit numbered up
/// to `w` (their transactions have committed). When the writer comes to save a unit decided on
/// such a snapshot, the unit is current if no key it read was written by a unit numbered above
/// `w`: then saving its changes now gives the same database as deciding it now would, and
/// units are serialised in the order the writer applies them. Otherwise the writer loads and
/// decides it again. A block close, a write the log did not see (another process) and the
/// pruning of old keys make every older snapshot stale.
public final class WriteLog: Sendable {
    private struct State {
        var lastWrite: [RowKey: UInt64] = [:]
        /// The keys each remembered unit wrote, oldest first from `first`, so that forgetting
        /// a unit visits its own keys, not the whole log.
        var units: [(number: UInt64, keys: [RowKey])] = []
        var first = 0
        /// The number of the last unit applied by the writer (committed or not).
        var applied: UInt64 = 0
        /// Every unit numbered up to this has committed (or failed and written nothing).
        var committed: UInt64 = 0
        /// Snapshots with a watermark below this are stale whatever they read.
        var horizon: UInt64 = 0
        /// The watermarks of the snapshots in use, and how many use each.
        var active: [UInt64: Int] = [:]
        /// While set (a bulk load), units record no keys: each makes every earlier snapshot stale.
        var suspended = false

        /// Forgets what the units numbered up to `number` wrote, where no later unit wrote it
        /// again. The dictionary keeps its storage: it is not rebuilt or grown again each time.
        mutating func forget(through number: UInt64) {
            while first < units.count, units[first].number <= number {
                let unit = units[first]
                units[first].keys = []
                first += 1
                for key in unit.keys {
                    if let index = lastWrite.index(forKey: key), lastWrite.values[index] == unit.number { lastWrite.remove(at: index) }
                }
            }
            if first > 64, first * 2 > units.count {
                units.removeFirst(first)
                first = 0
            }
        }

        mutating func clear() {
            lastWrite.removeAll(keepingCapacity: true)
            units.removeAll(keepingCapacity: true)
            first = 0
        }
    }

    private let state = Mutex(State())
    /// Keys kept before the log forgets those every current snapshot already holds.
    let capacity: Int

    public init(capacity: Int = 500_000) { self.capacity = capacity }

    /// The number of the last committed unit: a snapshot begun after this call holds it. The
    /// log keeps what was written after it until `end` is called with it.
    public func begin() -> UInt64 {
        state.withLock { state in
            state.active[state.committed, default: 0] += 1
            return state.committed
        }
    }

    /// The snapshot taken at `watermark` is no longer used.
    public func end(_ watermark: UInt64) {
        state.withLock { state in
            if let count = state.active[watermark], count > 1 { state.active[watermark] = count - 1 } else { state.active[watermark] = nil }
        }
    }

    /// Whether a snapshot taken at `watermark` and read through `keys` is still current.
    public func isCurrent(_ keys: [RowKey], watermark: UInt64) -> Bool {
        state.withLock { state in
            guard watermark >= state.horizon else { return false }
            guard state.applied > watermark else { return true }
            return !keys.contains { (state.lastWrite[$0] ?? 0) > watermark }
        }
    }

    /// Records the keys a unit applied by the writer wrote (call on the writer, in order).
    public func record(_ changes: Changes) {
        // A block close's millions of keys are not built only to be forgotten.
        if changes.writesEverything || state.withLock({ $0.suspended }) { return invalidate() }
        let keys = changes.writtenKeys
        state.withLock { state in
            state.applied += 1
            let number = state.applied
            for key in keys { state.lastWrite[key] = number }
            state.units.append((number, keys))
            // Forget what every snapshot in use, and every snapshot begun from now on, holds.
            state.forget(through: min(state.committed, state.active.keys.min() ?? .max))
            guard state.lastWrite.count > capacity else { return }
            // A snapshot held for long keeps too much: forget what every committed unit wrote,
            // and older snapshots are stale.
            state.forget(through: state.committed)
            state.horizon = max(state.horizon, state.committed)
        }
    }

    /// Stops (or resumes) recording keys: while stopped every unit applied makes every earlier
    /// snapshot stale, at no cost per key. For a bulk load, where nothing is decided away from
    /// the writer and the keys of millions of rows would only be forgotten again.
    public func suspend(_ suspended: Bool) {
        state.withLock { $0.suspended = suspended }
    }

    /// Counts a unit (or a change the log did not see: another process's commit) that makes
    /// every snapshot taken so far stale.
    public func invalidate() {
        state.withLock { state in
            state.applied += 1
            state.horizon = state.applied
            state.clear()
        }
    }

    /// The writer's transaction holding every unit applied so far has ended (committed, or
    /// failed and so written nothing).
    public func transactionEnded() {
        state.withLock { $0.committed = $0.applied }
    }
}
