import CostakeTestSupport
import Foundation
import Testing

/// `costake wallet`: key files in the Solana CLI format.
@Suite("costake wallet")
struct WalletTests {
    /// RFC 8032 test vector 1: a published seed and public key, in the Solana CLI format (the
    /// 32-byte seed then the 32-byte public key). The address is the base58 text of the public
    /// key d75a9801…07511a, computed once with Python.
    static let solanaFile = "[157,97,177,157,239,253,90,96,186,132,74,244,146,236,44,196,68,73,197,105,123,50,105,25,112,59,172,3,28,174,127,96,215,90,152,1,130,177,10,183,213,75,254,211,201,100,7,58,14,225,114,243,218,166,35,37,175,2,26,104,247,7,81,26]"
    static let solanaAddress = "FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z"

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func newWritesASolanaKeyFileWithMode0600AndRefusesToOverwrite() async throws {
        let session = try CLISession()
        let created = try await session.ok(["wallet", "new"])
        let path = session.home.appendingPathComponent(".config/costake/id.json").path
        #expect(created.contains(path))
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode((path as NSString).deletingLastPathComponent) == 0o700)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let bytes = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Int])
        #expect(bytes.count == 64 && bytes.allSatisfy { (0...255).contains($0) })
        #expect(text.hasPrefix("[") && !text.contains(" "), "the Solana CLI's compact form")

        let address = try await session.ok(["wallet", "address"])
        #expect(created.hasSuffix("address: \(address)"))
        #expect(try Self.pythonAddress(seed: bytes[0..<32].map(UInt8.init)) == address, "the seed's public key, derived independently")
        #expect(try Self.base58(bytes[32..<64].map(UInt8.init)) == address, "the file's second half is the public key")

        let refused = try await session.costake(["wallet", "new"])
        #expect(refused.status == 4 && refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text, "the existing key is untouched")

        try await session.ok(["wallet", "new", "--force"])
        #expect(try await session.ok(["wallet", "address"]) != address)
        #expect(try Self.mode(path) == 0o600)
    }

    @Test func aSolanaCLIKeyFileIsReadUnchanged() async throws {
        let session = try CLISession()
        let directory = session.home.appendingPathComponent(".config/costake")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("id.json").path
        try Self.solanaFile.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        #expect(try await session.ok(["wallet", "address"]) == Self.solanaAddress)
        #expect(try await session.json(["wallet", "show"])["address"] as? String == Self.solanaAddress)
        let other = session.home.appendingPathComponent("elsewhere.json").path
        try Self.solanaFile.write(toFile: other, atomically: true, encoding: .utf8)
        #expect(try await session.ok(["wallet", "address", "--keypair", other]) == Self.solanaAddress)

        // The account of that key on the server: reading it needs only the key file.
        try await session.ok(["operator", "deposit", Self.solanaAddress, "12.5"])
        let account = try await session.json(["account"])
        #expect(account["address"] as? String == Self.solanaAddress && account["available"] as? String == "12.5")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.solanaFile, "read, never rewritten")
        #expect(try Self.mode(path) == 0o600)
    }

    @Test func missingAndDamagedKeyFilesAreLocalErrors() async throws {
        let session = try CLISession()
        let missing = try await session.costake(["wallet", "address"])
        #expect(missing.status == 4 && missing.stderr.contains("costake wallet new"))

        // The last byte of the public key altered: the halves no longer belong together.
        let damaged = session.home.appendingPathComponent("damaged.json").path
        try (String(Self.solanaFile.dropLast(3)) + "27]").write(toFile: damaged, atomically: true, encoding: .utf8)
        let run = try await session.costake(["account", "--keypair", damaged])
        #expect(run.status == 4 && run.stderr.contains("damaged"))

        let notJSON = session.home.appendingPathComponent("words.json").path
        try "seed phrase words".write(toFile: notJSON, atomically: true, encoding: .utf8)
        #expect(try await session.costake(["wallet", "show", "--keypair", notJSON]).status == 4)
    }

    /// The address of a seed, derived with Python's `cryptography` (not this project's code).
    static func pythonAddress(seed: [UInt8]) throws -> String {
        let script = """
        import sys
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives import serialization
        key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(sys.argv[1]))
        sys.stdout.write(key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex())
        """
        let hex = try CostakeTestSupport.run("/usr/bin/env", ["python3", "-c", script, seed.map { String(format: "%02x", $0) }.joined()])
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(try #require(UInt8(hex[index..<next], radix: 16)))
            index = next
        }
        return try base58(bytes)
    }

    /// Base58 (Bitcoin alphabet) written out here so that the expectation does not use the code under test.
    static func base58(_ bytes: [UInt8]) throws -> String {
        let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
        var digits: [Int] = []
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                carry += digits[index] * 256
                digits[index] = carry % 58
                carry /= 58
            }
            while carry > 0 { digits.append(carry % 58); carry /= 58 }
        }
        let zeros = bytes.prefix { $0 == 0 }.count
        return String(repeating: "1", count: zeros) + String(digits.reversed().map { alphabet[$0] })
    }
}
