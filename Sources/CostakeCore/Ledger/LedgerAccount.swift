/// An account of the double-entry ledger. Entity accounts mirror a field of an entity
/// (an account's available balance, a position's principal or unclaimed rewards, a slash's
/// escrow); system accounts are the network's own. Every journal entry's postings sum to zero,
/// so the sources (`deposits`, `emission`) carry the negative of what entered the system.
public enum LedgerAccount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An account's spendable balance.
    case available(Address)
    /// A position's principal.
    case principal(PositionID)
    /// A position's unclaimed rewards.
    case rewards(PositionID)
    /// A slash's escrow.
    case escrow(SlashID)
    /// Tokens that entered the system through operator deposits (a source: never positive).
    case deposits
    /// Tokens minted by block emission (a source: never positive).
    case emission
    /// Emission carried into the next block of a pool.
    case carry(RewardPool)
    /// Rewards that closed blocks paid to active positions and that are not yet settled into
    /// them (`RewardAccrual`): its balance is what the positions have pending, exactly.
    case accrued
    /// Slashed tokens destroyed.
    case burned

    /// The stable text key written in postings and hashed into the journal.
    public var key: String {
        switch self {
        case .available(let address): return "available:\(address)"
        case .principal(let id): return "principal:\(id)"
        case .rewards(let id): return "rewards:\(id)"
        case .escrow(let id): return "escrow:\(id)"
        case .deposits: return "deposits"
        case .emission: return "emission"
        case .carry(let pool): return "carry:\(pool.rawValue)"
        case .accrued: return "accrued"
        case .burned: return "burned"
        }
    }

    public var description: String { key }

    /// Parses a posting's key; `nil` when it names no account.
    public init?(key: String) {
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("deposits", 1): self = .deposits
        case ("emission", 1): self = .emission
        case ("burned", 1): self = .burned
        case ("accrued", 1): self = .accrued
        case ("carry", 2): guard let pool = RewardPool(rawValue: parts[1]) else { return nil }; self = .carry(pool)
        case ("available", 2): guard let address = try? Address(parts[1]) else { return nil }; self = .available(address)
        case ("principal", 2): guard let id = try? PositionID(text: parts[1], field: "position_id") else { return nil }; self = .principal(id)
        case ("rewards", 2): guard let id = try? PositionID(text: parts[1], field: "position_id") else { return nil }; self = .rewards(id)
        case ("escrow", 2): guard let id = try? SlashID(text: parts[1], field: "slash_id") else { return nil }; self = .escrow(id)
        default: return nil
        }
    }

    /// Sources go negative as tokens enter; every other account must stay at or above zero.
    public var isSource: Bool { self == .deposits || self == .emission }


    public static func < (lhs: LedgerAccount, rhs: LedgerAccount) -> Bool { lhs.key < rhs.key }
}

/// One leg of a journal entry: a signed change to one ledger account.
public struct Posting: Sendable, Hashable {
    public let account: LedgerAccount
    public let delta: Int64

    public init(_ account: LedgerAccount, _ delta: Int64) {
        self.account = account
        self.delta = delta
    }
}
