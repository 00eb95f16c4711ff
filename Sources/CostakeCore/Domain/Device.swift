/// A device's operating status as the operator reports it.
public enum DeviceStatus: String, Sendable, Codable, CaseIterable {
    case up, down, paused, blocked, terminated, unsupported
}

/// A compute device registered to an owner (SPEC §3).
public struct Device: Sendable, Hashable, Identifiable {
    public let id: DeviceID
    public var name: String
    public let owner: Address
    public let model: String
    public let processors: Int
    public var status: DeviceStatus
    public var hired: Bool
    public let registeredAt: Timestamp
    /// The device's reward per block R̄ behind its offer's estimate (SPEC §6), as of the last
    /// block close: its 7-day average, or its expected share with less history.
    public var rewardBasis: Amount

    public static let processorRange = 1...64

    public init(id: DeviceID, name: String, owner: Address, model: String, processors: Int,
                status: DeviceStatus = .down, hired: Bool = false, registeredAt: Timestamp, rewardBasis: Amount = .zero) {
        self.id = id
        self.name = name
        self.owner = owner
        self.model = model
        self.processors = processors
        self.status = status
        self.hired = hired
        self.registeredAt = registeredAt
        self.rewardBasis = rewardBasis
    }

    public var isTerminated: Bool { status == .terminated }
}

/// An account's spendable balance (its other holdings are its positions).
public struct Account: Sendable, Hashable {
    public let address: Address
    public var available: Amount
    /// When the demo faucet last paid this account.
    public var faucetAt: Timestamp?

    public init(address: Address, available: Amount = .zero, faucetAt: Timestamp? = nil) {
        self.address = address
        self.available = available
        self.faucetAt = faucetAt
    }
}
