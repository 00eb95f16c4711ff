import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A story told through the router in-process: a fresh server with a manual clock at
/// 2026-01-01T00:00:00Z, its test client and a cast of keys. Every step is an HTTP request.
struct APIStory: Sendable {
    let h: APIHarness
    let client: any TestClientProtocol
    let owner = Keys.make(1)
    let alice = Keys.make(2)
    let bob = Keys.make(3)

    /// Runs `body` against a fresh server on a throw-away database (with the faucet).
    static func run(_ kind: StoreKind = .sqlite, _ body: @Sendable (APIStory) async throws -> Void) async throws {
        let h = try await APIHarness(kind, faucet: true)
        try await h.app.test(.router) { client in try await body(APIStory(h: h, client: client)) }
    }

    /// The network's clock (moved only by `advance`).
    var now: Timestamp { h.services.clock.now() }

    // MARK: Requests

    /// Any request; operator requests carry the bearer token.
    func request(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, asOperator: Bool = false) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: asOperator ? h.auth : [:], body: body.map { ByteBuffer(string: $0) })
    }

    /// A public GET that must answer 200 with a JSON object.
    func get(_ uri: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await request(.get, uri)
        #expect(response.status == .ok, "GET \(uri): \(String(buffer: response.body))", sourceLocation: sourceLocation)
        return try json(response)
    }

    /// An operator call that must answer `status`.
    @discardableResult
    func operate(_ method: HTTPRequest.Method, _ uri: String, _ body: String, status: HTTPResponse.Status = .ok,
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await request(method, uri, body: body, asOperator: true)
        #expect(response.status == status, "\(method) \(uri): \(String(buffer: response.body))", sourceLocation: sourceLocation)
        return try json(response)
    }

    // MARK: The operator

    /// Credits `amount` (decimal IO) to `key`'s account; returns the account.
    @discardableResult
    func deposit(_ key: Keypair, _ amount: String) async throws -> [String: Any] {
        try await operate(.post, "/v1/operator/deposits", #"{"account":"\#(key.address)","amount":"\#(amount)"}"#)
    }

    /// Registers an `up` device of the owner's; returns its id.
    func register(_ model: String = "RTX 4070", processors: Int = 4) async throws -> DeviceID {
        let device = try await operate(.post, "/v1/operator/devices",
                                       #"{"owner":"\#(owner.address)","model":"\#(model)","processors":\#(processors),"status":"up"}"#,
                                       status: .created)
        return try id(device["device_id"])
    }

    /// Moves the manual clock (closing every block that falls due); returns `{now, last_block}`.
    @discardableResult
    func advance(days: Int64 = 0, hours: Int64 = 0, seconds: Int64 = 0) async throws -> [String: Any] {
        try await operate(.post, "/v1/operator/clock", #"{"advance_seconds":\#(days * 86_400 + hours * 3_600 + seconds)}"#)
    }

    /// Reports `devices` up every 15 minutes for `hours` whole blocks, with a passed proof of work
    /// except for `noPoW`: per hour the clock moves 45 minutes, one batch reports the hour's four
    /// quarters, and the last 15 minutes close the block (the last report is then exactly 15
    /// minutes old: still up).
    func telemetryUp(_ devices: [DeviceID], hours: Int, noPoW: [DeviceID] = []) async throws {
        try #require(now.seconds % 3_600 == 0, "telemetry starts on a block boundary")
        for _ in 0..<hours {
            let hourStart = now
            try await advance(seconds: 2_700)
            let events = (0..<4).flatMap { quarter in
                devices.map { #"{"device_id":"\#($0)","at":"\#(hourStart.adding(seconds: Int64(quarter) * 900))","status":"up","pow_ok":\#(!noPoW.contains($0))}"# }
            }
            let ingest = try await operate(.post, "/v1/operator/telemetry", #"{"events":[\#(events.joined(separator: ","))]}"#)
            #expect(ingest["accepted"] as? Int == events.count && (ingest["rejected"] as? [Any])?.isEmpty == true)
            try await advance(seconds: 900)
        }
    }

    /// Slashes a device; returns the slash (201).
    func slash(_ device: DeviceID, principalBps: Int, rewardsBps: Int, reason: String = "PoW fraud") async throws -> [String: Any] {
        try await operate(.post, "/v1/operator/slashes",
                          #"{"device_id":"\#(device)","principal_bps":\#(principalBps),"rewards_bps":\#(rewardsBps),"reason":"\#(reason)"}"#,
                          status: .created)
    }

    // MARK: Signed transactions

    /// The text of SPEC §9 for `action`, as the web wallet would sign it.
    func message(_ action: Action, by key: Keypair, nonce: String = UUID().uuidString, expiresIn: Int64 = 300,
                 network: String? = nil) -> String {
        MessageComposer.text(action, network: network ?? h.services.network, signer: key.address, nonce: nonce,
                             expiresAt: now.adding(seconds: expiresIn))
    }

    /// The request body `{"message", "signature"}` for a message text signed by `key`.
    func envelope(_ message: String, signedBy key: Keypair) -> String {
        let body = try! JSONSerialization.data(withJSONObject: ["message": message, "signature": key.signBase58(message)])
        return String(decoding: body, as: UTF8.self)
    }

    /// Signs and posts a transaction.
    func submit(_ action: Action, by key: Keypair, nonce: String = UUID().uuidString) async throws -> TestResponse {
        try await request(.post, "/v1/transactions", body: envelope(message(action, by: key, nonce: nonce), signedBy: key))
    }

    /// Signs and posts a transaction that must be approved; returns its `result`.
    @discardableResult
    func approve(_ action: Action, by key: Keypair, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: String] {
        let response = try await submit(action, by: key)
        #expect(response.status == .ok, "\(action.type.rawValue): \(String(buffer: response.body))", sourceLocation: sourceLocation)
        let body = try json(response)
        #expect(body["status"] as? String == "approved" && body["type"] as? String == action.type.rawValue, sourceLocation: sourceLocation)
        return try #require(body["result"] as? [String: String], sourceLocation: sourceLocation)
    }

    /// Posts a transaction that must be refused with `code`; returns the error message.
    @discardableResult
    func refuse(_ action: Action, by key: Keypair, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let response = try await submit(action, by: key)
        #expect(try errorCode(response) == code, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
        return (try json(response)["error"] as? [String: Any])?["message"] as? String ?? ""
    }

    // MARK: Reads

    /// An account's balances on one line: available | staked | waiting | cooling | withdrawable
    /// | unclaimed | lifetime | claim slots used.
    func balances(_ key: Keypair) async throws -> String {
        let account = try await get("/v1/accounts/\(key.address)")
        let fields = ["available", "staked", "waiting", "cooling", "withdrawable", "unclaimed_rewards", "lifetime_rewards"]
        let amounts = fields.map { "\($0.split(separator: "_")[0]) \(account[$0] as? String ?? "?")" }
        return (amounts + ["slots \(account["claim_slots_used"] as? Int ?? -1)"]).joined(separator: " | ")
    }

    /// One position of `key`'s, from `GET /v1/accounts/{address}/positions`.
    func position(_ id: String?, of key: Keypair) async throws -> [String: Any] {
        let list = try #require(try await get("/v1/accounts/\(key.address)/positions")["positions"] as? [[String: Any]])
        return try #require(list.first { $0["position_id"] as? String == id }, "no position \(id ?? "nil") of \(key.address)")
    }

    /// A position on one line: role state amount | waiting end | cooling end | unclaimed | lifetime.
    func positionLine(_ id: String?, of key: Keypair) async throws -> String {
        let p = try await position(id, of: key)
        let text = { (name: String) in p[name] as? String ?? "null" }
        return "\(text("role")) \(text("state")) \(text("amount")) | waits until \(text("waiting_ends_at")) | cools until \(text("cooling_ends_at")) | unclaimed \(text("unclaimed_rewards")) | lifetime \(text("lifetime_rewards"))"
    }

    /// A device's stake on one line: counted | sufficient | overflow.
    func stakeLine(_ device: DeviceID) async throws -> String {
        let d = try await get("/v1/devices/\(device)")
        return "counted \(d["counted_stake"] as? String ?? "?") | sufficient \(d["sufficient"] as? Bool ?? false) | overflow \(d["overflow"] as? String ?? "?")"
    }

    /// The offer ids a marketplace query lists, in order.
    func offerIDs(_ query: String) async throws -> [String] {
        let rows = try #require(try await get("/v1/offers\(query)")["offers"] as? [[String: Any]])
        return rows.map { $0["offer_id"] as? String ?? "?" }
    }

    /// Everything the public API shows of the cast, of the devices their positions and the
    /// offers name, and of `devices`: compared before and after a refusal, which must change nothing.
    func snapshot(_ devices: [DeviceID] = []) async throws -> String {
        var uris = ["/v1/status", "/v1/stats", "/v1/blocks", "/v1/offers?status=open", "/v1/offers?status=active", "/v1/offers?status=closed"]
        for key in [owner, alice, bob] { uris += ["/v1/accounts/\(key.address)", "/v1/accounts/\(key.address)/positions"] }
        var text = "", named = Set(devices.map(\.description))
        for uri in uris {
            let body = try await request(.get, uri).body
            text += "\(uri) \(String(buffer: body))\n"
            let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
            for row in (object?["positions"] ?? object?["offers"]) as? [[String: Any]] ?? [] {
                if let device = row["device_id"] as? String { named.insert(device) }
            }
        }
        for device in named.sorted() { text += "\(device) \(String(buffer: try await request(.get, "/v1/devices/\(device)").body))\n" }
        return text
    }
}

/// Small worlds the refusal table and the stories start from.
extension APIStory {
    /// The owner, Alice and Bob with 10,000 IO each and the owner's RTX 4070 × 4.
    func world() async throws -> DeviceID {
        for key in [owner, alice, bob] { try await deposit(key, "10000") }
        return try await register()
    }

    /// The owner stakes 600 on `device` (a new world's by default) and offers 600 at 7,400 bps.
    func offered(on existing: DeviceID? = nil) async throws -> (device: DeviceID, offer: OfferID) {
        let device: DeviceID
        if let existing { device = existing } else { device = try await world() }
        try await approve(.stake(device: device, amount: Amount(io: 600)), by: owner)
        return (device, try id(try await approve(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: owner)["offer_id"]))
    }

    /// Alice takes the owner's offer.
    func coStaked() async throws -> (DeviceID, OfferID, PositionID) {
        let (device, offer) = try await offered()
        let position: PositionID = try id(try await approve(.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: alice)["position_id"])
        return (device, offer, position)
    }

    /// The owner's position on a device, from the device page.
    func ownerPosition(_ device: DeviceID) async throws -> PositionID {
        let positions = try #require(try await get("/v1/devices/\(device)")["positions"] as? [[String: Any]])
        return try id(positions.first { $0["role"] as? String == "owner" }?["position_id"])
    }

    /// A signed transaction as an attempt.
    func signed(_ action: Action, by key: Keypair, nonce: String = UUID().uuidString, expiresIn: Int64 = 300,
                network: String? = nil, devices: [DeviceID] = []) async throws -> Attempt {
        let text = message(action, by: key, nonce: nonce, expiresIn: expiresIn, network: network)
        return Attempt(uri: "/v1/transactions", body: envelope(text, signedBy: key), devices: devices)
    }
}

/// A typed id from a JSON field.
func id<ID: UUIDIdentifier>(_ value: Any?) throws -> ID {
    try ID(text: try #require(value as? String), field: ID.noun + "_id")
}

/// The keys of a JSON object that a fixed list of names is missing (empty when all are there).
func missing(_ names: [String], in object: [String: Any]?) -> [String] {
    names.filter { object?.keys.contains($0) != true }
}
