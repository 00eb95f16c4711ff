import CostakeStorage
import PostgresNIO

/// A pooled connection held for the caller by a task of its own, so that waiting for it can
/// be given up after a deadline: `PostgresClient.withConnection` offers no timeout, and while
/// the database is down its pool keeps a lease waiting until its circuit breaker trips (about
/// a minute). The holder task leases the connection, hands it over, and gives it back to the
/// pool when the caller calls `release()`.
struct ConnectionLease {
    let connection: PostgresConnection
    private let released: AsyncStream<Never>.Continuation

    func release() { released.finish() }

    /// Leases a connection from `client`; throws `StoreUnavailable` when none comes within
    /// `timeout` or the pool fails the lease, and `CancellationError` when the caller is cancelled.
    static func take(from client: PostgresClient, within timeout: Duration, location: PostgresLocation) async throws -> ConnectionLease {
        let (handed, hand) = AsyncThrowingStream<PostgresConnection, any Error>.makeStream()
        let (release, released) = AsyncStream<Never>.makeStream()
        let holder = Task {
            do {
                try await client.withConnection { connection in
                    hand.yield(connection)
                    hand.finish()
                    for await _ in release {}  // until the caller is done (or gave up)
                }
            } catch {
                hand.finish(throwing: error)
            }
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            hand.finish(throwing: LeaseTimedOut())
        }
        defer { timer.cancel() }
        do {
            var iterator = handed.makeAsyncIterator()
            guard let connection = try await iterator.next() else { throw CancellationError() }
            return ConnectionLease(connection: connection, released: released)
        } catch {
            // Stop waiting for a connection; one handed over too late goes straight back.
            released.finish()
            holder.cancel()
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            if error is LeaseTimedOut {
                throw StoreUnavailable("PostgreSQL at \(location) gave no connection within \(timeout)")
            }
            throw StoreUnavailable("\(PostgresUnavailableError(location: location, underlying: error))")
        }
    }

    private struct LeaseTimedOut: Error {}
}
