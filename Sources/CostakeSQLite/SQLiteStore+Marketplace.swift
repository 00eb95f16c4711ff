import CostakeCore
import CostakeStorage
import GRDB

extension SQLiteStore {
    public func offers(_ query: OfferQuery) async throws -> [OfferListing] {
        try await pool.read { db in
            // The read model `offer_market` (migration 0005) holds every filtered and sorted
            // value, each sort with its own index; the page's rows are then joined for display.
            let sortColumn: String
            switch query.sort {
            case .rewardShare: sortColumn = "m.reward_share_bps"
            case .reliability: sortColumn = "m.reliability"
            case .amount: sortColumn = "m.requested_amount"
            case .estimatedReward: sortColumn = "m.estimated"
            case .created: sortColumn = "m.created_at"
            }
            var conditions = ["m.status = ?"]
            var arguments: [any DatabaseValueConvertible] = [query.status.rawValue]
            if let model = query.model { conditions.append("m.model = ?"); arguments.append(model) }
            if let device = query.deviceID { conditions.append("m.device_id = ?"); arguments.append(device.description) }
            if let min = query.minAmount { conditions.append("m.requested_amount >= ?"); arguments.append(min.baseUnits) }
            if let max = query.maxAmount { conditions.append("m.requested_amount <= ?"); arguments.append(max.baseUnits) }
            // reliability is -1 for none, so a minimum of 0 or more leaves those out, as before.
            if let min = query.minReliability { conditions.append("m.reliability >= ?"); arguments.append(min) }
            if let min = query.minRewardShareBps { conditions.append("m.reward_share_bps >= ?"); arguments.append(min) }
            let order = query.descending ? "DESC" : "ASC"
            let index = try Self.marketIndex(for: query, sortColumn: String(sortColumn.dropFirst(2)), db)
            if let after = query.after {
                conditions.append("(\(sortColumn), m.offer_id) \(query.descending ? "<" : ">") (?, ?)")
                arguments += [after.value, after.offer.description] as [any DatabaseValueConvertible]
            }
            let sql = """
                SELECT o.*, d.name, d.owner, d.model, d.processors, d.status AS device_status, d.hired, d.registered_at, d.reward_basis,
                       t.reliability AS reliability, page.sort_value,
                       (SELECT count(*) FROM slashes s WHERE s.device_id = o.device_id AND s.state <> 'overturned') AS slash_count
                FROM (SELECT m.offer_id, \(sortColumn) AS sort_value FROM offer_market m INDEXED BY \(index)
                      WHERE \(conditions.joined(separator: " AND "))
                      ORDER BY \(sortColumn) \(order), m.offer_id \(order) LIMIT ?) AS page
                JOIN offers o ON o.offer_id = page.offer_id
                JOIN devices d ON d.device_id = o.device_id
                LEFT JOIN device_telemetry t ON t.device_id = o.device_id
                ORDER BY page.sort_value \(order), page.offer_id \(order)
                """
            arguments.append(query.limit)
            return try SQLiteRows.all(db.cachedStatement(sql: sql), StatementArguments(arguments)) { row in
                let device = Device(id: try SQLiteRows.id(row, "device_id"), name: row["name"], owner: try SQLiteRows.address(row, "owner"),
                                    model: row["model"], processors: row["processors"],
                                    status: try SQLiteRows.enumValue(row, "device_status"), hired: row["hired"],
                                    registeredAt: SQLiteRows.time(row, "registered_at"), rewardBasis: SQLiteRows.amount(row, "reward_basis"))
                return OfferListing(offer: try SQLiteRows.offer(row), device: device, reliability: row["reliability"],
                                    slashCount: row["slash_count"], sortValue: row["sort_value"])
            }
        }
    }

    /// The index a page is read through. Walking the sort's index yields rows in order and
    /// stops after a page, unless a filter matches few rows, when it walks far (a minimum
    /// reliability no device has walked all 300,000 open offers: 571 ms). So each range filter
    /// first counts its matches on its own index, up to `selectiveBelow`; the fewest wins and
    /// its rows are sorted (at most that many). Otherwise the sort's index, or the model's.
    static let selectiveBelow = 2_000

    static func marketIndex(for query: OfferQuery, sortColumn: String, _ db: Database) throws -> String {
        if query.deviceID != nil { return "offer_market_by_device" }
        var filters: [(index: String, condition: String, arguments: [any DatabaseValueConvertible])] = []
        if let min = query.minReliability { filters.append(("offer_market_by_reliability", "reliability >= ?", [min])) }
        if query.minAmount != nil || query.maxAmount != nil {
            filters.append(("offer_market_by_requested_amount", "requested_amount BETWEEN ? AND ?",
                            [query.minAmount?.baseUnits ?? Int64.min, query.maxAmount?.baseUnits ?? Int64.max]))
        }
        if let min = query.minRewardShareBps { filters.append(("offer_market_by_reward_share_bps", "reward_share_bps >= ?", [min])) }
        var best: (index: String, count: Int)?
        for filter in filters {
            let count = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM (SELECT 1 FROM offer_market INDEXED BY \(filter.index)
                                      WHERE status = ? AND \(filter.condition) LIMIT \(selectiveBelow))
                """), arguments: StatementArguments([query.status.rawValue] + filter.arguments)) ?? 0
            if count < selectiveBelow, count < best?.count ?? .max { best = (filter.index, count) }
        }
        if let best { return best.index }
        return query.model == nil ? "offer_market_by_\(sortColumn)" : "offer_market_by_model_\(sortColumn)"
    }

    public func readModelDrift() async throws -> (offers: Int, differing: [String]) {
        try await pool.read { db in
            let recompute = """
                SELECT o.offer_id, o.device_id, o.status, d.model, o.requested_amount, o.reward_share_bps,
                       coalesce(t.reliability, -1), d.reward_basis * o.reward_share_bps, o.created_at
                FROM offers o JOIN devices d ON d.device_id = o.device_id LEFT JOIN device_telemetry t ON t.device_id = o.device_id
                """
            let market = "SELECT * FROM offer_market"
            let differing = try String.fetchAll(db, sql: """
                SELECT offer_id FROM (\(recompute) EXCEPT \(market))
                UNION SELECT offer_id FROM (\(market) EXCEPT \(recompute)) ORDER BY 1 LIMIT 10
                """)
            return (try Int.fetchOne(db, sql: "SELECT count(*) FROM offer_market") ?? 0, differing)
        }
    }

    public func settings(defaults: [String: String]) async throws -> [String: String] {
        try await pool.write { db in
            for (key, value) in defaults {
                try db.execute(sql: "INSERT INTO network_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                               arguments: [key, value])
            }
            return Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM network_settings").map {
                ($0["key"] as String, $0["value"] as String)
            })
        }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO network_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }
}
