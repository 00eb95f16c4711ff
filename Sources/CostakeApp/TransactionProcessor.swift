import CostakeCore
import CostakeCrypto
import CostakeStorage
import Foundation

/// Accepts signed transactions (SPEC §9): verifies the signature over the exact message bytes,
/// checks network, nonce and expiry, returns the first outcome again for a replay, and applies
/// the rules in one unit of work that also records the approval and its journal entry.
public struct TransactionProcessor: Sendable {
    public let store: any CostakeStore
    public let network: String
    public let rules: NetworkRules
    public let clock: any NetworkClock
    public let ids: IdentifierSource
    /// Closes the blocks that are due before a transaction applies.
    public let blocks: BlockProducer?
    public let metrics: NetworkMetrics

    public init(store: any CostakeStore, network: String, rules: NetworkRules = NetworkRules(),
                clock: any NetworkClock, ids: IdentifierSource = .random, blocks: BlockProducer? = nil,
                metrics: NetworkMetrics = .none) {
        self.store = store
        self.network = network
        self.rules = rules
        self.clock = clock
        self.ids = ids
        self.blocks = blocks
        self.metrics = metrics
    }

    /// Submits a request body `{"message": M, "signature": S}`.
    public func submit(body: [UInt8]) async throws -> Receipt {
        guard case .object(let fields) = try JSONValue.parse(body) else {
            throw CostakeError(.malformed, "The body must be a JSON object {\"message\": ..., \"signature\": ...}.")
        }
        guard case .string(let message)? = fields["message"], case .string(let signature)? = fields["signature"] else {
            throw CostakeError(.malformed, "The body needs \"message\" (the signed JSON text) and \"signature\" (base58), both strings.")
        }
        guard fields.count == 2 else {
            throw CostakeError(.malformed, "The body has only \"message\" and \"signature\".")
        }
        return try await submit(message: message, signature: signature)
    }

    /// Submits a signed message and its base58 signature, counting its outcome.
    public func submit(message text: String, signature: String) async throws -> Receipt {
        do {
            let receipt = try await apply(message: text, signature: signature)
            metrics.transaction(type: Self.type(of: text), outcome: receipt.replayed ? "replayed" : "approved")
            return receipt
        } catch {
            metrics.transaction(type: Self.type(of: text), outcome: (error as? CostakeError)?.code.rawValue ?? "error")
            throw error
        }
    }

    /// The message's transaction type when it names a known one, for the metrics' label.
    static func type(of text: String) -> String {
        guard case .object(let fields)? = try? JSONValue.parse(Array(text.utf8)), case .string(let name)? = fields["type"],
              let type = TransactionType(rawValue: name) else { return "unknown" }
        return type.rawValue
    }

    func apply(message text: String, signature: String) async throws -> Receipt {
        let message = try TransactionMessage(text: text)
        _ = try SignatureCheck.verify(base58Signature: signature, text: text, signer: message.signer)
        try await blocks?.closeDue()
        var scope = message.action.scope(signer: message.signer)
        scope.nonce = NonceKey(signer: message.signer, nonce: message.nonce)
        let (network, rules) = (self.network, self.rules)
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            if let prior = set.priorUse {
                guard prior.message == text else {
                    throw CostakeError(.duplicateNonce, "The nonce \(message.nonce) was already used by \(message.signer) for another message (transaction \(prior.signature)); sign with a new nonce.")
                }
                return Receipt(body: prior.response, replayed: true)
            }
            try message.checkValidity(network: network, now: set.now, maxExpirySeconds: rules.maxExpirySeconds)
            let result = try set.apply(message.action, signer: message.signer)
            try set.closeEntry(kind: message.action.type.rawValue, reference: signature)
            let body = Receipt.approvedBody(signature: signature, type: message.action.type, result: result)
            set.approved = ApprovedTransaction(signature: signature, signer: message.signer, nonce: message.nonce,
                                               type: message.action.type.rawValue, message: text, response: body,
                                               at: set.now)
            return Receipt(body: body, replayed: false)
        }
    }
}

/// The answer to an approved transaction: the exact JSON body, stored and sent again on replay.
public struct Receipt: Sendable, Hashable {
    public let body: String
    /// Whether this was the first outcome sent again.
    public let replayed: Bool

    public init(body: String, replayed: Bool) {
        self.body = body
        self.replayed = replayed
    }

    /// `{"result": {...}, "signature": S, "status": "approved", "type": T}` with sorted keys.
    static func approvedBody(signature: String, type: TransactionType, result: TransactionResult) -> String {
        struct Body: Encodable {
            let signature: String
            let status = "approved"
            let type: String
            let result: [String: String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(Body(signature: signature, type: type.rawValue, result: result.fields))
        return String(decoding: data, as: UTF8.self)
    }

    /// The `result` object of the body.
    public var result: [String: String] {
        struct Body: Decodable { let result: [String: String] }
        return (try? JSONDecoder().decode(Body.self, from: Data(body.utf8)).result) ?? [:]
    }
}
