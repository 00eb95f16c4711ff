import CostakeApp
import CostakeCore
import CostakeStorage
import Hummingbird

/// The device page (`/devices/{id}`): reliability with its history and published formula,
/// the eligibility checklist, rewards, slashes and the stake breakdown (SPEC §11).
struct DevicePage {
    struct Check { let label: String; let passed: Bool }
    struct SlashRow {
        let slashID: String
        let reason: String
        let state: String
        let taken: String
        let deadline: String
        let deadlineCountdown: String?
        let appealable: Bool
    }

    let layout: Layout
    let deviceID: String
    let name: String
    let model: String
    let processors: Int
    let status: String
    let hired: Bool
    let reliability: String
    let formula: String
    let reliabilityChart: String
    let rewardsChart: String
    let checks: [Check]
    let eligible: Bool
    let slashes: [SlashRow]
    let positions: [PositionRow]
    let requirement: String
    let counted: String
    let overflow: String
    let sufficient: Bool
    let offerLink: String?
    let isOwner: Bool
    let rewardsCSV: String
    let reliabilityCSV: String

    static let checkLabels = [
        "status_up": "Status is up", "model_earns": "The model earns rewards (multiplier above 0)",
        "up_5_hours": "Up without interruption for at least 5 hours", "pow_or_hired": "Passed a proof-of-work check this block (or hired)",
        "sufficient_stake": "Stake is sufficient (counted stake ≥ requirement)",
    ]

    static func load(_ request: Request, id: DeviceID, services: NetworkServices) async throws -> DevicePage {
        let viewer = Viewer(request)
        let body = try await Presenter(services: services).device(id)
        let now = services.clock.now()
        let records = try await services.store.deviceBlocks(id, from: now.adding(seconds: -30 * 86_400), to: now)
        let week = records.suffix(Int(services.schedule.blocks(in: 7 * 86_400)))
        let reliabilityChart = BarChart(bars: week.map { record in
            BarChart.Bar(label: String(Display.time(record.end).dropFirst(5).prefix(8)), value: Int64(record.reliability ?? 0),
                         title: record.reliability.map { "\($0)%" } ?? "no score")
        }, caption: "Reliability score at each block of the last 7 days")
        let rewardsChart = BarChart.rewards(RewardHistory.daily(records), monthly: false,
                                            caption: "Block rewards of this device per day, last 30 days")
        var slashes: [SlashRow] = []
        for slash in body.slashes {
            let deadline = Timestamp(rfc3339: slash.appeal_deadline) ?? now
            slashes.append(SlashRow(
                slashID: slash.slash_id, reason: slash.reason, state: slash.state, taken: Display.io(wire: slash.amounts.total),
                deadline: Display.time(deadline),
                deadlineCountdown: slash.state == "pending" && deadline > now ? Display.countdown(from: now, to: deadline) : nil,
                appealable: slash.state == "pending" && deadline > now && viewer.account?.text == body.owner))
        }
        let positions = try await services.store.positions(on: id).map { PositionRow($0, model: body.model, now: now) }
            .filter { $0.state != "withdrawn" }
        return DevicePage(
            layout: Layout(title: "\(body.model) ×\(body.processors) — \(body.name)", path: "/devices", viewer: viewer, services: services),
            deviceID: body.device_id, name: body.name, model: body.model, processors: body.processors, status: body.status,
            hired: body.hired, reliability: body.reliability.map { "\($0)%" } ?? "— (under 24 h of telemetry)",
            formula: HistoryRoutes.formula, reliabilityChart: reliabilityChart.svg, rewardsChart: rewardsChart.svg,
            checks: body.eligibility.map { Check(label: checkLabels[$0.check] ?? $0.check, passed: $0.passed) },
            eligible: body.eligibility.allSatisfy(\.passed), slashes: slashes, positions: positions,
            requirement: Display.io(wire: body.requirement), counted: Display.io(wire: body.counted_stake),
            overflow: Display.io(wire: body.overflow), sufficient: body.sufficient, offerLink: body.offer?.link,
            isOwner: viewer.account?.text == body.owner,
            rewardsCSV: "/v1/devices/\(id)/rewards?format=csv", reliabilityCSV: "/v1/devices/\(id)/reliability?format=csv")
    }
}

/// The staking dashboard (`/dashboard`): network totals, rewards and eligible devices per
/// block over the last week, and the last blocks.
struct DashboardPage {
    struct BlockRow { let height: Int64; let end: String; let emission: String; let paid: String; let eligible: Int }

    let layout: Layout
    let netStaked: String
    let cooling: String
    let withdrawable: String
    let devices: Int
    let fullStake: Int
    let openOffers: Int
    let activeCoStakes: Int
    let coStaked: String
    let paidChart: String
    let eligibleChart: String
    let blocks: [BlockRow]

    static func load(_ request: Request, services: NetworkServices) async throws -> DashboardPage {
        let stats = try await services.queries.stats()
        let recent = try await services.store.blocks(below: nil, limit: 168).sorted { $0.height < $1.height }
        func paid(_ block: Block) -> Int64 { block.paid.values.reduce(0) { $0 + $1.baseUnits } }
        let label = { (block: Block) in "#\(block.height)" }
        return DashboardPage(
            layout: Layout(title: "Staking Dashboard", path: "/dashboard", viewer: Viewer(request), services: services),
            netStaked: Display.io(stats.netStaked), cooling: Display.io(stats.stakedInCooling), withdrawable: Display.io(stats.withdrawable),
            devices: stats.devices, fullStake: stats.devicesWithFullStake, openOffers: stats.openOffers,
            activeCoStakes: stats.activeCoStakes, coStaked: Display.io(stats.coStaked),
            paidChart: BarChart(bars: recent.map { BarChart.Bar(label: label($0), value: paid($0), title: Display.io(Amount(baseUnits: paid($0))) + " IO") },
                                caption: "Rewards paid per block, last 168 blocks").svg,
            eligibleChart: BarChart(bars: recent.map { BarChart.Bar(label: label($0), value: Int64($0.eligibleDevices), title: "\($0.eligibleDevices) devices") },
                                    caption: "Eligible devices per block, last 168 blocks").svg,
            blocks: recent.suffix(10).reversed().map {
                BlockRow(height: $0.height, end: Display.time($0.end), emission: Display.io($0.emission),
                         paid: Display.io(Amount(baseUnits: paid($0))), eligible: $0.eligibleDevices)
            })
    }
}
