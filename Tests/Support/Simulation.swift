import Foundation

/// A deterministic simulation: a seeded random sequence of every transaction (valid and
/// invalid, by the right and the wrong signers), operator actions, replays and time jumps,
/// with every invariant of SPEC.md checked after each step. A failure names its seed and step.
public final class Simulation {
    public let seed: UInt64
    let net: TestNetwork
    var random: SplitMix64
    let keys: [Keypair]
    var devices: [DeviceID] = []
    var offers: [OfferID] = []
    var positions: [PositionID] = []
    var sent: [(message: String, signature: String, body: String)] = []
    var replay = JournalReplay()
    /// The live state after the last step: a refused step must leave it exactly so.
    var lastState: LiveState?
    public private(set) var approved = 0
    public private(set) var refused: [CostakeError.Code: Int] = [:]

    var slashIDs: [SlashID] = []
    var blocksSeen: Int64 = -1
    var emitted: Int64 = 0
    var paid: Int64 = 0
    public private(set) var blocksPaid = 0
    /// The store the simulation runs on (to compare two runs of one seed on two databases).
    public var store: any CostakeStore { net.store }

    /// Whether every invariant is checked after every step, or only once, after the last.
    public let checksEveryStep: Bool

    /// Blocks close every 6 hours so that long time jumps stay cheap. `checksEveryStep: false`
    /// is for a reference run whose steps another run of the same seed on the same kind of
    /// store already checks; its outcomes are the same, as the checks only read.
    public init(seed: UInt64, store: any CostakeStore, accounts: Int = 12, checksEveryStep: Bool = true) {
        self.seed = seed
        self.checksEveryStep = checksEveryStep
        self.net = TestNetwork(store: store, seed: seed, blockInterval: 6 * 3_600)
        self.random = SplitMix64(seed: seed)
        self.keys = (0..<accounts).map { Keys.make(100 + $0) }
    }

    /// Runs `steps` steps; throws `SupportError` naming the seed and step of the first failure.
    public func run(steps: Int) async throws {
        for step in 1...steps {
            do {
                try await self.step()
            } catch {
                throw SupportError("simulation seed \(seed) step \(step): \(error)")
            }
        }
        if !checksEveryStep {
            do {
                try await checkInvariants()
            } catch {
                throw SupportError("simulation seed \(seed) after step \(steps): \(error)")
            }
        }
        _ = try await net.verifyLedger()
    }

    func step() async throws {
        // Blocks that fell due are closed first (a transaction would close them anyway), so that
        // a refused step can be checked to change nothing at all.
        let closed = try await !net.blocks.closeDue().isEmpty
        if checksEveryStep, closed { try await checkInvariants() }
        var before: LiveState?
        if checksEveryStep {
            before = lastState
            if before == nil { before = try await net.store.liveState() }
        }
        let head = JournalHead(sequence: replay.sequence, hash: replay.hash)
        do {
            try await act()
            approved += 1
        } catch let error as CostakeError {
            guard error.code != .internalError, error.code != .arithmeticOverflow else { throw error }
            refused[error.code, default: 0] += 1
            if let before {
                guard try await net.store.liveState() == before, try await net.store.journalHead() == head else {
                    throw SupportError("the refused step (\(error)) changed the database")
                }
            }
        }
        if checksEveryStep { try await checkInvariants() }
    }

    // MARK: Actions

    func act() async throws {
        switch random.next(100) {
        case 0..<5: try await net.fund(pick(keys), Int64(random.next(20_000)) + 1)
        case 5..<8: try await register()
        case 8..<10: try await updateDevice()
        case 10..<11: clockJump()
        case 11..<16: try await heartbeats()
        case 16..<30:
            let device = pickDevice()
            try await send(.stake(device: device, amount: try await stakeAmount(device)), by: try await ownerOrStranger(device))
        case 30..<42: try await createOffer()
        case 42..<46:
            let offer = pickOffer()
            try await send(.retractOffer(offer: offer), by: try await ownerOrStranger(try await net.store.offer(offer)?.deviceID))
        case 46..<62: try await coStake()
        case 62..<74:
            let position = pickPosition()
            try await send(.unstake(position: position, amount: random.next(2) == 0 ? nil : amount(upTo: 800)),
                           by: try await stakerOrStranger(position))
        case 74..<84:
            let position = pickPosition()
            try await send(.withdraw(position: position), by: try await stakerOrStranger(position))
        case 84..<87: try await send(.claimRewards, by: pick(keys))
        case 87..<88: try await slashDevice()
        case 88..<89: try await appealOrResolve()
        case 89..<95: try await replayOrDuplicate()
        default: try await badlySigned()
        }
    }

    func send(_ action: Action, by key: Keypair) async throws {
        let (message, signature) = net.signed(action, by: key, expiresIn: Int64(random.next(600)) + 1)
        let receipt = try await net.processor.submit(message: message, signature: signature)
        sent.append((message, signature, receipt.body))
        let result = receipt.result
        if let id = result["position_id"], let position = try? PositionID(text: id, field: "position_id"), !positions.contains(position) {
            positions.append(position)
        }
        if let id = result["offer_id"], let offer = try? OfferID(text: id, field: "offer_id"), !offers.contains(offer) {
            offers.append(offer)
        }
    }

    func register() async throws {
        // A bounded world keeps every step cheap; duplicates and bad input are still tried.
        guard devices.count < 40 || random.next(10) == 0 else { return try await updateDevice() }
        let models = Array(net.rules.models.models.keys).sorted()
        let id = random.next(20) == 0 && !devices.isEmpty ? pickDevice() : DeviceID(uuid: random.uuid())
        let status: DeviceStatus = random.next(5) == 0 ? .down : .up
        _ = try await net.operatorActions.register(DeviceRegistration(
            id: id, name: "sim-\(devices.count)", owner: pick(keys).address, model: pick(models),
            processors: random.next(random.next(10) == 0 ? 70 : 8) + 1, status: status))
        devices.append(id)
    }

    func updateDevice() async throws {
        let statuses: [DeviceStatus?] = [nil, .up, .down, .paused, .up, .terminated]
        let status = random.next(30) == 0 ? .terminated : statuses[random.next(statuses.count - 1)]
        _ = try await net.operatorActions.update(pickDevice(), status: status, hired: random.next(3) == 0 ? random.next(2) == 0 : nil)
    }

    /// Time passes in 15-minute steps for 1 to 8 hours with every device reporting (most up,
    /// with a proof of work), so that devices become eligible and blocks pay.
    func heartbeats() async throws {
        for _ in 0..<(4 * (random.next(8) + 1)) {
            net.clock.advance(seconds: 900)
            let events = devices.map { device in
                TelemetryEvent(deviceID: device, at: net.now, status: random.next(40) == 0 ? .down : .up,
                               powOK: random.next(3) != 0, hired: random.next(50) == 0 ? random.next(2) == 0 : nil)
            }
            let result = try await net.operatorActions.ingest(events + [TelemetryEvent(deviceID: DeviceID(uuid: random.uuid()), at: net.now, status: .up)])
            guard result.rejected.count == 1 else { throw SupportError("telemetry rejected \(result.rejected)") }
        }
    }

    func slashDevice() async throws {
        let slash = try await net.operatorActions.slash(pickDevice(), principalBps: random.next(3_000), rewardsBps: random.next(10_001),
                                                        reason: "simulated")
        slashIDs.append(slash.id)
    }

    func appealOrResolve() async throws {
        let slash = slashIDs.isEmpty || random.next(20) == 0 ? SlashID(uuid: random.uuid()) : pick(slashIDs)
        if random.next(2) == 0 {
            let owner = try await net.store.slash(slash).map(\.deviceID)
            try await send(.appealSlash(slash: slash), by: try await ownerOrStranger(owner))
        } else {
            _ = try await net.operatorActions.resolve(slash, random.next(2) == 0 ? .upheld : .overturned)
        }
    }

    func clockJump() {
        let choices: [Int64] = [60, 3_600, 86_400, 7 * 86_400, 14 * 86_400, 3 * 86_400, 31 * 86_400]
        net.clock.advance(seconds: pick(choices))
    }

    func createOffer() async throws {
        let device = pickDevice()
        let bps = [400, 499, 500, 1_000, 5_000, 7_400, 10_000, 10_001][random.next(8)]
        let half = try await requirement(device).scaled(by: 1, over: 2)
        let requested = [half, half, half, amount(upTo: 600), try half.adding(Amount(baseUnits: 1))][random.next(5)]
        try await send(.createOffer(device: device, requestedAmount: requested, rewardShareBps: bps),
                       by: try await ownerOrStranger(device))
    }

    func coStake() async throws {
        var offerID = pickOffer()
        for _ in 0..<4 where try await net.store.offer(offerID)?.status != .open { offerID = pickOffer() }
        var amount = amount(upTo: 600), bps = 5_000
        if let offer = try await net.store.offer(offerID), random.next(10) != 0 {
            (amount, bps) = (offer.requestedAmount, offer.rewardShare.value)
        }
        try await send(.coStake(offer: offerID, requestedAmount: amount, rewardShareBps: bps), by: pick(keys))
    }

    func replayOrDuplicate() async throws {
        guard let earlier = sent.isEmpty ? nil : sent[random.next(sent.count)] else { return try await send(.claimRewards, by: pick(keys)) }
        if random.next(2) == 0 {
            let receipt = try await net.processor.submit(message: earlier.message, signature: earlier.signature)
            guard receipt.replayed, receipt.body == earlier.body else { throw SupportError("a replay did not return the first outcome") }
        } else {
            let message = try TransactionMessage(text: earlier.message)
            let key = keys.first { $0.address == message.signer }!
            let changed = MessageComposer.text(.claimRewards, network: net.network, signer: key.address, nonce: message.nonce,
                                               expiresAt: net.now.adding(seconds: 60))
            do {
                _ = try await net.processor.submit(message: changed, signature: key.signBase58(changed))
                throw SupportError("a reused nonce was accepted")
            } catch let error as CostakeError where error.code != .duplicateNonce {
                throw SupportError("a reused nonce gave \(error.code), not duplicate_nonce")
            }
        }
    }

    func badlySigned() async throws {
        let key = pick(keys)
        let (message, _) = net.signed(.claimRewards, by: key)
        let signature = random.next(2) == 0 ? pick(keys.filter { $0.address != key.address }).signBase58(message) : "1111"
        _ = try await net.processor.submit(message: message, signature: signature)
        throw SupportError("a bad signature was accepted")
    }

    // MARK: Picking

    func requirement(_ device: DeviceID) async throws -> Amount {
        guard let found = try await net.store.device(device) else { return Amount(io: 1_200) }
        return net.rules.requirement(of: found)
    }

    /// Half or all of the requirement most of the time, so that offers can be made and taken.
    func stakeAmount(_ device: DeviceID) async throws -> Amount {
        let requirement = try await requirement(device)
        switch random.next(4) {
        case 0: return try requirement.scaled(by: 1, over: 2)
        case 1: return requirement
        default: return amount(upTo: 2_000)
        }
    }

    func pick<T>(_ items: [T]) -> T { items[random.next(items.count)] }
    func amount(upTo io: Int) -> Amount { Amount(baseUnits: Int64(random.next(io * 100)) * 1_000_000 + (random.next(4) == 0 ? 1 : 0)) }
    func pickDevice() -> DeviceID { devices.isEmpty || random.next(25) == 0 ? DeviceID(uuid: random.uuid()) : pick(devices) }
    func pickOffer() -> OfferID { offers.isEmpty || random.next(25) == 0 ? OfferID(uuid: random.uuid()) : pick(offers) }
    func pickPosition() -> PositionID { positions.isEmpty || random.next(25) == 0 ? PositionID(uuid: random.uuid()) : pick(positions) }

    /// The device's owner most of the time, anyone else sometimes.
    func ownerOrStranger(_ device: DeviceID?) async throws -> Keypair {
        guard random.next(8) != 0, let device, let owner = try await net.store.device(device)?.owner else { return pick(keys) }
        return keys.first { $0.address == owner } ?? pick(keys)
    }

    /// The position's staker most of the time, anyone else sometimes.
    func stakerOrStranger(_ position: PositionID) async throws -> Keypair {
        guard random.next(8) != 0, let staker = try await net.store.position(position)?.staker else { return pick(keys) }
        return keys.first { $0.address == staker } ?? pick(keys)
    }

    // MARK: Invariants

    /// Heights 0…n closed once each; Σ paid + carry = Σ emitted; minted + deposited − burned = held.
    func checkBlocks() async throws {
        let last = try await net.store.lastClosedHeight() ?? -1
        if last > blocksSeen {
            let new = try await net.store.blocks(below: last + 1, limit: Int(last - blocksSeen))
            guard new.map(\.height) == Array(((blocksSeen + 1)...last).reversed()) else { throw SupportError("block heights skip") }
            for block in new {
                emitted += block.emission.baseUnits
                paid += block.totalPaid.baseUnits
                if block.totalPaid.isPositive { blocksPaid += 1 }
            }
            blocksSeen = last
            try await checkEstimateBases(last)
            try await checkReliability(last)
            let market = try await net.store.readModelDrift()
            guard market.differing.isEmpty else { throw SupportError("marketplace read model differs for offers \(market.differing) after block \(last)") }
        }
        let minted = -(replay.balances[.emission] ?? 0)
        let carried = RewardPool.allCases.reduce(Int64(0)) { $0 + (replay.balances[.carry($1)] ?? 0) }
        guard minted == emitted else { throw SupportError("minted \(minted) ≠ Σ block emission \(emitted)") }
        // Rewards leave only through claims and slashes, so compare paid with what the carry released.
        guard paid + carried == emitted else { throw SupportError("Σ paid \(paid) + carry \(carried) ≠ Σ emitted \(emitted)") }
        let totals = replay.totals
        guard totals.deposited + totals.minted - totals.burned == totals.held else {
            throw SupportError("deposited + minted − burned ≠ held")
        }
    }

    /// Every device's stored R̄ equals SPEC §6's definition computed from its block history:
    /// the average of its last 7 days of blocks, or its expected share with less history.
    func checkEstimateBases(_ last: Int64) async throws {
        guard let block = try await net.store.block(last) else { throw SupportError("block \(last) missing") }
        let schedule = net.blocks.schedule
        let perWeek = schedule.blocks(in: 7 * 86_400)
        for device in try await net.store.devices(after: nil, limit: 10_000) {
            let history = try await net.store.deviceBlocks(device.id, from: block.end.adding(seconds: 1 - perWeek * schedule.interval),
                                                           to: block.end.adding(seconds: 1))
            let eligibleLast = history.last.map { $0.height == last && $0.eligible } ?? false
            let expected = RewardEstimate.expectedShare(device: device, model: net.rules.model(of: device), lastBlock: block,
                                                        eligibleLastBlock: eligibleLast, emission: net.blocks.emission)
            let reference = RewardEstimate.deviceRewardPerBlock(history: history, blocksPerWeek: perWeek, expectedShare: expected)
            guard device.rewardBasis == reference else {
                throw SupportError("device \(device.id) keeps R̄ \(device.rewardBasis) after block \(last); its history gives \(reference)")
            }
        }
    }

    /// Every device's stored reliability equals SPEC §7's formula over its hour records and
    /// block records in the window ending at this block, computed here from those rows.
    func checkReliability(_ last: Int64) async throws {
        guard let block = try await net.store.block(last) else { throw SupportError("block \(last) missing") }
        let schedule = net.blocks.schedule
        let endHour = HourRecord.hour(of: block.end)
        let windowStart = block.end.adding(seconds: -ReliabilityScore.windowHours * 3_600)
        for device in try await net.store.devices(after: nil, limit: 10_000) {
            guard let telemetry = try await net.store.telemetry(device.id) else { continue }
            // The sums a close moves instead of summing the window: every record from the window
            // start of this block on, later hours included.
            let counted = try await net.store.recordedWindowSums(of: device.id, lastClosedEnd: block.end)
            guard telemetry.windowSums == counted else {
                throw SupportError("device \(device.id) keeps window sums \(telemetry.windowSums) after block \(last); its records give \(counted)")
            }
            let expected: Int?
            if telemetry.firstReportAt.seconds(until: block.end) < ReliabilityScore.minimumTelemetrySeconds {
                expected = nil
            } else {
                let hours = try await net.store.hours(device.id, (endHour - ReliabilityScore.windowHours)..<endHour)
                let clean = hours.filter { $0.upReported && !$0.downReported && $0.disconnects == 0 }
                // Blocks whose end lies within the window, this one included.
                let blocks = try await net.store.deviceBlocks(device.id, from: windowStart.adding(seconds: schedule.interval),
                                                              to: block.end.adding(seconds: 1))
                let lookback = block.end.adding(seconds: -ReliabilityScore.slashLookbackSeconds)
                let slashes = try await net.store.slashes(on: device.id).filter { $0.state != .overturned && $0.createdAt > lookback }
                expected = ReliabilityScore.score(
                    upHours: clean.count, powHours: clean.filter { $0.powOK || $0.hired }.count,
                    disconnects: hours.reduce(0) { $0 + $1.disconnects },
                    sufficientBlocks: blocks.filter(\.sufficient).count, blocks: blocks.count, slashes: slashes.count)
            }
            guard telemetry.reliability == expected else {
                throw SupportError("device \(device.id) keeps reliability \(telemetry.reliability.map(String.init) ?? "none") after block \(last); its records give \(expected.map(String.init) ?? "none")")
            }
        }
    }

    /// The invariants of SPEC.md, checked against the store after every step.
    func checkInvariants() async throws {
        for entry in try await net.store.journal(after: replay.sequence, limit: 100_000) {
            if let mismatch = replay.apply(entry) { throw SupportError("journal: \(mismatch)") }
        }
        let head = try await net.store.journalHead()
        guard head == JournalHead(sequence: replay.sequence, hash: replay.hash) else { throw SupportError("journal head moved") }
        guard replay.balances.values.reduce(0, +) == 0 else { throw SupportError("the ledger does not sum to zero") }
        if let mismatch = replay.firstBalanceMismatch(try await net.store.storedBalances()) {
            throw SupportError("balances: \(mismatch)")
        }
        try await checkBlocks()
        let state = try await net.store.liveState()
        lastState = state
        guard state.telemetry.allSatisfy({ $0.reliability.map { (0...100).contains($0) } ?? true }) else {
            throw SupportError("a reliability score outside 0–100")
        }
        guard state.accounts.allSatisfy({ $0.available.baseUnits >= 0 }),
              state.positions.allSatisfy({ $0.amount.baseUnits >= 0 && $0.unclaimedRewards.baseUnits >= 0 }) else {
            throw SupportError("a negative balance")
        }
        let now = net.now
        let live = state.positions.map { position in
            var advanced = position
            advanced.advance(to: now)
            return advanced
        }
        let slots = Dictionary(grouping: live.filter { $0.role == .coStaker && $0.state.holdsClaimSlot }, by: \.staker)
        if let over = slots.first(where: { $0.value.count > net.rules.claimCap }) {
            throw SupportError("\(over.key) holds \(over.value.count) co-stakes")
        }
        for (device, offers) in Dictionary(grouping: state.offers, by: \.deviceID) where offers.count > 1 {
            throw SupportError("device \(device) has \(offers.count) live offers")
        }
        // One co-staker per offer and one live offer per device: at most one active co-staker.
        // (A second may be waiting: SPEC §5 lets the owner publish a new offer while one waits.)
        let activeCoStakers = Dictionary(grouping: live.filter { $0.role == .coStaker && $0.state == .active }, by: \.deviceID)
        if let crowded = activeCoStakers.first(where: { $0.value.count > 1 }) {
            throw SupportError("device \(crowded.key) has \(crowded.value.count) active co-stakers")
        }
        let owners = Dictionary(grouping: live.filter { $0.role == .owner && $0.state == .active }, by: \.deviceID)
        if let doubled = owners.first(where: { $0.value.count > 1 }) {
            throw SupportError("device \(doubled.key) has \(doubled.value.count) active owner positions")
        }
        for offer in state.offers where offer.status == .active {
            guard let taker = live.first(where: { $0.id == offer.positionID }), taker.state == .active else {
                throw SupportError("active offer \(offer.id) has no active co-staker")
            }
        }
    }
}

