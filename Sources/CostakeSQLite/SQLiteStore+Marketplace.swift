import CostakeCore
import CostakeStorage
import GRDB

extension SQLiteStore {
    public func offers(_ query: OfferQuery) async throws -> [OfferListing] {
        try await pool.read { db in
            let sortExpression: String
            switch query.sort {
            case .rewardShare: sortExpression = "o.reward_share_bps"
            case .reliability: sortExpression = "coalesce(t.reliability, -1)"
            case .amount: sortExpression = "o.requested_amount"
            case .estimatedReward: sortExpression = "(d.reward_basis * o.reward_share_bps)"
            case .created: sortExpression = "o.created_at"
            }
            var conditions = ["o.status = ?"]
            var arguments: [any DatabaseValueConvertible] = [query.status.rawValue]
            if let model = query.model { conditions.append("d.model = ?"); arguments.append(model) }
            if let device = query.deviceID { conditions.append("o.device_id = ?"); arguments.append(device.description) }
            if let min = query.minAmount { conditions.append("o.requested_amount >= ?"); arguments.append(min.baseUnits) }
            if let max = query.maxAmount { conditions.append("o.requested_amount <= ?"); arguments.append(max.baseUnits) }
            if let min = query.minReliability { conditions.append("t.reliability >= ?"); arguments.append(min) }
            if let min = query.minRewardShareBps { conditions.append("o.reward_share_bps >= ?"); arguments.append(min) }
            let order = query.descending ? "DESC" : "ASC"
            if let after = query.after {
                conditions.append("(\(sortExpression), o.offer_id) \(query.descending ? "<" : ">") (?, ?)")
                arguments += [after.value, after.offer.description] as [any DatabaseValueConvertible]
            }
            let sql = """
                SELECT o.*, d.name, d.owner, d.model, d.processors, d.status AS device_status, d.hired, d.registered_at, d.reward_basis,
                       t.reliability AS reliability, \(sortExpression) AS sort_value,
                       (SELECT count(*) FROM slashes s WHERE s.device_id = o.device_id AND s.state <> 'overturned') AS slash_count
                FROM offers o JOIN devices d ON d.device_id = o.device_id
                LEFT JOIN device_telemetry t ON t.device_id = o.device_id
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY sort_value \(order), o.offer_id \(order) LIMIT ?
                """
            arguments.append(query.limit)
            return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments)).map { row in
                let device = Device(id: try SQLiteRows.id(row, "device_id"), name: row["name"], owner: try SQLiteRows.address(row, "owner"),
                                    model: row["model"], processors: row["processors"],
                                    status: try SQLiteRows.enumValue(row, "device_status"), hired: row["hired"],
                                    registeredAt: SQLiteRows.time(row, "registered_at"), rewardBasis: SQLiteRows.amount(row, "reward_basis"))
                return OfferListing(offer: try SQLiteRows.offer(row), device: device, reliability: row["reliability"],
                                    slashCount: row["slash_count"], sortValue: row["sort_value"])
            }
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
