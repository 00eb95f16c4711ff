import CostakeTestSupport
import Foundation
import Testing

/// `costake serve --clock manual` run as a real process on a free port, spoken to over a real
/// socket, then stopped with SIGTERM.
@Suite("costake serve over a real socket")
struct SocketTests {
    static func server(_ database: String) throws -> ServeProcess {
        try ServeProcess(["--clock", "manual", "--database", database, "--operator-token", "socket-secret",
                          "--genesis", "2026-01-01T00:00:00Z", "--network", "costake-socket"])
    }

    @Test(arguments: StoreKind.allCases) func servesStopsGracefullyAndResumesItsClock(_ kind: StoreKind) async throws {
        let database = try await kind.freshLocation()
        let server = try Self.server(database)
        let status = try server.request("/v1/status")
        #expect(status.status == 200 && status.body.contains("\"network\":\"costake-socket\"") && status.body.contains("\"last_block\":null"))
        #expect(try server.request("/v1/operator/clock", method: "POST", body: "{\"advance_seconds\":7200}").status == 401)
        let advanced = try server.request("/v1/operator/clock", method: "POST", body: "{\"advance_seconds\":7200}", token: "socket-secret")
        #expect(advanced.status == 200 && advanced.body == "{\"last_block\":1,\"now\":\"2026-01-01T02:00:00Z\"}")
        #expect(try server.request("/healthz").body == "ok")
        #expect(server.stop() == 0, "graceful shutdown on SIGINT")

        let again = try Self.server(database)
        defer { again.stop() }
        let resumed = try again.request("/v1/status")
        #expect(resumed.body.contains("\"now\":\"2026-01-01T02:00:00Z\"") && resumed.body.contains("\"last_block\":1"))
    }
}
