/// The signed message of SPEC §9: a JSON object with `network`, `type`, `signer`, `nonce`,
/// `expires_at` and the type's parameters at top level. Any other field is `malformed`.
public struct TransactionMessage: Sendable, Hashable {
    /// The exact text that was signed.
    public let text: String
    public let network: String
    public let signer: Address
    public let nonce: String
    public let expiresAt: Timestamp
    public let action: Action

    /// Parses a message's text, rejecting anything that is not exactly the format.
    public init(text: String) throws(CostakeError) {
        guard case .object(let fields) = try JSONValue.parse(text) else {
            throw CostakeError(.malformed, "The message must be a JSON object.")
        }
        var reader = FieldReader(fields: fields)
        let typeName = try reader.string("type")
        guard let type = TransactionType(rawValue: typeName) else {
            let known = TransactionType.allCases.map(\.rawValue).joined(separator: ", ")
            throw CostakeError(.malformed, "Unknown transaction type \"\(typeName.prefix(40))\"; the types are \(known).")
        }
        self.text = text
        self.network = try reader.string("network")
        self.signer = try Address(try reader.string("signer"))
        self.nonce = try reader.string("nonce")
        let expiry = try reader.string("expires_at")
        guard let expiresAt = Timestamp(rfc3339: expiry) else {
            throw CostakeError(.malformed, "expires_at must be an RFC 3339 time such as 2026-11-24T20:10:00Z, not \"\(expiry.prefix(40))\".")
        }
        self.expiresAt = expiresAt
        self.action = try Self.action(type, &reader)
        try reader.rejectUnread(type: typeName)
        try Self.checkNonce(nonce)
    }

    private static func action(_ type: TransactionType, _ reader: inout FieldReader) throws(CostakeError) -> Action {
        switch type {
        case .stake:
            return .stake(device: try reader.id("device_id"), amount: try reader.amount("amount"))
        case .createOffer:
            return .createOffer(device: try reader.id("device_id"), requestedAmount: try reader.amount("requested_amount"),
                                rewardShareBps: try reader.integer("reward_share_bps"))
        case .retractOffer:
            return .retractOffer(offer: try reader.id("offer_id"))
        case .coStake:
            return .coStake(offer: try reader.id("offer_id"), requestedAmount: try reader.amount("requested_amount"),
                            rewardShareBps: try reader.integer("reward_share_bps"))
        case .unstake:
            return .unstake(position: try reader.id("position_id"), amount: try reader.optionalAmount("amount"))
        case .withdraw:
            return .withdraw(position: try reader.id("position_id"))
        case .claimRewards:
            return .claimRewards
        case .appealSlash:
            return .appealSlash(slash: try reader.id("slash_id"))
        }
    }

    /// A nonce is 8–64 characters of `[A-Za-z0-9_-]`.
    public static func checkNonce(_ nonce: String) throws(CostakeError) {
        let allowed = nonce.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95 || byte == 45
        }
        guard (8...64).contains(nonce.utf8.count), allowed else {
            throw CostakeError(.invalidNonce, "A nonce is 8 to 64 characters of A-Z, a-z, 0-9, _ and -; \"\(nonce.prefix(70))\" is not.")
        }
    }

    /// The network id and expiry window (SPEC §9): `expires_at` after `now`, at most
    /// `maxExpirySeconds` ahead.
    public func checkValidity(network expected: String, now: Timestamp, maxExpirySeconds: Int64) throws(CostakeError) {
        guard network == expected else {
            throw CostakeError(.wrongNetwork, "The message is for the network \"\(network.prefix(64))\"; this is \"\(expected)\".")
        }
        guard expiresAt > now else {
            throw CostakeError(.expired, "The message expired at \(expiresAt); it is now \(now). Sign it again.")
        }
        guard now.seconds(until: expiresAt) <= maxExpirySeconds else {
            throw CostakeError(.expiryTooFar, "expires_at may be at most \(maxExpirySeconds / 60) minutes after the network's now (\(now)); it was \(expiresAt).")
        }
    }
}

/// Reads typed fields from a JSON object and remembers which were read, so that the rest can
/// be refused as unknown.
struct FieldReader {
    let fields: [String: JSONValue]
    var read: Set<String> = []

    mutating func value(_ name: String) throws(CostakeError) -> JSONValue {
        guard let value = fields[name] else { throw CostakeError(.malformed, "The field \(name) is missing.") }
        read.insert(name)
        return value
    }

    mutating func string(_ name: String) throws(CostakeError) -> String {
        guard case .string(let text) = try value(name) else {
            throw CostakeError(.malformed, "The field \(name) must be a string.")
        }
        return text
    }

    mutating func id<ID: UUIDIdentifier>(_ name: String) throws(CostakeError) -> ID {
        try ID(text: try string(name), field: name)
    }

    mutating func amount(_ name: String) throws(CostakeError) -> Amount {
        guard case .string(let text) = try value(name) else {
            throw CostakeError(.invalidAmount, "The field \(name) must be a string of decimal IO such as \"2000\" or \"25.2\".")
        }
        return try Amount(wire: text)
    }

    mutating func optionalAmount(_ name: String) throws(CostakeError) -> Amount? {
        fields[name] == nil ? nil : try amount(name)
    }

    mutating func integer(_ name: String) throws(CostakeError) -> Int {
        guard case .number(let literal) = try value(name), let number = Int(literal), literal.count <= 12 else {
            throw CostakeError(.malformed, "The field \(name) must be a whole number.")
        }
        return number
    }

    func rejectUnread(type: String) throws(CostakeError) {
        let unknown = Set(fields.keys).subtracting(read).sorted()
        guard unknown.isEmpty else {
            throw CostakeError(.malformed, "Unknown field\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", ")) in a \(type) message.")
        }
    }
}
