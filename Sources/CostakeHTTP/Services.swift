import CostakeApp
import CostakeCore
import CostakeStorage

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

    public init(network: String, store: any CostakeStore, clock: any NetworkClock, manualClock: ManualClock?,
                schedule: BlockSchedule, rules: NetworkRules = NetworkRules(), operatorToken: String?,
                ids: IdentifierSource = .random) {
        self.network = network
        self.store = store
        self.clock = clock
        self.manualClock = manualClock
        self.schedule = schedule
        self.rules = rules
        self.operatorToken = operatorToken
        let blocks = BlockProducer(store: store, schedule: schedule, rules: rules, clock: clock, ids: ids)
        self.blocks = blocks
        self.processor = TransactionProcessor(store: store, network: network, rules: rules, clock: clock, ids: ids, blocks: blocks)
        self.operatorActions = OperatorActions(store: store, rules: rules, clock: clock, ids: ids, blocks: blocks)
        self.queries = NetworkQueries(store: store, schedule: schedule, rules: rules)
    }
}
