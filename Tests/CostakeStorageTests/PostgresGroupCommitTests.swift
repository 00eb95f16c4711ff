import CostakeApp
import CostakeCore
import CostakePostgres
import CostakeTestSupport
import Foundation
import Synchronization
import Testing

/// Group commit on PostgreSQL: units that arrive while a transaction waits share the next one;
/// a unit the database refuses fails alone; a write by another process is never lost.
@Suite("PostgreSQL group commit", .serialized, .enabled(if: StoreKind.allCases.contains(.postgres)))
struct PostgresGroupCommitTests {
    /// Another session holds the writers' lock, so the first unit's transaction waits for it and
    /// the next nine queue behind that transaction. Once the lock is free, the first commits
    /// alone and the nine together: two transactions for ten units, and no deposit lost.
    @Test func unitsThatArriveWhileATransactionWaitsShareTheNextCommit() async throws {
        let cast = try await Cast.make(.postgres)
        let store = try #require(cast.net.store as? PostgresStore)
        let lock = try await WritersLockHolder(url: store.location.description)
        #expect(try await cast.net.blocks.closeDue().isEmpty, "no block falls due: only the deposits commit")
        let before = store.writerStatistics
        let units = try await lock.whileHeld(store, queued: 9) {
            _ = try await cast.net.operatorActions.deposit(Amount(io: 1), to: cast.bob.address)
        }
        let after = store.writerStatistics
        #expect(units.allSatisfy { $0 == nil })
        #expect(after.transactions - before.transactions == 2)
        #expect(after.units - before.units == 10)
        // The nine queued units read Bob's balance before the first deposit committed: each is
        // decided again on the writer, after the one before it in its group.
        #expect(after.decidedAgain - before.decidedAgain == 9)
        #expect(try await cast.net.available(cast.bob) == Amount(io: 10_010))
        _ = try await cast.net.verifyLedger()
    }

    /// In one transaction with nine deposits, a unit whose offer names no device breaks the
    /// offers' foreign key: it alone fails with the database's error and leaves no row; the
    /// deposits commit.
    @Test func aUnitTheDatabaseRefusesFailsAloneInItsGroup() async throws {
        let cast = try await Cast.make(.postgres)
        let store = try #require(cast.net.store as? PostgresStore)
        let lock = try await WritersLockHolder(url: store.location.description)
        let orphan: OfferID = IdentifierSource.random.make()
        let count = Mutex(0)
        let now = cast.net.now
        let units = try await lock.whileHeld(store, queued: 9) {
            let index = count.withLock { $0 += 1; return $0 }
            if index == 5 {
                let offer = Offer(id: orphan, deviceID: IdentifierSource.random.make(), requestedAmount: Amount(io: 1),
                                  rewardShare: BasisPoints(1_000), createdAt: now)
                try await store.perform(Scope()) { _ in (Changes(offers: [offer]), ()) }
            } else {
                _ = try await cast.net.operatorActions.deposit(Amount(io: 1), to: cast.bob.address)
            }
        }
        let failures = units.compactMap { $0 as? PostgresQueryError }
        #expect(failures.count == 1 && failures.first?.sqlState == "23503")
        #expect(units.count { $0 == nil } == 9)
        #expect(try await store.offer(orphan) == nil)
        #expect(try await cast.net.available(cast.bob) == Amount(io: 10_009))
        _ = try await cast.net.verifyLedger()
    }

    /// A unit decided on a snapshot in one process, while a second process (a second store on
    /// the same database) changes what it read and commits: the first process's write log never
    /// saw that write, and only the turn counted in `writer_turn` tells it. The unit must be
    /// decided again on the writer: both deposits count. The first unit's wait blocks a thread
    /// of the cooperative pool, so it is short (3 s): under a loaded suite the second store may
    /// not commit within it, and then the attempt shows nothing and runs again (three at most),
    /// as in the conformance suite's single-process test. The balance is checked every time.
    @Test func aWriteByAnotherProcessMakesAUnitDecidedBeforeItDecideAgain() async throws {
        var interleaved = false
        for _ in 0..<3 where !interleaved {
            let cast = try await Cast.make(.postgres)
            let first = try #require(cast.net.store as? PostgresStore)
            let second = try PostgresStore(url: first.location.description)
            try await second.migrate()
            // The first process has committed before, so it knows the turn it expects next.
            _ = try await cast.net.operatorActions.deposit(Amount(io: 1), to: cast.alice.address)
            let now = cast.net.now
            let (decisions, sawSecond) = try await depositAcrossAnotherWrite(on: first, to: cast.bob.address, now: now) {
                var scope = Scope()
                scope.accounts = [cast.bob.address]
                _ = try await second.work(scope, now: now, rules: NetworkRules(), ids: .random) { set throws(CostakeError) -> Int in
                    _ = try set.deposit(Amount(io: 7), to: cast.bob.address)
                    try set.closeEntry(kind: "deposit", reference: "second process")
                    return 0
                }
            }
            #expect(try await cast.net.available(cast.bob) == Amount(io: 10_012))
            try await second.close()
            _ = try await cast.net.verifyLedger()
            interleaved = sawSecond
            if interleaved { #expect(decisions == 2, "decided on its snapshot, then again on the writer") }
        }
    }
}

/// Another session (`psql`) that holds the writers' lock until told to let go.
private struct WritersLockHolder {
    let url: String

    init(url: String) async throws {
        self.url = url
        _ = try run("/usr/bin/psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE TABLE IF NOT EXISTS test_release (id INTEGER)"])
    }

    /// Runs `unit` once while the lock is held, waits until its transaction waits for the lock,
    /// runs it `queued` more times and waits until those are queued behind it; then frees the
    /// lock. Returns each run's error, or nil, in the order they were started.
    func whileHeld(_ store: PostgresStore, queued: Int, _ unit: @escaping @Sendable () async throws -> Void) async throws -> [(any Error)?] {
        let holder = try Child("/usr/bin/psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", """
            BEGIN;
            SELECT pg_advisory_xact_lock(\(Self.writersLock));
            DO $$ BEGIN
                WHILE NOT EXISTS (SELECT 1 FROM test_release) LOOP PERFORM pg_sleep(0.01); END LOOP;
            END $$;
            COMMIT;
            """])
        defer { holder.send(SIGTERM) }
        try await poll("the other session never took the writers' lock") { try lockHolders(granted: true) == 1 }
        func start() -> Task<(any Error)?, Never> {
            Task {
                do { try await unit() } catch { return error }
                return nil
            }
        }
        var runs = [start()]
        try await poll("the first unit never waited for the lock") { try lockHolders(granted: false) == 1 }
        runs += (0..<queued).map { _ in start() }
        try await poll("the units never queued") { store.writerStatistics.waiting == queued }
        _ = try run("/usr/bin/psql", [url, "-X", "-q", "-c", "INSERT INTO test_release VALUES (1)"])
        #expect(holder.wait() == 0)
        var outcomes: [(any Error)?] = []
        for run in runs { outcomes.append(await run.value) }
        return outcomes
    }

    /// Sessions of this database holding (or waiting for) an advisory lock.
    private func lockHolders(granted: Bool) throws -> Int {
        let text = try run("/usr/bin/psql", [url, "-X", "-A", "-t", "-c", """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted = \(granted)
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """])
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    private func poll(_ failure: String, _ condition: () throws -> Bool) async throws {
        for _ in 0..<1_000 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw SupportError(failure)
    }

    /// `PostgresStore.writersLock`: "costake" in ASCII, then 1.
    static let writersLock: Int64 = 0x636F_7374_616B_6501
}
