import CostakeCore

/// The storage protocol every database implements (SQLite embedded, PostgreSQL at scale).
/// Stores load and save; the rules in `CostakeCore` decide. One conformance suite runs
/// against every implementation.
public protocol CostakeStore: Sendable {
    /// Applies the numbered migrations that have not run yet (append-only; never edited).
    func migrate() async throws

    /// Runs one unit of work atomically: loads what `scope` names, lets `decide` compute the
    /// changes from that snapshot, then saves them and appends their journal entries, all in
    /// one database transaction. When `decide` throws, nothing is written.
    func perform<Result: Sendable>(
        _ scope: Scope,
        _ decide: @escaping @Sendable (consuming Snapshot) throws -> (Changes, Result)
    ) async throws -> Result

    // MARK: Reads

    func account(_ address: Address) async throws -> Account?
    func device(_ id: DeviceID) async throws -> Device?
    func offer(_ id: OfferID) async throws -> Offer?
    /// A position as of the last closed block: what it earned since its last settlement
    /// (`RewardAccrual`) shows in its unclaimed and lifetime rewards (so in the next three).
    func position(_ id: PositionID) async throws -> Position?
    func slash(_ id: SlashID) async throws -> Slash?
    /// The positions of a staker, newest first.
    func positions(of staker: Address) async throws -> [Position]
    /// The positions on a device, newest first.
    func positions(on device: DeviceID) async throws -> [Position]
    /// A page of all devices in id order, after `id` (the simulator, exports).
    func devices(after id: DeviceID?, limit: Int) async throws -> [Device]
    /// The devices an account owns, oldest registration first.
    func devices(ownedBy owner: Address) async throws -> [Device]
    /// The approved transaction with this signature.
    func approvedTransaction(signature: String) async throws -> ApprovedTransaction?

    /// Slashes of a device, newest first, and what a slash took from each position.
    func slashes(on device: DeviceID) async throws -> [Slash]
    func slashItems(_ slash: SlashID) async throws -> [SlashItem]

    /// A page of the marketplace.
    func offers(_ query: OfferQuery) async throws -> [OfferListing]
    /// How many committed units of work have changed a row a marketplace page shows
    /// (`Changes.changesListings`), counted in the database, so that every server sharing it
    /// sees the same number: a page read between two equal readings is current while the
    /// number stands.
    func listingsVersion() async throws -> Int64

    /// Network settings (genesis, interval, ...) as stored; `defaults` fills those not yet
    /// stored, once, and the stored values win from then on.
    func settings(defaults: [String: String]) async throws -> [String: String]
    func setSetting(_ key: String, _ value: String) async throws

    // MARK: Blocks and telemetry

    /// The highest closed height, or nil before the first block closes.
    func lastClosedHeight() async throws -> Int64?
    func block(_ height: Int64) async throws -> Block?
    /// Closed blocks below `height` (all when nil), newest first, at most `limit`.
    func blocks(below height: Int64?, limit: Int) async throws -> [Block]
    /// A device's outcome per block for blocks ending in `[from, to)`, oldest first.
    func deviceBlocks(_ device: DeviceID, from: Timestamp, to: Timestamp) async throws -> [DeviceBlockRecord]
    /// A device's runs as stored (issue 8), oldest first: what its per-block records derive from.
    func deviceRuns(_ device: DeviceID) async throws -> [DeviceRun]
    /// How many runs start at `height`: the devices whose outcome changed shape there (or
    /// whose run had reached its length), so how many rows that block's close wrote.
    func deviceRunCount(startingAt height: Int64) async throws -> Int
    /// Blocks ending in `[from, to)` in which `account` was a device's owner or co-staker.
    func accountBlocks(_ account: Address, from: Timestamp, to: Timestamp) async throws -> [DeviceBlockRecord]
    func telemetry(_ device: DeviceID) async throws -> DeviceTelemetry?
    /// Sums for the statistics: per state of positions, per device counted stake, offers.
    func stakeTotals() async throws -> StakeTotals
    /// A device's hour records in `hours`, oldest first.
    func hours(_ device: DeviceID, _ hours: Range<Int64>) async throws -> [HourRecord]

    // MARK: The ledger

    /// Journal entries with a sequence number above `sequence`, in order, at most `limit`.
    func journal(after sequence: Int64, limit: Int) async throws -> [JournalEntry]
    /// What every active position earned since its last settlement, summed (`RewardAccrual`):
    /// the `accrued` account must hold exactly this.
    func accruedRewards() async throws -> Int64
    /// The sequence number and hash of the last entry as the store recorded them.
    func journalHead() async throws -> JournalHead
    /// Every non-zero balance as the store holds it: entity fields and system accounts.
    func storedBalances() async throws -> [LedgerAccount: Int64]
    /// The journal head, the stored balances and what the active positions have pending, read
    /// in one snapshot: what `LedgerVerifier` checks the journal against while writers go on.
    func ledgerState() async throws -> LedgerState

    // MARK: Audit and tests

    /// Every account with a balance, every device, every position that is not withdrawn, every
    /// live offer and every slash: what the invariants of SPEC.md speak of.
    func liveState() async throws -> LiveState
    /// Every row of every table, in primary-key order, as text: equal dumps mean equal data.
    func dump() async throws -> String
    /// The offers whose row in the marketplace's read model differs from what the base tables
    /// say (at most 10; none when it is exact), and how many rows it holds.
    func readModelDrift() async throws -> (offers: Int, differing: [String])

    /// Closes connections.
    func close() async throws

    /// Runs `body`, which only adds rows through `perform`, with the derived read models (the
    /// marketplace's) rebuilt once at the end rather than row by row: the benchmark's seeding.
    /// Not for a database in use.
    func bulkLoad(_ body: () async throws -> Void) async throws

    /// What this store's writer has done since the store was opened (in this process).
    var writerStatistics: WriterStatistics { get }
}

/// What a store's writer has done since the store was opened, published at `GET /metrics`.
public struct WriterStatistics: Sendable, Hashable {
    /// Write transactions committed, each holding a group of units of work (group commit).
    public var transactions = 0
    /// Units of work committed in them.
    public var units = 0
    /// Units decided on a read snapshot that was stale when the writer came to them (another
    /// unit had written what they read), and so loaded and decided again on the writer.
    public var decidedAgain = 0
    /// Units waiting for a write transaction now.
    public var waiting = 0
    /// Checkpoints copied into the database file away from the writer (SQLite; 0 on PostgreSQL).
    public var backgroundCheckpoints = 0
    /// Where the last block close's time went, nil before the first.
    public var lastBlockClose: BlockCloseTimes?

    public init() {}
}

/// Where a block close's time went, part by part, from the moment it is handed to the writer
/// to its answer. A close is one unit of work on the writer: the parts follow one another and
/// add up to its whole time.
public struct BlockCloseTimes: Sendable, Hashable {
    /// Waiting for the writer: the units queued before the close.
    public var wait: Duration = .zero
    /// Reading what the close decides on into a snapshot.
    public var load: Duration = .zero
    /// The rules: eligibility, scores, rewards, runs, and the changes they make.
    public var decide: Duration = .zero
    /// Writing the changes in the close's transaction.
    public var save: Duration = .zero
    /// The commit, made durable, with the rest of the close's group (the units queued behind
    /// it in the same transaction) and, on SQLite, the writer's checkpoint after it.
    public var commit: Duration = .zero
    /// After the commit: SQLite samples the planner's statistics (nothing on PostgreSQL).
    public var statistics: Duration = .zero

    public init() {}

    /// The parts in order, named as `GET /metrics` and the benchmark name them.
    public var parts: [(name: String, duration: Duration)] {
        [("wait", wait), ("load", load), ("decide", decide), ("save", save), ("commit", commit), ("statistics", statistics)]
    }

    /// The parts in seconds.
    public var seconds: [(name: String, seconds: Double)] {
        parts.map { ($0.name, $0.duration.inSeconds) }
    }

    public var total: Duration { parts.reduce(.zero) { $0 + $1.duration } }
}

/// Times a block close's parts as they end, each from the end of the one before.
public struct BlockCloseStopwatch: Sendable {
    public private(set) var times = BlockCloseTimes()
    private var lap: ContinuousClock.Instant

    public init(startingAt start: ContinuousClock.Instant = .now) { lap = start }

    /// The part `part` ends now.
    public mutating func ended(_ part: WritableKeyPath<BlockCloseTimes, Duration> & Sendable) {
        let now = ContinuousClock.now
        times[keyPath: part] = now - lap
        lap = now
    }
}

/// The ledger as the store holds it at one moment (`CostakeStore.ledgerState()`).
public struct LedgerState: Sendable, Hashable {
    /// The last entry whose postings the balances include.
    public let head: JournalHead
    /// The highest sequence number in the journal, in the same snapshot. The head is written in
    /// the transaction that appends entries, so it equals the head's unless an entry was added
    /// behind the store's back.
    public let journalEnd: Int64
    /// Every non-zero balance (`storedBalances()`).
    public let balances: [LedgerAccount: Int64]
    /// What every active position earned since its last settlement (`accruedRewards()`).
    public let accrued: Int64

    public init(head: JournalHead, journalEnd: Int64, balances: [LedgerAccount: Int64], accrued: Int64) {
        self.head = head
        self.journalEnd = journalEnd
        self.balances = balances
        self.accrued = accrued
    }
}

/// The last journal entry as recorded alongside the journal (guards against truncation).
public struct JournalHead: Sendable, Hashable {
    public let sequence: Int64
    public let hash: [UInt8]

    public init(sequence: Int64, hash: [UInt8]) {
        self.sequence = sequence
        self.hash = hash
    }

    public static let empty = JournalHead(sequence: 0, hash: JournalEntry.genesisHash)
}

extension CostakeStore {
    /// Runs the rules on a `WorkingSet` loaded for `scope` and saves what they changed.
    public func work<Result: Sendable>(
        _ scope: Scope, now: Timestamp, rules: NetworkRules, ids: IdentifierSource,
        _ body: @Sendable @escaping (inout WorkingSet) throws(CostakeError) -> Result
    ) async throws -> Result {
        try await perform(scope) { snapshot in
            var set = WorkingSet(consume snapshot, now: now, rules: rules, ids: ids)
            let result = try body(&set)
            return (try set.changes(), result)
        }
    }
}

/// The live state of the whole network, for invariant checks.
public struct LiveState: Sendable, Hashable {
    public var accounts: [Account]
    public var devices: [Device]
    public var positions: [Position]
    public var offers: [Offer]
    public var slashes: [Slash]
    public var telemetry: [DeviceTelemetry]

    public init(accounts: [Account], devices: [Device], positions: [Position], offers: [Offer], slashes: [Slash],
                telemetry: [DeviceTelemetry]) {
        self.accounts = accounts
        self.devices = devices
        self.positions = positions
        self.offers = offers
        self.slashes = slashes
        self.telemetry = telemetry
    }
}

/// Sums the store computes for the network statistics.
public struct StakeTotals: Sendable {
    /// Principal per position role and state.
    public var byState: [PositionRole: [PositionState: Amount]]
    public var positionsByState: [PositionRole: [PositionState: Int]]
    public var devices: [DeviceStakeSum]
    public var openOffers: Int

    public init(byState: [PositionRole: [PositionState: Amount]], positionsByState: [PositionRole: [PositionState: Int]],
                devices: [DeviceStakeSum], openOffers: Int) {
        self.byState = byState
        self.positionsByState = positionsByState
        self.devices = devices
        self.openOffers = openOffers
    }
}
