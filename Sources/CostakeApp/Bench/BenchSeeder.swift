import CostakeCore
import CostakeCrypto
import CostakeStorage
import Foundation

/// The shape of a benchmark network (issue 8): by default 1,000,000 devices over the earning
/// models, 300,000 open offers and 200,000 active co-staker positions.
public struct BenchShape: Sendable, Codable {
    public var devices: Int
    public var openOffers: Int
    public var coStakes: Int
    /// Owners with Ed25519 keys the transaction scenario signs with (each owns devices).
    public var keyedOwners: Int
    /// Co-stakers with keys, funded to take open offers: `coStakersPerOwner` for each keyed
    /// owner, so that the transaction scenario has claim slots left at 5,000 a second.
    public var keyedCoStakers: Int

    public init(devices: Int = 1_000_000) {
        self.devices = devices
        openOffers = devices * 3 / 10
        coStakes = devices / 5
        keyedOwners = min(2_048, max(1, devices / 20))
        keyedCoStakers = keyedOwners * Self.coStakersPerOwner
    }

    /// Keyed co-stakers per keyed owner. Each takes two offers (the claim cap: an unstaked
    /// co-stake waits seven days and still counts), so a pair of accounts in the transaction
    /// scenario can take 16 offers, one per round: with 2,048 pairs, 32,768 co-stakes. One
    /// per owner ran out after 16 s at 981 transactions a second.
    public static let coStakersPerOwner = 8

    /// Devices per owner: ten, so that an owner's page stays small.
    public static let devicesPerOwner = 10
    public var owners: Int { (devices + Self.devicesPerOwner - 1) / Self.devicesPerOwner }
    /// Each co-staker holds two positions (the claim cap).
    public var coStakers: Int { (coStakes + 1) / 2 + keyedCoStakers }
}

/// Writes a benchmark network straight into a store, in chunks of devices, through the same
/// `perform` path every unit of work saves with: every account, device, position and offer is
/// a domain value, every balance is put there by a balanced journal entry (one per chunk:
/// `deposits` against each account's available balance and each position's principal, the
/// history's emission, minted into the pools' carry, against each position's rewards), so
/// that `costake ledger verify` passes on the result. Identifiers and keys are derived from
/// the index, so that a seeded database can be driven again without a list of them.
///
/// Made `withHistory`, the network has 30 days of blocks behind it (`BenchHistory`): the first
/// chunk writes the 720 blocks, and every chunk its devices' runs and rewards.
public struct BenchSeeder: Sendable {
    public let shape: BenchShape
    public let now: Timestamp
    public let models: [DeviceModel]
    public let rules: NetworkRules
    /// Hourly blocks: the 720 of the history end before `now`, and the next one, the
    /// benchmark's block close, two minutes after it (when every device is up, has a proof of
    /// work in the block and has reported within the last 15 minutes).
    public let schedule: BlockSchedule
    public private(set) var history: BenchHistory?

    /// A seeder of the network's identities and present state, without its history (what the
    /// scenarios use to find the seeded accounts and offers again).
    public init(shape: BenchShape, now: Timestamp, rules: NetworkRules = NetworkRules()) {
        self.init(shape: shape, now: now, rules: rules, historyBlocks: 0)
    }

    private init(shape: BenchShape, now: Timestamp, rules: NetworkRules, historyBlocks: Int64) {
        self.shape = shape
        self.now = now
        self.rules = rules
        self.models = rules.models.sorted.filter { $0.pool != nil }
        self.schedule = BlockSchedule(genesis: now.adding(seconds: -3_480 - historyBlocks * 3_600), interval: 3_600)
    }

    /// A seeder that writes the network with its 30 days of history.
    public static func withHistory(shape: BenchShape, now: Timestamp, rules: NetworkRules = NetworkRules()) throws -> BenchSeeder {
        var seeder = BenchSeeder(shape: shape, now: now, rules: rules, historyBlocks: BenchHistory.blockCount)
        seeder.history = try BenchHistory(seeder: seeder)
        return seeder
    }

    /// Every device was registered (and first reported) 30 days before `now`, or with a
    /// history a day before its first block: up for five hours and scored from block 0 on.
    public var registered: Timestamp {
        Swift.min(now.adding(seconds: -30 * 86_400), schedule.genesis.adding(seconds: -86_400))
    }

    /// The height of the block the benchmark closes: the first after the history.
    public var nextHeight: Int64 { schedule.genesis.seconds(until: now) / schedule.interval }

    /// Devices per unit of work. A commit writes every page it dirtied; the secondary indexes
    /// take keys in random order, so larger units dirty each page for more rows: 50,000 a unit
    /// wrote 4.3 GB while seeding a million devices, 10,000 a unit 5.8 GB.
    public static let chunk = 50_000
    /// What every plain owner and co-staker holds besides its stakes.
    public static let startingBalance = Amount(io: 5_000)
    /// What the keyed accounts hold: enough for many transactions.
    public static let keyedBalance = Amount(io: 100_000)

    // MARK: Deterministic identities

    static func uuid(_ kind: UInt8, _ index: Int) -> UUID {
        // Big-endian index first: ids sort in index order, so inserts append to the B-trees.
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes[0] = kind
        for byte in 0..<8 { bytes[1 + byte] = UInt8(truncatingIfNeeded: UInt64(index) >> (56 - 8 * UInt64(byte))) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    public static func device(_ index: Int) -> DeviceID { DeviceID(uuid: uuid(0xd0, index)) }
    public static func closedOffer(_ index: Int) -> OfferID { OfferID(uuid: uuid(0xe0, index)) }
    public static func withdrawablePosition(_ index: Int) -> PositionID { PositionID(uuid: uuid(0xb0, index)) }
    /// Withdrawable positions (with 1 IO of rewards each) of each keyed owner's first co-staker.
    public static let withdrawablePerCoStaker = 16
    public static func offer(_ index: Int) -> OfferID { OfferID(uuid: uuid(0xf0, index)) }
    public static func ownerPosition(_ index: Int) -> PositionID { PositionID(uuid: uuid(0xa0, index)) }
    public static func coPosition(_ index: Int) -> PositionID { PositionID(uuid: uuid(0xc0, index)) }

    /// The key of keyed account `index` of `role` ("owner" or "co-staker").
    public static func keypair(_ role: String, _ index: Int) -> Keypair {
        let seed = JournalHash.sha256(Array("costake-bench-\(role)-\(index)".utf8))
        return try! Keypair(seed: seed)
    }

    /// An address with no key: SHA-256 of a name (the plain accounts are never signed for).
    static func plainAddress(_ role: String, _ index: Int) -> Address {
        Address(publicKey: JournalHash.sha256(Array("costake-bench-address-\(role)-\(index)".utf8)))
    }

    /// Owner `index`'s address: keyed for the first `keyedOwners`.
    public func owner(_ index: Int) -> Address {
        index < shape.keyedOwners ? Self.keypair("owner", index).address : Self.plainAddress("owner", index)
    }

    public func coStaker(_ index: Int) -> Address {
        index < shape.keyedCoStakers ? Self.keypair("co-staker", index).address : Self.plainAddress("co-staker", index)
    }

    /// A deterministic spread in `0..<bound` for device `index` and a salt.
    static func spread(_ index: Int, _ salt: UInt64, _ bound: Int) -> Int {
        var x = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ salt &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31; x = x &* 0x94D0_49BB_1331_11EB; x ^= x >> 29
        return Int(x % UInt64(bound))
    }

    // MARK: What each device is

    /// Device `index`'s role in the market: the first `coStakes` devices have an active offer
    /// (taken), the next `openOffers` an open one, the rest none.
    enum Market { case taken(coStaker: Int), open, none }

    func market(_ index: Int) -> Market {
        if index < shape.coStakes { return .taken(coStaker: index / 2) }
        if index < shape.coStakes + shape.openOffers { return .open }
        return .none
    }

    /// Owners own `devicesPerOwner` consecutive devices; the keyed owners the first ones.
    func ownerIndex(ofDevice index: Int) -> Int { index / BenchShape.devicesPerOwner }

    /// Device `index`'s model, processors and requirement, and the terms of its offer (if it
    /// has one): 10%–50% of the requirement at a 5%–60% share.
    public func terms(_ index: Int) -> (model: DeviceModel, processors: Int, requirement: Amount, requested: Amount, share: BasisPoints) {
        let model = models[Self.spread(index, 1, models.count)]
        let processors = 1 + Self.spread(index, 2, 4)
        let requirement = rules.models.requirement(for: model, processors: processors)
        let requested = Amount(baseUnits: requirement.baseUnits * Int64(10 + Self.spread(index, 5, 41)) / 100)
        return (model, processors, requirement, requested, BasisPoints(500 + 100 * Self.spread(index, 6, 56)))
    }

    /// When device `index`'s offer (if it has one) was created, and taken when it was.
    func offerCreated(_ index: Int) -> Timestamp { registered.adding(seconds: Int64(Self.spread(index, 7, 20 * 86_400))) }

    /// Device `index` in the history: its pool and score, the first block it was eligible in
    /// (a taken offer's device: the first block that ended after the co-stake), and its
    /// co-staker's share.
    func historyFacts(_ index: Int) -> (key: BenchHistory.Key, firstEligible: Int64, shareBps: Int?) {
        let (model, processors, _, _, share) = terms(index)
        let key = BenchHistory.Key(pool: model.pool!, score: Int64(model.multiplierHundredths) * Int64(processors))
        guard case .taken = market(index) else { return (key, 0, nil) }
        let taken = offerCreated(index).adding(seconds: 3_600)
        let first = max(0, (schedule.genesis.seconds(until: taken) + 1 + schedule.interval - 1) / schedule.interval - 1)
        return (key, min(first, BenchHistory.blockCount), share.value)
    }

    /// Device `index`'s reliability score, as its telemetry row shows and its runs recorded.
    func reliability(_ index: Int) -> Int { 60 + Self.spread(index, 4, 41) }

    // MARK: Seeding

    /// Writes chunk `chunk` (devices `chunk × 50,000 ..< …`) and the accounts first seen in it.
    public func seed(chunk: Int, into store: any CostakeStore) async throws {
        try await write(try changes(chunk: chunk), into: store)
    }

    /// Writes what `changes(chunk:)` built, in one unit of work.
    public func write(_ changes: Changes, into store: any CostakeStore) async throws {
        try await store.perform(Scope()) { _ in (changes, ()) }
    }

    /// The rows and the balanced journal entry of chunk `chunk`: building them is half the
    /// seeding time, so the seeder builds the next chunk while the store writes this one.
    public func changes(chunk: Int) throws -> Changes {
        let lower = chunk * Self.chunk
        let upper = min(shape.devices, lower + Self.chunk)
        guard lower < upper else { return Changes() }
        var accounts: [Account] = []
        var devices: [Device] = []
        var positions: [Position] = []
        var offers: [Offer] = []
        var telemetry: [DeviceTelemetry] = []
        var postings: [Posting] = []
        var total: Int64 = 0
        let registered = self.registered
        var blocks: [Block] = []
        var runs: [DeviceRun] = []
        var paid: [RewardPool: Int64] = [:]
        var rewards: [Posting] = []
        /// A position's rewards from the history: unclaimed and lifetime, posted from its pool.
        func rewarded(_ position: Position, _ amount: Amount, _ pool: RewardPool) -> Position {
            guard amount.isPositive else { return position }
            var position = position
            position.unclaimedRewards = amount
            position.lifetimeRewards = amount
            rewards.append(Posting(.rewards(position.id), amount.baseUnits))
            paid[pool, default: 0] += amount.baseUnits
            return position
        }

        func fund(_ address: Address, _ amount: Amount) {
            accounts.append(Account(address: address, available: amount))
            postings.append(Posting(.available(address), amount.baseUnits))
            total += amount.baseUnits
        }
        // The history's rewards are in each position's unclaimed and lifetime rewards.
        let rewardsThrough = nextHeight - 1
        func stake(_ position: Position) {
            var position = position
            position.rewardsThrough = rewardsThrough
            positions.append(position)
            postings.append(Posting(.principal(position.id), position.amount.baseUnits))
            total += position.amount.baseUnits
        }

        // A keyed account's address takes an Ed25519 key derivation: each is derived
        // once, not once for each of its devices or positions.
        let keyedCoStakers = chunk == 0 ? (0..<shape.keyedCoStakers).map { coStaker($0) } : []
        if chunk == 0 {
            for address in keyedCoStakers { fund(address, Self.keyedBalance) }
            if let history { blocks = history.blocks }
        }
        var rewardTotal: Int64 = 0
        var currentOwner: (index: Int, address: Address)?
        for index in lower..<upper {
            let ownerIndex = ownerIndex(ofDevice: index)
            if currentOwner?.index != ownerIndex { currentOwner = (ownerIndex, owner(ownerIndex)) }
            let owner = currentOwner!.address
            if index % BenchShape.devicesPerOwner == 0 {
                fund(owner, ownerIndex < shape.keyedOwners ? Self.keyedBalance : Self.startingBalance)
            }
            let (model, processors, requirement, requested, share) = terms(index)
            let id = Self.device(index)
            let market = market(index)
            let reliability = reliability(index)
            var coStaker: Address?
            if case .taken(let pair) = market {
                // The keyed co-stakers come first and hold no position: their claim slots are
                // free for the transaction scenario.
                coStaker = self.coStaker(shape.keyedCoStakers + pair)
            }
            // The device's history, or without one an R̄ from 0.5 to 5 IO a block, so that the
            // estimated-reward sort has something to order.
            let past = history?.device(index, seeder: self, owner: owner, coStaker: coStaker, reliability: reliability)
            let basis = past.map { Amount(baseUnits: $0.week.baseUnits / schedule.blocks(in: 7 * 86_400)) }
                ?? Amount(baseUnits: Int64(50_000_000 + Self.spread(index, 3, 450_000_000)))
            runs += past?.runs ?? []
            devices.append(Device(id: id, name: "\(model.name) rig \(index)", owner: owner, model: model.name,
                                  processors: processors, status: .up, hired: false, registeredAt: registered, rewardBasis: basis))
            telemetry.append(DeviceTelemetry(deviceID: id, firstReportAt: registered, lastReportAt: now.adding(seconds: -60),
                                             lastStatus: .up, upSince: registered, lastPowAt: now.adding(seconds: -600),
                                             reliability: reliability, rewardWeek: past?.week ?? .zero))
            let created = offerCreated(index)
            let pool = model.pool!
            let ownerRewards = past?.owner ?? .zero
            switch market {
            case .taken:
                if index % 2 == 0 { fund(coStaker!, Self.startingBalance) }
                let position = Self.coPosition(index)
                let taken = created.adding(seconds: 3_600)
                offers.append(Offer(id: Self.offer(index), deviceID: id, requestedAmount: requested, rewardShare: share,
                                    status: .active, createdAt: created, takenAt: taken, positionID: position))
                stake(rewarded(Position(id: Self.ownerPosition(index), deviceID: id, staker: owner, role: .owner,
                                        amount: Amount(baseUnits: requirement.baseUnits - requested.baseUnits), createdAt: registered),
                               ownerRewards, pool))
                stake(rewarded(Position(id: position, deviceID: id, staker: coStaker!, role: .coStaker, amount: requested,
                                        createdAt: taken, offerID: Self.offer(index)),
                               past?.coStaker ?? .zero, pool))
            case .open:
                offers.append(Offer(id: Self.offer(index), deviceID: id, requestedAmount: requested, rewardShare: share,
                                    status: .open, createdAt: created))
                stake(rewarded(Position(id: Self.ownerPosition(index), deviceID: id, staker: owner, role: .owner,
                                        amount: requirement, createdAt: registered), ownerRewards, pool))
            case .none:
                stake(rewarded(Position(id: Self.ownerPosition(index), deviceID: id, staker: owner, role: .owner,
                                        amount: requirement, createdAt: registered), ownerRewards, pool))
            }
        }
        postings += rewards
        // In the order the store keeps them (height, then device): each height's runs go to
        // one place in the table, not one place per device.
        runs = runs.enumerated().sorted { ($0.element.fromHeight, $0.offset) < ($1.element.fromHeight, $1.offset) }.map(\.element)
        if chunk == 0 {
            // The first keyed co-staker of each keyed owner (co-staker `i` of owner `i`) has
            // `withdrawablePerCoStaker` positions past their cooldown, each with rewards to
            // claim, on offers that closed when it left: what the transaction scenario
            // withdraws and claims.
            for coStaker in 0..<min(shape.keyedOwners, shape.keyedCoStakers) {
                for slot in 0..<Self.withdrawablePerCoStaker {
                    let serial = coStaker * Self.withdrawablePerCoStaker + slot
                    let device = Self.device(serial % min(shape.devices, Self.chunk))
                    let offer = Self.closedOffer(serial)
                    let created = registered.adding(seconds: 86_400)
                    offers.append(Offer(id: offer, deviceID: device, requestedAmount: Amount(io: 10), rewardShare: BasisPoints(1_000),
                                        status: .closed, closedReason: .coStakerLeft, createdAt: created,
                                        takenAt: created, closedAt: created.adding(seconds: 86_400), positionID: Self.withdrawablePosition(serial)))
                    let position = Position(id: Self.withdrawablePosition(serial), deviceID: device, staker: keyedCoStakers[coStaker],
                                            role: .coStaker, amount: Amount(io: 10), state: .withdrawable, createdAt: created,
                                            waitingEndsAt: created.adding(seconds: 8 * 86_400), coolingEndsAt: created.adding(seconds: 22 * 86_400),
                                            unclaimedRewards: Amount(io: 1), lifetimeRewards: Amount(io: 1), offerID: offer)
                    stake(position)
                    postings.append(Posting(.rewards(position.id), Amount(io: 1).baseUnits))
                    rewardTotal += Amount(io: 1).baseUnits
                }
            }
        }
        total += rewardTotal
        postings.append(Posting(.deposits, -total))
        var deltas: [LedgerAccount: Int64] = [.deposits: -total]
        if chunk == 0, let history {
            for (pool, amount) in history.minted {
                deltas[.carry(pool), default: 0] += amount.baseUnits
                deltas[.emission, default: 0] -= amount.baseUnits
            }
        }
        for (pool, amount) in paid { deltas[.carry(pool), default: 0] -= amount }
        // The history's emission into the pools (first chunk) less what this chunk's positions got.
        for (account, delta) in deltas.sorted(by: { $0.key < $1.key }) where account != .deposits && delta != 0 {
            postings.append(Posting(account, delta))
        }
        let entry = try JournalDraft(kind: "bench_seed", reference: "bench-seed-\(chunk)", at: now, postings: postings)
        return Changes(accounts: accounts, devices: devices, positions: positions, offers: offers, telemetry: telemetry,
                       blocks: blocks, deviceRuns: runs, systemDeltas: deltas, journal: [entry])
    }

    public var chunks: Int { (shape.devices + Self.chunk - 1) / Self.chunk }
}
