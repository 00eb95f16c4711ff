import Foundation

/// An identifier made of a UUID, written on the wire in lower case.
public protocol UUIDIdentifier: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    var uuid: UUID { get }
    init(uuid: UUID)
    /// The word used in error messages ("device", "offer", ...).
    static var noun: String { get }
}

extension UUIDIdentifier {
    /// Parses the lower- or upper-case UUID text, or throws `malformed` naming the field.
    public init(text: String, field: String) throws(CostakeError) {
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else {
            throw CostakeError(.malformed, "\(field) must be a UUID such as 3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b, not \"\(text.prefix(64))\"")
        }
        self.init(uuid: uuid)
    }

    public var description: String { uuid.uuidString.lowercased() }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text: text, field: Self.noun + "_id")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A device's identifier.
public struct DeviceID: UUIDIdentifier {
    public let uuid: UUID
    public init(uuid: UUID) { self.uuid = uuid }
    public static let noun = "device"
}

/// A co-staking offer's identifier (also its shareable link).
public struct OfferID: UUIDIdentifier {
    public let uuid: UUID
    public init(uuid: UUID) { self.uuid = uuid }
    public static let noun = "offer"
}

/// A position's identifier.
public struct PositionID: UUIDIdentifier {
    public let uuid: UUID
    public init(uuid: UUID) { self.uuid = uuid }
    public static let noun = "position"
}

/// A slash's identifier.
public struct SlashID: UUIDIdentifier {
    public let uuid: UUID
    public init(uuid: UUID) { self.uuid = uuid }
    public static let noun = "slash"
}

/// Where new identifiers come from: random in production, seeded in tests and simulations.
public struct IdentifierSource: Sendable {
    private let next: @Sendable () -> UUID

    public init(_ next: @escaping @Sendable () -> UUID) { self.next = next }

    /// Random version-4 UUIDs.
    public static let random = IdentifierSource { UUID() }

    public func make<ID: UUIDIdentifier>(_: ID.Type = ID.self) -> ID { ID(uuid: next()) }

    /// A new UUID as lower-case text.
    public func text() -> String { next().uuidString.lowercased() }
}
