import CostakeApp
import CostakeCore
import CostakeStorage
import Foundation
import Hummingbird

/// The public read API (SPEC §10).
struct PublicRoutes {
    let services: NetworkServices
    /// Encoded marketplace pages, served again while nothing they show has changed.
    let listings = ListingsCache()
    var presenter: Presenter { Presenter(services: services) }

    func register(on router: Router<APIContext>) {
        router.get("healthz") { _, _ in "ok" }
        let v1 = router.group("v1")
        v1.get("status") { _, _ in try await status() }
        v1.get("models") { _, _ in models() }
        v1.get("offers") { request, _ in
            try await offers(request.uri.queryParameters, key: request.uri.query ?? "")
        }
        v1.get("offers/:id") { _, context in try await presenter.offer(try OfferID(text: context.parameters.require("id"), field: "offer_id")) }
        v1.get("devices/:id") { _, context in try await presenter.device(try DeviceID(text: context.parameters.require("id"), field: "device_id")) }
        v1.get("accounts/:address") { _, context in try await presenter.account(try Address(context.parameters.require("address"))) }
        v1.get("accounts/:address/positions") { _, context in
            let address = try Address(context.parameters.require("address"))
            let now = services.clock.now()
            return Wire.Positions(positions: try await services.store.positions(of: address).map { Wire.PositionBody($0, now: now) })
        }
        v1.get("accounts/:address/devices") { _, context in
            let address = try Address(context.parameters.require("address"))
            var devices: [Wire.DeviceBody] = []
            for device in try await services.store.devices(ownedBy: address) { devices.append(try await presenter.device(device.id)) }
            return Wire.Devices(devices: devices)
        }
        v1.get("blocks") { request, _ in
            let limit = try Query.int(request.uri.queryParameters, "limit", default: 50, range: 1...200)
            let below = try Query.optionalInt(request.uri.queryParameters, "before")
            return Wire.Blocks(blocks: try await services.store.blocks(below: below, limit: limit).map(Wire.BlockBody.init))
        }
        v1.get("blocks/:height") { _, context in
            let height = try context.parameters.require("height", as: Int64.self)
            guard let block = try await services.store.block(height) else { throw APIError.notFound("Block \(height) has not closed.") }
            return Wire.BlockBody(block)
        }
        v1.get("stats") { _, _ in
            let s = try await services.queries.stats()
            return Wire.Stats(net_staked: s.netStaked.wireForm, staked_in_cooling: s.stakedInCooling.wireForm,
                              withdrawable: s.withdrawable.wireForm, devices: s.devices,
                              devices_with_full_stake: s.devicesWithFullStake, open_offers: s.openOffers,
                              active_co_stakes: s.activeCoStakes, co_staked: s.coStaked.wireForm)
        }
    }

    func status() async throws -> Wire.Status {
        let last = try await services.store.lastClosedHeight()
        return Wire.Status(network: services.network, now: services.clock.now().rfc3339, last_block: last,
                           next_block_at: services.schedule.nextEnd(after: last).rfc3339,
                           block_interval: services.schedule.interval, genesis: services.schedule.genesis.rfc3339,
                           token: Wire.Token(), clock: services.manualClock == nil ? "system" : "manual")
    }

    func models() -> Wire.Models {
        let table = services.rules.models
        return Wire.Models(models: table.sorted.map {
            Wire.Model(name: $0.name, multiplier: $0.multiplierText, pool: $0.pool?.rawValue,
                       requirement_per_processor: table.requirement(for: $0, processors: 1).wireForm, earns: $0.earns)
        })
    }

    /// A marketplace page: the query is checked first (a bad one is refused whatever is kept),
    /// then the page kept at the current listings version is served, or built, encoded and
    /// kept when the version did not move while it was read.
    func offers(_ parameters: Parameters, key: String) async throws -> Response {
        let query = try Query.offerQuery(parameters)
        let version = try await services.store.listingsVersion()
        if let page = listings.page(key, at: version) { return Self.json(page) }
        let page = ByteBuffer(bytes: try await offers(query).jsonBytes)
        if try await services.store.listingsVersion() == version { listings.keep(page, for: key, at: version) }
        return Self.json(page)
    }

    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body))
    }

    func offers(_ query: OfferQuery) async throws -> Wire.Offers {
        var query = query
        let pageSize = query.limit
        query.limit = pageSize + 1
        let rows = try await services.store.offers(query)
        var bodies: [Wire.OfferBody] = []
        for row in rows.prefix(pageSize) {
            bodies.append(try await presenter.offer(row.offer, device: row.device, reliability: row.reliability, slashCount: row.slashCount))
        }
        let next = rows.count > pageSize ? rows[pageSize - 1] : nil
        return Wire.Offers(offers: bodies, next_cursor: next.map { Query.cursor(value: $0.sortValue, offer: $0.offer.id) })
    }
}

typealias Parameters = Hummingbird.Parameters
