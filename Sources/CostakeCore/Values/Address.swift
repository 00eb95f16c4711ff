/// An account: the base58 text of a 32-byte Ed25519 public key (the Solana convention).
public struct Address: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The canonical base58 text.
    public let text: String

    /// The 32 raw public-key bytes.
    public var publicKey: [UInt8] { Base58.decode(text) ?? [] }

    /// Parses an address; a character outside the base58 alphabet or a decoded length other
    /// than 32 bytes is rejected with `invalid_address`.
    public init(_ text: String) throws(CostakeError) {
        guard text.utf8.count <= 64, let bytes = Base58.decode(text) else {
            throw CostakeError(.invalidAddress, "invalid address \"\(text.prefix(64))\": use the base58 alphabet (no 0, O, I or l)")
        }
        guard bytes.count == 32 else {
            throw CostakeError(.invalidAddress, "invalid address \"\(text)\": it decodes to \(bytes.count) bytes, an Ed25519 public key has 32")
        }
        self.text = text
    }

    /// An address read back from the store, where only validated addresses are ever written.
    public init(stored text: String) { self.text = text }

    /// The address of a 32-byte public key.
    public init(publicKey: [UInt8]) {
        precondition(publicKey.count == 32, "an Ed25519 public key has 32 bytes")
        self.text = Base58.encode(publicKey)
    }

    public var description: String { text }
    public static func < (lhs: Address, rhs: Address) -> Bool { lhs.text < rhs.text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
