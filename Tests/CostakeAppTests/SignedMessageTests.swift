import CostakeTestSupport
import Foundation
import Testing

@Suite("signed transactions (SPEC §9)")
struct SignedMessageTests {
    @Test func theSameSignedMessageAgainReturnsTheFirstOutcomeAndChangesNothing() async throws {
        let cast = try await Cast.make()
        let (message, signature) = cast.net.signed(.stake(device: cast.device, amount: Amount(io: 100)), by: cast.owner)
        let first = try await cast.net.processor.submit(message: message, signature: signature)
        #expect(!first.replayed)
        #expect(first.body.hasPrefix("{\"result\":{\"position_id\":"))
        #expect(first.body.contains("\"signature\":\"\(signature)\",\"status\":\"approved\",\"type\":\"stake\""))
        let before = try await cast.net.store.dump()
        let again = try await cast.net.processor.submit(message: message, signature: signature)
        #expect(again.replayed && again.body == first.body)
        #expect(try await cast.net.store.dump() == before)
        #expect(try await cast.net.available(cast.owner) == Amount(io: 9_900))
        #expect(try await cast.net.store.approvedTransaction(signature: signature)?.response == first.body)
    }

    @Test func aReplayAfterExpiryStillReturnsTheFirstOutcome() async throws {
        let cast = try await Cast.make()
        let (message, signature) = cast.net.signed(.stake(device: cast.device, amount: Amount(io: 100)), by: cast.owner, expiresIn: 60)
        let first = try await cast.net.processor.submit(message: message, signature: signature)
        cast.net.advance(days: 1)
        #expect(try await cast.net.processor.submit(message: message, signature: signature).body == first.body)
    }

    @Test func sameNonceWithAnotherMessageIsADuplicate() async throws {
        let cast = try await Cast.make()
        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 100)), by: cast.owner, nonce: "nonce-0001")
        let error = try await cast.net.refusal(.stake(device: cast.device, amount: Amount(io: 101)), by: cast.owner, nonce: "nonce-0001")
        #expect(error.code == .duplicateNonce)
        // Nonces are per signer: another signer may use the same one.
        try await cast.net.fund(cast.alice, 1)
        let other = try await cast.net.refusal(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.alice, nonce: "nonce-0001")
        #expect(other.code == .notDeviceOwner)
    }

    @Test func aRefusedMessageIsNotRecordedAndMaySucceedLater() async throws {
        let cast = try await Cast.make(funds: 50)
        let (message, signature) = cast.net.signed(.stake(device: cast.device, amount: Amount(io: 100)), by: cast.owner)
        #expect(try await cast.net.refusal(message: message, signature: signature).code == .insufficientBalance)
        try await cast.net.fund(cast.owner, 50)
        let receipt = try await cast.net.processor.submit(message: message, signature: signature)
        #expect(!receipt.replayed)
        #expect(try await cast.net.available(cast.owner) == .zero)
    }

    @Test(arguments: [(0, CostakeError.Code.expired), (-1, .expired), (1, nil), (600, nil), (601, .expiryTooFar)] as [(Int64, CostakeError.Code?)])
    func expiryWindowIsAfterNowAndAtMostTenMinutesAhead(expiresIn: Int64, refusal: CostakeError.Code?) async throws {
        let cast = try await Cast.make()
        let action = Action.stake(device: cast.device, amount: Amount(io: 1))
        if let refusal {
            #expect(try await cast.net.refusal(action, by: cast.owner, expiresIn: expiresIn).code == refusal)
        } else {
            _ = try await cast.net.send(action, by: cast.owner, expiresIn: expiresIn)
        }
    }

    @Test func aSignatureForAnotherNetworkIsRefused() async throws {
        let cast = try await Cast.make()
        let (message, signature) = cast.net.signed(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner, network: "costake-mainnet")
        #expect(try await cast.net.refusal(message: message, signature: signature).code == .wrongNetwork)
    }

    @Test func signaturesMustVerifyOverTheExactBytes() async throws {
        let cast = try await Cast.make()
        let (message, signature) = cast.net.signed(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner)
        let tampered = message.replacingOccurrences(of: "\"amount\":\"1\"", with: "\"amount\":\"2\"")
        #expect(tampered != message)
        #expect(try await cast.net.refusal(message: tampered, signature: signature).code == .invalidSignature)
        let spaced = message.replacingOccurrences(of: "\"amount\":", with: "\"amount\": ")
        #expect(try await cast.net.refusal(message: spaced, signature: signature).code == .invalidSignature)
        let byAnother = cast.alice.signBase58(message)
        #expect(try await cast.net.refusal(message: message, signature: byAnother).code == .invalidSignature)
        #expect(try await cast.net.refusal(message: message, signature: "not-base58-0OIl").code == .invalidSignature)
        #expect(CostakeError.Code.invalidSignature.httpStatus == 401)
    }

    @Test func unknownFieldsAreMalformed() async throws {
        let cast = try await Cast.make()
        let (message, _) = cast.net.signed(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner)
        let extended = String(message.dropLast()) + ",\"memo\":\"hi\"}"
        let error = try await cast.net.refusal(message: extended, signature: cast.owner.signBase58(extended))
        #expect(error.code == .malformed && error.message.contains("memo"))
    }

    @Test(arguments: [
        "[]", "{}", "{\"message\":\"x\"}", "{\"message\":1,\"signature\":\"x\"}",
        "{\"message\":\"x\",\"signature\":\"y\",\"extra\":true}", "not json",
        "{\"message\":\"x\",\"message\":\"x\",\"signature\":\"y\"}",
    ])
    func malformedEnvelopes(body: String) async throws {
        let cast = try await Cast.make()
        await #expect(throws: CostakeError.self) { try await cast.net.processor.submit(body: Array(body.utf8)) }
        do {
            _ = try await cast.net.processor.submit(body: Array(body.utf8))
        } catch let error as CostakeError {
            #expect(error.code == .malformed)
        }
    }

    @Test func anEnvelopeCarriesTheMessageAndSignature() async throws {
        let cast = try await Cast.make()
        let (message, signature) = cast.net.signed(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner)
        let body = try JSONSerialization.data(withJSONObject: ["message": message, "signature": signature])
        let receipt = try await cast.net.processor.submit(body: Array(body))
        #expect(receipt.body.contains("\"type\":\"stake\""))
    }

    /// Every error code is answered with the HTTP status of its class.
    @Test(arguments: CostakeError.Code.allCases)
    func errorCodesMapToHTTPStatuses(code: CostakeError.Code) {
        let expected: Int
        switch code {
        case .invalidSignature: expected = 401
        case .deviceNotFound, .offerNotFound, .positionNotFound, .slashNotFound: expected = 404
        case .internalError: expected = 500
        case .malformed, .invalidAmount, .invalidAddress, .invalidNonce, .wrongNetwork, .expired, .expiryTooFar,
             .invalidDevice, .unknownModel: expected = 400
        default: expected = 409
        }
        #expect(code.httpStatus == expected)
    }
}
