import Foundation
import Testing

/// An owner's life through the built `costake` binary: stake, offers, overflow, a full
/// unstake, a slash appealed and overturned, and the withdrawal.
@Suite("costake: an owner's lifecycle")
struct OwnerLifecycleTests {
    @Test func stakesOffersRetractsUnstakesIsSlashedAppealsAndWithdraws() async throws {
        let s = try CLISession()
        let owner = try await s.newWallet("owner")
        try await s.ok(["operator", "deposit", owner.address, "5000"])
        let device = try await s.device(owner: owner.address)
        let staked = try await s.json(["stake", device, "1000", "--keypair", owner.path])
        let position = try #require((staked["result"] as? [String: String])?["position_id"])

        let tooMuch = try await s.costake(["offer", "create", device, "--amount", "700", "--reward-share-bps", "7400", "--keypair", owner.path])
        #expect(tooMuch.status == 1 && tooMuch.stderr.contains("requested_amount_out_of_range"))
        let created = try await s.ok(["offer", "create", device, "--amount", "300", "--reward-share-bps", "5500", "--keypair", owner.path])
        let offer = try #require(created.split(separator: "\n").first { $0.hasPrefix("offer_id") }?.split(separator: " ").last.map(String.init))
        let shown = try await s.ok(["offer", "show", offer])
        #expect(shown.contains("open") && shown.contains("55%") && shown.contains("300 IO of 1,200 IO") && shown.contains("\(s.serverURL)/offers/\(offer)"))

        let blocked = try await s.costake(["unstake", position, "--keypair", owner.path])
        #expect(blocked.status == 1 && blocked.stderr.contains("retract_offer_first"))
        try await s.ok(["offer", "retract", offer, "--keypair", owner.path])
        let closed = try await s.json(["offer", "show", offer])
        #expect(closed["status"] as? String == "closed" && closed["closed_reason"] as? String == "retracted")

        try await s.ok(["stake", device, "500", "--keypair", owner.path])
        let page = try await s.json(["device", "show", device])
        #expect(page["overflow"] as? String == "300" && page["sufficient"] as? Bool == true && page["counted_stake"] as? String == "1500")
        let checks = try #require(page["eligibility"] as? [[String: Any]])
        #expect(checks.count == 5 && checks.allSatisfy { Set($0.keys) == ["check", "passed"] })
        #expect(try await s.ok(["device", "show", device]).contains("[x] sufficient_stake"))

        let overflow = try await s.json(["unstake", position, "--amount", "300", "--keypair", owner.path])
        #expect(overflow["result"] as? [String: String] == ["position_id": position, "state": "active", "returned": "300"])
        let full = try await s.ok(["unstake", position, "--keypair", owner.path])
        #expect(full.contains("cooling"))
        let early = try await s.costake(["withdraw", position, "--keypair", owner.path])
        #expect(early.status == 1 && early.stderr.contains("not_withdrawable"))
        #expect(try await s.ok(["positions", "--keypair", owner.path]).contains("withdrawable 2026-01-15 00:00 UTC (in 14 days)"))

        try await Self.slashAppealOverturn(device, owner: owner, s)
        try await s.advance("14d")
        let withdrawn = try await s.json(["withdraw", position, "--keypair", owner.path])
        #expect((withdrawn["result"] as? [String: String])?["amount"] == "1200")
        #expect(try await s.json(["account", "--keypair", owner.path])["available"] as? String == "5000", "every IO came back")
    }

    /// 10% of the cooling 1,200 IO goes to escrow; the owner appeals; the operator overturns it.
    static func slashAppealOverturn(_ device: String, owner: (path: String, address: String), _ s: CLISession) async throws {
        let slash = try await s.json(["operator", "slash", device, "--principal-bps", "1000", "--rewards-bps", "0", "--reason", "PoW mismatch"])
        let id = try #require(slash["slash_id"] as? String)
        #expect(slash["amounts"] as? [String: String] == ["principal": "120", "rewards": "0", "total": "120"])
        #expect(slash["state"] as? String == "pending")
        let stranger = try await s.newWallet("stranger")
        let refused = try await s.costake(["slash", "appeal", id, "--keypair", stranger.path])
        #expect(refused.status == 1 && refused.stderr.contains("not_device_owner"))
        let appeal = try await s.json(["slash", "appeal", id, "--keypair", owner.path])
        #expect(appeal["result"] as? [String: String] == ["slash_id": id, "state": "appealed"])
        let resolved = try await s.ok(["operator", "resolve", id, "overturned"])
        #expect(resolved.contains("overturned") && resolved.contains("120 IO"))
    }
}
