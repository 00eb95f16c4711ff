import CostakeApp
import CostakeCore
import CostakeStorage
import Hummingbird

/// The balances of one account, written for people.
struct Balances {
    let available: String
    let staked: String
    let waiting: String
    let cooling: String
    let withdrawable: String
    let unclaimed: String
    let lifetime: String
    let slotsUsed: Int
    let slots: Int
    let canClaim: Bool

    init(_ account: Wire.Account) {
        available = Display.io(wire: account.available)
        staked = Display.io(wire: account.staked)
        waiting = Display.io(wire: account.waiting)
        cooling = Display.io(wire: account.cooling)
        withdrawable = Display.io(wire: account.withdrawable)
        unclaimed = Display.io(wire: account.unclaimed_rewards)
        lifetime = Display.io(wire: account.lifetime_rewards)
        slotsUsed = account.claim_slots_used
        slots = account.claim_slots
        canClaim = ((try? Amount(wire: account.unclaimed_rewards)) ?? .zero).isPositive
    }
}

/// One position as a table row: its state in words, the countdown to its next state, and the
/// actions its state allows.
struct PositionRow {
    let positionID: String
    let deviceID: String
    let model: String
    let role: String
    let amount: String
    let amountWire: String
    let state: String
    let stateLabel: String
    let countdown: String?
    let until: String?
    let unclaimed: String
    let lifetime: String
    let canUnstake: Bool
    let canWithdraw: Bool

    init(_ position: Position, model: String, now: Timestamp) {
        var p = position
        p.advance(to: now)
        positionID = p.id.description
        deviceID = p.deviceID.description
        self.model = model
        role = p.role == .owner ? "Owner" : "Co-staker"
        amount = Display.io(p.amount)
        amountWire = p.amount.wireForm
        state = p.state.rawValue
        let next: Timestamp? = switch p.state {
        case .waiting: p.waitingEndsAt
        case .cooling: p.coolingEndsAt
        default: nil
        }
        stateLabel = switch p.state {
        case .active: "Active, earning"
        case .waiting: "Waiting (7 days), cooling next"
        case .cooling: "Cooling (14 days)"
        case .withdrawable: "Ready to withdraw"
        case .withdrawn: "Withdrawn"
        }
        countdown = next.map { (p.state == .waiting ? "cooling starts in " : "withdrawable in ") + Display.countdown(from: now, to: $0) }
        until = next.map(Display.time)
        unclaimed = Display.io(p.unclaimedRewards)
        lifetime = Display.io(p.lifetimeRewards)
        canUnstake = p.state == .active
        canWithdraw = p.state == .withdrawable
    }
}

/// My Co-Staking Devices (`/portfolio`): the connected account's co-staker positions with
/// their countdowns and actions, its balances, and its rewards chart (SPEC §11).
struct PortfolioPage {
    let layout: Layout
    let address: String?
    let balances: Balances?
    let positions: [PositionRow]
    let monthly: Bool
    let dailyHref: String
    let monthlyHref: String
    let chart: String
    let csv: String?

    static func load(_ request: Request, services: NetworkServices) async throws -> PortfolioPage {
        let viewer = Viewer(request)
        let layout = Layout(title: "My Co-Staking Devices", path: "/portfolio", viewer: viewer, services: services)
        let chartParameter = request.uri.queryParameters["chart"].map(String.init) ?? ""
        guard ["", "daily", "monthly"].contains(chartParameter) else { throw CostakeError(.malformed, "chart is daily or monthly.") }
        let monthly = chartParameter == "monthly"
        let account = viewer.account.map { "&account=\($0.text)" } ?? ""
        guard let address = viewer.account else {
            return PortfolioPage(layout: layout, address: nil, balances: nil, positions: [], monthly: monthly,
                                 dailyHref: "", monthlyHref: "", chart: "", csv: nil)
        }
        let now = services.clock.now()
        var rows: [PositionRow] = []
        for position in try await services.store.positions(of: address) where position.role == .coStaker {
            let model = try await services.store.device(position.deviceID)?.model ?? "?"
            rows.append(PositionRow(position, model: model, now: now))
        }
        let from = now.adding(seconds: -(monthly ? 365 : 30) * 86_400)
        let days = try await services.queries.accountDaily(address, from: from, to: now)
        let chart = BarChart.rewards(days, monthly: monthly,
                                     caption: "Block rewards earned through co-staking, per \(monthly ? "month" : "day")")
        return PortfolioPage(
            layout: layout, address: address.text,
            balances: Balances(try await Presenter(services: services).account(address)),
            positions: rows.filter { $0.state != "withdrawn" },
            monthly: monthly, dailyHref: "/portfolio?chart=daily\(account)", monthlyHref: "/portfolio?chart=monthly\(account)",
            chart: chart.svg, csv: "/v1/accounts/\(address.text)/rewards?format=csv&from=\(from.rfc3339)&to=\(now.rfc3339)")
    }
}
