import CostakeTestSupport
import Foundation
import Testing

/// Two `costake serve` processes on one database with 2-second blocks: every height closes
/// exactly once with its emission, transactions sent to both keep the rules, a marketplace
/// page either kept is not served after the other changed it, and `costake ledger verify`
/// passes afterwards.
@Suite("Two servers on one database")
struct TwoServerTests {
    static let token = "two-servers"

    /// The body of a signed transaction against the system clock.
    static func signed(_ action: Action, by key: Keypair, network: String) -> String {
        let text = MessageComposer.text(action, network: network, signer: key.address, nonce: UUID().uuidString,
                                        expiresAt: SystemClock().now().adding(seconds: 300))
        let body = try! JSONSerialization.data(withJSONObject: ["message": text, "signature": key.signBase58(text)])
        return String(decoding: body, as: UTF8.self)
    }

    static func field(_ body: String, _ name: String) -> Any? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?[name]
    }

    @Test(arguments: StoreKind.allCases)
    func blocksCloseOnceAndTheLedgerHolds(_ kind: StoreKind) async throws {
        let database = try await kind.freshLocation()
        let flags = ["--database", database, "--block-interval", "2", "--operator-token", Self.token,
                     "--network", "costake-two", "--log-level", "notice"]
        let first = try ServeProcess(flags)
        let second = try ServeProcess(flags)
        defer { first.stop(); second.stop() }
        let owner = Keys.make(1)
        let takers = (10..<20).map(Keys.make)
        let device = try #require(Self.field(first.request("/v1/operator/devices", method: "POST", body: """
            {"owner":"\(owner.address)","model":"RTX 4070","processors":4,"status":"up"}
            """, token: Self.token).body, "device_id") as? String)
        let deviceID = try DeviceID(text: device, field: "device_id")
        for (index, key) in ([owner] + takers).enumerated() {
            let server = index.isMultiple(of: 2) ? first : second
            #expect(try server.request("/v1/operator/deposits", method: "POST", body: #"{"account":"\#(key.address)","amount":"1000"}"#, token: Self.token).status == 200)
        }
        #expect(try second.request("/v1/transactions", method: "POST",
                                body: Self.signed(.stake(device: deviceID, amount: Amount(io: 600)), by: owner, network: "costake-two")).status == 200)
        let created = try first.request("/v1/transactions", method: "POST", body: Self.signed(
            .createOffer(device: deviceID, requestedAmount: Amount(io: 600), rewardShareBps: 5_000), by: owner, network: "costake-two"))
        let offer = try OfferID(text: try #require((Self.field(created.body, "result") as? [String: String])?["offer_id"]), field: "offer_id")
        // Both servers keep the open page with the offer on it (their listings caches).
        for server in [first, second] {
            #expect(try server.request("/v1/offers?status=open").body.contains(offer.description))
        }
        // Ten accounts take the offer at once, half through each server: exactly one gets it.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, key) in takers.enumerated() {
                let server = index.isMultiple(of: 2) ? first : second
                let body = Self.signed(.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 5_000), by: key, network: "costake-two")
                group.addTask { try server.request("/v1/transactions", method: "POST", body: body).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 1 && statuses.filter { $0 == 409 }.count == 9, "\(statuses)")
        // Whichever server took it, neither serves the page it kept: the version is the database's.
        for server in [first, second] {
            #expect(!(try server.request("/v1/offers?status=open").body.contains(offer.description)))
            #expect(try server.request("/v1/offers?status=active").body.contains(offer.description))
        }
        // Let both servers race to close blocks for a while.
        let startHeight = Self.field(try first.request("/v1/status").body, "last_block") as? Int ?? -1
        let deadline = Date().addingTimeInterval(60)
        while (Self.field(try second.request("/v1/status").body, "last_block") as? Int ?? -1) < startHeight + 6, Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(first.stop() == 0 && second.stop() == 0)

        let store = try Database.open(database)
        let last = try #require(try await store.lastClosedHeight())
        #expect(last >= startHeight + 6)
        let blocks = try await store.blocks(below: nil, limit: 1_000).sorted { $0.height < $1.height }
        #expect(blocks.map(\.height) == Array(0...last), "every height once, in order")
        #expect(blocks.allSatisfy { $0.emission == Amount(io: 4_566) })
        try await store.close()
        let verified = try run(try costakeBinary(), ["ledger", "verify", "--database", database])
        #expect(verified.contains("deposited + minted - burned = held: yes"), "\(verified)")
    }
}
