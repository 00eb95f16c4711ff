import CostakeCore
import CostakeCrypto
import CostakeStorage
import Foundation

/// What happens in the demo network over its history, hour by hour: the opening at genesis,
/// then co-stakes, retractions, overflow withdrawals, unstakes of both kinds, terminations,
/// claims, new offers and slashes that end upheld, overturned, appealed and pending.
struct DemoStory {
    struct CoStake { let position: PositionID; let coStaker: Int; let device: Int }

    let plan: DemoPlan
    let operations: OperatorActions
    let processor: TransactionProcessor
    let store: any CostakeStore
    let clock: ManualClock
    let ids: IdentifierSource
    var summary = DemoSeeder.Summary()
    var random = SplitMix64(seed: 7)
    /// Open offers by device index.
    var openOffers: [Int: OfferID] = [:]
    var coStakes: [CoStake] = []
    var load: [Int] = []
    /// Devices whose co-staker left, so their owners may publish again.
    var vacated: [Int] = []
    var slashed: [(slash: SlashID, device: Int)] = []

    init(plan: DemoPlan, operations: OperatorActions, processor: TransactionProcessor, store: any CostakeStore,
         clock: ManualClock, ids: IdentifierSource) {
        self.plan = plan
        self.operations = operations
        self.processor = processor
        self.store = store
        self.clock = clock
        self.ids = ids
        load = Array(repeating: 0, count: plan.coStakers.count)
    }

    /// At genesis: devices registered, accounts funded, stakes and offers in place.
    mutating func opening() async throws {
        var needs: [Address: Amount] = [:]
        for device in plan.devices {
            _ = try await operations.register(device.registration)
            if let status = device.status { _ = try await operations.update(device.registration.id, status: status) }
            needs[device.registration.owner] = try (needs[device.registration.owner] ?? .zero).adding(device.stake)
        }
        summary.devices = plan.devices.count
        for owner in plan.owners {
            let spare = Amount(io: Int64.random(in: 500...5_000, using: &random))
            _ = try await operations.deposit(try (needs[owner.address] ?? .zero).adding(spare), to: owner.address, reference: "demo-\(owner.address.text)")
        }
        for coStaker in plan.coStakers {
            _ = try await operations.deposit(Amount(io: Int64.random(in: 30_000...250_000, using: &random)), to: coStaker.address,
                                             reference: "demo-\(coStaker.address.text)")
        }
        for (index, device) in plan.devices.enumerated() {
            let owner = key(of: device.registration.owner)
            if device.stake.isPositive { _ = try await submit(.stake(device: device.registration.id, amount: device.stake), by: owner) }
            if let offer = device.offer { try await publish(index, amount: offer.amount, bps: offer.bps) }
        }
    }

    /// The events of hour `hour` (run once, at its first quarter). True when device statuses changed.
    mutating func act(hoursIn hour: Int64, quarter: Int64) async throws -> Bool {
        guard quarter == 0 else { return false }
        if (2...40).contains(hour) { try await coStakeSome(count: max(1, summary.offers * 2 / 5 / 39)) }
        switch hour {
        case 20: try await retract(count: 10)
        case 24, 36, 100, 140: try await slash(count: 3)
        case 30, 66: try await withdrawOverflow(count: 8)
        case 40: try await appeal(slashed.dropFirst(3).prefix(3).map(\.slash))
        case 48: try await resolve(slashed.prefix(3).map(\.slash), .upheld)
        case 50: try await leave(count: 12)
        case 60: try await resolve(slashed.dropFirst(3).prefix(3).map(\.slash), .overturned)
        case 70: try await ownerUnstake(count: 8, withCoStaker: false)
        case 80: try await ownerUnstake(count: 4, withCoStaker: true)
        case 90: return try await terminate(count: 5)
        case 96, 150: try await claim(share: 50)
        case 110: try await appeal(slashed.dropFirst(6).prefix(3).map(\.slash))
        case 120: try await republish()
        default: break
        }
        return false
    }

    func allDevices() async throws -> [Device] { try await store.allDevices() }
}

extension CostakeStore {
    /// Every device, read a page of 1,000 at a time (the demo's small network only).
    func allDevices() async throws -> [Device] {
        var all: [Device] = []
        while true {
            let page = try await devices(after: all.last?.id, limit: 1_000)
            all += page
            if page.count < 1_000 { return all }
        }
    }
}
