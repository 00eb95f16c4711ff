/// What an offer is expected to earn its co-staker (SPEC §6).
///
/// - The device's reward per block R̄ is its average over the blocks of the last 7 days (zero
///   blocks included); a device with less than 7 days of history uses instead its current
///   expected share of its pool: the last block's pool emission × its score / (Σ score of the
///   pool's eligible devices in that block, plus its own if it was not among them).
/// - per block = floor(R̄ × reward_share_bps / 10000);
/// - per week = per block × blocks per week (168 at one an hour);
/// - APR (bps) = floor(per week × 52 × 10000 / requested amount).
public struct RewardEstimate: Sendable, Hashable {
    public let perBlock: Amount
    public let perWeek: Amount
    public let aprBps: Int64

    public static let formula = "per_block = floor(avg_device_reward_per_block_7d × reward_share_bps / 10000); per_week = per_block × blocks_per_week; apr_bps = floor(per_week × 52 × 10000 / requested_amount). With under 7 days of history avg_device_reward_per_block_7d is the device's current expected share: pool_emission × score / (Σ eligible score in its pool + its own score if not eligible)."

    public init(perBlock: Amount, perWeek: Amount, aprBps: Int64) {
        self.perBlock = perBlock
        self.perWeek = perWeek
        self.aprBps = aprBps
    }

    /// The device's average reward per block: over `history` when it covers `blocksPerWeek`
    /// blocks, else the expected share.
    public static func deviceRewardPerBlock(history: [DeviceBlockRecord], blocksPerWeek: Int64,
                                            expectedShare: Amount) -> Amount {
        guard history.count >= blocksPerWeek, blocksPerWeek > 0 else { return expectedShare }
        let total = history.suffix(Int(blocksPerWeek)).reduce(Int64(0)) { $0 + $1.total.baseUnits }
        return Amount(baseUnits: total / blocksPerWeek)
    }

    /// The device's current expected share of its pool given the last closed block.
    public static func expectedShare(device: Device, model: DeviceModel?, lastBlock: Block?, eligibleLastBlock: Bool,
                                     emission: EmissionSchedule) -> Amount {
        expectedShare(score: Int64(model?.multiplierHundredths ?? 0) * Int64(device.processors), model: model,
                      lastBlock: lastBlock, eligibleLastBlock: eligibleLastBlock,
                      pools: lastBlock.map { emission.pools($0.emission) } ?? [:])
    }

    /// The current expected share of its pool, given the last closed block and what that
    /// block's emission put in each pool (`EmissionSchedule.pools`), of a device of `model`
    /// whose score (multiplier × processors) is `score`.
    public static func expectedShare(score: Int64, model: DeviceModel?, lastBlock: Block?, eligibleLastBlock: Bool,
                                     pools: [RewardPool: Amount]) -> Amount {
        guard let model, model.earns, let pool = model.pool, let block = lastBlock else { return .zero }
        let others = block.eligibleScore[pool] ?? 0
        let total = eligibleLastBlock ? others : others + score
        guard total > 0, let poolEmission = pools[pool] else { return .zero }
        return (try? poolEmission.scaled(by: score, over: total)) ?? .zero
    }

    public static func make(deviceRewardPerBlock: Amount, rewardShare: BasisPoints, requested: Amount,
                            blocksPerWeek: Int64) -> RewardEstimate {
        let perBlock = (try? deviceRewardPerBlock.share(rewardShare)) ?? .zero
        let perWeek = Amount(baseUnits: perBlock.baseUnits * blocksPerWeek)
        let apr = requested.isPositive ? (try? perWeek.scaled(by: 52 * 10_000, over: requested.baseUnits))?.baseUnits ?? 0 : 0
        return RewardEstimate(perBlock: perBlock, perWeek: perWeek, aprBps: apr)
    }
}
