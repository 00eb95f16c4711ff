import CostakeApp
import CostakeCore
import CostakeStorage
import Prometheus

/// Everything the routes use, built once by the composition root.
public struct NetworkServices: Sendable {
    public let network: String
    public let store: any CostakeStore
    public let clock: any NetworkClock
    /// The manual clock when the server runs `--clock manual`.
    public let manualClock: ManualClock?
    public let schedule: BlockSchedule
    public let rules: NetworkRules
    public let processor: TransactionProcessor
    public let operatorActions: OperatorActions
    public let blocks: BlockProducer
    public let queries: NetworkQueries
    /// The operator's bearer token; without one the operator API answers 403.
    public let operatorToken: String?
    /// Where this server's metrics are kept (served at `GET /metrics`).
    public let registry: PrometheusCollectorRegistry
    public let metrics: NetworkMetrics
    /// The demo faucet, when the server runs `--demo`.
    public let faucet: Faucet?
    /// The demo's telemetry simulator, when the server runs `--demo` on a seeded demo database.
    public let demo: DemoDriver?
    /// Abuse limits on transactions and the faucet.
    let limiters: RateLimiters

    public init(network: String, store: any CostakeStore, clock: any NetworkClock, manualClock: ManualClock?,
                schedule: BlockSchedule, rules: NetworkRules = NetworkRules(), operatorToken: String?,
                ids: IdentifierSource = .random, faucet: Faucet? = nil, simulateTelemetry: Bool = false,
                rateLimits: RateLimits = RateLimits()) {
        self.limiters = RateLimiters(rateLimits)
        self.network = network
        self.store = store
        self.clock = clock
        self.manualClock = manualClock
        self.schedule = schedule
        self.rules = rules
        self.operatorToken = operatorToken
        self.faucet = faucet
        let registry = PrometheusCollectorRegistry()
        let metrics = NetworkMetrics(factory: PrometheusMetricsFactory(registry: registry))
        self.registry = registry
        self.metrics = metrics
        let blocks = BlockProducer(store: store, schedule: schedule, rules: rules, clock: clock, ids: ids, metrics: metrics)
        self.blocks = blocks
        self.processor = TransactionProcessor(store: store, network: network, rules: rules, clock: clock, ids: ids,
                                              blocks: blocks, metrics: metrics)
        self.operatorActions = OperatorActions(store: store, rules: rules, clock: clock, ids: ids, blocks: blocks, metrics: metrics)
        self.demo = simulateTelemetry ? DemoDriver(store: store, operations: operatorActions) : nil
        self.queries = NetworkQueries(store: store, schedule: schedule, rules: rules)
    }
}

/// The demo faucet: `amount` to any account, once per account per `interval` seconds.
public struct Faucet: Sendable {
    public var amount = Amount(io: 10_000)
    public var interval: Int64 = 3_600

    public init() {}
}
