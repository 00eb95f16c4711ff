import Foundation

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
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID())").path
    defer { for suffix in [".out", ".err"] { try? FileManager.default.removeItem(atPath: base + suffix) } }
    let status = try Child(executable, arguments, stdout: base + ".out", stderr: base + ".err").wait()
    let output = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
    let errors = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
    return (output, errors, status)
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
