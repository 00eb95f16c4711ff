import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the write-ahead log into the database file on a thread and connection of its own,
/// so that the writer never waits for it. SQLite's automatic checkpoint runs on the connection
/// that commits, after the commit, and syncs the database file: every thousandth page written
/// made the writer, which every change waits for, sit in `fdatasync` (see BENCHMARKS.md).
///
/// The writer's commit hook (`sqlite3_wal_hook`, which replaces the automatic checkpoint)
/// only signals this thread once the log holds `threshold` pages. The thread runs a PASSIVE
/// checkpoint: it copies what no reader still needs, never blocks the writer or a reader, and
/// syncs the database file before the log may be reused, so durability is that of SQLite's
/// own checkpoint. Should the log still reach `writerLimit` pages (the thread cannot keep up),
/// the writer checkpoints itself, as SQLite would: the log stays bounded.
///
/// While the store loads in bulk the writer checkpoints itself at `threshold` pages, as before
/// (its commits are not synced then, so its checkpoints cost no sync either).
final class Checkpointer: Sendable {
    /// Pages in the log that wake the thread (SQLite's own default for its automatic checkpoint).
    static let threshold: CInt = 1_000
    /// Pages in the log at which the writer checkpoints itself (about 40 MiB). The log is
    /// reused from its start only when a transaction begins with every page of it copied,
    /// which the thread, copying while the writer commits, seldom finishes first; so the writer
    /// does it at this size. With 100,000 pages the log grew to 400 MiB and the transaction
    /// benchmark's p99 went from 143 to 670 ms; with 10,000 it went down (see BENCHMARKS.md).
    static let writerLimit: CInt = 10_000

    private struct State {
        var requested = false
        var closed = false
        var bulk = false
        /// Checkpoints that copied pages (for the tests and `writerStatistics`).
        var runs = 0
        /// Whether the thread is checkpointing now.
        var running = false
    }

    private let state = Mutex(State())
    /// Held by the thread while it checkpoints: a second checkpoint started meanwhile on
    /// another connection would fail at once with `SQLITE_BUSY` (SQLite's checkpoint lock
    /// calls no busy handler).
    private let copying = NSLock()
    private let wake = NSCondition()
    private let path: String
    private let synchronous: String
    /// Signalled when the thread ends; nil until it starts.
    private let finished = Mutex<DispatchSemaphore?>(nil)

    init(path: String, synchronous: String) {
        self.path = path
        self.synchronous = synchronous
    }

    /// Starts the thread. Call once the database file exists in WAL mode.
    func start() {
        let semaphore = DispatchSemaphore(value: 0)
        guard finished.withLock({ finished in
            guard finished == nil else { return false }
            finished = semaphore
            return true
        }) else { return }
        let thread = Thread { [self] in
            run()
            semaphore.signal()
        }
        thread.name = "costake-checkpoint"
        thread.start()
    }

    /// Stops the thread after the checkpoint it may be running; waits for it.
    func stop() {
        wake.lock()
        state.withLock { $0.closed = true }
        wake.signal()
        wake.unlock()
        if let semaphore = finished.withLock({ $0 }) {
            semaphore.wait()
            semaphore.signal()
        }
    }

    /// While true, the writer checkpoints itself at `threshold` pages and the thread idles.
    func setBulk(_ bulk: Bool) {
        state.withLock { $0.bulk = bulk }
    }

    /// Runs `body` (a checkpoint of the caller's own) once the thread is not checkpointing,
    /// and keeps it from starting one until `body` returns.
    func excluding<T>(_ body: () throws -> T) rethrows -> T {
        copying.lock()
        defer { copying.unlock() }
        return try body()
    }

    /// Checkpoints run by the thread that copied at least one page, and whether one is
    /// asked for or running now.
    var progress: (runs: Int, idle: Bool) { state.withLock { ($0.runs, !$0.requested && !$0.running) } }

    /// Installs the commit hook on the writer's connection. The hook holds the checkpointer
    /// (a retain that is never released: one small object per store).
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, name, pages in
            let checkpointer = Unmanaged<Checkpointer>.fromOpaque(context!).takeUnretainedValue()
            checkpointer.committed(pages: pages, connection: connection, name: name)
            return SQLITE_OK
        }, Unmanaged.passRetained(self).toOpaque())
    }

    private func committed(pages: CInt, connection: OpaquePointer?, name: UnsafePointer<CChar>?) {
        guard pages >= Self.threshold else { return }
        if pages >= Self.writerLimit || state.withLock({ $0.bulk }) {
            // Errors are left to the next checkpoint, as SQLite's own hook does.
            _ = sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            return
        }
        wake.lock()
        state.withLock { $0.requested = true }
        wake.signal()
        wake.unlock()
    }

    private func run() {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            sqlite3_close_v2(connection)
            return
        }
        defer { sqlite3_close_v2(connection) }
        sqlite3_exec(connection, "PRAGMA synchronous = \(synchronous)", nil, nil, nil)
        while true {
            wake.lock()
            while !state.withLock({ $0.requested || $0.closed }) { wake.wait() }
            let (closed, bulk) = state.withLock { state -> (Bool, Bool) in
                state.requested = false
                state.running = !state.closed && !state.bulk
                return (state.closed, state.bulk)
            }
            wake.unlock()
            if closed { return }
            if bulk { continue }
            var logged: CInt = 0
            var copied: CInt = 0
            copying.lock()
            let code = sqlite3_wal_checkpoint_v2(connection, "main", SQLITE_CHECKPOINT_PASSIVE, &logged, &copied)
            copying.unlock()
            state.withLock { state in
                if code == SQLITE_OK, copied > 0 { state.runs += 1 }
                state.running = false
            }
        }
    }
}
