import CostakeCore
import Crypto
import Foundation

/// An Ed25519 key pair: an account's signing key.
public struct Keypair: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    /// A new random key.
    public init() { privateKey = Curve25519.Signing.PrivateKey() }

    /// The key of a 32-byte seed (RFC 8032's secret key).
    public init(seed: [UInt8]) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }
    public var publicKey: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }
    public var address: Address { Address(publicKey: publicKey) }

    /// Signs bytes (64-byte Ed25519 signature).
    public func sign(_ message: [UInt8]) -> [UInt8] {
        // Signing only fails on a broken key object, which `init` rules out.
        Array(try! privateKey.signature(for: message))
    }

    /// Signs a message's UTF-8 text and returns the base58 signature.
    public func signBase58(_ text: String) -> String { Base58.encode(sign(Array(text.utf8))) }
}

/// Checks Ed25519 signatures.
public enum SignatureCheck {
    /// Whether `signature` (64 bytes) is `publicKey`'s signature of `message`.
    public static func isValid(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            return false
        }
        return key.isValidSignature(signature, for: message)
    }

    /// Verifies a base58 signature of a message's UTF-8 text by `signer`, or throws `invalid_signature`.
    public static func verify(base58Signature: String, text: String, signer: Address) throws(CostakeError) -> [UInt8] {
        guard base58Signature.utf8.count <= 100, let signature = Base58.decode(base58Signature), signature.count == 64 else {
            throw CostakeError(.invalidSignature, "The signature must be the base58 text of 64 bytes.")
        }
        guard isValid(signature: signature, message: Array(text.utf8), publicKey: signer.publicKey) else {
            throw CostakeError(.invalidSignature, "The signature does not verify for the signer \(signer) over the exact message text.")
        }
        return signature
    }
}
