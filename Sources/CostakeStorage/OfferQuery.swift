import CostakeCore

/// A marketplace query (SPEC §10): filters, one sort key with its order, a page size and the
/// keyset cursor of the previous page (stable under inserts).
public struct OfferQuery: Sendable {
    public enum Sort: String, Sendable, CaseIterable {
        case rewardShare = "reward_share"
        case reliability
        case amount
        case estimatedReward = "estimated_reward"
        case created
    }

    public var model: String?
    public var deviceID: DeviceID?
    public var minAmount: Amount?
    public var maxAmount: Amount?
    public var minReliability: Int?
    public var minRewardShareBps: Int?
    public var status: OfferStatus = .open
    public var sort: Sort = .created
    public var descending = true
    public var limit = 50
    /// The sort value and offer id of the last row of the previous page.
    public var after: (value: Int64, offer: OfferID)?

    public init() {}

}

/// One marketplace row: the offer with what the marketplace shows of its device.
public struct OfferListing: Sendable, Hashable {
    public let offer: Offer
    public let device: Device
    public let reliability: Int?
    public let slashCount: Int
    /// The device's average reward per block over the last week, as stored at the last block
    /// close (the basis of the estimate).
    public let sortValue: Int64

    public init(offer: Offer, device: Device, reliability: Int?, slashCount: Int, sortValue: Int64) {
        self.offer = offer
        self.device = device
        self.reliability = reliability
        self.slashCount = slashCount
        self.sortValue = sortValue
    }
}
