import Foundation
import Synchronization

/// A child process started with `posix_spawn`, not Foundation's `Process` (for the tests'
/// servers and clients and the benchmark's server): on this toolchain `Process.run()` crashes
/// intermittently (signal 11 in a `memcpy`, seen twice in full test runs), a
/// known fault of swift-corelibs-foundation: it reads each `/proc/self/fd` entry's name as a
/// whole 256-byte field and can read past the end of glibc's buffer (fixed upstream by
/// swiftlang/swift-corelibs-foundation#5472). The child's standard streams go to files (or
/// /dev/null), so that nothing can block on a full pipe, and it inherits no other descriptor.
public final class Child: @unchecked Sendable {
    public let pid: pid_t
    /// The exit status once reaped (128 + signal when killed).
    private let reaped = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments`; `environment` replaces the inherited one when
    /// given. `stdin`, `stdout` and `stderr` are file paths (`stdout` and `stderr` are created
    /// or truncated); nil means /dev/null. With `inheritingStderr`, the child writes its errors
    /// where its parent does and `stderr` is not used.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdin: String? = nil, stdout: String? = nil, stderr: String? = nil, inheritingStderr: Bool = false) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if !inheritingStderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        let argv = ([executable] + arguments).map { strdup($0) }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv + [nil], env + [nil])
        guard result == 0 else { throw StartError(executable: executable, code: result) }
        self.pid = pid
    }

    /// `posix_spawn` refused to start the executable (`code` is its errno value).
    public struct StartError: Error, CustomStringConvertible {
        public let executable: String
        public let code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code))) (error \(code))" }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare: the child closes every descriptor from 3 up, so it holds none
    /// of the parent's sockets and files open.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Whether the child still runs (reaps it if it has exited).
    public var isRunning: Bool { poll() == nil }

    /// Sends `signal` to a child that still runs.
    public func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits for the child to exit; returns its status.
    @discardableResult
    public func wait() -> Int32 {
        while true {
            if let status = poll() { return status }
            usleep(10_000)
        }
    }

    private func poll() -> Int32? {
        reaped.withLock { reaped in
            if let reaped { return reaped }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let signal = status & 0x7f
            reaped = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            return reaped
        }
    }
}
