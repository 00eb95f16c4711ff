import CostakeTestSupport
import Foundation
import Testing

/// A `costake serve` on its own throw-away PostgreSQL cluster lives through the database
/// going away and coming back: while it is down requests are refused with 503
/// `database_unavailable` (never a 500, never a half-applied transaction), and afterwards
/// the same server takes transactions again and closes every missed block exactly once.
@Suite("A server survives a PostgreSQL restart", .enabled(if: StoreKind.allCases.contains(.postgres)))
struct PostgresRestartTests {
    static let token = "outage"
    static let network = "costake-outage"

    /// `scripts/pg-cluster` in this checkout.
    static var clusterScript: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-cluster").path
    }

    static func lastBlock(_ server: ServeProcess) -> Int? {
        guard let answer = try? server.request("/v1/status"), answer.status == 200 else { return nil }
        return TwoServerTests.field(answer.body, "last_block") as? Int
    }

    @Test func serverResumesAfterTheDatabaseRestarts() async throws {
        let cluster = FileManager.default.temporaryDirectory.appendingPathComponent("costake-outage-\(UUID().uuidString)").path
        let script = Self.clusterScript
        // initdb takes seconds on a loaded machine: not on a thread of the cooperative pool.
        let admin = try await onOwnThread { try run(script, ["start", cluster]) }.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? run(Self.clusterScript, ["stop", cluster]) }
        let server = try ServeProcess(["--database", admin, "--block-interval", "2", "--operator-token", Self.token,
                                       "--network", Self.network, "--log-level", "notice"])
        defer { server.stop() }

        let owner = Keys.make(1)
        #expect(try server.request("/v1/operator/deposits", method: "POST", body: #"{"account":"\#(owner.address)","amount":"1000"}"#,
                                token: Self.token).status == 200)
        let device = try #require(TwoServerTests.field(try server.request("/v1/operator/devices", method: "POST", body: """
            {"owner":"\(owner.address)","model":"RTX 4070","processors":4,"status":"up"}
            """, token: Self.token).body, "device_id") as? String)
        let deviceID = try DeviceID(text: device, field: "device_id")
        #expect(try server.request("/v1/transactions", method: "POST", body: TwoServerTests.signed(
            .stake(device: deviceID, amount: Amount(io: 100)), by: owner, network: Self.network)).status == 200)
        var deadline = Date().addingTimeInterval(30)
        while (Self.lastBlock(server) ?? -1) < 1, Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        let before = try #require(Self.lastBlock(server))

        // The database goes away for longer than two block intervals.
        _ = try await onOwnThread { try run(script, ["down", cluster]) }
        let refused = try server.request("/v1/transactions", method: "POST", body: TwoServerTests.signed(
            .stake(device: deviceID, amount: Amount(io: 50)), by: owner, network: Self.network))
        #expect(refused.status == 503, "\(refused)")
        #expect((TwoServerTests.field(refused.body, "error") as? [String: Any])?["code"] as? String == "database_unavailable",
                "\(refused.body)")
        let status = try server.request("/v1/status")
        #expect(status.status == 503, "\(status)")
        try await Task.sleep(for: .seconds(5))
        #expect(server.process.isRunning, "the server stays up while its database is down")
        _ = try await onOwnThread { try run(script, ["up", cluster]) }

        // The same process serves again: a transaction is approved and blocks catch up.
        deadline = Date().addingTimeInterval(90)
        var approved = false
        while !approved, Date() < deadline {
            let answer = try server.request("/v1/transactions", method: "POST", body: TwoServerTests.signed(
                .stake(device: deviceID, amount: Amount(io: 50)), by: owner, network: Self.network))
            approved = answer.status == 200
            if !approved {
                #expect(answer.status == 503, "while reconnecting: \(answer)")
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        #expect(approved, "a transaction is approved after the restart")
        while (Self.lastBlock(server) ?? -1) < before + 4, Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        #expect(server.stop() == 0)

        let store = try Database.open(admin)
        let last = try #require(try await store.lastClosedHeight())
        #expect(last >= before + 4, "blocks resumed after the restart")
        let blocks = try await store.blocks(below: nil, limit: 1_000).sorted { $0.height < $1.height }
        #expect(blocks.map(\.height) == Array(0...last), "every height once, none skipped")
        let account = try #require(try await store.account(owner.address))
        #expect(account.available == Amount(io: 850), "1000 − 100 − 50: the refused stake left no trace")
        try await store.close()
        let verified = try run(try costakeBinary(), ["ledger", "verify", "--database", admin])
        #expect(verified.contains("deposited + minted - burned = held: yes"), "\(verified)")
    }
}
