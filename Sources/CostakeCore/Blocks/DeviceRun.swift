/// A run of consecutive blocks in which a device's outcome had the same shape (issue 8): the
/// store keeps one row per run instead of one per device and block. A device's reward in block
/// h is floor(shared × score / Σ score) of its pool (SPEC §6), which depends on the block only
/// through the pool's shared amount and eligible score, both on the block's own row; so every
/// per-block record, its owner and co-staker shares included, is derived exactly from the run
/// and the block. A run lasts from `fromHeight` until the device's next run starts, or through
/// the last closed block.
public struct DeviceRun: Sendable, Hashable {
    public let deviceID: DeviceID
    public let fromHeight: Int64
    public let owner: Address
    /// Whether the owner had an active position to credit (without one the owner's part stays
    /// in the pool's carry and the record shows 0).
    public let ownerPaid: Bool
    /// The active co-staker, and the share it gets (0 when its offer could not be found).
    public let coStaker: Address?
    public let shareBps: Int
    public let sufficient: Bool
    public let eligible: Bool
    public var reliability: Int?
    /// The pool the device's model shares in, and its score (multiplier hundredths × processors).
    public let pool: RewardPool?
    public let score: Int64
    /// Rewards as recorded before runs existed (a migrated per-block row): such a run covers
    /// one block and shows these amounts instead of deriving them.
    public let fixed: FixedRewards?

    public struct FixedRewards: Sendable, Hashable {
        public let owner: Amount
        public let coStaker: Amount

        public init(owner: Amount, coStaker: Amount) {
            self.owner = owner
            self.coStaker = coStaker
        }
    }

    public init(deviceID: DeviceID, fromHeight: Int64, owner: Address, ownerPaid: Bool, coStaker: Address?, shareBps: Int,
                sufficient: Bool, eligible: Bool, reliability: Int?, pool: RewardPool?, score: Int64, fixed: FixedRewards? = nil) {
        self.deviceID = deviceID
        self.fromHeight = fromHeight
        self.owner = owner
        self.ownerPaid = ownerPaid
        self.coStaker = coStaker
        self.shareBps = shareBps
        self.sufficient = sufficient
        self.eligible = eligible
        self.reliability = reliability
        self.pool = pool
        self.score = score
        self.fixed = fixed
    }

    /// Whether `next` (the device's outcome in the block after this run's last) has the same
    /// shape, so that this run simply goes on. A migrated run never goes on.
    public func continues(into next: DeviceRun) -> Bool {
        fixed == nil && next.fixed == nil && deviceID == next.deviceID && owner == next.owner && ownerPaid == next.ownerPaid
            && coStaker == next.coStaker && shareBps == next.shareBps && sufficient == next.sufficient
            && eligible == next.eligible && reliability == next.reliability && pool == next.pool && score == next.score
    }

    /// The device's reward R in `block` and its split, as the block close paid them: the active
    /// co-staker floor(R × bps / 10000), the owner the rest when it had a position to credit.
    public func rewards(in block: Block) throws(CostakeError) -> (owner: Amount, coStaker: Amount) {
        if let fixed { return (fixed.owner, fixed.coStaker) }
        guard eligible, let pool, let shared = block.shared[pool], let total = block.eligibleScore[pool], total > 0 else {
            return (.zero, .zero)
        }
        return try split(try shared.scaled(by: score, over: total))
    }

    /// The split of a device's reward R (SPEC §6), the one the block close pays by: the active
    /// co-staker gets floor(R × bps / 10000), the owner the rest when it has a position to
    /// credit (0 otherwise: that part stays in the pool's carry).
    public func split(_ reward: Amount) throws(CostakeError) -> (owner: Amount, coStaker: Amount) {
        let coShare = coStaker == nil ? Amount.zero : try reward.share(BasisPoints(shareBps))
        return (ownerPaid ? try reward.subtracting(coShare) : .zero, coShare)
    }

    /// The device's record for the block at `height` ending at `end`, in which it got `owner`
    /// and `coStaker`.
    func record(height: Int64, end: Timestamp, owner: Amount, coStaker: Amount) -> DeviceBlockRecord {
        DeviceBlockRecord(height: height, deviceID: deviceID, end: end, owner: self.owner, ownerReward: owner,
                          coStaker: self.coStaker, coStakerReward: coStaker, sufficient: sufficient,
                          eligible: eligible, reliability: reliability)
    }

    /// The device's record for `block`, one of the blocks this run covers.
    public func record(in block: Block) throws(CostakeError) -> DeviceBlockRecord {
        let (owner, coStaker) = try rewards(in: block)
        return record(height: block.height, end: block.end, owner: owner, coStaker: coStaker)
    }

    /// Every record of one device's `runs` (in height order) for the `blocks` given (in height
    /// order): a block before the device's first run has none.
    public static func records(_ runs: [DeviceRun], blocks: [Block]) throws(CostakeError) -> [DeviceBlockRecord] {
        var records: [DeviceBlockRecord] = []
        var index = 0
        for block in blocks {
            while index + 1 < runs.count, runs[index + 1].fromHeight <= block.height { index += 1 }
            guard index < runs.count, runs[index].fromHeight <= block.height else { continue }
            records.append(try runs[index].record(in: block))
        }
        return records
    }

    /// The records of several devices' `runs` (device by device, each in height order) for the
    /// `blocks` given (in height order), ordered by height and device; only those `keep` keeps.
    public static func records(ofDevices runs: [DeviceRun], blocks: [Block],
                               keep: (DeviceBlockRecord) -> Bool = { _ in true }) throws(CostakeError) -> [DeviceBlockRecord] {
        var records: [DeviceBlockRecord] = []
        var start = runs.startIndex
        while start < runs.endIndex {
            var end = start + 1
            while end < runs.endIndex, runs[end].deviceID == runs[start].deviceID { end += 1 }
            records += try Self.records(Array(runs[start..<end]), blocks: blocks).filter(keep)
            start = end
        }
        return records.sorted { ($0.height, $0.deviceID) < ($1.height, $1.deviceID) }
    }
}

/// What a block close reads from the devices' runs (issue 8): each device's current run, its
/// reward in the block that leaves the 7-day window, and how many blocks of the compliance
/// window it was in and sufficient in. The store feeds every run from `close.runsFrom` on:
/// each with the height its device's next run starts at (nil for the current run), or all in
/// height order (`add(inHeightOrder:)`, then `finish()`); a run is never longer than
/// `close.runReach`, so every run that reaches into either window starts there or later.
public struct RunWindowSums {
    public let close: BlockCloseScope
    /// The block at `close.expiringHeight`, when there is one.
    public let expiring: Block?
    public private(set) var openRuns: [DeviceID: DeviceRun] = [:]
    public private(set) var expiringRewards: [DeviceID: Amount] = [:]
    public private(set) var compliance: [DeviceID: (sufficient: Int, blocks: Int)] = [:]

    /// For about `devices` devices.
    public init(close: BlockCloseScope, expiring: Block?, devices: Int = 0) {
        self.close = close
        self.expiring = expiring
        openRuns.reserveCapacity(devices)
        expiringRewards.reserveCapacity(devices)
        compliance.reserveCapacity(devices)
    }

    public mutating func add(_ run: DeviceRun, next: Int64?) throws(CostakeError) {
        if next == nil { openRuns[run.deviceID] = run }
        try count(run, next: next)
    }

    /// Feeds a run in height order instead (every run that starts at a height before any that
    /// starts at a later one), as a store that keeps the runs clustered by height reads them:
    /// a run's end is known when its device's next run comes, and `finish()` counts the runs
    /// that are still current after the last.
    public mutating func add(inHeightOrder run: DeviceRun) throws(CostakeError) {
        if let previous = openRuns.updateValue(run, forKey: run.deviceID) {
            guard previous.fromHeight < run.fromHeight else {
                throw CostakeError(.internalError, "runs of device \(run.deviceID) read out of height order: \(previous.fromHeight), then \(run.fromHeight)")
            }
            try count(previous, next: run.fromHeight)
        }
    }

    /// Counts the current runs, after the last `add(inHeightOrder:)`.
    public mutating func finish() throws(CostakeError) {
        for run in openRuns.values { try count(run, next: nil) }
    }

    private mutating func count(_ run: DeviceRun, next: Int64?) throws(CostakeError) {
        let end = min(next ?? close.height, close.height)
        if let expiring, run.fromHeight <= expiring.height, expiring.height < end {
            expiringRewards[run.deviceID] = try run.record(in: expiring).total
        }
        let window = close.complianceHeights.lowerBound..<close.height
        let overlap = min(end, window.upperBound) - max(run.fromHeight, window.lowerBound)
        if overlap > 0 {
            let blocks = Int(overlap)
            compliance[run.deviceID, default: (0, 0)].blocks += blocks
            if run.sufficient { compliance[run.deviceID, default: (0, 0)].sufficient += blocks }
        }
    }

    /// Puts the sums into a block close's snapshot.
    public func apply(to snapshot: inout Snapshot) {
        snapshot.openRuns = openRuns
        snapshot.expiringRewards = expiringRewards
        for (id, sums) in compliance {
            snapshot.reliabilityInputs[id, default: ReliabilityInputs()].sufficientBlocks = sums.sufficient
            snapshot.reliabilityInputs[id, default: ReliabilityInputs()].blocks = sums.blocks
        }
    }
}
