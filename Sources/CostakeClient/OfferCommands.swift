import Foundation

/// The marketplace filters and sort of `GET /v1/offers` (SPEC §10), as flags give them.
public struct OfferFilters: Sendable {
    public var model: String?
    public var deviceID: String?
    public var minAmount: String?
    public var maxAmount: String?
    public var minReliability: Int?
    public var minRewardShareBps: Int?
    public var status: String?
    public var sort: String?
    public var order: String?
    public var limit: Int?
    public var cursor: String?

    public init() {}

    var query: [(String, String?)] {
        [("model", model), ("device_id", deviceID), ("min_amount", minAmount), ("max_amount", maxAmount),
         ("min_reliability", minReliability.map(String.init)), ("min_reward_share_bps", minRewardShareBps.map(String.init)),
         ("status", status), ("sort", sort), ("order", order), ("limit", limit.map(String.init)), ("cursor", cursor)]
    }
}

/// The library side of `costake offers`, `offer show` and `device show`.
public enum OfferCommands {
    /// One page of the marketplace, and how to ask for the next.
    public static func offers(_ filters: OfferFilters, context: ClientContext) async throws -> String {
        let response = try await context.api.get("/v1/offers", query: filters.query)
        if context.json { return response.text }
        let page = try response.decode(API.Offers.self)
        guard !page.offers.isEmpty else { return "No offers match." }
        var table = Table(["OFFER", "MODEL", "REQUESTED", "REQUIREMENT", "SHARE", "RELIABILITY", "EST./WEEK", "APR", "SLASHES"],
                          rightAligned: [2, 3, 4, 5, 6, 7, 8])
        for offer in page.offers {
            table.add([offer.offerId, "\(offer.model) ×\(offer.processors)", Show.io(offer.requestedAmount), Show.io(offer.requirement),
                       Show.percent(bps: Int64(offer.rewardShareBps)), Show.optional(offer.reliability),
                       Show.io(offer.estimatedRewardPerWeek, decimals: 2), Show.percent(bps: offer.estimatedAprBps), String(offer.slashCount)])
        }
        let more = page.nextCursor.map { "\nmore: add --cursor \($0)" } ?? ""
        return table.text + more
    }

    public static func offer(_ id: String, context: ClientContext) async throws -> String {
        let response = try await context.api.get("/v1/offers/\(try Parse.offer(id))")
        if context.json { return response.text }
        return offerLines(try response.decode(API.Offer.self), server: context.api.server)
    }

    static func offerLines(_ offer: API.Offer, server: String) -> String {
        keyValueLines([
            ("offer", offer.offerId),
            ("status", offer.status + (offer.closedReason.map { " (\($0))" } ?? "")),
            ("device", offer.deviceId),
            ("model", "\(offer.model) ×\(offer.processors)"),
            ("requested", Show.io(offer.requestedAmount) + " of " + Show.io(offer.requirement)),
            ("reward share", Show.percent(bps: Int64(offer.rewardShareBps))),
            ("reliability", Show.optional(offer.reliability)),
            ("est. per block", Show.io(offer.estimatedRewardPerBlock)),
            ("est. per week", Show.io(offer.estimatedRewardPerWeek)),
            ("est. APR", Show.percent(bps: offer.estimatedAprBps)),
            ("slashes", String(offer.slashCount)),
            ("created", Show.localDate(offer.createdAt)),
            ("link", server + offer.link),
        ])
    }

    /// A device: stake status, eligibility checklist, offer, positions and slashes.
    public static func device(_ id: String, context: ClientContext) async throws -> String {
        let response = try await context.api.get("/v1/devices/\(try Parse.device(id))")
        if context.json { return response.text }
        return deviceText(try response.decode(API.Device.self), now: try await context.status().now)
    }

    static func deviceText(_ device: API.Device, now: String) -> String {
        var parts = [keyValueLines([
            ("device", device.deviceId), ("name", device.name), ("owner", device.owner),
            ("model", "\(device.model) ×\(device.processors)"),
            ("status", device.status + (device.hired ? ", hired" : "")),
            ("requirement", Show.io(device.requirement)),
            ("counted stake", Show.io(device.countedStake) + (device.sufficient ? " (sufficient)" : " (insufficient)")),
            ("overflow", Show.io(device.overflow)),
            ("reliability", Show.optional(device.reliability)),
            ("offer", device.offer.map { "\($0.offerId) (\($0.status), \(Show.io($0.requestedAmount)) for \(Show.percent(bps: Int64($0.rewardShareBps))))" } ?? "—"),
        ])]
        parts.append("eligibility:\n" + device.eligibility.map { "  [\($0.passed ? "x" : " ")] \($0.check)" }.joined(separator: "\n"))
        if !device.positions.isEmpty { parts.append("positions:\n" + AccountCommands.positionsTable(device.positions, now: now, byStaker: true)) }
        if !device.slashes.isEmpty {
            var table = Table(["SLASH", "STATE", "TAKEN", "APPEAL UNTIL", "REASON"], rightAligned: [2])
            for slash in device.slashes {
                table.add([slash.slashId, slash.state, Show.io(slash.amounts.total), Show.dateWithCountdown(slash.appealDeadline, now: now), slash.reason])
            }
            parts.append("slashes:\n" + table.text)
        }
        return parts.joined(separator: "\n\n")
    }
}
