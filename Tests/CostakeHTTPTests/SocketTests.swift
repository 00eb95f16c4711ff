import CostakeTestSupport
import Foundation
import Testing

/// `costake serve --clock manual` run as a real process on a free port, spoken to over a real
/// socket with curl, then stopped with SIGTERM.
@Suite("costake serve over a real socket")
struct SocketTests {
    final class Server {
        let process = Process()
        let port: Int

        init(database: String) throws {
            process.executableURL = URL(fileURLWithPath: try costakeBinary())
            process.arguments = ["serve", "--clock", "manual", "--port", "0", "--database", database,
                                 "--operator-token", "socket-secret", "--genesis", "2026-01-01T00:00:00Z", "--network", "costake-socket"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var log = ""
            let deadline = Date().addingTimeInterval(30)
            var found: Int?
            while found == nil, Date() < deadline {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                log += String(decoding: chunk, as: UTF8.self)
                if let range = log.range(of: #"address=http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                    found = Int(log[range].split(separator: ":").last ?? "")
                }
            }
            guard let found else {
                process.terminate()
                throw SupportError("costake serve did not report its port: \(log)")
            }
            port = found
        }

        func curl(_ path: String, method: String = "GET", body: String? = nil, token: String? = nil) throws -> (status: Int, body: String) {
            var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, "http://127.0.0.1:\(port)\(path)"]
            if let body { arguments += ["-d", body] }
            if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
            let text = try run("/usr/bin/curl", arguments)
            let status = Int(text.split(separator: "\n").last ?? "") ?? 0
            return (status, String(text.dropLast(String(status).count + 1)))
        }

    }

    @Test func servesStopsGracefullyAndResumesItsClock() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("socket-\(UUID()).sqlite").path
        let server = try Server(database: database)
        let status = try server.curl("/v1/status")
        #expect(status.status == 200 && status.body.contains("\"network\":\"costake-socket\"") && status.body.contains("\"last_block\":null"))
        #expect(try server.curl("/v1/operator/clock", method: "POST", body: "{\"advance_seconds\":7200}").status == 403)
        let advanced = try server.curl("/v1/operator/clock", method: "POST", body: "{\"advance_seconds\":7200}", token: "socket-secret")
        #expect(advanced.status == 200 && advanced.body == "{\"last_block\":1,\"now\":\"2026-01-01T02:00:00Z\"}")
        #expect(try server.curl("/healthz").body == "ok")
        server.process.interrupt()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0, "graceful shutdown on SIGINT")

        let again = try Server(database: database)
        defer { again.process.terminate(); again.process.waitUntilExit() }
        let resumed = try again.curl("/v1/status")
        #expect(resumed.body.contains("\"now\":\"2026-01-01T02:00:00Z\"") && resumed.body.contains("\"last_block\":1"))
    }
}
