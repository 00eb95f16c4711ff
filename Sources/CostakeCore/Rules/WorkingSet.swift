/// The state one unit of work reads and changes: loaded by the store for a `Scope`, changed by
/// the rules, then diffed against what was loaded and saved atomically. Money only moves through
/// `transfer`, which changes the entity fields and writes the matching postings together.
public struct WorkingSet: Sendable {
    public let now: Timestamp
    public let rules: NetworkRules
    public let ids: IdentifierSource

    public internal(set) var accounts: [Address: Account]
    public internal(set) var devices: [DeviceID: Device]
    public internal(set) var positions: [PositionID: Position]
    public internal(set) var offers: [OfferID: Offer]
    /// The loaded positions and offers of each device (a position or offer never changes device),
    /// so that per-device lookups in a block close do not scan everything.
    private(set) var positionsByDevice: [DeviceID: [PositionID]] = [:]
    private(set) var offersByDevice: [DeviceID: [OfferID]] = [:]
    public internal(set) var slashes: [SlashID: Slash]
    public internal(set) var systemBalances: [LedgerAccount: Int64]
    public internal(set) var telemetry: [DeviceID: DeviceTelemetry]
    public internal(set) var hours: [HourKey: HourRecord]
    public internal(set) var slashItems: [SlashID: [SlashItem]]
    public let priorUse: ApprovedTransaction?
    public let lastClosedHeight: Int64?
    public let lastClosedEnd: Timestamp?
    public let reliabilityInputs: [DeviceID: ReliabilityInputs]
    public let expiringRewards: [DeviceID: Amount]
    /// What each loaded active position earned after its `rewardsThrough` through
    /// `lastClosedHeight`, not yet settled into it (`RewardAccrual`); loaded for every unit of
    /// work but a block close, and emptied for a position as it is settled.
    public private(set) var pendingRewards: [PositionID: Amount]
    /// Records appended by a block close.
    public internal(set) var closedBlocks: [Block] = []
    public internal(set) var deviceBlocks: [DeviceBlockRecord] = []
    /// Runs started by a block close (only devices whose outcome changed shape), and each
    /// device's current run.
    public internal(set) var deviceRuns: [DeviceRun] = []
    public internal(set) var openRuns: [DeviceID: DeviceRun]
    /// Each device's R̄ as a block close worked it out, where it differs from the device's:
    /// kept apart from `devices` so that setting a million of them does not copy every device
    /// away from the snapshot (`changes()` saves them as the devices' `rewardBasis`).
    public internal(set) var rewardBases: [DeviceID: Amount] = [:]
    public let scope: Scope

    /// The approved transaction to record with the changes.
    public var approved: ApprovedTransaction?
    /// Journal entries written by this unit of work, in order.
    public private(set) var journal: [JournalDraft] = []
    private var openPostings: [Posting] = []
    private let baseline: Snapshot

    /// Loads a snapshot and applies the time-driven moves of every loaded position up to `now`.
    /// The snapshot is consumed: what `changes()` does not compare with is moved out of it
    /// rather than shared, so that changing it (a block close's million current runs) does not
    /// copy it first.
    public init(_ snapshot: consuming Snapshot, now: Timestamp, rules: NetworkRules, ids: IdentifierSource) {
        self.now = now
        self.rules = rules
        self.ids = ids
        self.accounts = snapshot.accounts
        for address in snapshot.scope.accounts where accounts[address] == nil {
            accounts[address] = Account(address: address)
        }
        self.devices = snapshot.devices
        self.positions = snapshot.positions
        self.offers = snapshot.offers
        self.slashes = snapshot.slashes
        self.systemBalances = snapshot.systemBalances
        self.telemetry = snapshot.telemetry
        self.hours = snapshot.hours
        self.slashItems = snapshot.slashItems
        self.lastClosedHeight = snapshot.lastClosedHeight
        self.lastClosedEnd = snapshot.lastClosedEnd
        self.reliabilityInputs = snapshot.reliabilityInputs
        self.expiringRewards = snapshot.expiringRewards
        self.pendingRewards = snapshot.pendingRewards
        self.openRuns = snapshot.openRuns
        self.priorUse = snapshot.priorUse
        self.scope = snapshot.scope
        (snapshot.openRuns, snapshot.pendingRewards, snapshot.reliabilityInputs, snapshot.expiringRewards) = ([:], [:], [:], [:])
        self.baseline = snapshot
        positionsByDevice.reserveCapacity(devices.count)
        offersByDevice.reserveCapacity(devices.count)
        // Only positions that move are written: one write copies the whole dictionary away from
        // the snapshot's (a block close's million positions), even where nothing moves.
        for (id, position) in positions {
            var moved = position
            if moved.advance(to: now) { positions[id] = moved }
        }
        for position in positions.values { positionsByDevice[position.deviceID, default: []].append(position.id) }
        for offer in offers.values { offersByDevice[offer.deviceID, default: []].append(offer.id) }
    }

    // MARK: Money

    /// Moves `amount` between two ledger accounts: both entity fields change and a balanced pair
    /// of postings joins the open journal entry. A non-source account never goes below zero.
    public mutating func transfer(_ amount: Amount, from source: LedgerAccount, to target: LedgerAccount) throws(CostakeError) {
        guard amount.isPositive else { return }
        try adjust(source, by: -amount.baseUnits)
        try adjust(target, by: amount.baseUnits)
        openPostings.append(Posting(source, -amount.baseUnits))
        openPostings.append(Posting(target, amount.baseUnits))
    }

    private mutating func adjust(_ account: LedgerAccount, by delta: Int64) throws(CostakeError) {
        func apply(_ balance: Amount) throws(CostakeError) -> Amount {
            let next = try balance.adding(Amount(baseUnits: delta))
            guard next.baseUnits >= 0 || account.isSource else {
                throw CostakeError(.insufficientBalance, "\(account) holds \(balance), less than \(Amount(baseUnits: -delta)).")
            }
            return next
        }
        switch account {
        case .available(let address):
            guard let current = accounts[address] else { throw Self.notLoaded(account) }
            accounts[address]!.available = try apply(current.available)
        case .principal(let id):
            guard let current = positions[id] else { throw Self.notLoaded(account) }
            positions[id]!.amount = try apply(current.amount)
        case .rewards(let id):
            guard let current = positions[id] else { throw Self.notLoaded(account) }
            positions[id]!.unclaimedRewards = try apply(current.unclaimedRewards)
        case .escrow(let id):
            guard let current = slashes[id] else { throw Self.notLoaded(account) }
            slashes[id]!.escrowed = try apply(current.escrowed)
        case .deposits, .emission, .carry, .accrued, .burned:
            systemBalances[account] = try apply(Amount(baseUnits: systemBalances[account] ?? 0)).baseUnits
        }
    }

    /// Settles what position `id` earned since its last settlement into its unclaimed and
    /// lifetime rewards (from the `accrued` account), so that it holds every reward through the
    /// last closed block. Called before a position's rewards are read for a change (a claim, a
    /// slash) and before it leaves `active`; `changes()` refuses a unit that did either without.
    mutating func settle(_ id: PositionID) throws(CostakeError) {
        guard let position = positions[id] else { throw CostakeError(.internalError, "position \(id) was not loaded") }
        let through = lastClosedHeight ?? -1
        guard position.rewardsThrough < through else { return }
        guard position.state == .active else {
            // A position that is not active earned nothing after it was settled on leaving.
            return
        }
        guard let pending = pendingRewards.removeValue(forKey: id) else {
            throw CostakeError(.internalError, "the pending rewards of position \(id) were not loaded")
        }
        try transfer(pending, from: .accrued, to: .rewards(id))
        positions[id]!.lifetimeRewards = try position.lifetimeRewards.adding(pending)
        positions[id]!.rewardsThrough = through
    }

    /// A new position starts earning with the next block to close.
    var newPositionRewardsThrough: Int64 { lastClosedHeight ?? -1 }

    private static func notLoaded(_ account: LedgerAccount) -> CostakeError {
        CostakeError(.internalError, "ledger account \(account) was not loaded for this unit of work")
    }

    /// Closes the open postings into one journal entry (an entry with no postings records a
    /// transaction that moved no money, so that the journal lists every approved change).
    public mutating func closeEntry(kind: String, reference: String) throws(CostakeError) {
        journal.append(try JournalDraft(kind: kind, reference: reference, at: now, postings: openPostings))
        openPostings = []
    }

    // MARK: Adding entities

    mutating func insert(_ position: Position) {
        if positions[position.id] == nil { positionsByDevice[position.deviceID, default: []].append(position.id) }
        positions[position.id] = position
    }
    mutating func insert(_ offer: Offer) {
        if offers[offer.id] == nil { offersByDevice[offer.deviceID, default: []].append(offer.id) }
        offers[offer.id] = offer
    }
    mutating func insert(_ slash: Slash) { slashes[slash.id] = slash }
    mutating func insert(_ device: Device) { devices[device.id] = device }

    // MARK: What changed

    /// Everything to save: entities that differ from what was loaded (or are new), system
    /// balance changes, journal entries and the approved transaction.
    public func changes() throws(CostakeError) -> Changes {
        guard openPostings.isEmpty else {
            throw CostakeError(.internalError, "postings were left outside a journal entry")
        }
        // Rows that differ from what was loaded, in key order (a block close's million rows,
        // written in primary-key order, visit each page of a table once), with those that
        // `narrow` accepts given the loaded row kept apart for the narrow updates.
        func changed<K: Comparable, V: Equatable>(_ current: [K: V], _ loaded: [K: V],
                                                   narrow: (_ loaded: V, _ now: V) -> Bool = { _, _ in false }) -> (full: [V], narrow: [V]) {
            // The keys are sorted, not the rows: a million rows of a hundred bytes and more
            // each would be moved at every step of the sort.
            var full: [K] = [], narrowed: [K] = []
            for (key, value) in current {
                let before = loaded[key]
                guard before != value else { continue }
                if before.map({ narrow($0, value) }) ?? false { narrowed.append(key) } else { full.append(key) }
            }
            full.sort()
            narrowed.sort()
            return (full.map { current[$0]! }, narrowed.map { current[$0]! })
        }
        if scope.blockClose == nil {
            let through = lastClosedHeight ?? -1
            for (id, before) in baseline.positions where before.state == .active && before.rewardsThrough < through {
                guard let now = positions[id], now.state != .active || now.unclaimedRewards < before.unclaimedRewards else { continue }
                guard now.rewardsThrough == through else {
                    throw CostakeError(.internalError, "position \(id) left active or gave up rewards without settling what it earned")
                }
            }
        }
        var systemDeltas: [LedgerAccount: Int64] = [:]
        for (account, balance) in systemBalances where balance != baseline.systemBalances[account] ?? 0 {
            systemDeltas[account] = balance - (baseline.systemBalances[account] ?? 0)
        }
        // A block close changes the R̄ of every device and the score of every telemetry row, a
        // claim only the rewards of positions: those are saved with narrow updates that touch no
        // index over the other columns.
        let positionRows = changed(positions, baseline.positions) { loaded, now in
            var loaded = loaded
            (loaded.unclaimedRewards, loaded.lifetimeRewards, loaded.rewardsThrough) = (now.unclaimedRewards, now.lifetimeRewards, now.rewardsThrough)
            return loaded == now
        }
        // A block close keeps the R̄ it sets apart (`rewardBases`): saved with the device's row
        // where that changed otherwise too, else as a narrow update of its own.
        var fullDevices = changed(devices, baseline.devices).full
        var whole = Set<DeviceID>()
        for index in fullDevices.indices {
            whole.insert(fullDevices[index].id)
            if let basis = rewardBases[fullDevices[index].id] { fullDevices[index].rewardBasis = basis }
        }
        let narrowDevices = rewardBases.keys.filter { !whole.contains($0) }.sorted().map { id in
            var device = devices[id]!
            device.rewardBasis = rewardBases[id]!
            return device
        }
        let telemetryRows = changed(telemetry, baseline.telemetry) { loaded, now in
            var loaded = loaded
            (loaded.reliability, loaded.rewardWeek, loaded.windowSums) = (now.reliability, now.rewardWeek, now.windowSums)
            return loaded == now
        }
        let offersChanged = changed(offers, baseline.offers).full, slashesChanged = changed(slashes, baseline.slashes).full
        // A listing shows its device's R̄ (the estimate) but not its status or hired flag, which
        // telemetry changes all day; nor does telemetry change a score (a block close does).
        let deviceChanged = !narrowDevices.isEmpty || fullDevices.contains { device in
            guard var loaded = baseline.devices[device.id] else { return false }
            (loaded.status, loaded.hired) = (device.status, device.hired)
            return loaded != device
        }
        let scoreChanged = [telemetryRows.full, telemetryRows.narrow].joined().contains {
            $0.reliability != baseline.telemetry[$0.deviceID]?.reliability
        }
        return Changes(
            accounts: changed(accounts, baseline.accounts).full.filter { baseline.accounts[$0.address] != nil || !$0.available.isZero },
            devices: fullDevices,
            positions: positionRows.full,
            offers: offersChanged,
            slashes: slashesChanged,
            telemetry: telemetryRows.full,
            hours: changed(hours, baseline.hours).full,
            slashItems: slashItems.filter { baseline.slashItems[$0.key] == nil }.flatMap(\.value),
            blocks: closedBlocks,
            deviceRuns: deviceRuns,
            systemDeltas: systemDeltas,
            journal: journal,
            approved: approved,
            positionRewards: positionRows.narrow,
            deviceBases: narrowDevices,
            telemetryScores: telemetryRows.narrow,
            changesListings: deviceChanged || !offersChanged.isEmpty || !slashesChanged.isEmpty || scoreChanged
        )
    }
}

/// What a unit of work saves.
public struct Changes: Sendable {
    public let accounts: [Account]
    public let devices: [Device]
    public let positions: [Position]
    public let offers: [Offer]
    public let slashes: [Slash]
    public let telemetry: [DeviceTelemetry]
    public let hours: [HourRecord]
    /// Items of new slashes (append-only).
    public let slashItems: [SlashItem]
    /// Closed blocks and the devices' runs they started (append-only).
    public let blocks: [Block]
    public let deviceRuns: [DeviceRun]
    /// Changes to system ledger balances (`balance += delta`).
    public let systemDeltas: [LedgerAccount: Int64]
    public let journal: [JournalDraft]
    public let approved: ApprovedTransaction?
    /// Positions whose only change is their rewards (a claim, a settlement): saved by updating
    /// the unclaimed, lifetime and settled-through columns.
    public let positionRewards: [Position]
    /// Devices whose only change is their R̄ (`rewardBasis`).
    public let deviceBases: [Device]
    /// Telemetry rows whose only change is their reliability score, week of rewards and window
    /// sums (what a block close changes).
    public let telemetryScores: [DeviceTelemetry]
    /// Whether a unit of work changed what a marketplace listing shows: an offer, a slash, a
    /// reliability score, or a device other than by its status and hired flag (a new device has
    /// no offer yet). The stores count such units of work, so that a page encoded at one count
    /// is served again while the count stands.
    public let changesListings: Bool

    /// Whether this is a block close that changed R̄ or scores: every listing's estimate and
    /// score may then differ, and the stores refresh the listings in one statement after the
    /// close's writes rather than row by row through their triggers.
    public var refreshesListings: Bool { !blocks.isEmpty && !(deviceBases.isEmpty && telemetryScores.isEmpty) }

    /// Rows to save as they are, for bulk loading (the benchmark's seeding); units of work get
    /// theirs from `WorkingSet.changes()`.
    public init(accounts: [Account] = [], devices: [Device] = [], positions: [Position] = [], offers: [Offer] = [],
                slashes: [Slash] = [], telemetry: [DeviceTelemetry] = [], hours: [HourRecord] = [], slashItems: [SlashItem] = [],
                blocks: [Block] = [], deviceRuns: [DeviceRun] = [], systemDeltas: [LedgerAccount: Int64] = [:],
                journal: [JournalDraft] = [], approved: ApprovedTransaction? = nil, positionRewards: [Position] = [],
                deviceBases: [Device] = [], telemetryScores: [DeviceTelemetry] = [], changesListings: Bool? = nil) {
        self.accounts = accounts
        self.devices = devices
        self.positions = positions
        self.offers = offers
        self.slashes = slashes
        self.telemetry = telemetry
        self.hours = hours
        self.slashItems = slashItems
        self.blocks = blocks
        self.deviceRuns = deviceRuns
        self.systemDeltas = systemDeltas
        self.journal = journal
        self.approved = approved
        self.positionRewards = positionRewards
        self.deviceBases = deviceBases
        self.telemetryScores = telemetryScores
        self.changesListings = changesListings
            ?? !(devices.isEmpty && offers.isEmpty && slashes.isEmpty && deviceBases.isEmpty && telemetry.isEmpty && telemetryScores.isEmpty)
    }
}
