import CostakeCore
import Testing

/// SPEC §1: an address is the base58 text (Bitcoin alphabet, as Solana) of a 32-byte Ed25519 key.
/// Expected texts were computed independently with a big-integer base58 written in Python.
@Suite("Base58 and Address")
struct Base58AddressTests {
    /// One known encoding: bytes given as lower-case hex, and their base58 text.
    struct Vector: Sendable, CustomTestStringConvertible {
        let hex: String
        let text: String
        var bytes: [UInt8] { bytesOf(hex: hex) }
        var testDescription: String { "\(hex.isEmpty ? "(empty)" : hex) ↔ \(text.isEmpty ? "(empty)" : text)" }
    }

    static let vectors: [Vector] = [
        Vector(hex: "", text: ""),
        Vector(hex: "00", text: "1"),
        Vector(hex: "00000001", text: "1112"),
        Vector(hex: "00000100", text: "115R"),
        Vector(hex: "39", text: "z"),
        Vector(hex: "3a", text: "21"),
        Vector(hex: "ff", text: "5Q"),
        Vector(hex: "00ff", text: "15Q"),
        Vector(hex: "68656c6c6f20776f726c64", text: "StV1DL6CwTryKyV"),  // "hello world"
        Vector(hex: String(repeating: "00", count: 32), text: String(repeating: "1", count: 32)),
        Vector(hex: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
               text: "1thX6LZfHDZZKUs92febYZhYRcXddmzfzF2NvTkPNE"),
        Vector(hex: "00000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
               text: "11CiMQsCUhqABwwLyCFeX2iPnBZX3s28dUUCBrirhs"),
        Vector(hex: String(repeating: "01", count: 32), text: "4vJ9JU1bJJE96FWSJKvHsmmFADCg4gpZQff4P3bkLKi"),
        Vector(hex: String(repeating: "ff", count: 32), text: "JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFG"),
        Vector(hex: "00" + String(repeating: "ff", count: 31), text: "14uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofL"),
        Vector(hex: String(repeating: "ff", count: 64),
               text: "67rpwLCuS5DGA8KGZXKsVQ7dnPb9goRLoKfgGbLfQg9WoLUgNY77E2jT11fem3coV9nAkguBACzrU1iyZM4B8roQ"),
    ]

    // MARK: - Base58

    @Test("encodes known vectors", arguments: vectors)
    func encodes(vector: Vector) {
        #expect(Base58.encode(vector.bytes) == vector.text)
    }

    @Test("decodes known vectors, keeping leading zero bytes", arguments: vectors)
    func decodes(vector: Vector) {
        #expect(Base58.decode(vector.text) == vector.bytes)
    }

    @Test("round trips byte strings with leading zeros", arguments: 0...5)
    func roundTripsLeadingZeros(zeros: Int) {
        let bytes = [UInt8](repeating: 0, count: zeros) + [0x01, 0x00, 0xfe, 0x7f, 0x00]
        let text = Base58.encode(bytes)
        #expect(text.prefix { $0 == "1" }.count == zeros)
        #expect(Base58.decode(text) == bytes)
    }

    @Test("characters outside the alphabet do not decode", arguments: [
        "0", "O", "I", "l", " ", "1 1", "abc0", "+", "/", "=", "é",
    ])
    func rejectsCharacters(text: String) {
        #expect(Base58.decode(text) == nil)
    }

    // MARK: - Address

    static let keyOfOnes = [UInt8](repeating: 1, count: 32)
    static let textOfOnes = "4vJ9JU1bJJE96FWSJKvHsmmFADCg4gpZQff4P3bkLKi"

    @Test("an address is the base58 text of a 32-byte key")
    func addressOfKey() throws {
        #expect(Address(publicKey: Self.keyOfOnes).text == Self.textOfOnes)
        let parsed = try Address(Self.textOfOnes)
        #expect(parsed.publicKey == Self.keyOfOnes)
        #expect(parsed.text == Self.textOfOnes)
        #expect(parsed == Address(publicKey: Self.keyOfOnes))
        #expect(parsed.description == Self.textOfOnes)
    }

    @Test("the all-zero key is 32 ones")
    func allZeroKey() throws {
        let zeros = [UInt8](repeating: 0, count: 32)
        #expect(Address(publicKey: zeros).text == "11111111111111111111111111111111")
        #expect(try Address("11111111111111111111111111111111").publicKey == zeros)
    }

    /// The key-of-ones address with one character changed or a space added.
    static let outsideAlphabet: [String] = {
        let rest = String(textOfOnes.dropFirst())
        let head = String(textOfOnes.prefix(20)), tail = String(textOfOnes.dropFirst(21))
        return [
            "0" + rest, "O" + rest, "I" + rest, "l" + rest,             // zero, capital o, capital i, lower-case L
            " " + textOfOnes, textOfOnes + " ", textOfOnes + "\n",     // spaces
            head + " " + String(textOfOnes.dropFirst(20)),
            head + "0" + tail, head + "l" + tail,
            "JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxF_",
        ]
    }()

    @Test("text outside the base58 alphabet is invalid_address", arguments: outsideAlphabet)
    func rejectsAlphabet(text: String) {
        let error = #expect(throws: CostakeError.self) { try Address(text) }
        #expect(error?.code == .invalidAddress)
    }

    @Test("a decoded length other than 32 bytes is invalid_address", arguments: [
        String(repeating: "1", count: 31),                              // 31 zero bytes
        String(repeating: "1", count: 33),                              // 33 zero bytes
        "4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofL",                  // 31 × 0xff
        "2K3n5t4wSaF5mj27Tw9vStXWLWyRjjiH5Cp3CFLpKVCr1c",               // 33 × 0xff
        "2UnsAR89DQdaoNHzNKKaBz4LfdJXpJZZYT2u5NXaufB",                  // 31 bytes, 43 characters
        "",                                                             // 0 bytes
        "1112",                                                         // 4 bytes
    ])
    func rejectsLength(text: String) {
        let error = #expect(throws: CostakeError.self) { try Address(text) }
        #expect(error?.code == .invalidAddress)
    }

    @Test("the decoded lengths of the rejected texts are really 31 and 33")
    func rejectedLengthsAreExact() {
        #expect(Base58.decode("4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofL")?.count == 31)
        #expect(Base58.decode("2K3n5t4wSaF5mj27Tw9vStXWLWyRjjiH5Cp3CFLpKVCr1c")?.count == 33)
        #expect(Base58.decode("2UnsAR89DQdaoNHzNKKaBz4LfdJXpJZZYT2u5NXaufB")?.count == 31)
    }

    @Test("a very long text is invalid_address")
    func rejectsLongText() {
        let error = #expect(throws: CostakeError.self) { try Address(String(repeating: "z", count: 10_000)) }
        #expect(error?.code == .invalidAddress)
    }
}

/// Bytes of lower-case hex text.
private func bytesOf(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { index in
        UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16)!
    }
}
