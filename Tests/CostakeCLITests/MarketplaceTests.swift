import Foundation
import Testing

/// `costake offers` filters, sorts and pages like the API; `operator device set` changes a device.
@Suite("costake: marketplace and devices")
struct MarketplaceTests {
    /// Three offers on RTX 4070 ×4 devices (requirement 1,200 IO): 300 IO for 60%, 400 for 70%, 500 for 80%.
    static func threeOffers(_ s: CLISession) async throws -> [String] {
        let owner = try await s.newWallet("owner")
        try await s.ok(["operator", "deposit", owner.address, "10000"])
        var offers: [String] = []
        for (amount, bps) in [("300", "6000"), ("400", "7000"), ("500", "8000")] {
            let device = try await s.device(owner: owner.address)
            try await s.ok(["stake", device, "1200", "--keypair", owner.path])
            let created = try await s.json(["offer", "create", device, "--amount", amount, "--reward-share-bps", bps, "--keypair", owner.path])
            offers.append(try #require((created["result"] as? [String: String])?["offer_id"]))
        }
        return offers
    }

    static func amounts(_ page: [String: Any]) -> [String] {
        (page["offers"] as? [[String: Any]] ?? []).compactMap { $0["requested_amount"] as? String }
    }

    @Test func filtersSortsAndPagesWithTheCursor() async throws {
        let s = try CLISession()
        _ = try await Self.threeOffers(s)
        let first = try await s.json(["offers", "--sort", "amount", "--order", "desc", "--limit", "2"])
        #expect(Self.amounts(first) == ["500", "400"])
        let cursor = try #require(first["next_cursor"] as? String)
        let second = try await s.json(["offers", "--sort", "amount", "--order", "desc", "--limit", "2", "--cursor", cursor])
        #expect(Self.amounts(second) == ["300"] && second["next_cursor"] is NSNull)
        let human = try await s.ok(["offers", "--sort", "amount", "--order", "desc", "--limit", "2"])
        #expect(human.hasSuffix("more: add --cursor \(cursor)"))

        #expect(Self.amounts(try await s.json(["offers", "--min-amount", "350", "--max-amount", "450"])) == ["400"])
        #expect(Self.amounts(try await s.json(["offers", "--min-reward-share-bps", "7000", "--sort", "reward_share", "--order", "asc"])) == ["400", "500"])
        #expect(Self.amounts(try await s.json(["offers", "--model", "RTX 4090"])).isEmpty)
        #expect(try await s.ok(["offers", "--model", "RTX 4090"]) == "No offers match.")
        #expect(Self.amounts(try await s.json(["offers", "--status", "closed"])).isEmpty)
        let bad = try await s.costake(["offers", "--sort", "luck"])
        #expect(bad.status == 1 && bad.stderr.contains("malformed"))
    }

    @Test func theOperatorChangesADevicesStatusAndHiredFlag() async throws {
        let s = try CLISession()
        let owner = try await s.newWallet("owner")
        let device = try await s.device(owner: owner.address)
        let paused = try await s.json(["operator", "device", "set", device, "--status", "paused"])
        #expect(paused["status"] as? String == "paused" && paused["hired"] as? Bool == false)
        let hired = try await s.json(["operator", "device", "set", device, "--hired", "true"])
        #expect(hired["status"] as? String == "paused" && hired["hired"] as? Bool == true)
        #expect(try await s.ok(["device", "show", device]).contains("status         paused, hired"))
        #expect(try await s.costake(["operator", "device", "set", device]).status == 2, "nothing to change")
        let unknown = try await s.costake(["operator", "device", "add", "--owner", owner.address, "--model", "Abacus", "--processors", "1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown_model"))
    }
}
