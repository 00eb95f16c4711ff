import CostakeCore
import CostakeCrypto
import Foundation

/// Who is in the demo network and what each device's owner does at the start: the whole model
/// table, owners with one to many devices, stakes that are full, above or below the requirement,
/// and about 40% of the earning devices with an open offer. Deterministic from the seed.
struct DemoPlan {
    struct DevicePlan {
        let registration: DeviceRegistration
        let requirement: Amount
        let earns: Bool
        /// What the owner stakes at the start (zero: nothing).
        let stake: Amount
        /// The offer's requested amount and share, when the owner publishes one.
        let offer: (amount: Amount, bps: Int)?
        /// Set by the operator at the start (paused, blocked, unsupported), else nil.
        let status: DeviceStatus?
    }

    let owners: [Keypair]
    let coStakers: [Keypair]
    let devices: [DevicePlan]

    init(seed: UInt64, deviceCount: Int, rules: NetworkRules, ids: IdentifierSource) throws {
        var random = SplitMix64(seed: seed)
        owners = try (0..<max(1, deviceCount / 4)).map { _ in try Keypair(seed: random.bytes32()) }
        coStakers = try (0..<max(1, deviceCount / 8)).map { _ in try Keypair(seed: random.bytes32()) }
        let table = rules.models.sorted
        let enterprise = table.filter { $0.pool == .enterprise }
        let community = table.filter { $0.pool == .community }
        let idle = table.filter { !$0.earns }
        var plans: [DevicePlan] = []
        for index in 0..<deviceCount {
            // The first devices go through the whole table once; then a realistic mix.
            let model: DeviceModel
            if index < table.count {
                model = table[index]
            } else {
                let roll = Int.random(in: 0..<100, using: &random)
                let group = roll < 22 ? enterprise : roll < 92 ? community : idle
                model = group[Int.random(in: 0..<group.count, using: &random)]
            }
            let processors = Self.processors(model, &random)
            // Owners have one to a dozen devices: a few big farms, many small ones.
            let ownerIndex = min(owners.count - 1, Int(Double(owners.count) * pow(Double.random(in: 0..<1, using: &random), 1.6)))
            let registration = DeviceRegistration(
                id: ids.make(DeviceID.self), name: "\(model.name) #\(index + 1)", owner: owners[ownerIndex].address,
                model: model.name, processors: processors, status: .down, hired: model.earns && random.chance(8))
            let requirement = rules.models.requirement(for: model, processors: processors)
            plans.append(Self.plan(registration, requirement: requirement, earns: model.earns, &random))
        }
        devices = plans
    }

    static func processors(_ model: DeviceModel, _ random: inout SplitMix64) -> Int {
        if model.name.hasPrefix("M") { return 1 }
        let choices = model.pool == .enterprise ? [1, 2, 4, 8, 8] : [1, 1, 2, 4]
        return choices[Int.random(in: 0..<choices.count, using: &random)]
    }

    static func plan(_ registration: DeviceRegistration, requirement: Amount, earns: Bool, _ random: inout SplitMix64) -> DevicePlan {
        let status: DeviceStatus? = random.chance(3) ? [.paused, .blocked, .unsupported][Int.random(in: 0..<3, using: &random)] : nil
        guard earns else {
            return DevicePlan(registration: registration, requirement: requirement, earns: false,
                              stake: random.chance(50) ? requirement : .zero, offer: nil, status: status)
        }
        let io = requirement.baseUnits / Amount.unitsPerIO
        if status == nil, random.chance(45) {
            // An offer: the owner stakes the rest of the requirement and asks for 10–50% of it.
            let asked = max(1, io * Int64.random(in: 10...50, using: &random) / 100)
            let bps = Int.random(in: 2...18, using: &random) * 500
            return DevicePlan(registration: registration, requirement: requirement, earns: true,
                              stake: Amount(io: io - asked), offer: (Amount(io: asked), bps), status: nil)
        }
        let stake: Amount
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<70: stake = requirement
        case 70..<85: stake = Amount(io: io + io * Int64.random(in: 10...60, using: &random) / 100)
        case 85..<95: stake = Amount(io: io / 2)
        default: stake = .zero
        }
        return DevicePlan(registration: registration, requirement: requirement, earns: true, stake: stake, offer: nil, status: status)
    }
}
