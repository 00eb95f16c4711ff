/// Where an offer is in its life.
public enum OfferStatus: String, Sendable, Codable, CaseIterable {
    case open, active, closed

    /// Open or taken: at most one such offer per device.
    public var isLive: Bool { self != .closed }
}

/// Why an offer closed.
public enum OfferClosedReason: String, Sendable, Codable, CaseIterable {
    case retracted
    case coStakerLeft = "co_staker_left"
    case ownerUnstaked = "owner_unstaked"
    case deviceTerminated = "device_terminated"
}

/// An owner's published terms for a co-staker (SPEC §5). Its id is also its shareable link.
public struct Offer: Sendable, Hashable, Identifiable {
    public let id: OfferID
    public let deviceID: DeviceID
    public let requestedAmount: Amount
    public let rewardShare: BasisPoints
    public var status: OfferStatus
    public var closedReason: OfferClosedReason?
    public let createdAt: Timestamp
    public var takenAt: Timestamp?
    public var closedAt: Timestamp?
    /// The co-staker position that took the offer.
    public var positionID: PositionID?

    public init(id: OfferID, deviceID: DeviceID, requestedAmount: Amount, rewardShare: BasisPoints,
                status: OfferStatus = .open, closedReason: OfferClosedReason? = nil, createdAt: Timestamp,
                takenAt: Timestamp? = nil, closedAt: Timestamp? = nil, positionID: PositionID? = nil) {
        self.id = id
        self.deviceID = deviceID
        self.requestedAmount = requestedAmount
        self.rewardShare = rewardShare
        self.status = status
        self.closedReason = closedReason
        self.createdAt = createdAt
        self.takenAt = takenAt
        self.closedAt = closedAt
        self.positionID = positionID
    }

    /// A co-staker takes the open offer.
    public mutating func take(by position: PositionID, at now: Timestamp) throws(CostakeError) {
        try requireOpen("taken")
        status = .active
        takenAt = now
        positionID = position
    }

    /// The owner withdraws the offer from the marketplace while nobody has taken it.
    public mutating func retract(at now: Timestamp) throws(CostakeError) {
        try requireOpen("retracted")
        close(.retracted, at: now)
    }

    /// Ends the offer for `reason`.
    public mutating func close(_ reason: OfferClosedReason, at now: Timestamp) {
        guard status != .closed else { return }
        status = .closed
        closedReason = reason
        closedAt = now
    }

    func requireOpen(_ verb: String) throws(CostakeError) {
        guard status == .open else {
            let why = status == .active ? "it has already been taken" : "it is closed (\(closedReason?.rawValue ?? "closed"))"
            throw CostakeError(.offerNotOpen, "Offer \(id) cannot be \(verb): \(why).")
        }
    }
}
