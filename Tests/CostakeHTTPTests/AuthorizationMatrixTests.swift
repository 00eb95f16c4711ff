import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The authorization matrix (issue 9): every transaction type signed by every party that may
/// not do it — a stranger (Bob), the owner where the co-staker must act and the reverse — and
/// the forged ones (a key for another network, an expired message, a replay with a changed
/// field, a message signed by someone other than its signer) is refused with its code and
/// changes nothing the API shows. Operator endpoints without or with a wrong token are 401 `unauthorized`.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    @Test(arguments: Self.matrix, StoreKind.allCases)
    func refusedWithItsCodeChangingNothing(_ refusal: Refusal, _ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            let attempt = try await refusal.attempt(s)
            let before = try await s.snapshot(attempt.devices)
            let response = try await s.request(attempt.method, attempt.uri, body: attempt.body, asOperator: attempt.asOperator)
            #expect(response.status == refusal.status, "\(String(buffer: response.body))")
            #expect(try errorCode(response) == refusal.code)
            #expect(try await s.snapshot(attempt.devices) == before)
        }
    }

    /// Alice co-stakes the owner's device; the device has a pending slash; the owner's second
    /// device has an open offer.
    static func world(_ s: APIStory) async throws -> (device: DeviceID, coStake: PositionID, owner: PositionID, slash: SlashID, open: OfferID) {
        let (device, _, coStake) = try await s.coStaked()
        let owner = try await s.ownerPosition(device)
        let slash: SlashID = try id(try await s.slash(device, principalBps: 1_000, rewardsBps: 0)["slash_id"])
        let second = try await s.register()
        let (_, open) = try await s.offered(on: second)
        return (device, coStake, owner, slash, open)
    }

    static let matrix: [Refusal] = {
        typealias Row = (label: String, code: String, signer: Party, action: @Sendable (APIStory, (device: DeviceID, coStake: PositionID, owner: PositionID, slash: SlashID, open: OfferID)) -> Action)
        let rows: [Row] = [
            ("stake: the co-staker on the owner's device", "not_device_owner", .alice, { _, w in .stake(device: w.device, amount: Amount(io: 1)) }),
            ("stake: a stranger on the owner's device", "not_device_owner", .bob, { _, w in .stake(device: w.device, amount: Amount(io: 1)) }),
            ("create_offer: the co-staker", "not_device_owner", .alice, { _, w in .createOffer(device: w.device, requestedAmount: Amount(io: 100), rewardShareBps: 1_000) }),
            ("create_offer: a stranger", "not_device_owner", .bob, { _, w in .createOffer(device: w.device, requestedAmount: Amount(io: 100), rewardShareBps: 1_000) }),
            ("retract_offer: the co-staker", "not_device_owner", .alice, { _, w in .retractOffer(offer: w.open) }),
            ("retract_offer: a stranger", "not_device_owner", .bob, { _, w in .retractOffer(offer: w.open) }),
            ("co_stake: the owner on its own offer", "own_device", .owner, { _, w in .coStake(offer: w.open, requestedAmount: Amount(io: 600), rewardShareBps: 7_400) }),
            ("unstake: the owner unstakes the co-staker's position", "not_position_owner", .owner, { _, w in .unstake(position: w.coStake, amount: nil) }),
            ("unstake: a stranger unstakes the co-staker's position", "not_position_owner", .bob, { _, w in .unstake(position: w.coStake, amount: nil) }),
            ("unstake: the co-staker unstakes the owner's position", "not_position_owner", .alice, { _, w in .unstake(position: w.owner, amount: nil) }),
            ("unstake: a stranger takes the owner's overflow", "not_position_owner", .bob, { _, w in .unstake(position: w.owner, amount: Amount(io: 1)) }),
            ("withdraw: the owner withdraws the co-staker's position", "not_position_owner", .owner, { _, w in .withdraw(position: w.coStake) }),
            ("withdraw: the co-staker withdraws the owner's position", "not_position_owner", .alice, { _, w in .withdraw(position: w.owner) }),
            ("withdraw: a stranger", "not_position_owner", .bob, { _, w in .withdraw(position: w.coStake) }),
            ("appeal_slash: the co-staker", "not_device_owner", .alice, { _, w in .appealSlash(slash: w.slash) }),
            ("appeal_slash: a stranger", "not_device_owner", .bob, { _, w in .appealSlash(slash: w.slash) }),
            ("claim_rewards: a stranger claims nothing of anyone else's", "nothing_to_claim", .bob, { _, _ in .claimRewards }),
        ]
        var refusals = rows.map { row in
            Refusal(row.code, .conflict, row.label) { s in
                let w = try await world(s)
                return try await s.signed(row.action(s, w), by: row.signer.key(s), devices: [w.device])
            }
        }
        refusals += [
            Refusal("wrong_network", .badRequest, "a co-stake signed for another network") { s in
                let w = try await world(s)
                return try await s.signed(.coStake(offer: w.open, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.bob,
                                          network: "costake-other", devices: [w.device])
            },
            Refusal("expired", .badRequest, "an unstake that expired a second ago") { s in
                let w = try await world(s)
                return try await s.signed(.unstake(position: w.coStake, amount: nil), by: s.alice, expiresIn: -1, devices: [w.device])
            },
            Refusal("invalid_signature", .unauthorized, "an approved stake replayed with a larger amount") { s in
                let w = try await world(s)
                let text = s.message(.stake(device: w.device, amount: Amount(io: 1)), by: s.owner)
                let body = s.envelope(text, signedBy: s.owner)
                #expect(try await s.request(.post, "/v1/transactions", body: body).status == .ok)
                let forged = body.replacingOccurrences(of: #"\"amount\":\"1\""#, with: #"\"amount\":\"100\""#)
                #expect(forged != body)
                return Attempt(uri: "/v1/transactions", body: forged, devices: [w.device])
            },
            Refusal("duplicate_nonce", .conflict, "the nonce of an approved stake on a new message") { s in
                let w = try await world(s)
                _ = try await s.request(.post, "/v1/transactions", body: s.envelope(s.message(.stake(device: w.device, amount: Amount(io: 1)), by: s.owner,
                                                                                          nonce: "nonce-reused-1"), signedBy: s.owner))
                return try await s.signed(.stake(device: w.device, amount: Amount(io: 2)), by: s.owner, nonce: "nonce-reused-1", devices: [w.device])
            },
            Refusal("invalid_signature", .unauthorized, "the co-staker's unstake signed by the owner") { s in
                let w = try await world(s)
                return Attempt(uri: "/v1/transactions", body: s.envelope(s.message(.unstake(position: w.coStake, amount: nil), by: s.alice), signedBy: s.owner),
                               devices: [w.device])
            },
        ]
        return refusals
    }()

    /// Who signs a row's transaction.
    enum Party: Sendable {
        case owner, alice, bob

        func key(_ s: APIStory) -> Keypair {
            switch self {
            case .owner: s.owner
            case .alice: s.alice
            case .bob: s.bob
            }
        }
    }

    static let operatorRoutes: [(HTTPRequest.Method, String, String)] = [
        (.post, "/v1/operator/devices", #"{"owner":"\#(Keys.make(3).address)","model":"RTX 4070","processors":1}"#),
        (.patch, "/v1/operator/devices/{device}", #"{"status":"down"}"#),
        (.post, "/v1/operator/telemetry", #"{"events":[]}"#),
        (.post, "/v1/operator/deposits", #"{"account":"\#(Keys.make(3).address)","amount":"5"}"#),
        (.post, "/v1/operator/slashes", #"{"device_id":"{device}","principal_bps":1000,"rewards_bps":0,"reason":"x"}"#),
        (.post, "/v1/operator/slashes/{slash}/resolve", #"{"outcome":"upheld"}"#),
        (.post, "/v1/operator/clock", #"{"advance_seconds":3600}"#),
    ]

    @Test(arguments: StoreKind.allCases)
    func operatorEndpointsRefuseAMissingOrWrongToken(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            let w = try await Self.world(s)
            for (method, template, bodyTemplate) in Self.operatorRoutes {
                let uri = template.replacingOccurrences(of: "{device}", with: "\(w.device)").replacingOccurrences(of: "{slash}", with: "\(w.slash)")
                let body = bodyTemplate.replacingOccurrences(of: "{device}", with: "\(w.device)")
                for header in [nil, "Bearer wrong-token", "Bearer \(s.h.token)x", "Basic \(s.h.token)", s.h.token] as [String?] {
                    let before = try await s.snapshot([w.device])
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let header { headers[.authorization] = header }
                    let response = try await s.client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
                    let code = try errorCode(response)
                    #expect(response.status == .unauthorized && code == "unauthorized", "\(method) \(uri) with \(header ?? "no token")")
                    #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="costake operator""#)
                    #expect(try await s.snapshot([w.device]) == before)
                }
            }
        }
    }
}
