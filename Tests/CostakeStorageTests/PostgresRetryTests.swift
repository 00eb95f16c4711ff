import CostakePostgres
import CostakeTestSupport
import Foundation
import Synchronization
import Testing

/// A unit of work that loses a deadlock is run again from the start, not surfaced.
@Suite("PostgreSQL retries", .enabled(if: StoreKind.allCases.contains(.postgres)))
struct PostgresRetryTests {
    /// Another session (a person with `psql`, say) locks Bob's account row, waits until a unit
    /// of work holds the writers' lock and then asks for that lock too. The unit of work then
    /// waits for Bob's row: a deadlock. The other session waits 10 s before it looks for
    /// deadlocks, the store's session the default 1 s, so the unit of work is the one PostgreSQL
    /// aborts (40P01); the store must roll back and run it again once the other session is done.
    @Test func aUnitOfWorkThatLosesADeadlockIsRunAgain() async throws {
        let cast = try await Cast.make(.postgres)
        let url = try #require((cast.net.store as? PostgresStore)?.location.description)
        let bob = cast.bob.address.text
        let other = try Child("/usr/bin/psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", """
            SET deadlock_timeout = '10s';
            BEGIN;
            UPDATE accounts SET available = available WHERE address = '\(bob)';
            DO $$ BEGIN
                WHILE NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                                  AND pid <> pg_backend_pid()
                                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                LOOP PERFORM pg_sleep(0.01); END LOOP;
            END $$;
            SELECT pg_advisory_xact_lock(\(Self.writersLock));
            COMMIT;
            """])
        defer { other.send(SIGTERM) }
        try await waitUntilTheOtherSessionHoldsTheRow(url)

        let decisions = Mutex(0)
        var scope = Scope()
        scope.accounts = [cast.bob.address]
        let now = cast.net.now
        try await cast.net.store.perform(scope) { snapshot in
            decisions.withLock { $0 += 1 }
            var set = WorkingSet(snapshot, now: now, rules: NetworkRules(), ids: .random)
            _ = try set.deposit(Amount(io: 5), to: cast.bob.address)
            try set.closeEntry(kind: "deposit", reference: "deadlock")
            return (try set.changes(), ())
        }
        #expect(other.wait() == 0, "the other session commits once the unit of work has stepped back")
        #expect(decisions.withLock { $0 } == 2, "the first attempt lost the deadlock, the second went through")
        #expect(try await cast.net.available(cast.bob) == Amount(io: 10_005))
        _ = try await cast.net.verifyLedger()
    }

    /// `PostgresStore.writersLock`: "costake" in ASCII, then 1.
    static let writersLock: Int64 = 0x636F_7374_616B_6501

    /// Polls until the other session sits in its wait loop, past its row update.
    private func waitUntilTheOtherSessionHoldsTheRow(_ url: String) async throws {
        for _ in 0..<500 {
            let waiting = try run("/usr/bin/psql", [url, "-X", "-A", "-t", "-c", """
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event = 'PgSleep' AND datname = current_database() AND pid <> pg_backend_pid()
                """])
            if waiting.trimmingCharacters(in: .whitespacesAndNewlines) == "1" { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SupportError("the other session never took Bob's row")
    }
}
