import CostakeCore
import CostakeStorage
import Logging
import PostgresNIO
import Synchronization

/// The server store: one PostgreSQL database shared by any number of `costake` processes.
/// Every unit of work runs in a transaction that first takes the writers' lock, so writes are
/// serialised across all processes exactly as the SQLite store serialises them in one file;
/// units that arrive together share that transaction and its commit (`PostgresGroupCommit`).
public final class PostgresStore: CostakeStore {
    let client: PostgresClient
    let logger: Logger
    /// The database the store was opened on (no password), for messages.
    public let location: PostgresLocation
    /// Runs the client's connection pool (see `init`).
    private let runner: Task<Void, Never>
    /// Ends when `runner` is about to enter `client.run()`: sessions wait for it, since a
    /// lease asked for before `run()` waits anyway but makes the client log a warning.
    private let started: Task<Void, Never>

    /// How often a unit of work that lost a serialization race or a deadlock is run again.
    static let attempts = 5
    /// How long a session waits for a connection before it answers `StoreUnavailable` while
    /// the database is believed reachable: long enough for a busy pool to hand one over (every
    /// connection may be queued on the writers' lock), shorter than the pool's own minute.
    let leaseTimeout: Duration
    /// The wait once the database has proved unreachable (a lease timed out or a connection
    /// was lost): requests are then answered 503 quickly until a lease succeeds again.
    let unreachableLeaseTimeout: Duration = .seconds(5)
    /// Set when the database proved unreachable; cleared by the next successful lease.
    private let unreachable = Atomic<Bool>(false)
    /// Every unit of work goes through it: those that arrive together share a commit.
    let groupCommit = PostgresGroupCommit()

    /// Opens a store on `postgres://user[:password]@host[:port]/database[?host=/socket/dir&sslmode=...]`.
    /// Call `migrate()` before use.
    ///
    /// A `PostgresClient` serves queries only while its `run()` is running. The store starts
    /// that task itself and ends it in `close()` (or when the store is released), because the
    /// store must work before and outside the server's `ServiceGroup`: migrations, every CLI
    /// command and the tests use it with no service lifecycle around them.
    public convenience init(url: String, logger: Logger = Logger(label: "costake.postgres"),
                            maximumConnections: Int = 20, leaseTimeout: Duration = .seconds(30)) throws {
        self.init(location: try PostgresLocation(url: url), logger: logger, maximumConnections: maximumConnections,
                  leaseTimeout: leaseTimeout)
    }

    /// Opens a store on a parsed location (see `init(url:)`), with a pool of at most
    /// `maximumConnections` connections (every server's pool counts against the server's
    /// `max_connections`). A request that cannot have a connection within `leaseTimeout` (5 s
    /// once the database has proved unreachable) is answered `StoreUnavailable` (HTTP 503)
    /// rather than kept waiting.
    public init(location: PostgresLocation, logger: Logger = Logger(label: "costake.postgres"), maximumConnections: Int = 20,
                leaseTimeout: Duration = .seconds(30)) {
        self.leaseTimeout = leaseTimeout
        var configuration = location.configuration
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.location = location
        let (signal, starting) = AsyncStream<Never>.makeStream()
        self.runner = Task {
            starting.finish()
            await client.run()
        }
        self.started = Task { for await _ in signal {} }
    }

    // A store dropped without `close()` (a failed command, a test) still ends its pool.
    deinit { runner.cancel() }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    // MARK: Units of work

    /// A constant key for `pg_advisory_xact_lock`: the writers' lock every unit of work takes
    /// first ("costake" in ASCII, then 1).
    static let writersLock: Int64 = 0x636F_7374_616B_6501

    /// A unit other than a block close is loaded from a read snapshot on a connection of its
    /// own and decided there, away from the writer, which only checks that nothing it read has
    /// been written since (`WriteLog`, and `writer_turn` for the other processes) and saves its
    /// changes; a unit that is no longer current is loaded and decided again on the writer. The
    /// writer's connection, which every change waits for, so spends its round trips writing.
    /// A unit whose rules refuse it on its snapshot is answered from that snapshot, which holds
    /// every unit answered before the unit was submitted.
    public func perform<Result: Sendable>(
        _ scope: Scope, _ decide: @escaping @Sendable (consuming Snapshot) throws -> (Changes, Result)
    ) async throws -> Result {
        let writeLog = groupCommit.writeLog
        guard scope.blockClose == nil else {
            let handed = BlockCloseStopwatch()
            var (result, stopwatch) = try await groupCommit.submit(on: self) { group in
                var stopwatch = handed
                stopwatch.ended(\.wait)
                return (try await Self.apply(scope, decide, group, writeLog, &stopwatch), stopwatch)
            }
            stopwatch.ended(\.commit)
            groupCommit.queue.blockClosed(stopwatch.times)
            return result
        }
        let watermark = writeLog.begin()
        defer { writeLog.end(watermark) }
        let snapshot = try await self.snapshot { session in try await Self.load(scope, session) }
        let (changes, result) = try decide(snapshot)
        let keys = snapshot.readKeys
        return try await groupCommit.submit(on: self) { group in
            guard writeLog.isCurrent(keys, watermark: watermark) else {
                self.groupCommit.queue.decidedAgain()
                return try await Self.apply(scope, decide, group, writeLog)
            }
            try await Self.save(changes, group)
            writeLog.record(changes)
            return result
        }
    }

    /// Loads, decides and saves a unit on the writer.
    private static func apply<Result>(_ scope: Scope, _ decide: (consuming Snapshot) throws -> (Changes, Result), _ group: GroupTransaction,
                                      _ writeLog: WriteLog) async throws -> Result {
        var stopwatch = BlockCloseStopwatch()
        return try await apply(scope, decide, group, writeLog, &stopwatch)
    }

    /// Loads, decides and saves a unit on the writer, timing each part.
    private static func apply<Result>(_ scope: Scope, _ decide: (consuming Snapshot) throws -> (Changes, Result), _ group: GroupTransaction,
                                      _ writeLog: WriteLog, _ stopwatch: inout BlockCloseStopwatch) async throws -> Result {
        let snapshot = try await load(scope, group.session)
        stopwatch.ended(\.load)
        // Handed over, not shared: the rules change what they loaded without copying it.
        let (changes, result) = try decide(consume snapshot)
        stopwatch.ended(\.decide)
        try await save(changes, group)
        writeLog.record(changes)
        stopwatch.ended(\.save)
        return result
    }

    public var writerStatistics: WriterStatistics { groupCommit.queue.statistics }

    // MARK: Sessions

    /// Runs `body` on one leased connection (a single statement, or statements that need not
    /// agree with each other).
    func session<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        await started.value
        let lease: ConnectionLease
        do {
            let wait = unreachable.load(ordering: .relaxed) ? unreachableLeaseTimeout : leaseTimeout
            lease = try await ConnectionLease.take(from: client, within: wait, location: location)
        } catch let error as StoreUnavailable {
            unreachable.store(true, ordering: .relaxed)
            throw error
        }
        unreachable.store(false, ordering: .relaxed)
        defer { lease.release() }
        do {
            return try await body(PostgresSession(connection: lease.connection, logger: logger))
        } catch let error as PostgresQueryError where error.isUnavailable {
            unreachable.store(true, ordering: .relaxed)
            throw StoreUnavailable("PostgreSQL at \(location) went away: \(error)")
        }
    }

    /// Runs `body` in one read-write transaction.
    func transaction<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await session { try await $0.transaction(body) }
    }

    /// Runs `body` in one read-only transaction that sees a single snapshot of the database,
    /// so that several statements agree (as one SQLite read does).
    func snapshot<T: Sendable>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        try await session { try await $0.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body) }
    }
}
