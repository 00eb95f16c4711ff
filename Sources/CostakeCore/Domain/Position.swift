/// Whose side of a device a position is on.
public enum PositionRole: String, Sendable, Codable, CaseIterable {
    case owner
    case coStaker = "co_staker"
}

/// The lifecycle of a position (SPEC §4).
public enum PositionState: String, Sendable, Codable, CaseIterable {
    case active, waiting, cooling, withdrawable, withdrawn

    /// Counts toward the device's requirement.
    public var counts: Bool { self == .active || self == .waiting }
    /// Occupies one of the co-staker's claim slots.
    public var holdsClaimSlot: Bool { self == .active || self == .waiting }
    /// Can be slashed (SPEC §8).
    public var slashable: Bool { self == .active || self == .waiting || self == .cooling }
}

/// One account's stake on one device (SPEC §4). `amount` is the principal still held: it
/// always equals the balance of the position's principal ledger account.
public struct Position: Sendable, Hashable, Identifiable {
    public let id: PositionID
    public let deviceID: DeviceID
    public let staker: Address
    public let role: PositionRole
    public var amount: Amount
    public var state: PositionState
    public let createdAt: Timestamp
    public var waitingEndsAt: Timestamp?
    public var coolingEndsAt: Timestamp?
    public var unclaimedRewards: Amount
    public var lifetimeRewards: Amount
    /// The last closed block whose rewards `unclaimedRewards` and `lifetimeRewards` include (-1
    /// before the first): what it earned after is pending in the `accrued` account until it is
    /// settled (`RewardAccrual`).
    public var rewardsThrough: Int64
    /// The offer a co-staker position took.
    public let offerID: OfferID?

    public init(id: PositionID, deviceID: DeviceID, staker: Address, role: PositionRole, amount: Amount,
                state: PositionState = .active, createdAt: Timestamp, waitingEndsAt: Timestamp? = nil,
                coolingEndsAt: Timestamp? = nil, unclaimedRewards: Amount = .zero,
                lifetimeRewards: Amount = .zero, rewardsThrough: Int64 = -1, offerID: OfferID? = nil) {
        self.id = id
        self.deviceID = deviceID
        self.staker = staker
        self.role = role
        self.amount = amount
        self.state = state
        self.createdAt = createdAt
        self.waitingEndsAt = waitingEndsAt
        self.coolingEndsAt = coolingEndsAt
        self.unclaimedRewards = unclaimedRewards
        self.lifetimeRewards = lifetimeRewards
        self.rewardsThrough = rewardsThrough
        self.offerID = offerID
    }

    /// When the position next moves by itself (end of waiting or cooling), if it will.
    public var nextTransitionAt: Timestamp? {
        switch state {
        case .waiting: return waitingEndsAt
        case .cooling: return coolingEndsAt
        default: return nil
        }
    }
}
