import CostakeApp
import CostakeCore
import CostakeStorage
import Hummingbird

/// What stops the connected account from taking an offer, if anything (SPEC §5 co_stake):
/// shown on the disabled Co-stake button instead of letting the API refuse it.
public struct TakeCheck {
    /// The viewer's own state, loaded once per page.
    public struct Taker {
        public let address: Address
        public let available: Amount
        public let slotsUsed: Int
        public let cap: Int

        public init(address: Address, available: Amount, slotsUsed: Int, cap: Int) {
            self.address = address
            self.available = available
            self.slotsUsed = slotsUsed
            self.cap = cap
        }
    }

    public static func reason(offer: Offer, device: Device, taker: Taker?) -> String? {
        guard offer.status == .open else { return "Not open: this offer is \(offer.status.rawValue)" }
        guard let taker else { return nil }
        if device.owner == taker.address { return "Your own device" }
        if taker.slotsUsed >= taker.cap { return "Claim cap reached (\(taker.slotsUsed) of \(taker.cap))" }
        if taker.available < offer.requestedAmount {
            return "Needs \(Display.io(offer.requestedAmount)) IO; you have \(Display.io(taker.available)) IO"
        }
        return nil
    }

    /// The viewer's balance and claim slots, as the account API shows them.
    static func taker(_ address: Address?, services: NetworkServices) async throws -> Taker? {
        guard let address else { return nil }
        let account = try await Presenter(services: services).account(address)
        return Taker(address: address, available: try Amount(wire: account.available),
                     slotsUsed: account.claim_slots_used, cap: account.claim_slots)
    }
}

/// The Co-staking Marketplace (`/`): filters, sortable columns, keyset paging (SPEC §11).
struct MarketplacePage {
    struct Option { let value: String; let label: String; let selected: Bool }
    struct Field { let name: String; let value: String; let error: String? }
    struct Column { let label: String; let href: String?; let arrow: String; let sortKey: String? }
    struct Row {
        let offerID: String
        let link: String
        let model: String
        let processors: Int
        let requested: String
        let requirement: String
        let share: String
        let reliability: String
        let perWeek: String
        let perBlock: String
        let disabledReason: String?
    }

    let layout: Layout
    let models: [Option]
    let deviceID: Field
    let minAmount: Field
    let maxAmount: Field
    let minReliability: [Option]
    let minShare: [Option]
    let sort: String
    let order: String
    let columns: [Column]
    let rows: [Row]
    let nextPage: String?
    let firstPage: String?
    let errors: [String]
    let hasErrors: Bool
    let connected: Bool

    static let filterNames = ["model", "device_id", "min_amount", "max_amount", "min_reliability", "min_reward_share_bps", "sort", "order", "limit"]

    static func load(_ request: Request, services: NetworkServices) async throws -> MarketplacePage {
        let parameters = request.uri.queryParameters
        let viewer = Viewer(request)
        let page = PageQuery(parameters, keeping: filterNames)
        var errors: [String: String] = [:]
        func read<T>(_ name: String, _ parse: () throws -> T?) -> T? {
            do { return try parse() } catch { errors[name] = (error as? CostakeError)?.message ?? "\(error)"; return nil }
        }
        var query = OfferQuery()
        query.model = Query.string(parameters, "model")
        query.deviceID = read("device_id") { try Query.string(parameters, "device_id").map { try DeviceID(text: $0, field: "Device ID") } }
        query.minAmount = read("min_amount") { try Query.amount(parameters, "min_amount") }
        query.maxAmount = read("max_amount") { try Query.amount(parameters, "max_amount") }
        query.minReliability = read("min_reliability") { try Query.optionalInt(parameters, "min_reliability", range: 0...100).map(Int.init) }
        query.minRewardShareBps = read("min_reward_share_bps") {
            try Query.optionalInt(parameters, "min_reward_share_bps", range: 0...10_000).map(Int.init)
        }
        let sort = OfferQuery.Sort(rawValue: page.value("sort") ?? "") ?? .estimatedReward
        query.sort = sort
        query.descending = page.value("order") != "asc"
        let pageSize = read("limit") { try Query.int(parameters, "limit", default: 25, range: 1...200) } ?? 25
        query.limit = pageSize + 1
        if let cursor = Query.string(parameters, "cursor") { query.after = read("cursor") { try Query.decodeCursor(cursor) } }

        let listings = try await services.store.offers(query)
        let taker = try await TakeCheck.taker(viewer.account, services: services)
        var rows: [Row] = []
        for listing in listings.prefix(pageSize) {
            let estimate = try await services.queries.estimate(listing.offer, device: listing.device)
            rows.append(Row(
                offerID: listing.offer.id.description, link: "/offers/\(listing.offer.id)", model: listing.device.model,
                processors: listing.device.processors, requested: Display.io(listing.offer.requestedAmount),
                requirement: Display.io(services.rules.requirement(of: listing.device)),
                share: Display.percent(bps: Int64(listing.offer.rewardShare.value)),
                reliability: listing.reliability.map { "\($0)%" } ?? "—", perWeek: Display.io(estimate.perWeek),
                perBlock: Display.io(estimate.perBlock),
                disabledReason: TakeCheck.reason(offer: listing.offer, device: listing.device, taker: taker)))
        }
        let next = listings.count > pageSize ? listings[pageSize - 1] : nil
        let order = query.descending ? "desc" : "asc"
        return MarketplacePage(
            layout: Layout(title: "Co-Staking Marketplace", path: "/", viewer: viewer, services: services),
            models: [Option(value: "", label: "All Devices", selected: query.model == nil)]
                + services.rules.models.sorted.filter(\.earns).map { Option(value: $0.name, label: $0.name, selected: $0.name == query.model) },
            deviceID: Field(name: "device_id", value: page.value("device_id") ?? "", error: errors["device_id"]),
            minAmount: Field(name: "min_amount", value: page.value("min_amount") ?? "", error: errors["min_amount"]),
            maxAmount: Field(name: "max_amount", value: page.value("max_amount") ?? "", error: errors["max_amount"]),
            minReliability: options([0, 50, 70, 80, 90, 95, 99], selected: query.minReliability, label: { $0 == 0 ? "Any" : "≥ \($0)%" }),
            minShare: options([0, 500, 1_000, 2_000, 3_000, 4_000, 5_000, 7_500], selected: query.minRewardShareBps,
                              label: { $0 == 0 ? "Any" : "≥ \(Display.percent(bps: Int64($0)))" }),
            sort: sort.rawValue, order: order,
            columns: columns(page: page, sort: sort, descending: query.descending),
            rows: rows,
            nextPage: next.map { page.href("/", ["cursor": Query.cursor(value: $0.sortValue, offer: $0.offer.id)]) },
            firstPage: query.after == nil ? nil : page.href("/"),
            errors: errors.sorted { $0.key < $1.key }.map(\.value), hasErrors: !errors.isEmpty,
            connected: viewer.account != nil)
    }

    static func options(_ values: [Int], selected: Int?, label: (Int) -> String) -> [Option] {
        values.map { Option(value: $0 == 0 ? "" : String($0), label: label($0), selected: ($0 == 0 && selected == nil) || $0 == selected) }
    }

    /// The sortable columns: a click sorts by the column, descending first, and a second
    /// click reverses.
    static func columns(page: PageQuery, sort: OfferQuery.Sort, descending: Bool) -> [Column] {
        let sortable: [(String, OfferQuery.Sort?)] = [
            ("Device model", nil), ("Requested / requirement", .amount), ("% of rewards shared", .rewardShare),
            ("Reliability", .reliability), ("Estimated reward per week", .estimatedReward), ("Action", nil),
        ]
        return sortable.map { label, key in
            guard let key else { return Column(label: label, href: nil, arrow: "", sortKey: nil) }
            let current = key == sort
            let order = current && descending ? "asc" : "desc"
            return Column(label: label, href: page.href("/", ["sort": key.rawValue, "order": order, "cursor": nil]),
                          arrow: current ? (descending ? "▼" : "▲") : "", sortKey: key.rawValue)
        }
    }
}
