import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("reward and reliability series through the API")
struct HistoryAPITests {
    /// One RTX 4070 staked by its owner, reported up with PoW every 10 minutes for 5 hours
    /// through the API: block 4 pays it the community pool of five blocks, 114,150,000,000 units.
    @Test(arguments: StoreKind.allCases) func seriesAsJSONAndCSV(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind)
        let owner = Keys.make(1)
        let device = try await h.services.operatorActions.register(DeviceRegistration(
            id: IdentifierSource.random.make(), name: "rig", owner: owner.address, model: "RTX 4070", processors: 4, status: .up)).id
        _ = try await h.services.operatorActions.deposit(Amount(io: 2_000), to: owner.address)
        try await h.app.test(.router) { client in
            #expect(try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(.stake(device: device, amount: Amount(io: 1_200)), by: owner)).status == .ok)
            for _ in 0..<30 {
                let now = h.services.clock.now()
                let events = ByteBuffer(string: "{\"events\":[{\"device_id\":\"\(device)\",\"at\":\"\(now)\",\"status\":\"up\",\"pow_ok\":true},{\"device_id\":\"nope\",\"at\":\"\(now)\",\"status\":\"up\"}]}")
                let ingest = try json(try await client.execute(uri: "/v1/operator/telemetry", method: .post, headers: h.auth, body: events))
                #expect(ingest["accepted"] as? Int == 1 && (ingest["rejected"] as? [[String: Any]])?.first?["index"] as? Int == 1)
                _ = try await client.execute(uri: "/v1/operator/clock", method: .post, headers: h.auth, body: ByteBuffer(string: "{\"advance_seconds\":600}"))
            }
            let rewards = try json(try await client.execute(uri: "/v1/devices/\(device)/rewards", method: .get))
            let blocks = try #require(rewards["blocks"] as? [[String: Any]])
            #expect(blocks.count == 5 && blocks.last?["owner_reward"] as? String == "1141.5" && blocks.last?["eligible"] as? Bool == true)
            #expect((rewards["days"] as? [[String: Any]])?.first?["total"] as? String == "1141.5")
            let csv = try await client.execute(uri: "/v1/devices/\(device)/rewards?format=csv&from=2026-01-01T04:30:00Z", method: .get)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(String(buffer: csv.body) == "height,block_end,device_id,owner_reward,co_staker_reward,total,eligible\n4,2026-01-01T05:00:00Z,\(device),1141.5,0,1141.5,true\n")
            let account = try await client.execute(uri: "/v1/accounts/\(owner.address)/rewards?format=csv", method: .get)
            #expect(String(buffer: account.body) == "day,owner_reward,co_staker_reward,total,blocks\n2026-01-01,1141.5,0,1141.5,5\n")
            let reliability = try json(try await client.execute(uri: "/v1/devices/\(device)/reliability", method: .get))
            #expect(reliability["reliability"] is NSNull, "no score under 24 hours of telemetry")
            #expect((reliability["formula"] as? String)?.hasPrefix("score = round(100 × (0.40·uptime") == true)
            #expect((reliability["history"] as? [Any])?.count == 5)
            let badRange = try await client.execute(uri: "/v1/devices/\(device)/rewards?from=yesterday", method: .get)
            #expect(badRange.status == .badRequest)
        }
    }
}
