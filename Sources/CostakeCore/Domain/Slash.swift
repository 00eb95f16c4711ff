/// Where a slash is in its life (SPEC §8).
public enum SlashState: String, Sendable, Codable, CaseIterable {
    /// Escrowed; the owner may appeal until the window ends.
    case pending
    /// The owner appealed; the operator has not ruled yet.
    case appealed
    /// The operator upheld it: the escrow was burned.
    case upheld
    /// The operator overturned it: the escrow went back to the positions it came from.
    case overturned
    /// Nobody appealed within the window: the escrow was burned at the next block close.
    case burned
}

/// A penalty taken from every slashable position on a device and held in escrow.
public struct Slash: Sendable, Hashable, Identifiable {
    public let id: SlashID
    public let deviceID: DeviceID
    public let principalShare: BasisPoints
    public let rewardsShare: BasisPoints
    public let reason: String
    public var state: SlashState
    public let createdAt: Timestamp
    public let appealDeadline: Timestamp
    /// Everything taken (principal and rewards): the balance of the slash's escrow account.
    public var escrowed: Amount
    public var appealedAt: Timestamp?
    public var resolvedAt: Timestamp?

    /// The appeal window: 30 days.
    public static let appealWindowSeconds: Int64 = 30 * 86_400

    public init(id: SlashID, deviceID: DeviceID, principalShare: BasisPoints, rewardsShare: BasisPoints,
                reason: String, state: SlashState = .pending, createdAt: Timestamp, appealDeadline: Timestamp,
                escrowed: Amount, appealedAt: Timestamp? = nil, resolvedAt: Timestamp? = nil) {
        self.id = id
        self.deviceID = deviceID
        self.principalShare = principalShare
        self.rewardsShare = rewardsShare
        self.reason = reason
        self.state = state
        self.createdAt = createdAt
        self.appealDeadline = appealDeadline
        self.escrowed = escrowed
        self.appealedAt = appealedAt
        self.resolvedAt = resolvedAt
    }

    /// The owner contests the slash; only while pending and before the deadline.
    public mutating func appeal(at now: Timestamp) throws(CostakeError) {
        guard state == .pending else {
            throw CostakeError(.appealClosed, "Slash \(id) is \(state.rawValue); only a pending slash can be appealed.")
        }
        guard now < appealDeadline else {
            throw CostakeError(.appealClosed, "The appeal window of slash \(id) closed at \(appealDeadline).")
        }
        state = .appealed
        appealedAt = now
    }
}
