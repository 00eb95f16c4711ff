import CostakeApp
import Foundation
import Hummingbird

/// `GET /metrics`: the Prometheus text exposition of this server's registry.
struct MetricsRoutes {
    let services: NetworkServices

    func register(on router: Router<APIContext>) {
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: services.registry.emitToBuffer())))
        }
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
