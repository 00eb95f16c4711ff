import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The demo faucet (10,000 IO once per account per hour) and the Prometheus metrics.
@Suite("Faucet and metrics")
struct FaucetAndMetricsTests {
    func ask(_ client: some TestClientProtocol, _ account: String) async throws -> TestResponse {
        try await client.execute(uri: "/v1/faucet", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: "{\"account\":\"\(account)\"}"))
    }

    func advance(_ client: some TestClientProtocol, _ h: APIHarness, _ seconds: Int) async throws {
        let response = try await client.execute(uri: "/v1/operator/clock", method: .post, headers: h.auth,
                                                body: ByteBuffer(string: "{\"advance_seconds\":\(seconds)}"))
        #expect(response.status == .ok)
    }

    @Test(arguments: StoreKind.allCases) func theFaucetPaysTenThousandIOOncePerAccountPerHour(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind, faucet: true)
        let alice = Keys.make(1).address.text, bob = Keys.make(2).address.text
        try await h.app.test(.router) { client in
            let first = try await ask(client, alice)
            #expect(first.status == .ok)
            #expect(try json(first)["available"] as? String == "10000")
            // Again within the hour: refused, with the time it may ask again, and nothing paid.
            try await advance(client, h, 3_599)
            let early = try await ask(client, alice)
            #expect(early.status == .conflict)
            #expect(try errorCode(early) == "faucet_too_soon")
            let message = try #require((try json(early)["error"] as? [String: Any])?["message"] as? String)
            #expect(message.contains("2026-01-01T01:00:00Z"))
            // Another account is not held back by the first.
            #expect(try json(try await ask(client, bob))["available"] as? String == "10000")
            try await advance(client, h, 1)
            let later = try await ask(client, alice)
            #expect(later.status == .ok)
            #expect(try json(later)["available"] as? String == "20000")
            let account = try json(try await client.execute(uri: "/v1/accounts/\(alice)", method: .get))
            #expect(account["available"] as? String == "20000")
        }
        // The ledger records it as tokens entering the system, balanced.
        guard case .success(let totals) = try await LedgerVerifier(store: h.services.store).verify() else {
            Issue.record("ledger does not verify")
            return
        }
        #expect(totals.deposited == Amount(io: 30_000).baseUnits)
    }

    @Test(arguments: StoreKind.allCases) func theFaucetRefusesBadInputAndIsAbsentWithoutTheDemo(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind, faucet: true)
        try await h.app.test(.router) { client in
            let bad = try await ask(client, "not-an-address")
            #expect(bad.status == .badRequest)
            #expect(try errorCode(bad) == "invalid_address")
            let malformed = try await client.execute(uri: "/v1/faucet", method: .post, body: ByteBuffer(string: "{\"acount\":\"x\"}"))
            #expect(malformed.status == .badRequest)
            #expect(try errorCode(malformed) == "malformed")
        }
        let plain = try await APIHarness(kind)
        try await plain.app.test(.router) { client in
            let response = try await ask(client, Keys.make(1).address.text)
            #expect(response.status == .notFound)
            #expect(try errorCode(response) == "not_found")
        }
    }

    @Test(arguments: StoreKind.allCases) func metricsCountRequestsTransactionsBlocksAndTelemetry(_ kind: StoreKind) async throws {
        let h = try await APIHarness(kind)
        let owner = Keys.make(1)
        let before = h.services.store.writerStatistics
        try await h.app.test(.router) { client in
            #expect(try await client.execute(uri: "/v1/status", method: .get).status == .ok)
            let device = try await h.services.operatorActions.register(DeviceRegistration(
                id: IdentifierSource.random.make(), name: "rig", owner: owner.address, model: "RTX 4070", processors: 4))
            // Refused (no balance), then approved after a deposit.
            let stake = Action.stake(device: device.id, amount: Amount(io: 1_200))
            #expect(try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(stake, by: owner)).status == .conflict)
            _ = try await h.services.operatorActions.deposit(Amount(io: 1_200), to: owner.address)
            #expect(try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(stake, by: owner)).status == .ok)
            let events = "{\"events\":[{\"device_id\":\"\(device.id)\",\"at\":\"2026-01-01T00:00:00Z\",\"status\":\"up\"},{\"device_id\":\"nope\",\"at\":\"x\",\"status\":\"up\"}]}"
            #expect(try await client.execute(uri: "/v1/operator/telemetry", method: .post, headers: h.auth, body: ByteBuffer(string: events)).status == .ok)
            try await advance(client, h, 2 * 3_600)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            for line in [
                "costake_transactions_total{type=\"stake\",outcome=\"insufficient_balance\"} 1",
                "costake_transactions_total{type=\"stake\",outcome=\"approved\"} 1",
                "costake_blocks_closed_total 2",
                "costake_block_close_seconds_count 2",
                "costake_telemetry_events_total{outcome=\"accepted\"} 1",
                "costake_telemetry_events_total{outcome=\"rejected\"} 1",
                "costake_http_requests_total{method=\"GET\",route=\"/v1/status\",status=\"200\"} 1",
                "costake_http_requests_total{method=\"POST\",route=\"/v1/transactions\",status=\"409\"} 1",
            ] {
                #expect(text.contains(line), "missing: \(line)")
            }
            // The writer: a registration, a deposit, a stake, a telemetry batch and two blocks,
            // one after another (the refused stake was answered from its snapshot).
            let writer = h.services.store.writerStatistics
            #expect(writer.units - before.units == 6 && writer.transactions - before.transactions == 6)
            // The first unit after the store opened is decided again: its writer cannot know
            // what was written before it opened. No other unit was stale.
            #expect(writer.decidedAgain == 1)
            for line in [
                "# TYPE costake_store_units_total counter",
                "costake_store_transactions_total \(writer.transactions)",
                "costake_store_units_total \(writer.units)",
                "costake_store_units_decided_again_total 1",
                "costake_store_units_waiting 0",
            ] {
                #expect(text.contains(line + "\n"), "missing: \(line)")
            }
            // Where the second block close's time went, part by part.
            #expect(before.lastBlockClose == nil)
            let close = try #require(writer.lastBlockClose)
            #expect(text.contains("# TYPE costake_store_last_block_close_seconds gauge\n"))
            #expect(close.seconds.count == 6)
            for part in close.seconds {
                #expect(text.contains("costake_store_last_block_close_seconds{part=\"\(part.name)\"} \(part.seconds)\n"), "missing: \(part.name)")
            }
        }
    }
}
