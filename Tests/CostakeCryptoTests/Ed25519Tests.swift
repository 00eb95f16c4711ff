import CostakeCore
import CostakeCrypto
import Testing

/// RFC 8032 §7.1 test vectors (cross-checked with Python's `cryptography`), signature checks of
/// SPEC §9, and the journal's SHA-256 chaining.
@Suite("Ed25519 and hashing")
struct Ed25519Tests {
    /// One RFC 8032 vector, as hex.
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let secretKey: String
        let publicKey: String
        let message: String
        let signature: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(name: "TEST 1",
               secretKey: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
               publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
               message: "",
               signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                   + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Vector(name: "TEST 2",
               secretKey: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
               publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
               message: "72",
               signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                   + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Vector(name: "TEST 3",
               secretKey: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
               publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
               message: "af82",
               signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                   + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        Vector(name: "TEST SHA(abc)",
               secretKey: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
               publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
               message: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                   + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
               signature: "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                   + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"),
    ]

    // MARK: - RFC 8032 vectors

    @Test("the public key is derived from the secret seed", arguments: vectors)
    func derivesPublicKey(vector: Vector) throws {
        let keypair = try Keypair(seed: bytes(vector.secretKey))
        #expect(keypair.publicKey == bytes(vector.publicKey))
        #expect(keypair.seed == bytes(vector.secretKey))
        #expect(keypair.address == Address(publicKey: bytes(vector.publicKey)))
    }

    @Test("signing gives the vector's signature", arguments: vectors)
    func signs(vector: Vector) throws {
        let keypair = try Keypair(seed: bytes(vector.secretKey))
        #expect(keypair.sign(bytes(vector.message)) == bytes(vector.signature))
    }

    @Test("the vector's signature verifies", arguments: vectors)
    func verifies(vector: Vector) {
        #expect(SignatureCheck.isValid(signature: bytes(vector.signature), message: bytes(vector.message),
                                       publicKey: bytes(vector.publicKey)))
    }

    @Test("a flipped bit in the signature fails", arguments: vectors, [0, 7, 31, 32, 63])
    func flippedSignatureBit(vector: Vector, byte: Int) {
        var signature = bytes(vector.signature)
        signature[byte] ^= 0x01
        #expect(!SignatureCheck.isValid(signature: signature, message: bytes(vector.message), publicKey: bytes(vector.publicKey)))
    }

    @Test("a flipped bit in the message fails", arguments: vectors)
    func flippedMessageBit(vector: Vector) {
        var message = bytes(vector.message)
        if message.isEmpty { message = [0x00] } else { message[message.count - 1] ^= 0x80 }
        #expect(!SignatureCheck.isValid(signature: bytes(vector.signature), message: message, publicKey: bytes(vector.publicKey)))
    }

    @Test("another vector's key does not verify", arguments: vectors)
    func wrongKey(vector: Vector) {
        let other = Self.vectors.first { $0.name != vector.name }!
        #expect(!SignatureCheck.isValid(signature: bytes(vector.signature), message: bytes(vector.message),
                                        publicKey: bytes(other.publicKey)))
    }

    @Test("signatures that are not 64 bytes are not valid", arguments: [0, 63, 65, 128])
    func wrongSignatureLength(length: Int) {
        let vector = Self.vectors[1]
        let signature = Array((bytes(vector.signature) + bytes(vector.signature)).prefix(length))
        #expect(!SignatureCheck.isValid(signature: signature, message: bytes(vector.message), publicKey: bytes(vector.publicKey)))
    }

    // MARK: - SignatureCheck.verify (SPEC §9)

    static let text = #"{"network":"costake-test","type":"claim_rewards"}"#

    @Test("a good base58 signature verifies and is returned as bytes")
    func verifyAccepts() throws {
        let keypair = try Keypair(seed: [UInt8](repeating: 0x42, count: 32))
        let base58 = keypair.signBase58(Self.text)
        #expect(Base58.decode(base58)?.count == 64)
        let signature = try SignatureCheck.verify(base58Signature: base58, text: Self.text, signer: keypair.address)
        #expect(signature == keypair.sign(Array(Self.text.utf8)))
    }

    @Test("verify throws invalid_signature", arguments: VerifyFailure.allCases)
    func verifyRejects(failure: VerifyFailure) throws {
        let keypair = try Keypair(seed: [UInt8](repeating: 0x42, count: 32))
        let other = try Keypair(seed: [UInt8](repeating: 0x43, count: 32))
        let signature = keypair.sign(Array(Self.text.utf8))
        var base58 = Base58.encode(signature), text = Self.text, signer = keypair.address
        switch failure {
        case .notBase58: base58 = "0OIl" + base58.dropFirst(4)
        case .bytes63: base58 = Base58.encode(Array(signature.prefix(63)))
        case .bytes65: base58 = Base58.encode(signature + [0])
        case .empty: base58 = ""
        case .wrongSigner: signer = other.address
        case .otherText: text += " "
        case .flippedBit: base58 = Base58.encode([signature[0] ^ 1] + signature.dropFirst())
        }
        let error = #expect(throws: CostakeError.self) {
            try SignatureCheck.verify(base58Signature: base58, text: text, signer: signer)
        }
        #expect(error?.code == .invalidSignature)
    }

    enum VerifyFailure: CaseIterable, Sendable {
        case notBase58, bytes63, bytes65, empty, wrongSigner, otherText, flippedBit
    }

    // MARK: - Journal hash chaining

    @Test("chain is SHA-256(previous || canonical), as computed by Python's hashlib", arguments: [
        (String(repeating: "00", count: 32), Array("entry 1".utf8),
         "ecbbac46fd97ed40f4835ac9fe5312a4059fde96becd6718253c74a64971afd6"),
        (String(repeating: "ab", count: 32), Array(#"{"sequence":2}"#.utf8),
         "47f9f5f397e84207a0fcf74ebe5aa9b0a168cb5a4f78ddec2607daf0285d5eea"),
        ("", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ])
    func chain(previous: String, canonical: [UInt8], expected: String) {
        let hash = JournalHash.chain(previous: bytes(previous), canonical: canonical)
        #expect(hash == bytes(expected))
        #expect(hash.hex == expected)
        #expect(JournalHash.sha256(bytes(previous) + canonical) == bytes(expected))
    }

    @Test("the chain depends on the previous hash")
    func chainDependsOnPrevious() {
        let a = JournalHash.chain(previous: [UInt8](repeating: 0, count: 32), canonical: Array("entry 1".utf8))
        let b = JournalHash.chain(previous: [UInt8](repeating: 0, count: 31) + [1], canonical: Array("entry 1".utf8))
        #expect(a != b)
        #expect(a.count == 32 && b.count == 32)
    }
}

/// Bytes of lower-case hex text.
private func bytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { index in
        UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16)!
    }
}
