import CostakeTestSupport
import Foundation
import Testing

/// Slow and half-open clients (issue 9): a connection that stops mid-request is closed after
/// the idle timeout, and connections beyond `--max-connections` wait instead of exhausting the
/// server; others are served as soon as the silent ones are gone.
@Suite("Slow and half-open clients")
struct SlowClientTests {
    /// A TCP connection to 127.0.0.1:`port`, as a file descriptor.
    static func connectTo(_ port: Int) throws -> Int32 { try HTTPLoad.connectLoopback(port: port) }

    /// Whether the server closed `fd` (a read gives end of file) within `seconds`.
    static func closedByServer(_ fd: Int32, within seconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, seconds * 1_000) == 1 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    static func server(_ flags: [String]) throws -> ServeProcess {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("slow-\(UUID()).sqlite").path
        return try ServeProcess(["--database", database, "--clock", "manual", "--log-level", "notice"] + flags)
    }

    @Test func aHalfSentRequestIsClosedAfterTheIdleTimeout() throws {
        let server = try Self.server(["--idle-timeout", "1"])
        defer { server.stop() }
        let fd = try Self.connectTo(server.port)
        defer { close(fd) }
        let partial = Array("GET /healthz HTTP/1.1\r\nHost: costake\r\n".utf8)
        #expect(send(fd, partial, partial.count, 0) == partial.count)
        #expect(Self.closedByServer(fd, within: 20), "the silent connection is closed")
        #expect(try server.request("/healthz").body == "ok", "and the server serves others")
    }

    @Test func connectionsBeyondTheLimitWaitUntilOthersClose() throws {
        let server = try Self.server(["--max-connections", "2", "--idle-timeout", "5"])
        defer { server.stop() }
        let idle = try (0..<2).map { _ in try Self.connectTo(server.port) }
        defer { idle.forEach { close($0) } }
        // The server accepts connections in batches: a request sent at once could be accepted
        // in the same batch as the two silent ones, before the limit is reached.
        Thread.sleep(forTimeInterval: 0.5)
        let blocked = Result { try server.request("/healthz", timeoutSeconds: 1) }
        #expect(throws: (any Error).self, "not served within 1 s while two silent connections hold the limit") { try blocked.get() }
        #expect(idle.allSatisfy { Self.closedByServer($0, within: 30) }, "the idle timeout frees them")
        let served = try server.request("/healthz", timeoutSeconds: 20)
        #expect(served.status == 200 && served.body == "ok", "\(served)")
    }
}
