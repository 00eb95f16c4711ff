/// Fixed block boundaries: height h covers `[genesis + h·interval, genesis + (h+1)·interval)`.
public struct BlockSchedule: Sendable, Hashable {
    public let genesis: Timestamp
    /// Seconds per block: 3,600 by default.
    public let interval: Int64

    public init(genesis: Timestamp, interval: Int64 = 3_600) {
        precondition(interval > 0, "a block interval is positive")
        self.genesis = genesis
        self.interval = interval
    }

    public func start(of height: Int64) -> Timestamp { genesis.adding(seconds: height * interval) }
    public func end(of height: Int64) -> Timestamp { genesis.adding(seconds: (height + 1) * interval) }

    /// The highest height whose block has ended by `now` (nil before the first block ends).
    public func lastDueHeight(at now: Timestamp) -> Int64? {
        let elapsed = genesis.seconds(until: now)
        guard elapsed >= interval else { return nil }
        return elapsed / interval - 1
    }

    /// When the next block after `lastClosed` ends.
    public func nextEnd(after lastClosed: Int64?) -> Timestamp { end(of: (lastClosed ?? -1) + 1) }

    /// Blocks in `seconds` (a week is 168 blocks at one an hour).
    public func blocks(in seconds: Int64) -> Int64 { max(1, seconds / interval) }
}

/// The emission schedule (SPEC §6): 4,566 IO per block for the first 720 blocks, multiplied by
/// 0.9898 (rounded down to a base unit) every further 720 blocks, until 300,000,000 IO are minted.
public struct EmissionSchedule: Sendable, Hashable {
    public var initial = Amount(io: 4_566)
    public var epochLength: Int64 = 720
    /// The decay factor 0.9898 as 9898 / 10000.
    public var decayNumerator: Int64 = 9_898
    public var decayDenominator: Int64 = 10_000
    public var cap = Amount(io: 300_000_000)
    /// The enterprise pool's share: 95%; the community pool gets the rest.
    public var enterpriseShare = BasisPoints(9_500)

    public init() {}

    /// The scheduled emission of a height before the cap.
    public func scheduled(height: Int64) -> Amount {
        var amount = initial
        for _ in 0..<(height / epochLength) {
            amount = (try? amount.scaled(by: decayNumerator, over: decayDenominator)) ?? .zero
        }
        return amount
    }

    /// The emission of a height given what has been minted before it: never past the cap.
    public func emission(height: Int64, mintedBefore: Amount) -> Amount {
        let room = Amount(baseUnits: max(0, cap.baseUnits - mintedBefore.baseUnits))
        return Amount.min(scheduled(height: height), room)
    }

    /// The emission split into pools: enterprise floor(95%), community the rest.
    public func pools(_ emission: Amount) -> [RewardPool: Amount] {
        let enterprise = (try? emission.share(enterpriseShare)) ?? .zero
        return [.enterprise: enterprise, .community: Amount(baseUnits: emission.baseUnits - enterprise.baseUnits)]
    }
}

/// A closed block (SPEC §6).
public struct Block: Sendable, Hashable {
    public let height: Int64
    public let start: Timestamp
    public let end: Timestamp
    public let emission: Amount
    /// Paid to devices, per pool.
    public let paid: [RewardPool: Amount]
    /// Carried into the next block, per pool.
    public let carry: [RewardPool: Amount]
    /// What each pool shared among its eligible devices (this block's part of the emission and
    /// the carry): a device's reward is floor(shared × score / eligible score). Empty for
    /// blocks closed before it was recorded (their device rewards were stored as amounts).
    public let shared: [RewardPool: Amount]
    public let eligibleDevices: Int
    /// Σ score (multiplier in hundredths × processors) of the eligible devices, per pool.
    public let eligibleScore: [RewardPool: Int64]
    public let closedAt: Timestamp

    public init(height: Int64, start: Timestamp, end: Timestamp, emission: Amount, paid: [RewardPool: Amount],
                carry: [RewardPool: Amount], shared: [RewardPool: Amount] = [:], eligibleDevices: Int,
                eligibleScore: [RewardPool: Int64], closedAt: Timestamp) {
        self.height = height
        self.start = start
        self.end = end
        self.emission = emission
        self.paid = paid
        self.carry = carry
        self.shared = shared
        self.eligibleDevices = eligibleDevices
        self.eligibleScore = eligibleScore
        self.closedAt = closedAt
    }

    /// The shared amounts as stored per pool; none for a block closed before they were recorded.
    public static func shared(_ enterprise: Int64?, _ community: Int64?) -> [RewardPool: Amount] {
        guard let enterprise, let community else { return [:] }
        return [.enterprise: Amount(baseUnits: enterprise), .community: Amount(baseUnits: community)]
    }

    public var totalPaid: Amount { Amount(baseUnits: paid.values.reduce(0) { $0 + $1.baseUnits }) }
    public var totalCarry: Amount { Amount(baseUnits: carry.values.reduce(0) { $0 + $1.baseUnits }) }
}
