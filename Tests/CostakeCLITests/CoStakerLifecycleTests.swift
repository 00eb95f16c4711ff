import CostakeCore
import Foundation
import Testing

/// A co-staker's life through the built `costake` binary: the marketplace, the confirmation
/// prompt, the claim cap, own-device refusal, rewards, leaving and withdrawing.
@Suite("costake: a co-staker's lifecycle")
struct CoStakerLifecycleTests {
    /// Three RTX 4070 ×4 devices (requirement 1,200 IO), each with 600 IO staked by the owner
    /// and an open offer of 600 IO for 74% of the rewards.
    static func market(_ s: CLISession) async throws -> (owner: (path: String, address: String), devices: [String], offers: [String]) {
        let owner = try await s.newWallet("owner")
        try await s.ok(["operator", "deposit", owner.address, "10000"])
        var devices: [String] = [], offers: [String] = []
        for _ in 0..<3 {
            let device = try await s.device(owner: owner.address)
            try await s.ok(["stake", device, "600", "--keypair", owner.path])
            let created = try await s.json(["offer", "create", device, "--amount", "600", "--reward-share-bps", "7400", "--keypair", owner.path])
            let result = try #require(created["result"] as? [String: String])
            devices.append(device)
            offers.append(try #require(result["offer_id"]))
        }
        return (owner, devices, offers)
    }

    @Test func takesOffersUpToTheClaimCapEarnsClaimsLeavesAndWithdraws() async throws {
        let s = try CLISession()
        let (owner, devices, offers) = try await Self.market(s)
        let alice = try await s.newWallet("alice")
        try await s.ok(["operator", "deposit", alice.address, "5000"])

        let table = try await s.ok(["offers", "--sort", "reward_share", "--order", "desc"])
        #expect(table.contains("RTX 4070 ×4") && table.contains("600 IO") && table.contains("1,200 IO") && table.contains("74%"))
        #expect(!table.contains(owner.address), "the marketplace shows no owner")

        let declined = try await s.costake(["co-stake", offers[0], "--keypair", alice.path], stdin: "n\n")
        #expect(declined.status == 5)
        #expect(declined.stderr.contains("Co-stake on these terms?") && declined.stderr.contains("600 IO") && declined.stderr.contains("74%"))
        #expect(try await s.json(["account", "--keypair", alice.path])["available"] as? String == "5000", "nothing was sent")

        let taken = try await s.ok(["co-stake", offers[0], "--keypair", alice.path], stdin: "y\n")
        #expect(taken.hasPrefix("approved: co_stake") && taken.contains("position_id"))
        let second = try await s.json(["co-stake", offers[1], "--yes", "--keypair", alice.path])
        #expect(Set(second.keys) == ["signature", "status", "type", "result"] && second["type"] as? String == "co_stake")

        let capped = try await s.costake(["co-stake", offers[2], "--yes", "--json", "--keypair", alice.path])
        #expect(capped.status == 1 && capped.stderr.contains("claim_cap_reached"))
        let envelope = try capped.object()
        #expect(envelope["status"] as? String == "failed" && (envelope["error"] as? [String: String])?["code"] == "claim_cap_reached")

        let own = try await s.costake(["co-stake", offers[2], "--yes", "--keypair", owner.path])
        #expect(own.status == 1 && own.stderr.contains("own_device"))

        let account = try await s.json(["account", "--keypair", alice.path])
        #expect(account["available"] as? String == "3800" && account["staked"] as? String == "1200")
        #expect(account["claim_slots_used"] as? Int == 2 && account["claim_slots"] as? Int == 2)

        try await Self.keepUp(devices[0], hours: 6, s)
        try await Self.claimsWhatItEarned(alice, s)
        try await Self.leavesAndWithdraws(alice, device: devices[0], s)
    }

    /// Reports the device up with a proof of work every 15 minutes for `hours` of network time:
    /// five hours up makes it eligible, so blocks pay it.
    static func keepUp(_ device: String, hours: Int, _ s: CLISession) async throws {
        var now = try await s.advance("0")
        let file = s.home.appendingPathComponent("telemetry.jsonl").path
        for _ in 0..<(hours * 4) {
            try "{\"device_id\":\"\(device)\",\"at\":\"\(now)\",\"status\":\"up\",\"pow_ok\":true}\n".write(toFile: file, atomically: true, encoding: .utf8)
            let imported = try await s.json(["operator", "telemetry", "import", file])
            try #require(imported["accepted"] as? Int == 1, "\(imported)")
            now = try await s.advance("15m")
        }
    }

    static func claimsWhatItEarned(_ alice: (path: String, address: String), _ s: CLISession) async throws {
        let positions = try #require(try await s.json(["positions", "--keypair", alice.path])["positions"] as? [[String: Any]])
        let unclaimed = try positions.map { try Amount(wire: try #require($0["unclaimed_rewards"] as? String)) }
        let earned = try unclaimed.reduce(Amount.zero) { try $0.adding($1) }
        #expect(earned.isPositive, "the eligible device paid its co-staker")

        let days = try #require(try await s.json(["rewards", "--keypair", alice.path])["days"] as? [[String: Any]])
        #expect(days.count == 1 && days.first?["co_staker_reward"] as? String == earned.wireForm)
        let csv = try await s.ok(["rewards", "--csv", "--from", "2026-01-01", "--to", "2026-01-02", "--keypair", alice.path])
        #expect(csv.split(separator: "\n") == ["day,owner_reward,co_staker_reward,total,blocks", Substring("2026-01-01,0,\(earned.wireForm),\(earned.wireForm),\(days.first?["blocks"] as? Int ?? -1)")])

        let claim = try await s.json(["rewards", "claim", "--keypair", alice.path])
        #expect((claim["result"] as? [String: String])?["amount"] == earned.wireForm)
        let available = try await s.json(["account", "--keypair", alice.path])["available"] as? String
        #expect(available == (try Amount(io: 3800).adding(earned)).wireForm)
        let again = try await s.costake(["rewards", "claim", "--keypair", alice.path])
        #expect(again.status == 1 && again.stderr.contains("nothing_to_claim"))
    }

    static func leavesAndWithdraws(_ alice: (path: String, address: String), device: String, _ s: CLISession) async throws {
        let positions = try #require(try await s.json(["positions", "--keypair", alice.path])["positions"] as? [[String: Any]])
        let position = try #require(positions.first { $0["device_id"] as? String == device }?["position_id"] as? String)
        let left = try await s.json(["unstake", position, "--keypair", alice.path])
        #expect((left["result"] as? [String: String])?["state"] == "waiting")
        #expect(try await s.ok(["positions", "--keypair", alice.path]).contains("cooling 2026-01-08 06:00 UTC (in 7 days)"))

        let early = try await s.costake(["withdraw", position, "--keypair", alice.path])
        #expect(early.status == 1 && early.stderr.contains("not_withdrawable") && early.stderr.contains("It becomes withdrawable at"))

        try await s.advance("21d")
        let withdrawn = try await s.ok(["withdraw", position, "--keypair", alice.path])
        #expect(withdrawn.contains("approved: withdraw") && withdrawn.contains("600 IO"))
        let account = try await s.json(["account", "--keypair", alice.path])
        #expect(account["staked"] as? String == "600" && account["claim_slots_used"] as? Int == 1)
    }
}
