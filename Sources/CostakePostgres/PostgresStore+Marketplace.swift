import CostakeCore
import CostakeStorage
import PostgresNIO

extension PostgresStore {
    /// A page of the marketplace: the SQLite store's filters, sort expressions and keyset cursor.
    public func offers(_ query: OfferQuery) async throws -> [OfferListing] {
        // The read model `offer_market` (migration 0005): every filtered and sorted value, an
        // index per sort; the page's rows are then joined for display.
        let sortColumn = switch query.sort {
        case .rewardShare: "m.reward_share_bps"
        case .reliability: "m.reliability"
        case .amount: "m.requested_amount"
        case .estimatedReward: "m.estimated"
        case .created: "m.created_at"
        }
        var binds = PostgresBindings()
        /// Appends a bind and returns its placeholder.
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        var conditions = ["m.status = \(bind(query.status.rawValue))"]
        if let model = query.model { conditions.append("m.model = \(bind(model))") }
        if let device = query.deviceID { conditions.append("m.device_id = \(bind(device.description))") }
        if let min = query.minAmount { conditions.append("m.requested_amount >= \(bind(min.baseUnits))") }
        if let max = query.maxAmount { conditions.append("m.requested_amount <= \(bind(max.baseUnits))") }
        // reliability is -1 for none, so a minimum of 0 or more leaves those out.
        if let min = query.minReliability { conditions.append("m.reliability >= \(bind(min))") }
        if let min = query.minRewardShareBps { conditions.append("m.reward_share_bps >= \(bind(min))") }
        let order = query.descending ? "DESC" : "ASC"
        if let after = query.after {
            conditions.append("(\(sortColumn), m.offer_id) \(query.descending ? "<" : ">") "
                + "(\(bind(after.value)), \(bind(after.offer.description)))")
        }
        let sql = """
            SELECT o.*, d.name, d.owner, d.model, d.processors, d.status AS device_status, d.hired, d.registered_at, d.reward_basis,
                   t.reliability AS reliability, page.sort_value,
                   (SELECT count(*) FROM slashes s WHERE s.device_id = o.device_id AND s.state <> 'overturned') AS slash_count
            FROM (SELECT m.offer_id, \(sortColumn) AS sort_value FROM offer_market m
                  WHERE \(conditions.joined(separator: " AND "))
                  ORDER BY \(sortColumn) \(order), m.offer_id \(order) LIMIT \(bind(query.limit))) AS page
            JOIN offers o ON o.offer_id = page.offer_id
            JOIN devices d ON d.device_id = o.device_id
            LEFT JOIN device_telemetry t ON t.device_id = o.device_id
            ORDER BY page.sort_value \(order), page.offer_id \(order)
            """
        return try await all(PostgresQuery(unsafeSQL: sql, binds: binds)) { row in
            OfferListing(offer: try PostgresRows.offer(row), device: try PostgresRows.device(row, status: "device_status"),
                         reliability: try row.get("reliability"), slashCount: try row.get("slash_count"),
                         sortValue: try row.get("sort_value"))
        }
    }

    public func readModelDrift() async throws -> (offers: Int, differing: [String]) {
        try await snapshot { session in
            let recompute = """
                SELECT o.offer_id, o.device_id, o.status, d.model, o.requested_amount, o.reward_share_bps::bigint,
                       coalesce(t.reliability, -1)::bigint, d.reward_basis * o.reward_share_bps, o.created_at
                FROM offers o JOIN devices d ON d.device_id = o.device_id LEFT JOIN device_telemetry t ON t.device_id = o.device_id
                """
            let market = "SELECT * FROM offer_market"
            let differing = try await session.all(PostgresQuery(unsafeSQL: """
                SELECT offer_id FROM (\(recompute) EXCEPT \(market)) AS a
                UNION SELECT offer_id FROM (\(market) EXCEPT \(recompute)) AS b ORDER BY 1 LIMIT 10
                """)) { try $0["offer_id"].decode(String.self) }
            let count = try await session.all("SELECT count(*) AS n FROM offer_market") { try $0["n"].decode(Int.self) }
            return (count.first ?? 0, differing)
        }
    }

    /// Stores the defaults not yet stored (the stored values win) and returns every setting.
    public func settings(defaults: [String: String]) async throws -> [String: String] {
        try await transaction { session in
            if !defaults.isEmpty {
                try await session.run("""
                    INSERT INTO network_settings (key, value)
                    SELECT * FROM unnest(\(Array(defaults.keys)), \(Array(defaults.values)))
                    ON CONFLICT (key) DO NOTHING
                    """)
            }
            let rows = try await session.rows("SELECT key, value FROM network_settings")
            return Dictionary(uniqueKeysWithValues: try rows.map { try $0.decode((String, String).self) })
        }
    }

    public func setSetting(_ key: String, _ value: String) async throws {
        try await session { session in
            try await session.run("""
                INSERT INTO network_settings (key, value) VALUES (\(key), \(value))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
    }
}
