import Foundation

/// SplitMix64: a small seeded generator. The same seed gives the same values, so the same
/// seed builds the same demo network and the same identifiers (`SeededIdentifiers`), and a
/// failing simulation or property test can be replayed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a well-spread hash of one word.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A hash of two words: the same inputs always give the same value.
    public static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 { mix(mix(a) ^ (b &* 0x9E37_79B9_7F4A_7C15)) }

    /// A number in 0..<bound.
    public mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    /// 32 bytes for a key seed.
    public mutating func bytes32() -> [UInt8] { (0..<4).flatMap { _ in withUnsafeBytes(of: next().bigEndian, Array.init) } }

    /// A version-4 UUID from the next two words.
    public mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = withUnsafeBytes(of: a.bigEndian, Array.init) + withUnsafeBytes(of: b.bigEndian, Array.init)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
