/// Rewards summed per UTC day, split into the owner's and the co-staker's shares.
public struct DailyReward: Sendable, Hashable {
    /// The day as `YYYY-MM-DD`.
    public let day: String
    public var ownerReward: Amount
    public var coStakerReward: Amount
    public var blocks: Int

    public var total: Amount { Amount(baseUnits: ownerReward.baseUnits + coStakerReward.baseUnits) }
}

/// Reward history per device and per account, and its CSV form.
public enum RewardHistory {
    /// A device's records summed per day, oldest first.
    public static func daily(_ records: [DeviceBlockRecord]) -> [DailyReward] {
        sumPerDay(records) { ($0.ownerReward, $0.coStakerReward) }
    }

    /// What `account` earned per day from `records` (as owner and as co-staker), oldest first.
    public static func daily(_ records: [DeviceBlockRecord], account: Address) -> [DailyReward] {
        sumPerDay(records) { record in
            (record.owner == account ? record.ownerReward : .zero, record.coStaker == account ? record.coStakerReward : .zero)
        }
    }

    static func sumPerDay(_ records: [DeviceBlockRecord], _ shares: (DeviceBlockRecord) -> (Amount, Amount)) -> [DailyReward] {
        var days: [String: DailyReward] = [:]
        for record in records {
            // A block belongs to the day its last second falls in.
            let day = String(record.end.adding(seconds: -1).rfc3339.prefix(10))
            let (owner, coStaker) = shares(record)
            var entry = days[day] ?? DailyReward(day: day, ownerReward: .zero, coStakerReward: .zero, blocks: 0)
            entry.ownerReward = Amount(baseUnits: entry.ownerReward.baseUnits + owner.baseUnits)
            entry.coStakerReward = Amount(baseUnits: entry.coStakerReward.baseUnits + coStaker.baseUnits)
            entry.blocks += 1
            days[day] = entry
        }
        return days.values.sorted { $0.day < $1.day }
    }

    /// `height,block_end,device_id,owner_reward,co_staker_reward,total,eligible` per block.
    public static func blockCSV(_ records: [DeviceBlockRecord]) -> String {
        var lines = ["height,block_end,device_id,owner_reward,co_staker_reward,total,eligible"]
        for r in records {
            lines.append("\(r.height),\(r.end),\(r.deviceID),\(r.ownerReward),\(r.coStakerReward),\(r.total),\(r.eligible)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `day,owner_reward,co_staker_reward,total,blocks` per day (amounts in IO).
    public static func dailyCSV(_ days: [DailyReward]) -> String {
        var lines = ["day,owner_reward,co_staker_reward,total,blocks"]
        for d in days { lines.append("\(d.day),\(d.ownerReward),\(d.coStakerReward),\(d.total),\(d.blocks)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The staking statistics of `GET /v1/stats` (SPEC §10).
public struct NetworkStats: Sendable, Hashable {
    /// Active and waiting stake (owner and co-staker): what counts toward requirements.
    public var netStaked: Amount
    public var stakedInCooling: Amount
    public var withdrawable: Amount
    public var devices: Int
    /// Devices whose counted stake reaches their requirement.
    public var devicesWithFullStake: Int
    public var openOffers: Int
    public var activeCoStakes: Int
    /// Principal of active co-staker positions.
    public var coStaked: Amount

    public init(netStaked: Amount, stakedInCooling: Amount, withdrawable: Amount, devices: Int, devicesWithFullStake: Int,
                openOffers: Int, activeCoStakes: Int, coStaked: Amount) {
        self.netStaked = netStaked
        self.stakedInCooling = stakedInCooling
        self.withdrawable = withdrawable
        self.devices = devices
        self.devicesWithFullStake = devicesWithFullStake
        self.openOffers = openOffers
        self.activeCoStakes = activeCoStakes
        self.coStaked = coStaked
    }
}

/// Per-device counted stake as the store sums it, for the statistics.
public struct DeviceStakeSum: Sendable, Hashable {
    public let model: String
    public let processors: Int
    public let counted: Amount

    public init(model: String, processors: Int, counted: Amount) {
        self.model = model
        self.processors = processors
        self.counted = counted
    }
}
