import CostakeCore

/// The 30 days of reward history a benchmark network is seeded with (issue 8): the 720 hourly
/// blocks before the seed's "now", closed as the block close closes them (SPEC §6), worked out
/// per pool and device score rather than per device.
///
/// What the seeded network did in those blocks: every device was registered a day before the
/// first block, up with a proof of work in every block, and kept the reliability score its
/// telemetry row shows (no hour records are seeded). A device with a taken offer was short of
/// its requirement until the co-stake (its owner staked the requirement less the requested
/// amount), so it was ineligible until the first block that ended after the offer was taken;
/// every other device was eligible in every block. Nobody claimed: each position's unclaimed
/// rewards are its lifetime rewards.
///
/// A device's reward depends on the block only through its pool's shared amount and eligible
/// score, and on the device only through its pool and score (multiplier × processors): so the
/// blocks are worked out once per distinct score, and a device's sum over any heights is a
/// difference of prefix sums.
public struct BenchHistory: Sendable {
    /// Blocks of history: 30 days at one an hour.
    public static let blockCount: Int64 = 720

    /// A pool and a device score in it.
    struct Key: Hashable, Sendable {
        let pool: RewardPool
        let score: Int64
    }

    /// A key and a co-staker's share.
    struct ShareKey: Hashable, Sendable {
        let key: Key
        let bps: Int
    }

    public let schedule: BlockSchedule
    /// Blocks 0 ..< 720, as closed.
    public let blocks: [Block]
    /// Per pool, what the blocks minted into it.
    public let minted: [RewardPool: Amount]
    /// Per key, Σ R over heights ..< h (721 entries).
    let rewardSums: [Key: [Int64]]
    /// Per key and share, Σ floor(R × bps / 10000) over heights ..< h.
    let shareSums: [ShareKey: [Int64]]
    /// Per height, the height the close starts a new run at when a run of the same shape began
    /// there (`BlockCloseScope.runReach`).
    let forcedRunStart: [Int64]

    init(seeder: BenchSeeder, emission: EmissionSchedule = EmissionSchedule()) throws(CostakeError) {
        let schedule = seeder.schedule
        let count = Int(Self.blockCount)
        self.schedule = schedule
        // How many devices of each key become eligible at each height, and the shares in use.
        var starts: [Key: [Int]] = [:]
        var shares: Set<ShareKey> = []
        for index in 0..<seeder.shape.devices {
            let facts = seeder.historyFacts(index)
            starts[facts.key, default: Array(repeating: 0, count: count + 1)][Int(facts.firstEligible)] += 1
            if let bps = facts.shareBps { shares.insert(ShareKey(key: facts.key, bps: bps)) }
        }
        let keys = starts.keys.sorted { ($0.pool.rawValue, $0.score) < ($1.pool.rawValue, $1.score) }
        var active: [Key: Int64] = [:]
        var perBlock: [Key: [Int64]] = Dictionary(uniqueKeysWithValues: keys.map { ($0, Array(repeating: 0, count: count)) })
        var carry: [RewardPool: Amount] = [.enterprise: .zero, .community: .zero]
        var minted: [RewardPool: Amount] = [.enterprise: .zero, .community: .zero]
        var mintedTotal = Amount.zero
        var blocks: [Block] = []
        for height in 0..<count {
            let emitted = emission.emission(height: Int64(height), mintedBefore: mintedTotal)
            mintedTotal = try mintedTotal.adding(emitted)
            let pools = emission.pools(emitted)
            var paid: [RewardPool: Amount] = [:], shared: [RewardPool: Amount] = [:], eligibleScore: [RewardPool: Int64] = [:]
            var eligibleDevices = 0
            for pool in RewardPool.allCases {
                minted[pool] = try minted[pool]!.adding(pools[pool]!)
                let available = try carry[pool]!.adding(pools[pool]!)
                shared[pool] = available
                var total: Int64 = 0
                for key in keys where key.pool == pool {
                    active[key, default: 0] += Int64(starts[key]![height])
                    total += active[key]! * key.score
                    eligibleDevices += Int(active[key]!)
                }
                eligibleScore[pool] = total
                var poolPaid: Int64 = 0
                for key in keys where key.pool == pool && active[key]! > 0 {
                    let reward = try available.scaled(by: key.score, over: total)
                    perBlock[key]![height] = reward.baseUnits
                    poolPaid += reward.baseUnits * active[key]!
                }
                paid[pool] = Amount(baseUnits: poolPaid)
                carry[pool] = try available.subtracting(paid[pool]!)
            }
            let end = schedule.end(of: Int64(height))
            blocks.append(Block(height: Int64(height), start: schedule.start(of: Int64(height)), end: end, emission: emitted,
                                paid: paid, carry: carry, shared: shared, eligibleDevices: eligibleDevices,
                                eligibleScore: eligibleScore, closedAt: end))
        }
        self.blocks = blocks
        self.minted = minted
        func prefix(_ values: [Int64]) -> [Int64] {
            var sums = [Int64](repeating: 0, count: values.count + 1)
            for index in values.indices { sums[index + 1] = sums[index] + values[index] }
            return sums
        }
        rewardSums = perBlock.mapValues(prefix)
        var shareSums: [ShareKey: [Int64]] = [:]
        for share in shares {
            var coShares: [Int64] = []
            for reward in perBlock[share.key]! { coShares.append(try Amount(baseUnits: reward).share(BasisPoints(share.bps)).baseUnits) }
            shareSums[share] = prefix(coShares)
        }
        self.shareSums = shareSums
        forcedRunStart = (0..<Int64(count)).map { from in
            var height = from + 1
            while height < Int64(count), height - from < BlockCloseScope(height: height, schedule: schedule).runReach { height += 1 }
            return height
        }
    }

    /// What device `index` got over the history: its runs, its owner's and co-staker's rewards,
    /// and its rewards in the last 7 days of blocks.
    struct DeviceHistory {
        let runs: [DeviceRun]
        let owner: Amount
        let coStaker: Amount
        let week: Amount
    }

    func device(_ index: Int, seeder: BenchSeeder, owner: Address, coStaker: Address?, reliability: Int) -> DeviceHistory {
        let facts = seeder.historyFacts(index)
        let count = Self.blockCount
        let sums = rewardSums[facts.key]!
        let from = Int(facts.firstEligible)
        let total = sums[Int(count)] - sums[from]
        let coSums = facts.shareBps.map { shareSums[ShareKey(key: facts.key, bps: $0)]! }
        let coTotal = coSums.map { $0[Int(count)] - $0[from] } ?? 0
        let weekStart = Int(max(count - schedule.blocks(in: 7 * 86_400), facts.firstEligible))
        // The shapes: short of the requirement before the co-stake (when there was one), then
        // eligible with the co-staker's share.
        var runs: [DeviceRun] = []
        func shape(at height: Int64, eligible: Bool) -> DeviceRun {
            DeviceRun(deviceID: BenchSeeder.device(index), fromHeight: height, owner: owner, ownerPaid: true,
                      coStaker: eligible ? coStaker : nil, shareBps: eligible ? facts.shareBps ?? 0 : 0, sufficient: eligible,
                      eligible: eligible, reliability: reliability, pool: facts.key.pool, score: facts.key.score)
        }
        var segments: [(Int64, Int64, Bool)] = []
        if facts.firstEligible > 0 { segments.append((0, min(facts.firstEligible, count), false)) }
        if facts.firstEligible < count { segments.append((facts.firstEligible, count, true)) }
        for (lower, upper, eligible) in segments {
            var start = lower
            while start < upper {
                runs.append(shape(at: start, eligible: eligible))
                start = forcedRunStart[Int(start)]
            }
        }
        return DeviceHistory(runs: runs, owner: Amount(baseUnits: total - coTotal), coStaker: Amount(baseUnits: coTotal),
                             week: Amount(baseUnits: sums[Int(count)] - sums[weekStart]))
    }
}
