import CostakeCore
import Foundation
import Testing

/// SPEC §9: the signed message's fields, its parameters per type (§5), nonce and expiry rules.
@Suite("Transaction message")
struct TransactionMessageTests {
    static let network = "costake-test"
    static let signer = Base58.encode([UInt8](repeating: 7, count: 32))
    static let now = Timestamp(seconds: 1_795_550_400)  // 2026-11-24T20:00:00Z
    static let device = DeviceID(uuid: UUID(uuidString: "3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b")!)
    static let offer = OfferID(uuid: UUID(uuidString: "0e5c4a2b-7d1f-4c3e-8b9a-1f2e3d4c5b6a")!)
    static let position = PositionID(uuid: UUID(uuidString: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")!)
    static let slash = SlashID(uuid: UUID(uuidString: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")!)

    /// One transaction type's parameters (raw JSON values) and the action they must read as.
    struct Case: Sendable, CustomTestStringConvertible {
        let type: String
        let parameters: [(String, String)]
        let action: Action
        var testDescription: String { type + (parameters.isEmpty ? "" : " " + parameters.map(\.0).joined(separator: ",")) }
    }

    static let cases: [Case] = [
        Case(type: "stake", parameters: [("device_id", q(device.description)), ("amount", q("2000"))],
             action: .stake(device: device, amount: Amount(io: 2000))),
        Case(type: "create_offer",
             parameters: [("device_id", q(device.description)), ("requested_amount", q("8000")), ("reward_share_bps", "7400")],
             action: .createOffer(device: device, requestedAmount: Amount(io: 8000), rewardShareBps: 7400)),
        Case(type: "retract_offer", parameters: [("offer_id", q(offer.description))], action: .retractOffer(offer: offer)),
        Case(type: "co_stake",
             parameters: [("offer_id", q(offer.description)), ("requested_amount", q("25.2")), ("reward_share_bps", "500")],
             action: .coStake(offer: offer, requestedAmount: Amount(baseUnits: 2_520_000_000), rewardShareBps: 500)),
        Case(type: "unstake", parameters: [("position_id", q(position.description)), ("amount", q("0.00000001"))],
             action: .unstake(position: position, amount: Amount(baseUnits: 1))),
        Case(type: "unstake", parameters: [("position_id", q(position.description))],
             action: .unstake(position: position, amount: nil)),
        Case(type: "withdraw", parameters: [("position_id", q(position.description))], action: .withdraw(position: position)),
        Case(type: "claim_rewards", parameters: [], action: .claimRewards),
        Case(type: "appeal_slash", parameters: [("slash_id", q(slash.description))], action: .appealSlash(slash: slash)),
    ]

    /// A message text: the common fields (each replaceable, or removed with `nil`) then `parameters`.
    static func text(type: String = "claim_rewards", _ parameters: [(String, String)] = [],
                     replacing: [String: String?] = [:]) -> String {
        var fields: [(String, String)] = [
            ("network", q(network)), ("type", q(type)), ("signer", q(signer)), ("nonce", q("nonce-0001")),
            ("expires_at", q("2026-11-24T20:05:00Z")),
        ]
        fields = fields.compactMap { name, value in
            guard let replacement = replacing[name] else { return (name, value) }
            return replacement.map { (name, $0) }
        }
        return "{" + (fields + parameters).map { "\(q($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    static func q(_ text: String) -> String { "\"" + text + "\"" }

    static func errorCode(_ text: String) -> CostakeError.Code? {
        do throws(CostakeError) { _ = try TransactionMessage(text: text); return nil } catch { return error.code }
    }

    // MARK: - Types and their parameters

    @Test("every transaction type reads as its action", arguments: cases)
    func parsesEveryType(testCase: Case) throws {
        let text = Self.text(type: testCase.type, testCase.parameters)
        let message = try TransactionMessage(text: text)
        #expect(message.action == testCase.action)
        #expect(message.action.type.rawValue == testCase.type)
        #expect(message.text == text)
        #expect(message.network == Self.network)
        #expect(message.signer.text == Self.signer)
        #expect(message.signer.publicKey == [UInt8](repeating: 7, count: 32))
        #expect(message.nonce == "nonce-0001")
        #expect(message.expiresAt == Timestamp(seconds: 1_795_550_700))
    }

    @Test("field order does not matter")
    func anyOrder() throws {
        let text = #"{"amount":"2000","expires_at":"2026-11-24T20:05:00Z","nonce":"nonce-0001","device_id":"\#(Self.device)","#
            + #""signer":"\#(Self.signer)","type":"stake","network":"costake-test"}"#
        #expect(try TransactionMessage(text: text).action == .stake(device: Self.device, amount: Amount(io: 2000)))
    }

    @Test("unknown fields are malformed", arguments: [
        text(type: "stake", [("device_id", q(device.description)), ("amount", q("1")), ("memo", q("hi"))]),
        text(type: "claim_rewards", [("device_id", q(device.description))]),
        text(type: "withdraw", [("position_id", q(position.description)), ("amount", q("1"))]),
        text(type: "retract_offer", [("offer_id", q(offer.description)), ("Offer_id", q(offer.description))]),
        text([("extra", "null")]),
    ])
    func rejectsUnknownFields(text: String) {
        #expect(Self.errorCode(text) == .malformed)
    }

    @Test("missing fields are malformed", arguments: [
        text(type: "stake", [("device_id", q(device.description))]),
        text(type: "stake", [("amount", q("2000"))]),
        text(type: "create_offer", [("device_id", q(device.description)), ("requested_amount", q("8000"))]),
        text(type: "co_stake", [("offer_id", q(offer.description)), ("reward_share_bps", "7400")]),
        text(type: "retract_offer"),
        text(type: "withdraw"),
        text(type: "appeal_slash"),
        text(replacing: ["network": nil]),
        text(replacing: ["type": nil]),
        text(replacing: ["signer": nil]),
        text(replacing: ["nonce": nil]),
        text(replacing: ["expires_at": nil]),
    ])
    func rejectsMissingFields(text: String) {
        #expect(Self.errorCode(text) == .malformed)
    }

    @Test("unknown transaction types are malformed", arguments: ["transfer", "Stake", "co-stake", "", "claimRewards"])
    func rejectsUnknownType(type: String) {
        #expect(Self.errorCode(Self.text(type: type)) == .malformed)
    }

    @Test("other malformed messages", arguments: [
        "[]", #""text""#, "", "{}",
        text(replacing: ["expires_at": q("tomorrow")]),
        text(replacing: ["network": "1"]),                    // not a string
        text(type: "stake", [("device_id", q("not-a-uuid")), ("amount", q("1"))]),
        text(type: "create_offer", [("device_id", q(device.description)), ("requested_amount", q("1")),
                                    ("reward_share_bps", q("7400"))]),   // bps as a string
        text([("nonce", q("nonce-0002"))]),                  // nonce twice
    ])
    func rejectsMalformed(text: String) {
        #expect(Self.errorCode(text) == .malformed)
    }

    @Test("amounts given as JSON numbers or bad strings are invalid_amount", arguments: [
        text(type: "stake", [("device_id", q(device.description)), ("amount", "2000")]),
        text(type: "stake", [("device_id", q(device.description)), ("amount", "25.2")]),
        text(type: "create_offer", [("device_id", q(device.description)), ("requested_amount", "8000"), ("reward_share_bps", "7400")]),
        text(type: "co_stake", [("offer_id", q(offer.description)), ("requested_amount", "8000"), ("reward_share_bps", "7400")]),
        text(type: "unstake", [("position_id", q(position.description)), ("amount", "1.5")]),
        text(type: "stake", [("device_id", q(device.description)), ("amount", q("1e5"))]),
        text(type: "stake", [("device_id", q(device.description)), ("amount", q("-1"))]),
        text(type: "stake", [("device_id", q(device.description)), ("amount", q("800000000.00000001"))]),
    ])
    func rejectsAmounts(text: String) {
        #expect(Self.errorCode(text) == .invalidAmount)
    }

    @Test("a signer that is not an address is invalid_address", arguments: ["0OIl", "", "1111", String(repeating: "1", count: 33)])
    func rejectsSigner(signer: String) {
        #expect(Self.errorCode(Self.text(replacing: ["signer": Self.q(signer)])) == .invalidAddress)
    }

    // MARK: - Nonce

    @Test("nonces of 8 to 64 characters of [A-Za-z0-9_-] are accepted", arguments: [
        "abcdefgh", String(repeating: "x", count: 64), "A-z_0-9-", "________", "--------", "0123456789",
    ])
    func acceptsNonce(nonce: String) throws {
        let message = try TransactionMessage(text: Self.text(replacing: ["nonce": Self.q(nonce)]))
        #expect(message.nonce == nonce)
    }

    @Test("other nonces are invalid_nonce", arguments: [
        "abcdefg", String(repeating: "x", count: 65), "", "nonce.0001", "nonce 0001", "nonce/0001", "nonce+0001",
        "nonce=0001", "nonce:0001", "nonceé001", "nonce~0001", "nonce\\n0001",
    ])
    func rejectsNonce(nonce: String) {
        #expect(Self.errorCode(Self.text(replacing: ["nonce": Self.q(nonce)])) == .invalidNonce)
    }

    // MARK: - Network and expiry

    static func message(expiresAt: Timestamp, network: String = network) throws -> TransactionMessage {
        try TransactionMessage(text: text(replacing: ["expires_at": q(expiresAt.rfc3339), "network": q(network)]))
    }

    @Test("the expiry window is 10 minutes")
    func expiryWindow() {
        #expect(NetworkRules().maxExpirySeconds == 600)
    }

    @Test("a message for another network is wrong_network")
    func wrongNetwork() throws {
        let message = try Self.message(expiresAt: Self.now.adding(seconds: 60), network: "costake-main")
        let error = #expect(throws: CostakeError.self) {
            try message.checkValidity(network: Self.network, now: Self.now, maxExpirySeconds: 600)
        }
        #expect(error?.code == .wrongNetwork)
    }

    @Test("expires_at must be after now and at most 600 s ahead", arguments: [
        (Int64(-86_400), CostakeError.Code?.some(.expired)),
        (-1, .expired),
        (0, .expired),          // expires_at == now
        (1, nil),
        (300, nil),
        (600, nil),             // exactly 10 minutes ahead
        (601, .expiryTooFar),
        (86_400, .expiryTooFar),
    ])
    func expiry(offset: Int64, expected: CostakeError.Code?) throws {
        let message = try Self.message(expiresAt: Self.now.adding(seconds: offset))
        var code: CostakeError.Code?
        do throws(CostakeError) {
            try message.checkValidity(network: Self.network, now: Self.now, maxExpirySeconds: NetworkRules().maxExpirySeconds)
        } catch {
            code = error.code
        }
        #expect(code == expected)
    }
}
