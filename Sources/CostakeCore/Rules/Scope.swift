/// What one unit of work needs loaded from the store. The store loads exactly this; the rules
/// decide. Naming an offer, position or slash also loads its device's context.
public struct Scope: Sendable, Hashable {
    /// Accounts whose available balance may move.
    public var accounts: Set<Address> = []
    /// Devices whose whole context is loaded: the device, its non-withdrawn positions and its live offer.
    public var devices: Set<DeviceID> = []
    public var offers: Set<OfferID> = []
    public var positions: Set<PositionID> = []
    public var slashes: Set<SlashID> = []
    /// Stakers whose `active` and `waiting` co-staker positions are all loaded (claim cap).
    public var coStakesOf: Set<Address> = []
    /// Stakers whose positions with unclaimed rewards are all loaded.
    public var rewardsOf: Set<Address> = []
    /// The signer and nonce of a signed transaction, to find an earlier use of the nonce.
    public var nonce: NonceKey?

    public init() {}
}

/// A signer's nonce: unique per signer.
public struct NonceKey: Sendable, Hashable {
    public let signer: Address
    public let nonce: String

    public init(signer: Address, nonce: String) {
        self.signer = signer
        self.nonce = nonce
    }
}

/// A signed transaction that was approved, with the exact response it was answered with.
public struct ApprovedTransaction: Sendable, Hashable {
    public let signature: String
    public let signer: Address
    public let nonce: String
    public let type: String
    /// The signed message text, byte for byte.
    public let message: String
    /// The response body sent, returned again unchanged on replay.
    public let response: String
    public let at: Timestamp

    public init(signature: String, signer: Address, nonce: String, type: String, message: String,
                response: String, at: Timestamp) {
        self.signature = signature
        self.signer = signer
        self.nonce = nonce
        self.type = type
        self.message = message
        self.response = response
        self.at = at
    }
}

/// What the store loaded for a scope.
public struct Snapshot: Sendable {
    public var accounts: [Address: Account] = [:]
    public var devices: [DeviceID: Device] = [:]
    public var positions: [PositionID: Position] = [:]
    public var offers: [OfferID: Offer] = [:]
    public var slashes: [SlashID: Slash] = [:]
    /// System ledger balances (deposits, emission, carry, burned) the work may need.
    public var systemBalances: [LedgerAccount: Int64] = [:]
    /// The approved transaction that already used the scope's nonce, if any.
    public var priorUse: ApprovedTransaction?
    /// The scope it was loaded for, so that the rules can check they see everything they count.
    public var scope: Scope

    public init(scope: Scope) { self.scope = scope }
}
