/// The numbers of SPEC §3–§5 and §9 as configuration, with the published defaults.
public struct NetworkRules: Sendable {
    public var models: ModelTable = .standard
    public var periods = StakingPeriods()
    /// A co-staker holds at most this many `active` or `waiting` positions: 2.
    public var claimCap = 2
    /// An offer may request at most this share of the device's requirement: 50%.
    public var maxRequestedShare = BasisPoints(5_000)
    /// An offer shares at least 5% of the rewards (and at most 100%).
    public var minRewardShareBps = 500
    /// A signed message may expire at most 10 minutes after the network's now.
    public var maxExpirySeconds: Int64 = 600
    /// The owner may appeal a slash for 30 days.
    public var appealWindowSeconds: Int64 = Slash.appealWindowSeconds

    public init() {}

    /// The device's minimum stake for block rewards.
    public func requirement(of device: Device) -> Amount {
        guard let model = models.model(named: device.model) else { return Amount(baseUnits: .max) }
        return models.requirement(for: model, processors: device.processors)
    }

    public func model(of device: Device) -> DeviceModel? { models.model(named: device.model) }
}
