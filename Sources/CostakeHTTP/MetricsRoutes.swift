import CostakeApp
import CostakeStorage
import Foundation
import Hummingbird

/// `GET /metrics`: the Prometheus text exposition of this server's registry, then what the
/// store's writer has done (read when scraped).
struct MetricsRoutes {
    let services: NetworkServices

    func register(on router: Router<APIContext>) {
        router.get("metrics") { _, _ in
            var bytes = services.registry.emitToBuffer()
            bytes += Self.exposition(services.store.writerStatistics).utf8
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// The writer's statistics as Prometheus series.
    static func exposition(_ statistics: WriterStatistics) -> String {
        let series: [(name: String, type: String, help: String, value: Int)] = [
            ("costake_store_transactions_total", "counter", "Write transactions committed, each holding a group of units of work.",
             statistics.transactions),
            ("costake_store_units_total", "counter", "Units of work committed.", statistics.units),
            ("costake_store_units_decided_again_total", "counter",
             "Units whose read snapshot was stale at the writer, loaded and decided again there.", statistics.decidedAgain),
            ("costake_store_units_waiting", "gauge", "Units of work waiting for a write transaction.", statistics.waiting),
            ("costake_store_background_checkpoints_total", "counter",
             "SQLite checkpoints run away from the writer (0 on PostgreSQL).", statistics.backgroundCheckpoints),
        ]
        let counts = series.map { "# HELP \($0.name) \($0.help)\n# TYPE \($0.name) \($0.type)\n\($0.name) \($0.value)\n" }.joined()
        guard let close = statistics.lastBlockClose else { return counts }
        let name = "costake_store_last_block_close_seconds"
        return counts + "# HELP \(name) Where the last block close's time went, part by part (they add up to its whole time).\n"
            + "# TYPE \(name) gauge\n"
            + close.seconds.map { "\(name){part=\"\($0.name)\"} \($0.seconds)\n" }.joined()
    }
}

/// Counts and times every request by method, route template and status (errors included).
struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    let metrics: NetworkMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, started: started)
            return response
        } catch let error as HTTPResponseError {
            record(request, context, status: error.status.code, started: started)
            throw error
        } catch {
            record(request, context, status: 500, started: started)
            throw error
        }
    }

    func record(_ request: Request, _ context: Context, status: Int, started: ContinuousClock.Instant) {
        // The route template, not the path, so that ids do not make a series each.
        let route = context.endpointPath ?? "unmatched"
        metrics.request(method: request.method.rawValue, route: route, status: status, after: ContinuousClock.now - started)
    }
}
