import CostakeCore
import CostakeCrypto
import Foundation

/// A signed transaction of SPEC §9: the message text and the base58 signature of its bytes.
public struct SignedTransaction: Sendable {
    public let message: String
    public let signature: String

    /// `{"message": M, "signature": S}`: the body of `POST /v1/transactions`.
    public var body: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding two strings cannot fail.
        return try! encoder.encode(["message": message, "signature": signature])
    }
}

/// Builds, signs and submits user transactions.
public enum Transactions {
    /// How long a signed message stays valid: well inside the network's 10-minute limit, and
    /// long enough for the retries.
    public static let lifetime: Int64 = 300

    /// A nonce unique per message: 36 characters of [a-z0-9-].
    public static func nonce() -> String { "cli-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    /// Signs `action` for the network of `status`, expiring `lifetime` seconds after the network's now.
    public static func sign(_ action: Action, key: Keypair, status: API.Status, nonce: String = nonce()) throws -> SignedTransaction {
        guard let now = Timestamp(rfc3339: status.now) else {
            throw ClientError(.unreachable, "The server's status has no readable time: \(status.now)")
        }
        let text = MessageComposer.text(action, network: status.network, signer: key.address, nonce: nonce,
                                        expiresAt: now.adding(seconds: lifetime))
        return SignedTransaction(message: text, signature: key.signBase58(text))
    }

    /// Signs and submits `action` with the context's key; network failures resend the same
    /// signed body (a replay returns the first outcome and changes nothing).
    public static func submit(_ action: Action, context: ClientContext) async throws -> APIResponse {
        let key = try context.key()
        let signed = try sign(action, key: key, status: try await context.status())
        return try await context.api.send("POST", "/v1/transactions", json: signed.body, retrying: true)
    }

    /// Submits `action` and renders the outcome: the API's JSON, or what was approved.
    public static func run(_ action: Action, context: ClientContext) async throws -> String {
        let response = try await submit(action, context: context)
        if context.json { return response.text }
        return receiptText(try response.decode(API.Receipt.self))
    }

    /// "approved: co_stake" and the result's fields.
    public static func receiptText(_ receipt: API.Receipt) -> String {
        let amounts: Set<String> = ["amount", "returned"]
        let fields = receipt.result.sorted { $0.key < $1.key }.map { key, value in (key, amounts.contains(key) ? Show.io(value) : value) }
        return "approved: \(receipt.type)\n" + keyValueLines(fields + [("signature", receipt.signature)])
    }
}
