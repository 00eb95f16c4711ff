import Foundation

/// `costake serve` run as a real process on a free port (its log in a file, so that a busy
/// server never blocks on a full pipe), spoken to over HTTP from this process.
public final class ServeProcess: @unchecked Sendable {
    public let process: Child
    public let port: Int
    public let logPath: String
    /// The exit status once reaped (a second `stop()` returns it again).
    private var exitStatus: Int32?

    /// Starts `costake serve --port 0` with `arguments` and waits until it reports its address.
    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID()).log").path
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process = try Child(try costakeBinary(), ["serve", "--port", "0"] + arguments,
                            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, stderr: logPath)
        let deadline = Date().addingTimeInterval(120)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = log.range(of: #"address=http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                found = Int(log[range].split(separator: ":").last ?? "")
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.send(SIGTERM)
            process.wait()
            throw SupportError("costake serve did not report its port: \((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")")
        }
        port = found
    }

    /// The server's log so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// One request, made in this process over a socket of its own (`Connection: close`): the
    /// status and the body. It was a `curl` child process; starting one from the test
    /// process crashed once inside Foundation's `Process.run()` (a `memcpy`, signal 11), and
    /// a request needs no child process. Throws when the server cannot be reached or does
    /// not answer in full within `timeoutSeconds`.
    public func request(_ path: String, method: String = "GET", body: String? = nil, token: String? = nil,
                        timeoutSeconds: Int = 120) throws -> (status: Int, body: String) {
        try HTTPOnce.send(port: port, method: method, path: path, body: body, token: token, timeoutSeconds: timeoutSeconds)
    }

    /// SIGKILL at once (a crash: nothing is flushed or closed), then reaps the process;
    /// returns its status (128 + 9).
    @discardableResult
    public func crash() -> Int32 {
        if let exitStatus { return exitStatus }
        process.send(SIGKILL)
        exitStatus = process.wait()
        return exitStatus!
    }

    /// SIGINT, then waits; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if let exitStatus { return exitStatus }
        process.send(SIGINT)
        exitStatus = process.wait()
        return exitStatus!
    }
}
