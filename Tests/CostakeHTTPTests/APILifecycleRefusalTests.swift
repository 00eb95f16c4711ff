import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Every error code reached through the API with its HTTP status, each refusal changing nothing
/// that the API shows.
@Suite("API lifecycle: every refusal")
struct APILifecycleRefusalTests {
    @Test(arguments: Refusal.all, StoreKind.allCases)
    func refusedWithItsStatusAndCodeChangingNothing(_ refusal: Refusal, _ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            let attempt = try await refusal.attempt(s)
            let before = try await s.snapshot(attempt.devices)
            let response = try await s.request(attempt.method, attempt.uri, body: attempt.body, asOperator: attempt.asOperator)
            #expect(try await s.snapshot(attempt.devices) == before)
            #expect(response.status == refusal.status, "\(String(buffer: response.body))")
            let body = try json(response)
            #expect(body["status"] as? String == "failed")
            let error = body["error"] as? [String: Any]
            #expect(error?["code"] as? String == refusal.code)
            #expect((error?["message"] as? String)?.isEmpty == false)
        }
    }

    /// Every code of `CostakeError.Code` has a row with its own status, but `internal_error`: it
    /// marks a broken invariant (a unit of work changing what it did not load, postings left
    /// outside a journal entry) and is ErrorMapping's answer to an unexpected error, so no
    /// request can produce it. The HTTP layer adds its own codes.
    @Test func everyCodeHasARow() {
        let covered = Set(Refusal.all.map(\.code))
        let expected = Set(CostakeError.Code.allCases.map(\.rawValue)).subtracting(["internal_error"])
            .union(APIError.HTTPCode.allCases.map(\.rawValue))
            // Reached elsewhere: a server without a token or on the system clock (below), a
            // database taken down under a server (PostgresRestartTests), limits (RateLimitTests).
            .subtracting(["forbidden", "clock_not_manual", "database_unavailable", "rate_limited"])
        #expect(expected.subtracting(covered).isEmpty, "no row for \(expected.subtracting(covered).sorted())")
        for row in Refusal.all {
            guard let code = CostakeError.Code(rawValue: row.code) else { continue }
            #expect(row.status.code == code.httpStatus, "\(row.code)")
        }
    }

    /// A server without an operator token refuses the operator API; one on the system clock
    /// refuses to move its clock.
    @Test(arguments: StoreKind.allCases) func operatorAPIWithoutTokenAndClockWithoutManualMode(_ kind: StoreKind) async throws {
        var config = ServeConfiguration()
        config.database = try await kind.freshLocation()
        let services = try await buildServices(config, logger: .init(label: "test"))
        let app = Application(router: try buildRouter(services))
        try await app.test(.router) { client in
            let deposit = try await client.execute(uri: "/v1/operator/deposits", method: .post, headers: [.authorization: "Bearer op-secret"],
                                                   body: ByteBuffer(string: #"{"account":"\#(Keys.make(1).address)","amount":"5"}"#))
            #expect(try deposit.status == .forbidden && errorCode(deposit) == "forbidden")
        }
        config.database = try await kind.freshLocation()
        config.operatorToken = "op-secret"
        let system = try await buildServices(config, logger: .init(label: "test"))
        try await Application(router: try buildRouter(system)).test(.router) { client in
            let clock = try await client.execute(uri: "/v1/operator/clock", method: .post, headers: [.authorization: "Bearer op-secret"],
                                                 body: ByteBuffer(string: #"{"advance_seconds":60}"#))
            #expect(try clock.status == .conflict && errorCode(clock) == "clock_not_manual")
        }
    }
}

/// The request that must be refused.
struct Attempt: Sendable {
    var method: HTTPRequest.Method = .post
    let uri: String
    var body: String?
    var asOperator = false
    /// Devices whose pages the before/after comparison includes.
    var devices: [DeviceID] = []
}

/// A row of the refusal table: the code, its status, and how to reach it on a fresh server.
struct Refusal: Sendable, CustomTestStringConvertible {
    let code: String
    let status: HTTPResponse.Status
    let label: String
    let attempt: @Sendable (APIStory) async throws -> Attempt

    init(_ code: String, _ status: HTTPResponse.Status, _ label: String, _ attempt: @escaping @Sendable (APIStory) async throws -> Attempt) {
        self.code = code
        self.status = status
        self.label = label
        self.attempt = attempt
    }

    var testDescription: String { "\(code) \(status.code): \(label)" }

    static let all: [Refusal] = [
        Refusal("malformed", .badRequest, "a body that is not JSON") { _ in Attempt(uri: "/v1/transactions", body: "not json") },
        Refusal("malformed", .badRequest, "an unknown field in a signed message") { s in
            let device = try await s.world()
            let text = String(s.message(.stake(device: device, amount: Amount(io: 1)), by: s.owner).dropLast()) + #","memo":"hi"}"#
            return Attempt(uri: "/v1/transactions", body: s.envelope(text, signedBy: s.owner), devices: [device])
        },
        Refusal("malformed", .badRequest, "an operator body without its amount") { s in
            Attempt(uri: "/v1/operator/deposits", body: #"{"account":"\#(s.alice.address)"}"#, asOperator: true)
        },
        Refusal("invalid_amount", .badRequest, "9 decimals in a signed amount") { s in
            let device = try await s.world()
            let text = s.message(.stake(device: device, amount: Amount(io: 1)), by: s.owner)
                .replacingOccurrences(of: #""amount":"1""#, with: #""amount":"1.000000001""#)
            return Attempt(uri: "/v1/transactions", body: s.envelope(text, signedBy: s.owner), devices: [device])
        },
        Refusal("invalid_amount", .badRequest, "a negative deposit") { s in
            Attempt(uri: "/v1/operator/deposits", body: #"{"account":"\#(s.alice.address)","amount":"-5"}"#, asOperator: true)
        },
        Refusal("invalid_address", .badRequest, "a deposit to 0OIl") { _ in
            Attempt(uri: "/v1/operator/deposits", body: #"{"account":"0OIl","amount":"5"}"#, asOperator: true)
        },
        Refusal("invalid_nonce", .badRequest, "a 7-character nonce") { s in
            try await s.signed(.stake(device: try await s.world(), amount: Amount(io: 1)), by: s.owner, nonce: "short77")
        },
        Refusal("wrong_network", .badRequest, "signed for another network") { s in
            try await s.signed(.stake(device: try await s.world(), amount: Amount(io: 1)), by: s.owner, network: "costake-mainnet")
        },
        Refusal("expired", .badRequest, "expires now") { s in
            try await s.signed(.stake(device: try await s.world(), amount: Amount(io: 1)), by: s.owner, expiresIn: 0)
        },
        Refusal("expiry_too_far", .badRequest, "expires in 601 s") { s in
            try await s.signed(.stake(device: try await s.world(), amount: Amount(io: 1)), by: s.owner, expiresIn: 601)
        },
        Refusal("invalid_device", .badRequest, "65 processors") { s in
            Attempt(uri: "/v1/operator/devices", body: #"{"owner":"\#(s.owner.address)","model":"RTX 4070","processors":65}"#, asOperator: true)
        },
        Refusal("unknown_model", .badRequest, "an RTX 9090") { s in
            Attempt(uri: "/v1/operator/devices", body: #"{"owner":"\#(s.owner.address)","model":"RTX 9090","processors":1}"#, asOperator: true)
        },
        Refusal("invalid_signature", .unauthorized, "the owner's message signed by Alice") { s in
            let device = try await s.world()
            let text = s.message(.stake(device: device, amount: Amount(io: 1)), by: s.owner)
            return Attempt(uri: "/v1/transactions", body: s.envelope(text, signedBy: s.alice), devices: [device])
        },
        Refusal("device_not_found", .notFound, "stake on an unknown device") { s in
            _ = try await s.world()
            return try await s.signed(.stake(device: DeviceID(uuid: UUID()), amount: Amount(io: 1)), by: s.owner)
        },
        Refusal("offer_not_found", .notFound, "co-stake an unknown offer") { s in
            _ = try await s.world()
            return try await s.signed(.coStake(offer: OfferID(uuid: UUID()), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice)
        },
        Refusal("position_not_found", .notFound, "unstake an unknown position") { s in
            try await s.signed(.unstake(position: PositionID(uuid: UUID()), amount: nil), by: s.alice)
        },
        Refusal("slash_not_found", .notFound, "appeal an unknown slash") { s in
            try await s.signed(.appealSlash(slash: SlashID(uuid: UUID())), by: s.owner)
        },
        Refusal("slash_not_found", .notFound, "resolve an unknown slash") { _ in
            Attempt(uri: "/v1/operator/slashes/\(SlashID(uuid: UUID()))/resolve", body: #"{"outcome":"upheld"}"#, asOperator: true)
        },
        Refusal("not_device_owner", .conflict, "Alice stakes the owner's device") { s in
            try await s.signed(.stake(device: try await s.world(), amount: Amount(io: 1)), by: s.alice)
        },
        Refusal("not_position_owner", .conflict, "Bob unstakes Alice's co-stake") { s in
            let (device, _, coStake) = try await s.coStaked()
            return try await s.signed(.unstake(position: coStake, amount: nil), by: s.bob, devices: [device])
        },
        Refusal("own_device", .conflict, "the owner co-stakes its own offer") { s in
            let (device, offer) = try await s.offered()
            return try await s.signed(.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.owner, devices: [device])
        },
        Refusal("requested_amount_out_of_range", .conflict, "600.00000001 of a 1,200 requirement") { s in
            let device = try await s.world()
            try await s.approve(.stake(device: device, amount: Amount(io: 1_200)), by: s.owner)
            return try await s.signed(.createOffer(device: device, requestedAmount: Amount(wire: "600.00000001"), rewardShareBps: 7_400), by: s.owner)
        },
        Refusal("reward_share_out_of_range", .conflict, "499 bps") { s in
            let device = try await s.world()
            try await s.approve(.stake(device: device, amount: Amount(io: 600)), by: s.owner)
            return try await s.signed(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 499), by: s.owner)
        },
        Refusal("duplicate_nonce", .conflict, "a used nonce on another message") { s in
            let device = try await s.world()
            let first = s.message(.stake(device: device, amount: Amount(io: 1)), by: s.owner, nonce: "nonce-0001")
            #expect(try await s.request(.post, "/v1/transactions", body: s.envelope(first, signedBy: s.owner)).status == .ok)
            return try await s.signed(.stake(device: device, amount: Amount(io: 2)), by: s.owner, nonce: "nonce-0001")
        },
        Refusal("cooldown_in_progress", .conflict, "stake while the owner's stake cools") { s in
            let device = try await s.world()
            let position: PositionID = try id(try await s.approve(.stake(device: device, amount: Amount(io: 1_200)), by: s.owner)["position_id"])
            try await s.approve(.unstake(position: position, amount: nil), by: s.owner)
            return try await s.signed(.stake(device: device, amount: Amount(io: 1)), by: s.owner)
        },
        Refusal("device_terminated", .conflict, "stake on a terminated device") { s in
            let device = try await s.world()
            try await s.operate(.patch, "/v1/operator/devices/\(device)", #"{"status":"terminated"}"#)
            return try await s.signed(.stake(device: device, amount: Amount(io: 1)), by: s.owner)
        },
        Refusal("device_terminated", .conflict, "bring a terminated device back up") { s in
            let device = try await s.world()
            try await s.operate(.patch, "/v1/operator/devices/\(device)", #"{"status":"terminated"}"#)
            return Attempt(method: .patch, uri: "/v1/operator/devices/\(device)", body: #"{"status":"up"}"#, asOperator: true, devices: [device])
        },
        Refusal("insufficient_balance", .conflict, "stake 10,000.00000001 of 10,000") { s in
            try await s.signed(.stake(device: try await s.world(), amount: Amount(wire: "10000.00000001")), by: s.owner)
        },
        Refusal("device_not_eligible", .conflict, "an offer on an RTX 3050") { s in
            _ = try await s.world()
            let device = try await s.register("RTX 3050", processors: 1)
            try await s.approve(.stake(device: device, amount: Amount(io: 200)), by: s.owner)
            return try await s.signed(.createOffer(device: device, requestedAmount: Amount(io: 100), rewardShareBps: 7_400), by: s.owner)
        },
        Refusal("offer_exists", .conflict, "a second offer") { s in
            let (device, _) = try await s.offered()
            return try await s.signed(.createOffer(device: device, requestedAmount: Amount(io: 100), rewardShareBps: 5_000), by: s.owner)
        },
        Refusal("owner_stake_too_low", .conflict, "599.99999999 + 600 of 1,200") { s in
            let device = try await s.world()
            try await s.approve(.stake(device: device, amount: Amount(wire: "599.99999999")), by: s.owner)
            return try await s.signed(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.owner)
        },
        Refusal("offer_not_open", .conflict, "Bob takes Alice's offer") { s in
            let (device, offer, _) = try await s.coStaked()
            return try await s.signed(.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.bob, devices: [device])
        },
        Refusal("terms_mismatch", .conflict, "7,401 bps for a 7,400 offer") { s in
            let (device, offer) = try await s.offered()
            return try await s.signed(.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_401), by: s.alice, devices: [device])
        },
        Refusal("faucet_too_soon", .conflict, "a second faucet request within the hour") { s in
            let body = #"{"account":"\#(s.alice.address)"}"#
            #expect(try await s.request(.post, "/v1/faucet", body: body).status == .ok)
            _ = try await s.advance(seconds: 3_599)
            return Attempt(uri: "/v1/faucet", body: body)
        },
        Refusal("claim_cap_reached", .conflict, "a third co-stake") { s in
            let (first, _, _) = try await s.coStaked()
            var devices = [first]
            for _ in 0..<2 { devices.append(try await s.register()) }
            let second = try await s.offered(on: devices[1]).offer
            try await s.approve(.coStake(offer: second, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice)
            let third = try await s.offered(on: devices[2]).offer
            return try await s.signed(.coStake(offer: third, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice, devices: devices)
        },
        Refusal("position_not_active", .conflict, "unstake a waiting position") { s in
            let (device, _, coStake) = try await s.coStaked()
            try await s.approve(.unstake(position: coStake, amount: nil), by: s.alice)
            return try await s.signed(.unstake(position: coStake, amount: nil), by: s.alice, devices: [device])
        },
        Refusal("retract_offer_first", .conflict, "owner full unstake with an open offer") { s in
            let (device, _) = try await s.offered()
            return try await s.signed(.unstake(position: try await s.ownerPosition(device), amount: nil), by: s.owner, devices: [device])
        },
        Refusal("device_hired", .conflict, "co-staker full unstake while hired") { s in
            let (device, _, coStake) = try await s.coStaked()
            try await s.operate(.patch, "/v1/operator/devices/\(device)", #"{"hired":true}"#)
            return try await s.signed(.unstake(position: coStake, amount: nil), by: s.alice, devices: [device])
        },
        Refusal("not_withdrawable", .conflict, "withdraw an active position") { s in
            let (device, _) = try await s.offered()
            return try await s.signed(.withdraw(position: try await s.ownerPosition(device)), by: s.owner, devices: [device])
        },
        Refusal("nothing_to_claim", .conflict, "claim without rewards") { s in
            let (device, _, _) = try await s.coStaked()
            return try await s.signed(.claimRewards, by: s.alice, devices: [device])
        },
        Refusal("appeal_closed", .conflict, "appeal an appealed slash") { s in
            let device = try await s.world()
            try await s.approve(.stake(device: device, amount: Amount(io: 100)), by: s.owner)
            let slash: SlashID = try id(try await s.slash(device, principalBps: 1_000, rewardsBps: 0)["slash_id"])
            try await s.approve(.appealSlash(slash: slash), by: s.owner)
            return try await s.signed(.appealSlash(slash: slash), by: s.owner, devices: [device])
        },
        Refusal("device_exists", .conflict, "register a device id twice") { s in
            let body = #"{"device_id":"\#(DeviceID(uuid: UUID()))","owner":"\#(s.owner.address)","model":"RTX 4070","processors":4}"#
            let device: DeviceID = try id(try await s.operate(.post, "/v1/operator/devices", body, status: .created)["device_id"])
            return Attempt(uri: "/v1/operator/devices", body: body, asOperator: true, devices: [device])
        },
        Refusal("slash_resolved", .conflict, "resolve an upheld slash") { s in
            let device = try await s.world()
            let slash = try await s.slash(device, principalBps: 0, rewardsBps: 0)["slash_id"] as? String ?? ""
            try await s.operate(.post, "/v1/operator/slashes/\(slash)/resolve", #"{"outcome":"upheld"}"#)
            return Attempt(uri: "/v1/operator/slashes/\(slash)/resolve", body: #"{"outcome":"overturned"}"#, asOperator: true, devices: [device])
        },
        // 115 deposits of the 800,000,000 IO cap fill 9.2 × 10^18 of Int64's 9.22 × 10^18 base units.
        Refusal("arithmetic_overflow", .conflict, "a 116th deposit of 800,000,000 IO") { s in
            for _ in 0..<115 { try await s.deposit(s.bob, "800000000") }
            return Attempt(uri: "/v1/operator/deposits", body: #"{"account":"\#(s.bob.address)","amount":"800000000"}"#, asOperator: true)
        },
        Refusal("unauthorized", .unauthorized, "an operator call without the token") { s in
            Attempt(uri: "/v1/operator/deposits", body: #"{"account":"\#(s.alice.address)","amount":"5"}"#)
        },
        Refusal("method_not_allowed", .methodNotAllowed, "DELETE on a route that is only POSTed") { s in
            Attempt(method: .delete, uri: "/v1/operator/deposits", body: #"{"account":"\#(s.alice.address)","amount":"5"}"#, asOperator: true)
        },
        Refusal("malformed", .badRequest, "a query parameter given twice") { _ in Attempt(method: .get, uri: "/v1/offers?sort=apr&sort=amount") },
        Refusal("malformed", .badRequest, "an empty query parameter") { _ in Attempt(method: .get, uri: "/v1/offers?min_amount=") },
        Refusal("not_found", .notFound, "an unknown route") { _ in Attempt(method: .get, uri: "/v1/nothing") },
        Refusal("not_found", .notFound, "a block that has not closed") { _ in Attempt(method: .get, uri: "/v1/blocks/0") },
        Refusal("transaction_not_found", .notFound, "an unknown signature") { _ in Attempt(method: .get, uri: "/v1/transactions/5igNaTuRe") },
        Refusal("body_too_large", .contentTooLarge, "1 MiB + 1 byte") { _ in
            Attempt(uri: "/v1/transactions", body: String(repeating: " ", count: (1 << 20) + 1))
        },
    ]
}
