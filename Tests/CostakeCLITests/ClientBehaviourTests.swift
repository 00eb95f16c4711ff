import CostakeClient
import CostakeTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Exit codes, `--json` shapes, telemetry import, and resending the same signed message after
/// a network failure.
@Suite("costake: exit codes, output and retries")
struct ClientBehaviourTests {
    @Test func exitCodesSayWhatKindOfFailureItWas() async throws {
        let s = try CLISession()
        let wallet = try await s.newWallet("id")
        let usage = try await s.costake(["stake", "not-a-device", "10", "--keypair", wallet.path])
        #expect(usage.status == 2 && usage.stderr.contains("device id"))
        #expect(try await s.costake(["offers", "--limit", "many"]).status == 2)
        let badAmount = try await s.costake(["operator", "deposit", wallet.address, "1e5"])
        #expect(badAmount.status == 2 && badAmount.stderr.contains("invalid amount"))

        let refused = try await s.costake(["rewards", "claim", "--keypair", wallet.path, "--json"])
        #expect(refused.status == 1)
        #expect(try refused.object()["error"] as? [String: String] == ["code": "nothing_to_claim", "message": "You have no unclaimed rewards."])

        let forbidden = try await s.costake(["operator", "deposit", wallet.address, "10", "--operator-token", "wrong"])
        #expect(forbidden.status == 1 && forbidden.stderr.contains("(unauthorized)"))
        let unknown = try await s.costake(["offer", "show", "3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b"])
        #expect(unknown.status == 1 && unknown.stderr.contains("offer_not_found"))

        // Port 1 has no listener: the connection is refused, retried, then reported.
        let unreachable = try await s.costake(["account", wallet.address, "--server", "http://127.0.0.1:1"])
        #expect(unreachable.status == 3 && unreachable.stderr.contains("Cannot reach the server"))
        let unreachableJSON = try await s.costake(["stats", "--json", "--server", "http://127.0.0.1:1"])
        #expect(unreachableJSON.status == 3)
        #expect((try unreachableJSON.object()["error"] as? [String: String])?["code"] == "unreachable")
        #expect(try await s.costake(["wallet", "new", "--keypair", wallet.path]).status == 4)
        let noToken = try await s.costake(["operator", "clock", "advance", "1h"], environment: ["COSTAKE_OPERATOR_TOKEN": ""])
        #expect(noToken.status == 2 && noToken.stderr.contains("--operator-token"))
        let noFaucet = try await s.costake(["faucet", "--keypair", wallet.path])
        #expect(noFaucet.status == 1 && noFaucet.stderr.contains("only a server run with --demo"))
    }

    @Test func completionScriptsNameTheClientCommands() async throws {
        let s = try CLISession()
        for shell in ["bash", "zsh", "fish"] {
            let script = try await s.ok(["--generate-completion-script", shell])
            #expect(script.contains("co-stake") && script.contains("reward-share-bps") && script.contains("telemetry"))
        }
    }

    @Test func jsonOutputHasTheAPIShapes() async throws {
        let s = try CLISession()
        let owner = try await s.newWallet("owner")
        let device = try await s.device(owner: owner.address)
        let account = try await s.json(["operator", "deposit", owner.address, "2000"])
        #expect(Set(account.keys) == ["address", "available", "staked", "waiting", "cooling", "withdrawable", "unclaimed_rewards",
                                      "lifetime_rewards", "claim_slots_used", "claim_slots"])
        try await s.ok(["stake", device, "1200", "--keypair", owner.path])
        let position = try #require((try await s.json(["positions", "--keypair", owner.path])["positions"] as? [[String: Any]])?.first)
        #expect(Set(position.keys) == ["position_id", "device_id", "staker", "role", "amount", "state", "created_at", "waiting_ends_at",
                                       "cooling_ends_at", "unclaimed_rewards", "lifetime_rewards"])
        #expect(position["amount"] as? String == "1200" && position["waiting_ends_at"] is NSNull)
        try await s.ok(["offer", "create", device, "--amount", "600", "--reward-share-bps", "7400", "--keypair", owner.path])
        let offers = try await s.json(["offers", "--model", "RTX 4070", "--min-reward-share-bps", "7000", "--limit", "1"])
        let offer = try #require((offers["offers"] as? [[String: Any]])?.first)
        #expect(Set(offers.keys) == ["offers", "next_cursor"] && offers["next_cursor"] is NSNull)
        #expect(offer["requested_amount"] as? String == "600" && offer["requirement"] as? String == "1200" && offer["reward_share_bps"] as? Int == 7400)
        #expect((try await s.json(["offers", "--min-reward-share-bps", "8000"])["offers"] as? [Any])?.isEmpty == true)

        try await s.advance("2h")
        let blocks = try #require(try await s.json(["blocks", "--limit", "1"])["blocks"] as? [[String: Any]])
        #expect(blocks.count == 1 && blocks.first?["height"] as? Int == 1 && blocks.first?["emission"] as? String == "4566")
        let stats = try await s.json(["stats"])
        #expect(Set(stats.keys) == ["net_staked", "staked_in_cooling", "withdrawable", "devices", "devices_with_full_stake",
                                    "open_offers", "active_co_stakes", "co_staked"])
        #expect(stats["net_staked"] as? String == "1200" && stats["devices_with_full_stake"] as? Int == 1 && stats["open_offers"] as? Int == 1)
        let human = try await s.ok(["stats"])
        #expect(human.split(separator: "\n").contains { $0.hasPrefix("net staked ") && $0.hasSuffix(" 1,200 IO") })
        #expect(human.contains("(manual clock)"))
    }

    @Test func telemetryImportSendsCSVAndJSONLinesInBatches() async throws {
        let s = try CLISession()
        let owner = try await s.newWallet("owner")
        let device = try await s.device(owner: owner.address)
        let csv = s.home.appendingPathComponent("telemetry.csv")
        let rows = (0..<5).map { "\(device),2025-12-31T23:\(10 + $0 * 10):00Z,up,true," }
        try (["device_id,at,status,pow_ok,hired"] + rows + ["3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b,2025-12-31T23:59:00Z,up,,"])
            .joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let run = try await s.costake(["operator", "telemetry", "import", csv.path, "--batch-size", "2"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("accepted 5 events, rejected 1") && run.stdout.contains("event 6 (device 3f2b8c1e"))
        #expect(run.stderr.contains("[##############################] 6/6 events") && run.stderr.contains("] 2/6 events"))

        let lines = s.home.appendingPathComponent("telemetry.jsonl")
        try "{\"device_id\":\"\(device)\",\"at\":\"2026-01-01T00:00:00Z\",\"status\":\"down\"}\nnot json\n".write(to: lines, atomically: true, encoding: .utf8)
        let bad = try await s.costake(["operator", "telemetry", "import", lines.path])
        #expect(bad.status == 4 && bad.stderr.contains("line 2"))
        try "{\"device_id\":\"\(device)\",\"at\":\"2026-01-01T00:00:00Z\",\"status\":\"down\"}\n".write(to: lines, atomically: true, encoding: .utf8)
        #expect(try await s.json(["operator", "telemetry", "import", lines.path])["accepted"] as? Int == 1)
    }

    @Test func aLostAnswerIsRetriedWithTheSameSignedMessage() async throws {
        let s = try CLISession()
        let owner = try await s.newWallet("owner")
        try await s.ok(["operator", "deposit", owner.address, "10000"])
        let device = try await s.device(owner: owner.address)
        let transport = LosingTransport()
        let api = APIClient(server: s.serverURL, transport: transport, retry: RetryPolicy(delays: [.zero, .zero]))
        let context = ClientContext(api: api, json: false, keypairPath: owner.path)

        let output = try await UserCommands.stake(device: device, amount: "600", context: context)
        #expect(output.hasPrefix("approved: stake"))
        let bodies = transport.transactionBodies
        #expect(bodies.count == 2 && bodies[0] == bodies[1], "the same signed message, not a new one")
        let account = try await s.json(["account", "--keypair", owner.path])
        #expect(account["staked"] as? String == "600" && account["available"] as? String == "9400", "staked once")
    }
}

/// A network that loses the server's first answer to a transaction after the server acted on it.
final class LosingTransport: HTTPTransport, @unchecked Sendable {
    let real = URLSessionTransport()
    let lock = NSLock()
    var bodies: [Data] = []

    var transactionBodies: [Data] { lock.withLock { bodies } }

    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        guard request.url?.path == "/v1/transactions" else { return try await real.send(request) }
        let attempt = lock.withLock { bodies.append(request.httpBody ?? Data()); return bodies.count }
        let answer = try await real.send(request)
        if attempt == 1 { throw URLError(.networkConnectionLost) }
        return answer
    }
}
