import Foundation
import Synchronization

/// A child process started with `posix_spawn`, not Foundation's `Process`: on this toolchain
/// `Process.run()` crashes intermittently (signal 11 in a `memcpy`, seen twice in full runs), a
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
    /// or truncated); nil means /dev/null.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdin: String? = nil, stdout: String? = nil, stderr: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        let argv = ([executable] + arguments).map { strdup($0) }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv + [nil], env + [nil])
        guard result == 0 else { throw SupportError("cannot start \(executable): error \(result)") }
        self.pid = pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare: the child closes every descriptor from 3 up, so it holds none
    /// of the test process's sockets and files open.
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
