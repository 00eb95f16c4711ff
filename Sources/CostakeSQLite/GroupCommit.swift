import CostakeStorage
import Foundation
import GRDB
import Synchronization

/// Group commit: units of work that arrive while a commit is in flight are run together in
/// the next database transaction, each in its own savepoint, and made durable by one commit
/// (one fsync of the write-ahead log) instead of one each. A unit that throws rolls back only
/// its savepoint; the others still commit. Nothing is answered before its commit: a unit's
/// result (or its error) is handed back only once the transaction holding it has committed,
/// and if that commit fails, every unit in it fails. Units run one after another in arrival
/// order, each seeing the ones before it, exactly as if each had been its own transaction.
final class GroupCommit: Sendable {
    /// A unit as queued: how it runs in a group's transaction, and how it is answered.
    struct Job: Sendable {
        let run: @Sendable (Database) throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private let pool: DatabasePool
    /// The units waiting, and what the writer has committed (`statistics`, `decidedAgain`).
    let queue = UnitQueue<Job>()
    /// `PRAGMA data_version` as the writer last read it: it changes when another connection
    /// (another process) commits.
    private let dataVersion = Mutex<Int?>(nil)
    /// What the units applied lately wrote, for the units decided away from the writer.
    let writeLog = WriteLog()

    init(pool: DatabasePool) { self.pool = pool }

    /// Runs `body` in the next group's transaction; returns its result once that has committed.
    func submit<Result: Sendable>(_ body: @escaping @Sendable (Database) throws -> Result) async throws -> Result {
        let box = ResultBox<Result>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let job = Job(run: { db in box.set(try body(db)) }, finish: { continuation.resume(with: box.outcome($0)) })
            if queue.add(job) { Task { await self.flush() } }
        }
    }

    /// Commits groups until none is waiting.
    private func flush() async {
        while true {
            let batch = queue.nextBatch()
            guard !batch.isEmpty else { return }
            let outcomes: [(any Error)?]
            do {
                outcomes = try await pool.write { db -> [(any Error)?] in
                    // The transaction is IMMEDIATE (GRDB's default for writes): no other
                    // connection can commit from here to its end, so this reading is exact.
                    let version = try Int.fetchOne(db, sql: "PRAGMA data_version")
                    let changedBehind = self.dataVersion.withLock { last in
                        defer { last = version }
                        return last != version
                    }
                    if changedBehind { self.writeLog.invalidate() }
                    var outcomes: [(any Error)?] = []
                    for job in batch {
                        do {
                            try db.inSavepoint {
                                try job.run(db)
                                return .commit
                            }
                            outcomes.append(nil)
                        } catch {
                            outcomes.append(error)
                        }
                    }
                    return outcomes
                }
            } catch {
                outcomes = Array(repeating: error, count: batch.count)
            }
            // Before any unit is answered: a snapshot begun after an answer holds its unit.
            writeLog.transactionEnded()
            queue.ended(outcomes)
            for (job, outcome) in zip(batch, outcomes) { job.finish(outcome) }
        }
    }
}
