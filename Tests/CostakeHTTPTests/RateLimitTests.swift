import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Abuse limits (issue 9): signed transactions per signer and per client IP, faucet requests
/// per client IP; over the limit is 429 `rate_limited` with `Retry-After`, and changes nothing.
@Suite("Rate limits")
struct RateLimitTests {
    @Test func aSignerOverItsLimitIsRefusedWithRetryAfterAndNothingChanges() async throws {
        var limits = RateLimits()
        limits.transactionsPerAddress = RateLimit(3, per: 60)
        let h = try await APIHarness(rateLimits: limits)
        try await h.app.test(.router) { client in
            let owner = Keys.make(1), alice = Keys.make(2)
            for key in [owner, alice] {
                _ = try await client.execute(uri: "/v1/operator/deposits", method: .post, headers: h.auth,
                                             body: ByteBuffer(string: #"{"account":"\#(key.address)","amount":"1000"}"#))
            }
            let registered = try await client.execute(uri: "/v1/operator/devices", method: .post, headers: h.auth, body: ByteBuffer(string: """
                {"owner":"\(owner.address)","model":"RTX 4070","processors":4,"status":"up"}
                """))
            let device = try DeviceID(text: try #require(try json(registered)["device_id"] as? String), field: "device_id")
            for _ in 0..<3 {
                let approved = try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(.stake(device: device, amount: Amount(io: 1)), by: owner))
                #expect(approved.status == .ok)
            }
            let limited = try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(.stake(device: device, amount: Amount(io: 1)), by: owner))
            #expect(limited.status == .tooManyRequests)
            #expect(try errorCode(limited) == "rate_limited")
            let wait = try #require(Int(limited.headers[.retryAfter] ?? ""))
            #expect((1...20).contains(wait), "one token every 20 s")
            let account = try json(try await client.execute(uri: "/v1/accounts/\(owner.address)", method: .get))
            #expect(account["available"] as? String == "997", "the refused stake changed nothing")
            // Another signer is not affected.
            let other = try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(.claimRewards, by: alice))
            #expect(try errorCode(other) == "nothing_to_claim")
        }
    }

    @Test(arguments: ["120/60", "1/1", "off"])
    func limitsAreRead(_ text: String) {
        let limit = RateLimit.parse(text)
        #expect(limit != nil)
        if text == "off" { #expect(limit! == nil) } else { #expect(limit!?.description == text.replacingOccurrences(of: "/", with: " per ") + " s") }
    }

    @Test(arguments: ["120", "0/60", "120/0", "a/b", "-1/60", ""])
    func badLimitsAreRefused(_ text: String) {
        #expect(RateLimit.parse(text) == nil)
    }

    /// Over a real socket the client IP counts: the fourth transaction from 127.0.0.1 within
    /// a minute is 429 whatever it is, and the third faucet request of the hour too.
    @Test func theClientIPIsLimitedOverARealSocket() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("rate-\(UUID()).sqlite").path
        let server = try ServeProcess(["--database", database, "--clock", "manual", "--demo", "--demo-devices", "10",
                                       "--rate-per-ip", "3/60", "--faucet-rate-per-ip", "2/3600", "--log-level", "notice"])
        defer { server.stop() }
        let statuses = try (0..<4).map { _ in try server.request("/v1/transactions", method: "POST", body: #"{"message":"{}","signature":"x"}"#) }
        #expect(statuses.prefix(3).allSatisfy { $0.status == 400 }, "\(statuses)")
        #expect(statuses[3].status == 429 && statuses[3].body.contains("rate_limited"), "\(statuses[3])")
        let faucet = try (10..<13).map { try server.request("/v1/faucet", method: "POST", body: #"{"account":"\#(Keys.make($0).address)"}"#) }
        #expect(faucet.prefix(2).allSatisfy { $0.status == 200 } && faucet[2].status == 429, "\(faucet.map(\.status))")
    }
}
