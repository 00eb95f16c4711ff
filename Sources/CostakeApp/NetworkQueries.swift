import CostakeCore
import CostakeStorage

/// Read-side questions answered from the store with the core's rules: reward estimates,
/// reward history and the network statistics.
public struct NetworkQueries: Sendable {
    public let store: any CostakeStore
    public let schedule: BlockSchedule
    public let emission: EmissionSchedule
    public let rules: NetworkRules

    public init(store: any CostakeStore, schedule: BlockSchedule, emission: EmissionSchedule = EmissionSchedule(),
                rules: NetworkRules = NetworkRules()) {
        self.store = store
        self.schedule = schedule
        self.emission = emission
        self.rules = rules
    }

    /// Blocks in 7 days at this network's interval.
    public var blocksPerWeek: Int64 { schedule.blocks(in: 7 * 86_400) }

    /// The estimate of an offer (SPEC §6; `RewardEstimate.formula`).
    public func estimate(_ offer: Offer) async throws -> RewardEstimate {
        guard let device = try await store.device(offer.deviceID) else { throw CostakeError(.deviceNotFound, "No device \(offer.deviceID).") }
        return try await estimate(offer, device: device)
    }

    /// The estimate of `offer` on `device` as already read (a marketplace page has it).
    public func estimate(_ offer: Offer, device: Device) async throws -> RewardEstimate {
        let perBlock = try await deviceRewardPerBlock(device)
        return RewardEstimate.make(deviceRewardPerBlock: perBlock, rewardShare: offer.rewardShare,
                                   requested: offer.requestedAmount, blocksPerWeek: blocksPerWeek)
    }

    /// The device's average reward per block over the last 7 days, or its expected share, as
    /// of the last block close (kept on the device, so that the marketplace sorts by it too).
    public func deviceRewardPerBlock(_ device: Device) async throws -> Amount {
        device.rewardBasis
    }

    /// A device's rewards per day for blocks ending in `[from, to)`.
    public func deviceDaily(_ device: DeviceID, from: Timestamp, to: Timestamp) async throws -> [DailyReward] {
        RewardHistory.daily(try await store.deviceBlocks(device, from: from, to: to))
    }

    /// An account's rewards per day (as owner and as co-staker) for blocks ending in `[from, to)`.
    public func accountDaily(_ account: Address, from: Timestamp, to: Timestamp) async throws -> [DailyReward] {
        RewardHistory.daily(try await store.accountBlocks(account, from: from, to: to), account: account)
    }

    /// Net staked, in cooling, devices with full stake and co-staking totals.
    public func stats() async throws -> NetworkStats {
        let totals = try await store.stakeTotals()
        func sum(_ pairs: [(PositionRole, PositionState)]) -> Amount {
            Amount(baseUnits: pairs.reduce(0) { $0 + (totals.byState[$1.0]?[$1.1]?.baseUnits ?? 0) })
        }
        let full = totals.devices.filter { sum in
            guard let model = rules.models.model(named: sum.model) else { return false }
            return sum.counted >= rules.models.requirement(for: model, processors: sum.processors)
        }.count
        return NetworkStats(
            netStaked: sum([(.owner, .active), (.coStaker, .active), (.coStaker, .waiting)]),
            stakedInCooling: sum([(.owner, .cooling), (.coStaker, .cooling)]),
            withdrawable: sum([(.owner, .withdrawable), (.coStaker, .withdrawable)]),
            devices: totals.devices.count, devicesWithFullStake: full, openOffers: totals.openOffers,
            activeCoStakes: totals.positionsByState[.coStaker]?[.active] ?? 0,
            coStaked: sum([(.coStaker, .active)]))
    }
}
