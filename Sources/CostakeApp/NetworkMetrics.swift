import CoreMetrics
import CostakeCore

/// The counters and timers the server publishes (Prometheus at `GET /metrics`): transactions by
/// type and outcome, block close time, telemetry events. Built over an injected factory so that
/// every server (and every test) has its own registry.
public struct NetworkMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory) { self.factory = factory }

    /// Metrics that go nowhere (library use without a server).
    public static let none = NetworkMetrics(factory: NOOPMetricsHandler.instance)

    /// One transaction's outcome: `approved`, `replayed` or the error code.
    public func transaction(type: String, outcome: String) {
        Counter(label: "costake_transactions_total", dimensions: [("type", type), ("outcome", outcome)], factory: factory).increment()
    }

    /// How long closing one block took.
    public func blockClosed(after duration: Duration) {
        CoreMetrics.Timer(label: "costake_block_close_seconds", dimensions: [], factory: factory).recordNanoseconds(duration.nanoseconds)
        Counter(label: "costake_blocks_closed_total", dimensions: [], factory: factory).increment()
    }

    /// A telemetry batch: events accepted and rejected.
    public func telemetry(accepted: Int, rejected: Int) {
        Counter(label: "costake_telemetry_events_total", dimensions: [("outcome", "accepted")], factory: factory).increment(by: accepted)
        Counter(label: "costake_telemetry_events_total", dimensions: [("outcome", "rejected")], factory: factory).increment(by: rejected)
    }

    /// One HTTP request answered.
    public func request(method: String, route: String, status: Int, after duration: Duration) {
        let dimensions = [("method", method), ("route", route), ("status", String(status))]
        Counter(label: "costake_http_requests_total", dimensions: dimensions, factory: factory).increment()
        CoreMetrics.Timer(label: "costake_http_request_seconds", dimensions: [("method", method), ("route", route)], factory: factory)
            .recordNanoseconds(duration.nanoseconds)
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
