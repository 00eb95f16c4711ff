import CostakeCore
import CostakeStorage
import Foundation

/// The fixed mix of marketplace queries (SPEC §10): every sort in both orders, every filter
/// alone and some together, first pages and deep pages (a keyset cursor 40 pages in).
public struct MarketplaceMix: Sendable {
    public struct Entry: Sendable {
        /// What the entry is, for the notes.
        public let name: String
        public let query: OfferQuery
        /// The query string of `GET /v1/offers` (without the cursor: deep entries get the
        /// API's own cursor when the HTTP scenario prepares).
        public let parameters: [(String, String)]
        /// How many pages deep the entry starts (0: the first page).
        public let depth: Int
    }

    public let entries: [Entry]
    public static let pageSize = 25
    public static let deepPages = 40

    public init(models: [String], sampleDevice: DeviceID) {
        var entries: [Entry] = []
        func add(_ name: String, depth: Int = 0, _ parameters: [(String, String)], _ configure: (inout OfferQuery) -> Void) {
            var query = OfferQuery()
            query.limit = Self.pageSize
            configure(&query)
            entries.append(Entry(name: name, query: query, parameters: parameters + [("limit", "\(Self.pageSize)")], depth: depth))
        }
        for sort in OfferQuery.Sort.allCases {
            for descending in [true, false] {
                let order = descending ? "desc" : "asc"
                let parameters = [("sort", sort.rawValue), ("order", order)]
                add("sort=\(sort.rawValue) \(order)", parameters) { $0.sort = sort; $0.descending = descending }
                add("sort=\(sort.rawValue) \(order), page \(Self.deepPages + 1)", depth: Self.deepPages, parameters) {
                    $0.sort = sort; $0.descending = descending
                }
            }
        }
        for model in models.prefix(3) {
            add("model=\(model)", [("model", model)]) { $0.model = model }
            add("model=\(model) sort=estimated_reward desc", [("model", model), ("sort", "estimated_reward")]) {
                $0.model = model; $0.sort = .estimatedReward
            }
        }
        add("device_id", [("device_id", sampleDevice.description)]) { $0.deviceID = sampleDevice }
        add("min_amount=500", [("min_amount", "500")]) { $0.minAmount = Amount(io: 500) }
        add("max_amount=100", [("max_amount", "100")]) { $0.maxAmount = Amount(io: 100) }
        add("min_amount=200 max_amount=400 sort=amount", [("min_amount", "200"), ("max_amount", "400"), ("sort", "amount")]) {
            $0.minAmount = Amount(io: 200); $0.maxAmount = Amount(io: 400); $0.sort = .amount
        }
        add("min_reliability=95", [("min_reliability", "95")]) { $0.minReliability = 95 }
        add("min_reliability=90 sort=reliability", [("min_reliability", "90"), ("sort", "reliability")]) {
            $0.minReliability = 90; $0.sort = .reliability
        }
        add("min_reward_share_bps=5000", [("min_reward_share_bps", "5000")]) { $0.minRewardShareBps = 5_000 }
        add("min_reward_share_bps=3000 sort=reward_share", [("min_reward_share_bps", "3000"), ("sort", "reward_share")]) {
            $0.minRewardShareBps = 3_000; $0.sort = .rewardShare
        }
        if let model = models.first {
            add("model + min_reliability + min_reward_share_bps + sort=estimated_reward",
                [("model", model), ("min_reliability", "80"), ("min_reward_share_bps", "2000"), ("sort", "estimated_reward")]) {
                $0.model = model; $0.minReliability = 80; $0.minRewardShareBps = 2_000; $0.sort = .estimatedReward
            }
        }
        add("status=active", [("status", "active")]) { $0.status = .active }
        self.entries = entries
    }

    /// The entries with their deep cursors resolved against `store` (each deep entry paged
    /// forward `deepPages` pages).
    public func resolvedForStore(_ store: any CostakeStore) async throws -> [OfferQuery] {
        var queries: [OfferQuery] = []
        for entry in entries {
            var query = entry.query
            for _ in 0..<entry.depth {
                guard let last = try await store.offers(query).last else { break }
                query.after = (last.sortValue, last.offer.id)
            }
            queries.append(query)
        }
        return queries
    }

    /// The entries as `GET /v1/offers` paths, deep ones with the cursor the API gave when
    /// paged forward over `connection`.
    public func resolvedForHTTP(_ connection: HTTPLoad.Connection) throws -> [String] {
        var paths: [String] = []
        for entry in entries {
            let base = "/v1/offers?" + entry.parameters.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
            var path = base
            for _ in 0..<entry.depth {
                let response = try connection.send(LoadRequest(path: path))
                guard response.status == 200,
                      let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                      let cursor = object["next_cursor"] as? String else { break }
                path = base + "&cursor=" + cursor
            }
            paths.append(path)
        }
        return paths
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
