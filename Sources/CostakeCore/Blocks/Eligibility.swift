/// The eligibility checklist of a device for one block (SPEC §6), each check with its result.
public struct Eligibility: Sendable, Hashable {
    /// Status `up` at the block's end (and reported within 15 minutes of it).
    public let statusUp: Bool
    /// The model's multiplier is above 0.
    public let earns: Bool
    /// Up without interruption for at least 5 hours at the block's end.
    public let upFiveHours: Bool
    /// A proof-of-work check passed during the block, or the device is hired (exempt).
    public let powOrHired: Bool
    /// Counted stake ≥ requirement.
    public let sufficient: Bool

    /// Five hours of continuous uptime.
    public static let requiredUpSeconds: Int64 = 5 * 3_600

    public var isEligible: Bool { statusUp && earns && upFiveHours && powOrHired && sufficient }

    /// The checks in the order they are shown, by wire name.
    public var checks: [(name: String, passed: Bool)] {
        [("status_up", statusUp), ("model_earns", earns), ("up_5_hours", upFiveHours),
         ("pow_or_hired", powOrHired), ("sufficient_stake", sufficient)]
    }

    public static func evaluate(device: Device, model: DeviceModel?, telemetry: DeviceTelemetry?, stake: StakeStatus,
                                start: Timestamp, end: Timestamp) -> Eligibility {
        let upAtEnd = device.status == .up && (telemetry?.isUp(at: end) ?? false)
        let powInBlock = telemetry?.lastPowAt.map { $0 >= start && $0 < end } ?? false
        return Eligibility(
            statusUp: upAtEnd,
            earns: model?.earns ?? false,
            upFiveHours: (telemetry?.continuousUpSeconds(at: end) ?? 0) >= requiredUpSeconds,
            powOrHired: powInBlock || device.hired,
            sufficient: stake.isSufficient
        )
    }
}

/// What one device got from one block: the history behind charts, estimates and CSV exports.
public struct DeviceBlockRecord: Sendable, Hashable {
    public let height: Int64
    public let deviceID: DeviceID
    public let end: Timestamp
    public let owner: Address
    public let ownerReward: Amount
    public let coStaker: Address?
    public let coStakerReward: Amount
    public let sufficient: Bool
    public let eligible: Bool
    /// The device's reliability score as recomputed at this block.
    public var reliability: Int?

    public init(height: Int64, deviceID: DeviceID, end: Timestamp, owner: Address, ownerReward: Amount,
                coStaker: Address?, coStakerReward: Amount, sufficient: Bool, eligible: Bool, reliability: Int? = nil) {
        self.height = height
        self.deviceID = deviceID
        self.end = end
        self.owner = owner
        self.ownerReward = ownerReward
        self.coStaker = coStaker
        self.coStakerReward = coStakerReward
        self.sufficient = sufficient
        self.eligible = eligible
        self.reliability = reliability
    }

    public var total: Amount { Amount(baseUnits: ownerReward.baseUnits + coStakerReward.baseUnits) }
}
