import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A server on a throw-away database with a manual clock at 2026-01-01T00:00:00Z.
struct APIHarness {
    let services: NetworkServices
    let app: Application<RouterResponder<APIContext>>
    let token = "op-secret"

    init(_ kind: StoreKind = .sqlite, faucet: Bool = false, rateLimits: RateLimits = RateLimits()) async throws {
        var config = ServeConfiguration()
        config.database = try await kind.freshLocation()
        config.network = "costake-test"
        config.genesis = TestNetwork.start
        config.manualClock = true
        config.operatorToken = token
        config.faucet = faucet
        config.rateLimits = rateLimits
        services = try await buildServices(config, logger: Logger(label: "test"))
        app = Application(router: try buildRouter(services))
    }

    var auth: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    func signed(_ action: Action, by key: Keypair, nonce: String = UUID().uuidString) -> ByteBuffer {
        let message = MessageComposer.text(action, network: services.network, signer: key.address, nonce: nonce,
                                           expiresAt: services.clock.now().adding(seconds: 300))
        let body = try! JSONSerialization.data(withJSONObject: ["message": message, "signature": key.signBase58(message)])
        return ByteBuffer(bytes: body)
    }
}

func json(_ response: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
}

func errorCode(_ response: TestResponse) throws -> String? {
    (try json(response)["error"] as? [String: Any])?["code"] as? String
}

@Suite("JSON API through the router")
struct APITests {
    @Test(arguments: StoreKind.allCases) func statusHasTheFixedNamesAndNullBeforeTheFirstBlock(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind)
        try await h.app.test(.router) { client in
            let response = try await client.execute(uri: "/v1/status", method: .get)
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["network"] as? String == "costake-test")
            #expect(body["now"] as? String == "2026-01-01T00:00:00Z")
            #expect(body.keys.contains("last_block") && body["last_block"] is NSNull)
            #expect(body["next_block_at"] as? String == "2026-01-01T01:00:00Z")
            #expect(body["block_interval"] as? Int == 3_600)
            let token = try #require(body["token"] as? [String: Any])
            #expect(token["symbol"] as? String == "IO" && token["decimals"] as? Int == 8)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func operatorEndpointsNeedTheToken(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind)
        try await h.app.test(.router) { client in
            let body = ByteBuffer(string: "{\"account\":\"\(Keys.make(1).address)\",\"amount\":\"5\"}")
            let none = try await client.execute(uri: "/v1/operator/deposits", method: .post, body: body)
            #expect(none.status == .unauthorized)
            #expect(try errorCode(none) == "unauthorized")
            #expect(none.headers[.wwwAuthenticate] == #"Bearer realm="costake operator""#)
            let wrong = try await client.execute(uri: "/v1/operator/deposits", method: .post, headers: [.authorization: "Bearer op-secreT"], body: body)
            #expect(wrong.status == .unauthorized)
            #expect(try errorCode(wrong) == "unauthorized")
            let right = try await client.execute(uri: "/v1/operator/deposits", method: .post, headers: h.auth, body: body)
            #expect(right.status == .ok)
            #expect(try json(right)["available"] as? String == "5")
        }
    }

    @Test(arguments: StoreKind.allCases) func theLifecycleThroughTheAPI(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind)
        let owner = Keys.make(1), alice = Keys.make(2)
        try await h.app.test(.router) { client in
            for key in [owner, alice] {
                let deposit = try await client.execute(uri: "/v1/operator/deposits", method: .post, headers: h.auth,
                                                       body: ByteBuffer(string: "{\"account\":\"\(key.address)\",\"amount\":\"10000\"}"))
                #expect(deposit.status == .ok)
            }
            let registered = try await client.execute(uri: "/v1/operator/devices", method: .post, headers: h.auth, body: ByteBuffer(string: """
                {"owner":"\(owner.address)","model":"RTX 4070","processors":4,"status":"up","name":"rig one"}
                """))
            #expect(registered.status == .created)
            let device = try DeviceID(text: try #require(try json(registered)["device_id"] as? String), field: "device_id")
            #expect(try json(registered)["requirement"] as? String == "1200")
            #expect(try json(registered)["offer"] is NSNull)

            let stake = try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(.stake(device: device, amount: Amount(io: 600)), by: owner))
            #expect(stake.status == .ok)
            #expect(try json(stake)["status"] as? String == "approved")
            let offerResponse = try await client.execute(uri: "/v1/transactions", method: .post,
                                                         body: h.signed(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: owner))
            let offerID = try #require((try json(offerResponse))["result"] as? [String: String])["offer_id"]!

            let listed = try json(try await client.execute(uri: "/v1/offers?model=RTX%204070&min_reward_share_bps=7400&sort=amount&order=asc", method: .get))
            let offers = try #require(listed["offers"] as? [[String: Any]])
            #expect(offers.map { $0["offer_id"] as? String } == [offerID])
            #expect(offers.first?["requested_amount"] as? String == "600" && offers.first?["reward_share_bps"] as? Int == 7_400)
            #expect(offers.first?["owner"] == nil, "the marketplace shows no owner")
            #expect(listed["next_cursor"] is NSNull)
            let filtered = try json(try await client.execute(uri: "/v1/offers?min_reward_share_bps=7401", method: .get))
            #expect((filtered["offers"] as? [Any])?.isEmpty == true)

            let own = try await client.execute(uri: "/v1/transactions", method: .post,
                                               body: h.signed(.coStake(offer: try OfferID(text: offerID, field: "o"), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: owner))
            #expect(own.status == .conflict)
            #expect(try errorCode(own) == "own_device")
            let taken = try await client.execute(uri: "/v1/transactions", method: .post,
                                                 body: h.signed(.coStake(offer: try OfferID(text: offerID, field: "o"), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: alice))
            #expect(taken.status == .ok)
            let signature = try #require(try json(taken)["signature"] as? String)
            let fetched = try json(try await client.execute(uri: "/v1/transactions/\(signature)", method: .get))
            #expect(fetched["type"] as? String == "co_stake" && fetched["signer"] as? String == alice.address.text)

            let account = try json(try await client.execute(uri: "/v1/accounts/\(alice.address)", method: .get))
            #expect(account["available"] as? String == "9400" && account["staked"] as? String == "600" && account["claim_slots_used"] as? Int == 1)
            let positions = try json(try await client.execute(uri: "/v1/accounts/\(alice.address)/positions", method: .get))
            #expect((positions["positions"] as? [[String: Any]])?.first?["role"] as? String == "co_staker")

            let clock = try json(try await client.execute(uri: "/v1/operator/clock", method: .post, headers: h.auth,
                                                          body: ByteBuffer(string: "{\"advance_seconds\":7200}")))
            #expect(clock["now"] as? String == "2026-01-01T02:00:00Z" && clock["last_block"] as? Int == 1)
            let block = try json(try await client.execute(uri: "/v1/blocks/1", method: .get))
            #expect(block["emission"] as? String == "4566" && block["carry"] as? String == "9132")
            let stats = try json(try await client.execute(uri: "/v1/stats", method: .get))
            #expect(stats["net_staked"] as? String == "1200" && stats["active_co_stakes"] as? Int == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func errorsHaveTheirStatusAndCode(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind)
        let key = Keys.make(1)
        try await h.app.test(.router) { client in
            let cases: [(String, HTTPRequest.Method, ByteBuffer?, HTTPResponse.Status, String)] = [
                ("/v1/transactions", .post, ByteBuffer(string: "not json"), .badRequest, "malformed"),
                ("/v1/transactions", .post, h.signed(.stake(device: DeviceID(uuid: UUID()), amount: Amount(io: 1)), by: key), .notFound, "device_not_found"),
                ("/v1/offers/\(UUID().uuidString.lowercased())", .get, nil, .notFound, "offer_not_found"),
                ("/v1/offers/not-a-uuid", .get, nil, .badRequest, "malformed"),
                ("/v1/devices/\(UUID().uuidString.lowercased())", .get, nil, .notFound, "device_not_found"),
                ("/v1/accounts/0OIl", .get, nil, .badRequest, "invalid_address"),
                ("/v1/offers?min_amount=1e5", .get, nil, .badRequest, "invalid_amount"),
                ("/v1/offers?sort=price", .get, nil, .badRequest, "malformed"),
                ("/v1/offers?cursor=garbage", .get, nil, .badRequest, "malformed"),
                ("/v1/blocks/7", .get, nil, .notFound, "not_found"),
                ("/v1/nothing", .get, nil, .notFound, "not_found"),
            ]
            for (uri, method, body, status, code) in cases {
                let response = try await client.execute(uri: uri, method: method, body: body)
                #expect(response.status == status, "\(uri)")
                #expect(try errorCode(response) == code, "\(uri)")
            }
            var tampered = h.signed(.stake(device: DeviceID(uuid: UUID()), amount: Amount(io: 1)), by: key)
            tampered = ByteBuffer(string: String(buffer: tampered).replacingOccurrences(of: "\\\"1\\\"", with: "\\\"2\\\""))
            let bad = try await client.execute(uri: "/v1/transactions", method: .post, body: tampered)
            #expect(bad.status == .unauthorized)
            #expect(try errorCode(bad) == "invalid_signature")
            let huge = try await client.execute(uri: "/v1/transactions", method: .post, body: ByteBuffer(repeating: 0x20, count: (1 << 20) + 1))
            #expect(huge.status == .contentTooLarge)
            #expect(try errorCode(huge) == "body_too_large")
        }
    }

    @Test(arguments: StoreKind.allCases) func cursorPagingIsStableUnderInserts(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind)
        let owner = Keys.make(1)
        try await h.app.test(.router) { client in
            _ = try await client.execute(uri: "/v1/operator/deposits", method: .post, headers: h.auth,
                                         body: ByteBuffer(string: "{\"account\":\"\(owner.address)\",\"amount\":\"100000\"}"))
            func offer(_ bps: Int) async throws {
                let device = try await h.services.operatorActions.register(DeviceRegistration(
                    id: IdentifierSource.random.make(), name: "rig", owner: owner.address, model: "RTX 4070", processors: 4, status: .up))
                _ = try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(.stake(device: device.id, amount: Amount(io: 600)), by: owner))
                let created = try await client.execute(uri: "/v1/transactions", method: .post,
                                                       body: h.signed(.createOffer(device: device.id, requestedAmount: Amount(io: 600), rewardShareBps: bps), by: owner))
                #expect(created.status == .ok)
            }
            for bps in [1_000, 2_000, 3_000, 4_000, 5_000] { try await offer(bps) }
            let first = try json(try await client.execute(uri: "/v1/offers?sort=reward_share&order=desc&limit=2", method: .get))
            #expect((first["offers"] as? [[String: Any]])?.map { $0["reward_share_bps"] as? Int } == [5_000, 4_000])
            let cursor = try #require(first["next_cursor"] as? String)
            try await offer(4_500)  // lands before the cursor: the next page must not repeat or skip
            let second = try json(try await client.execute(uri: "/v1/offers?sort=reward_share&order=desc&limit=2&cursor=\(cursor)", method: .get))
            #expect((second["offers"] as? [[String: Any]])?.map { $0["reward_share_bps"] as? Int } == [3_000, 2_000])
        }
    }
}
