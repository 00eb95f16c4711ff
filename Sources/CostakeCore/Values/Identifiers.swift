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
        guard let uuid = UUIDText.parse(text) else {
            throw CostakeError(.malformed, "\(field) must be a UUID such as 3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b, not \"\(text.prefix(64))\"")
        }
        self.init(uuid: uuid)
    }

    /// The identifier whose lower- or upper-case UUID text is `utf8`; nil when it is not one.
    public init?(utf8: UnsafeRawBufferPointer) {
        guard let uuid = UUIDText.parse(utf8.assumingMemoryBound(to: UInt8.self)) else { return nil }
        self.init(uuid: uuid)
    }

    public var description: String { UUIDText.format(uuid) }
    /// The order of the lower-case text (fixed-width hex, dashes at fixed places), computed on
    /// the 16 bytes as two big-endian words instead of formatting both texts: block close
    /// sorts a million of them.
    public static func < (lhs: Self, rhs: Self) -> Bool { UUIDText.words(lhs.uuid) < UUIDText.words(rhs.uuid) }

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

/// Fast UUID text: lower-case formatting and parsing without Foundation's scanf-based code
/// (identifiers are formatted and parsed for every row read and written).
enum UUIDText {
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// The 16 bytes as two big-endian words: ordered as the text is.
    static func words(_ uuid: UUID) -> (UInt64, UInt64) {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            (UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    static func format(_ uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var out = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[out] = UInt8(ascii: "-")
                        out += 1
                    }
                    buffer[out] = hexDigits[Int(bytes[index] >> 4)]
                    buffer[out + 1] = hexDigits[Int(bytes[index] & 0x0F)]
                    out += 2
                }
                return 36
            }
        }
    }

    static func parse(_ text: String) -> UUID? {
        var utf8 = text.utf8
        guard utf8.count == 36 else { return nil }
        return utf8.withContiguousStorageIfAvailable(parse) ?? {
            var copy = text
            copy.makeContiguousUTF8()
            utf8 = copy.utf8
            return utf8.withContiguousStorageIfAvailable(parse) ?? nil
        }()
    }

    /// The UUID of 36 characters of text, read into its 16 bytes in place (a block close
    /// parses some four million ids: no array is allocated for each).
    static func parse(_ chars: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard chars.count == 36 else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &uuid) { bytes -> Bool in
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    guard chars[position] == UInt8(ascii: "-") else { return false }
                    position += 1
                }
                guard let high = nibble(chars[position]), let low = nibble(chars[position + 1]) else { return false }
                bytes[index] = high << 4 | low
                position += 2
            }
            return true
        }
        return parsed ? UUID(uuid: uuid) : nil
    }

    static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case 48...57: return char - 48
        case 97...102: return char - 87
        case 65...70: return char - 55
        default: return nil
        }
    }
}
