import CostakeTestSupport
import Foundation
import Testing

/// One story told on every database, then every read of the protocol compared: the stores
/// must answer alike, row for row and in the same order (the marketplace's sorts and keyset
/// cursor included).
@Suite("the stores agree", .enabled(if: StoreKind.allCases.count > 1))
struct StoreAgreementTests {
    /// A small network with history: three devices, offers of every status, a co-stake, hours
    /// of telemetry and closed blocks, a slash, settings.
    func story(_ kind: StoreKind) async throws -> Cast {
        let cast = try await Cast.make(kind)
        let net = cast.net
        let taken = try await cast.offer(ownerIO: 600, requestIO: 600, bps: 7_400)
        _ = try await cast.take(taken, by: cast.alice)
        let second = try await net.device(owner: cast.owner, model: "RTX 4090", processors: 2)
        _ = try await cast.offer(ownerIO: 300, requestIO: 250, bps: 5_000, on: second)
        let third = try await net.device(owner: cast.carol, model: "H100 80GB HBM3", processors: 1)
        try await net.send(.stake(device: third, amount: Amount(io: 1_000)), by: cast.carol)
        let retracted = try await net.send(.createOffer(device: third, requestedAmount: Amount(io: 1_000), rewardShareBps: 9_000),
                                           by: cast.carol).offerID
        try await net.send(.retractOffer(offer: retracted), by: cast.carol)
        _ = try await net.send(.createOffer(device: third, requestedAmount: Amount(io: 1_000), rewardShareBps: 9_000), by: cast.carol)
        try await net.runUp([cast.device, second, third], hours: 30)
        _ = try await net.operatorActions.slash(second, principalBps: 1_000, rewardsBps: 2_000, reason: "PoW fraud")
        try await net.runUp([cast.device, third], hours: 2, pow: false)
        try await net.store.setSetting("motd", "hello")
        return cast
    }

    @Test func everyReadAnswersAlike() async throws {
        let casts = try await StoreKind.allCases.asyncMap { try await story($0) }
        let answers = try await casts.asyncMap { try await reads($0) }
        for (kind, answer) in zip(StoreKind.allCases, answers).dropFirst() {
            for (name, value) in answer.sorted(by: { $0.key < $1.key }) {
                #expect(value == answers[0][name], "\(kind) answers \(name) differently")
            }
            #expect(answer.keys == answers[0].keys)
        }
        // The story must give every read something to answer.
        #expect((answers[0]["offers reward_share DESC"] as? String)?.split(separator: "\n").count == 2)
        #expect((answers[0]["offers filtered"] as? [OfferListing])?.count == 1)
        #expect((answers[0]["offers closed"] as? [OfferListing])?.count == 1)
        #expect((answers[0]["blocks"] as? [Block])?.count == 32)
        #expect((answers[0]["account blocks \(casts[0].alice.address)"] as? [DeviceBlockRecord])?.isEmpty == false)
        #expect(answers[0].keys.contains { $0.hasPrefix("slash items") })
    }

    /// Every read, by name (compared with `==`: dictionaries print in no fixed order).
    func reads(_ cast: Cast) async throws -> [String: AnyHashable] {
        let store = cast.net.store
        var reads: [String: AnyHashable] = [:]
        let devices = try await store.devices(after: nil, limit: 100)
        reads["devices"] = devices
        reads["devices after first"] = try await store.devices(after: devices.first?.id, limit: 1)
        reads["devices of owner"] = try await store.devices(ownedBy: cast.owner.address)
        for device in devices {
            let id = device.id
            reads["device \(id)"] = try await store.device(id)
            reads["positions on \(id)"] = try await store.positions(on: id)
            reads["telemetry \(id)"] = try await store.telemetry(id)
            reads["hours \(id)"] = try await store.hours(id, 0..<Int64.max)
            reads["device blocks \(id)"] = try await store.deviceBlocks(id, from: TestNetwork.start, to: cast.net.now)
            let slashes = try await store.slashes(on: id)
            reads["slashes on \(id)"] = slashes
            for slash in slashes { reads["slash items \(slash.id)"] = try await store.slashItems(slash.id) }
        }
        for key in [cast.owner, cast.alice, cast.bob, cast.carol] {
            reads["account \(key.address)"] = try await store.account(key.address)
            reads["positions of \(key.address)"] = try await store.positions(of: key.address)
            reads["account blocks \(key.address)"] = try await store.accountBlocks(key.address, from: TestNetwork.start, to: cast.net.now)
        }
        reads["last height"] = try await store.lastClosedHeight()
        reads["blocks"] = try await store.blocks(below: nil, limit: 1_000)
        reads["blocks below 10"] = try await store.blocks(below: 10, limit: 3)
        reads["block 5"] = try await store.block(5)
        let totals = try await store.stakeTotals()
        reads["stake totals by state"] = totals.byState
        reads["stake totals counts"] = totals.positionsByState
        reads["stake totals open offers"] = totals.openOffers
        reads["stake totals devices"] = totals.devices.reduce(into: [DeviceStakeSum: Int]()) { $0[$1, default: 0] += 1 }
        reads["settings"] = try await store.settings(defaults: ["network": "agree"])
        reads["journal"] = try await store.journal(after: 0, limit: 10_000)
        reads["journal page"] = try await store.journal(after: 3, limit: 2)
        reads["journal head"] = try await store.journalHead()
        reads["balances"] = try await store.storedBalances()
        reads["live state"] = try await store.liveState()
        for sort in OfferQuery.Sort.allCases {
            for descending in [true, false] {
                reads["offers \(sort.rawValue) \(descending ? "DESC" : "ASC")"] = try await marketplace(store, sort, descending)
            }
        }
        for status in [OfferStatus.active, .closed] {
            var query = OfferQuery()
            query.status = status
            reads["offers \(status)"] = try await store.offers(query)
        }
        var filtered = OfferQuery()
        filtered.model = "RTX 4090"
        filtered.minAmount = Amount(io: 100)
        filtered.maxAmount = Amount(io: 5_000)
        filtered.minRewardShareBps = 500
        filtered.minReliability = 1
        reads["offers filtered"] = try await store.offers(filtered)
        return reads
    }

    /// Every page of one row of the open offers, walked with the keyset cursor.
    func marketplace(_ store: any CostakeStore, _ sort: OfferQuery.Sort, _ descending: Bool) async throws -> String {
        var query = OfferQuery()
        query.sort = sort
        query.descending = descending
        query.limit = 1
        var pages: [String] = []
        while let row = try await store.offers(query).first, pages.count < 20 {
            pages.append("\(row.offer.id) \(row.offer.rewardShare.value) \(row.sortValue) \(row.slashCount) \(String(describing: row.reliability))")
            query.after = (row.sortValue, row.offer.id)
        }
        return pages.joined(separator: "\n")
    }
}

extension Array where Element: Sendable {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
