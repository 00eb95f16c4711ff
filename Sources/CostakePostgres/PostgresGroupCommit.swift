import CostakeStorage
import Logging
import PostgresNIO
import Synchronization

/// Group commit on PostgreSQL: the units of work that arrive while a transaction is in flight
/// run together in the next one, each in its own savepoint, behind one taking of the writers'
/// lock and one COMMIT (one WAL flush) instead of one each. A unit that fails (a refusal, or a
/// statement the database refuses) rolls back only its savepoint; the others still commit.
/// Nothing is answered before its commit, and if the COMMIT fails every unit in it fails.
/// Units run one after another in arrival order, each seeing the ones before it, exactly as if
/// each had been its own transaction behind the lock.
///
/// A deadlock or serialization failure in any unit rolls the whole transaction back and runs
/// the whole group again (the lock must be released for the other side of a deadlock to go
/// on), with every unit loaded and decided again on the writer; nothing else runs a group again.
/// A group in which every unit failed is rolled back, not committed.
///
/// Each group's transaction also counts a turn in `writer_turn`: a turn that is not the one
/// after this process's last commit means another process wrote in between, and every unit
/// decided away from the writer before now is then decided again (`WriteLog.invalidate`).
final class PostgresGroupCommit: Sendable {
    /// A unit as queued: how it runs in a group's transaction, and how it is answered.
    struct Job: Sendable {
        let run: @Sendable (GroupTransaction) async throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }


    /// A transaction in which every unit failed: rolled back, with the units' errors.
    private struct NothingCommitted: Error {
        let outcomes: [(any Error)?]
    }

    /// The turn this process's last committed transaction took (nil before the first).
    private let lastTurn = Mutex<Int64?>(nil)
    /// The units waiting, and what the writer has committed (`statistics`, `decidedAgain`).
    let queue = UnitQueue<Job>()
    /// What the units applied lately wrote, for the units decided away from the writer.
    let writeLog = WriteLog()

    /// Runs `body` in the next group's transaction on `store` (the store that owns this group
    /// commit); returns its result once that transaction has committed.
    func submit<Result: Sendable>(on store: PostgresStore, _ body: @escaping @Sendable (GroupTransaction) async throws -> Result) async throws -> Result {
        let box = ResultBox<Result>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let job = Job(run: { group in box.set(try await body(group)) }, finish: { continuation.resume(with: box.outcome($0)) })
            if queue.add(job) { Task { await self.flush(store) } }
        }
    }

    /// Commits groups until none is waiting.
    private func flush(_ store: PostgresStore) async {
        while true {
            let batch = queue.nextBatch()
            guard !batch.isEmpty else { return }
            let outcomes = await commit(batch, store)
            for (job, outcome) in zip(batch, outcomes) { job.finish(outcome) }
        }
    }

    /// Runs a group in one transaction, again from the start after a deadlock or serialization
    /// failure; the outcome of each unit (nil when it committed).
    private func commit(_ batch: [Job], _ store: PostgresStore) async -> [(any Error)?] {
        var attempt = 1
        while true {
            do {
                defer { writeLog.transactionEnded() }
                let (outcomes, turn) = try await store.transaction { try await self.runUnits(batch, $0) }
                lastTurn.withLock { $0 = turn }
                queue.ended(outcomes)
                return outcomes
            } catch let nothing as NothingCommitted {
                return nothing.outcomes
            } catch let error as PostgresQueryError where error.isTransient && attempt < PostgresStore.attempts {
                // The other side of a deadlock is a writer outside the writers' lock (no unit of
                // work is): what it wrote is in no log, so every unit is decided again on the writer.
                writeLog.invalidate()
                store.logger.debug("group of units of work retried after a transient conflict", metadata: [
                    "attempt": "\(attempt)", "units": "\(batch.count)", "sqlstate": "\(error.sqlState ?? "")",
                ])
                try? await Task.sleep(for: .milliseconds(Int64.random(in: 5...20) << attempt))
                attempt += 1
            } catch {
                return Array(repeating: error, count: batch.count)
            }
        }
    }

    /// Runs a group's units in the transaction `session` has begun: takes the writers' lock,
    /// counts the turn, runs each unit in its savepoint and records the journal's head. Returns
    /// the outcomes and the turn; throws `NothingCommitted` when every unit failed.
    private func runUnits(_ batch: [Job], _ session: PostgresSession) async throws -> (outcomes: [(any Error)?], turn: Int64?) {
        // Serialises every writer, in this process and in every other: the rules and the hash
        // chain see the state the previous unit of work left. READ COMMITTED takes a fresh
        // snapshot per statement, so everything after the lock sees it.
        try await session.run("SELECT pg_advisory_xact_lock(\(PostgresStore.writersLock))")
        let (turn, head) = try await Self.takeTurn(session)
        if turn == nil || lastTurn.withLock({ $0.map { $0 + 1 } != turn }) { writeLog.invalidate() }
        let group = GroupTransaction(session: session, head: head)
        var outcomes: [(any Error)?] = []
        outcomes.reserveCapacity(batch.count)
        for job in batch { outcomes.append(try await Self.run(job, group)) }
        if !outcomes.contains(where: { $0 == nil }) { throw NothingCommitted(outcomes: outcomes) }
        if group.head != head { try await PostgresStore.writeHead(group.head, session) }
        return (outcomes, turn)
    }

    /// Counts this transaction's turn; returns it with the journal's head as the last
    /// transaction left it (one statement).
    private static func takeTurn(_ session: PostgresSession) async throws -> (turn: Int64?, head: JournalHead) {
        try await session.one("""
            UPDATE writer_turn SET turn = turn + 1 WHERE id = 1
            RETURNING turn, (SELECT seq FROM journal_head WHERE id = 1) AS seq, (SELECT hash FROM journal_head WHERE id = 1) AS hash
            """) { row -> (Int64?, JournalHead) in
            guard let sequence = try row.get("seq", as: Int64?.self) else { return (try row.get("turn", as: Int64.self), .empty) }
            return (try row.get("turn", as: Int64.self), JournalHead(sequence: sequence, hash: try PostgresRows.bytes(row, "hash")))
        } ?? (nil, .empty)
    }

    /// Runs one unit in its own savepoint; its error, or nil. Throws (ending the whole group)
    /// only what the group cannot go on after: a transient conflict, or a lost connection.
    private static func run(_ job: Job, _ group: GroupTransaction) async throws -> (any Error)? {
        let session = group.session
        let head = group.head
        try await session.run("SAVEPOINT unit")
        do {
            try await job.run(group)
            try await session.run("RELEASE SAVEPOINT unit")
            return nil
        } catch let error as PostgresQueryError where error.isTransient || error.isUnavailable {
            throw error
        } catch {
            try await session.run("ROLLBACK TO SAVEPOINT unit")
            try await session.run("RELEASE SAVEPOINT unit")
            group.head = head
            return error
        }
    }
}

/// A group's transaction as its units run in it, one after another on the flushing task: its
/// session, and the journal's head as the units before left it. The head is read once when
/// the transaction begins and written to `journal_head` once before it commits, instead of
/// read and written by every unit.
final class GroupTransaction: @unchecked Sendable {
    let session: PostgresSession
    var head: JournalHead

    init(session: PostgresSession, head: JournalHead) {
        self.session = session
        self.head = head
    }
}
