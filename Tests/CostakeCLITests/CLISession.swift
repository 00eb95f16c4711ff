import CostakeTestSupport
import Foundation
import Testing

/// What one run of the `costake` binary did.
struct CLIRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Standard output parsed as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "not a JSON object: \(stdout)")
    }

    /// The keys of the JSON object on standard output.
    func keys() throws -> Set<String> { Set(try object().keys) }
}

/// A `costake serve --clock manual` on a free port with its own SQLite file, and a home
/// directory of its own, against which the built `costake` binary is run as a user would.
final class CLISession: @unchecked Sendable {
    static let token = "cli-operator-secret"
    let server: ServeProcess
    let home: URL

    init() throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID()).sqlite").path
        server = try ServeProcess(["--clock", "manual", "--database", database, "--operator-token", Self.token,
                                   "--genesis", "2026-01-01T00:00:00Z", "--network", "costake-cli", "--log-level", "notice"])
        home = FileManager.default.temporaryDirectory.appendingPathComponent("cli-home-\(UUID())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    deinit { server.stop() }

    var serverURL: String { "http://127.0.0.1:\(server.port)" }

    /// Runs `costake arguments` with this session's HOME, server and operator token, on a
    /// thread of its own: waiting for the child blocks, and a test that blocks the cooperative
    /// pool (two threads here) for the tens of seconds a CLI test takes stalls every other test
    /// (a clean-clone run saw PostgreSQL connection waits time out at 30 s).
    @discardableResult
    func costake(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws -> CLIRun {
        try await onOwnThread { try self.runCostake(arguments, stdin: stdin, environment: environment) }
    }

    private func runCostake(_ arguments: [String], stdin: String?, environment: [String: String]) throws -> CLIRun {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        env["COSTAKE_SERVER"] = serverURL
        env["COSTAKE_OPERATOR_TOKEN"] = Self.token
        env["TZ"] = "UTC"
        // Files rather than pipes: nothing can block on a full pipe.
        let out = home.appendingPathComponent("out-\(UUID())"), err = home.appendingPathComponent("err-\(UUID())")
        var input: String?
        if let stdin {
            input = home.appendingPathComponent("in-\(UUID())").path
            try Data(stdin.utf8).write(to: URL(fileURLWithPath: input!))
        }
        let status = try Child(try costakeBinary(), arguments, environment: env.merging(environment) { $1 },
                               stdin: input, stdout: out.path, stderr: err.path).wait()
        return CLIRun(status: status, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// Runs a command that must succeed and returns its standard output without the final newline.
    @discardableResult
    func ok(_ arguments: [String], stdin: String? = nil) async throws -> String {
        let run = try await costake(arguments, stdin: stdin)
        try #require(run.status == 0, "costake \(arguments.joined(separator: " ")) exited \(run.status): \(run.stdout) \(run.stderr)")
        return run.stdout.hasSuffix("\n") ? String(run.stdout.dropLast()) : run.stdout
    }

    /// Runs a command with `--json` that must succeed and returns its JSON object.
    func json(_ arguments: [String]) async throws -> [String: Any] {
        let run = try await costake(arguments + ["--json"])
        try #require(run.status == 0, "costake \(arguments.joined(separator: " ")) exited \(run.status): \(run.stdout) \(run.stderr)")
        return try run.object()
    }

    /// The path of a key file in this session's home.
    func keyPath(_ name: String) -> String { home.appendingPathComponent(".config/costake/\(name).json").path }

    /// A new key file and its address.
    func newWallet(_ name: String) async throws -> (path: String, address: String) {
        let path = keyPath(name)
        let created = try await json(["wallet", "new", "--keypair", path])
        return (path, try #require(created["address"] as? String))
    }

    /// A device registered up for `owner` and its id.
    func device(owner: String, model: String = "RTX 4070", processors: Int = 4) async throws -> String {
        let device = try await json(["operator", "device", "add", "--owner", owner, "--model", model, "--processors", String(processors), "--status", "up"])
        return try #require(device["device_id"] as? String)
    }

    /// Moves the manual clock and returns the network's new time.
    @discardableResult
    func advance(_ duration: String) async throws -> String {
        try #require(try await json(["operator", "clock", "advance", duration])["now"] as? String)
    }
}
