import Foundation
import Synchronization

/// Held while a child process is started: Foundation's `Process.run()` on Linux can deadlock
/// when several threads start processes at once (seen with eight clients running curl in a
/// loop: a forked child stuck before exec). Starting is serialised; the children then run
/// in parallel.
let spawning = Mutex(())

/// Starts `process` under `spawning`; wait for it with `reap`.
public func start(_ process: Process) throws {
    try spawning.withLock { _ in try process.run() }
}

/// Runs `body`, which blocks (waits for a child process), on a thread of its own and awaits
/// it. Swift's cooperative pool has one thread per core (two here): a test that blocks one of
/// them for seconds stalls every other test in the process, and a stall of 30 s made
/// PostgreSQL connections time out in unrelated tests.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}

/// Runs a program and returns its standard output; throws when it exits non-zero.
public func run(_ executable: String, _ arguments: [String]) throws -> String {
    let (text, errors, status) = try runWithStatus(executable, arguments)
    guard status == 0 else { throw SupportError("\(executable) exited \(status): \(text) \(errors)") }
    return text
}

/// Runs a program; returns its standard output, standard error and exit status.
public func runWithStatus(_ executable: String, _ arguments: [String]) throws -> (output: String, errors: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try start(process)
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    let status = reap(process)
    return (String(decoding: data, as: UTF8.self), String(decoding: errorData, as: UTF8.self), status)
}

/// Waits for `process` with waitpid rather than `waitUntilExit`: Foundation on Linux can miss
/// the SIGCHLD of a child that exits while it starts a daemon (`scripts/pg-cluster up`) and
/// then waits forever on the zombie. Returns the exit status (128 + signal when killed).
public func reap(_ process: Process) -> Int32 {
    let pid = process.processIdentifier
    var status: Int32 = 0
    while true {
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { break }
        if result == -1 {
            // Foundation reaped it first: its own record of the exit is complete.
            process.waitUntilExit()
            return process.terminationStatus
        }
        usleep(10_000)
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
}

/// The `costake` executable built beside the test bundle.
public func costakeBinary() throws -> String {
    var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("costake").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw SupportError("the costake executable is not built beside the tests; run `swift build --build-tests` first")
}
