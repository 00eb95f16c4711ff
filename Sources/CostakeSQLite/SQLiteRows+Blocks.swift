import CostakeCore
import Foundation
import GRDB
import GRDBSQLite

/// Rows of telemetry, hours, blocks, devices' runs and slash items.
extension SQLiteRows {
    static let telemetryColumns = """
        device_id, first_report_at, last_report_at, last_status, up_since, last_pow_at, reliability, reward_week,
        window_up_hours, window_pow_hours, window_disconnects
        """

    static func telemetry(_ row: Row) throws -> DeviceTelemetry {
        DeviceTelemetry(deviceID: try id(row, 0, "device_id"), firstReportAt: Timestamp(seconds: row[1]),
                        lastReportAt: Timestamp(seconds: row[2]), lastStatus: try enumValue(row, 3, "last_status"),
                        upSince: (row[4] as Int64?).map(Timestamp.init(seconds:)), lastPowAt: (row[5] as Int64?).map(Timestamp.init(seconds:)),
                        reliability: row[6], rewardWeek: Amount(baseUnits: row[7]),
                        windowSums: HourSums(upHours: row[8], powHours: row[9], disconnects: row[10]))
    }

    /// Per device, what its hour records in `[from, to)` add to a reliability score.
    static let hourSumsBetween = """
        SELECT device_id, sum(up_reported AND NOT down_reported AND disconnects = 0),
               sum(up_reported AND NOT down_reported AND disconnects = 0 AND (pow_ok OR hired)), sum(disconnects)
        FROM device_hours WHERE hour >= ? AND hour < ? GROUP BY device_id
        """

    static let hourColumns = "device_id, hour, up_reported, down_reported, pow_ok, hired, disconnects"

    static func hour(_ row: Row) throws -> HourRecord {
        HourRecord(deviceID: try id(row, 0, "device_id"), hour: row[1], upReported: row[2],
                   downReported: row[3], powOK: row[4], hired: row[5], disconnects: row[6])
    }

    static let blockColumns = """
        height, start_at, end_at, emission, paid_enterprise, paid_community, carry_enterprise, carry_community,
        shared_enterprise, shared_community, eligible_devices, score_enterprise, score_community, closed_at
        """

    /// A device's runs (?1) that cover heights ?2 through ?3, in height order: the one ?2 falls
    /// in and those that start by ?3, not the device's whole history.
    static let coveringRuns = """
        SELECT \(runColumns) FROM device_runs
        WHERE device_id = ?1 AND from_height <= ?3
          AND from_height >= coalesce((SELECT max(from_height) FROM device_runs WHERE device_id = ?1 AND from_height <= ?2), 0)
        ORDER BY from_height
        """

    /// A block from `blockColumns` (in that order: read by index, as a history reads hundreds).
    static func block(_ row: Row) -> Block {
        Block(height: row[0], start: Timestamp(seconds: row[1]), end: Timestamp(seconds: row[2]), emission: Amount(baseUnits: row[3]),
              paid: [.enterprise: Amount(baseUnits: row[4]), .community: Amount(baseUnits: row[5])],
              carry: [.enterprise: Amount(baseUnits: row[6]), .community: Amount(baseUnits: row[7])],
              shared: Block.shared(row[8], row[9]),
              eligibleDevices: row[10],
              eligibleScore: [.enterprise: row[11], .community: row[12]],
              closedAt: Timestamp(seconds: row[13]))
    }

    static let runColumns = """
        device_id, from_height, owner, owner_paid, co_staker, share_bps, sufficient, eligible, reliability, pool, score,
        owner_reward, co_staker_reward
        """

    /// A run from `runColumns` (in that order).
    static func run(_ row: Row) throws -> DeviceRun {
        let ownerReward: Int64? = row[11], coStakerReward: Int64? = row[12]
        let pool: String? = row[9]
        return DeviceRun(deviceID: try id(row, 0, "device_id"), fromHeight: row[1], owner: Address(stored: row[2]), ownerPaid: row[3],
                         coStaker: (row[4] as String?).map(Address.init(stored:)), shareBps: row[5], sufficient: row[6],
                         eligible: row[7], reliability: row[8], pool: try pool.map { name throws(CostakeError) in
                             guard let pool = RewardPool(rawValue: name) else { throw CostakeError(.internalError, "unknown pool \(name)") }
                             return pool
                         },
                         score: row[10],
                         fixed: ownerReward.map { DeviceRun.FixedRewards(owner: Amount(baseUnits: $0), coStaker: Amount(baseUnits: coStakerReward ?? 0)) })
    }

    static func slashItem(_ row: Row) throws -> SlashItem {
        SlashItem(slashID: try id(row, "slash_id"), positionID: try id(row, "position_id"), staker: try address(row, "staker"),
                  principal: amount(row, "principal"), rewards: amount(row, "rewards"))
    }

    /// How many rows one execution of a multi-row statement writes (see `write`).
    static let rowsPerStatement = 64

    /// Writes every row of `rows`. The rows a block close, a telemetry batch and a bulk load
    /// write come by the thousand (a million at a block close), so:
    /// - they go `rowsPerStatement` at a time through one statement that lists that many rows
    ///   (`batched(_:rows:)`), and the rest one at a time: one execution, not one per row;
    /// - each statement is looked up in the cache once, not once per row (hashing its SQL);
    /// - each row's values are bound with SQLite's own functions, not through an array of
    ///   `StatementArguments` (boxing and converting every value: a third of the writer's time
    ///   saving a telemetry batch).
    ///
    /// `sql` writes one row: an `INSERT … VALUES (?, …)`, with or without an upsert clause, or
    /// an `UPDATE t SET a = ?, … WHERE key = ?`. Inserted rows are written in the order given
    /// (which the saves rely on, leaving a uniquely-indexed live state before entering one);
    /// the rows of an update each name another key, so their order within a statement does
    /// not matter. A row that binds another number of values than the statement has
    /// parameters for it is refused before it is written.
    static func write<Rows: Collection>(_ rows: Rows, _ sql: String, _ db: Database,
                                        _ bind: (Rows.Element, inout RowBinder) -> Void) throws {
        guard !rows.isEmpty else { return }
        var rest = rows[...]
        if rows.count >= rowsPerStatement {
            let many = batched(sql, rows: rowsPerStatement)
            try execute(many, db) { statement in
                while rest.count >= rowsPerStatement {
                    let batch = rest.prefix(rowsPerStatement)
                    rest = rest.dropFirst(rowsPerStatement)
                    try statement.write(batch, bind)
                }
            }
        }
        guard !rest.isEmpty else { return }
        try execute(sql, db) { statement in
            for row in rest { try statement.write(CollectionOfOne(row), bind) }
        }
    }

    /// `sql`, which writes one row, made to write `rows` rows in one execution:
    /// - `INSERT … VALUES (?, …) [ON CONFLICT …]` lists the values `rows` times (an upsert
    ///   applies to each row in turn, as the same statement run once per row would);
    /// - `UPDATE t SET a = ?, b = ? WHERE key = ?` becomes an `UPDATE … FROM` over a `VALUES`
    ///   list whose columns are the parameters in order (`column1`, `column2`, …), so each row
    ///   binds the same values in the same order as for the one-row statement. A key listed
    ///   twice is updated once, from one of its rows: callers write each key at most once.
    static func batched(_ sql: String, rows: Int) -> String {
        if let values = sql.range(of: "VALUES ("),
           let close = sql[values.upperBound...].firstIndex(of: ")") {
            let group = String(sql[sql.index(before: values.upperBound)...close])
            precondition(group.allSatisfy { "(?, )".contains($0) }, "a one-row VALUES list of placeholders only: \(sql)")
            return String(sql[..<values.upperBound].dropLast()) + repeatElement(group, count: rows).joined(separator: ", ")
                + String(sql[sql.index(after: close)...])
        }
        // UPDATE t SET a = ?, b = ? WHERE key = ?
        let words = sql.split(separator: " ", omittingEmptySubsequences: true)
        precondition(words.count >= 7 && words[0] == "UPDATE" && words[2] == "SET" && words[words.count - 4] == "WHERE"
                     && words[words.count - 2] == "=" && words.last == "?", "not a one-row UPDATE: \(sql)")
        let table = words[1]
        let assignments = words[3..<(words.count - 4)].joined(separator: " ").split(separator: ",")
            .map { $0.split(separator: "=").first!.trimmingCharacters(in: .whitespaces) }
        let key = words[words.count - 3]
        let set = assignments.enumerated().map { "\($0.element) = v.column\($0.offset + 1)" }.joined(separator: ", ")
        let group = "(" + Array(repeating: "?", count: assignments.count + 1).joined(separator: ", ") + ")"
        return "UPDATE \(table) SET \(set) FROM (VALUES \(repeatElement(group, count: rows).joined(separator: ", "))) AS v "
            + "WHERE \(table).\(key) = v.column\(assignments.count + 1)"
    }

    /// Runs `body` with `sql`'s cached statement ready for `RowWriter.write`, and leaves it
    /// reset with no values bound.
    private static func execute(_ sql: String, _ db: Database, _ body: (RowWriter) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        // No arguments for GRDB to check or bind: `execute()` then only resets the statement
        // (which keeps the values bound) and runs it.
        statement.setUncheckedArguments([])
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        try body(RowWriter(statement: statement, sql: sql, parameters: sqlite3_bind_parameter_count(handle)))
    }

    /// One cached statement that writes one or more rows per execution.
    private struct RowWriter {
        let statement: Statement
        let sql: String
        let parameters: CInt

        /// Binds `rows` in order (as many as the statement lists) and runs the statement once.
        func write<Rows: Collection>(_ rows: Rows, _ bind: (Rows.Element, inout RowBinder) -> Void) throws {
            // A statement run to its end takes new values only once reset.
            sqlite3_reset(statement.sqliteStatement)
            var binder = RowBinder(statement: statement.sqliteStatement)
            let perRow = parameters / CInt(rows.count)
            for (index, row) in rows.enumerated() {
                bind(row, &binder)
                guard binder.failure == SQLITE_OK, binder.bound == perRow * CInt(index + 1) else {
                    throw DatabaseError(resultCode: binder.failure == SQLITE_OK ? .SQLITE_MISUSE : ResultCode(rawValue: binder.failure),
                                        message: "\(binder.bound - perRow * CInt(index)) values bound of \(perRow)", sql: sql)
                }
            }
            try statement.execute()
        }
    }

    static func save(_ states: [DeviceTelemetry], _ db: Database) throws {
        try write(states, """
            INSERT INTO device_telemetry (\(telemetryColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET last_report_at = excluded.last_report_at, last_status = excluded.last_status,
                up_since = excluded.up_since, last_pow_at = excluded.last_pow_at, reliability = excluded.reliability,
                reward_week = excluded.reward_week, window_up_hours = excluded.window_up_hours,
                window_pow_hours = excluded.window_pow_hours, window_disconnects = excluded.window_disconnects
            """, db) { state, bind in
            bind(state.deviceID.description); bind(state.firstReportAt.seconds); bind(state.lastReportAt.seconds)
            bind(state.lastStatus.rawValue); bind(state.upSince?.seconds); bind(state.lastPowAt?.seconds)
            bind(state.reliability); bind(state.rewardWeek.baseUnits)
            bind(state.windowSums.upHours); bind(state.windowSums.powHours); bind(state.windowSums.disconnects)
        }
    }

    /// Only the reliability score, the week of rewards and the window sums (what a block close
    /// changes).
    static func saveScores(_ states: [DeviceTelemetry], _ db: Database) throws {
        try write(states, """
            UPDATE device_telemetry SET reliability = ?, reward_week = ?, window_up_hours = ?, window_pow_hours = ?,
                window_disconnects = ? WHERE device_id = ?
            """, db) { state, bind in
            bind(state.reliability); bind(state.rewardWeek.baseUnits)
            bind(state.windowSums.upHours); bind(state.windowSums.powHours); bind(state.windowSums.disconnects)
            bind(state.deviceID.description)
        }
    }

    /// Only a position's rewards and the block they run through (a claim's): the other columns
    /// and the indexes over them stay as they are.
    static func saveRewards(_ positions: [Position], _ db: Database) throws {
        try write(positions, "UPDATE positions SET unclaimed_rewards = ?, lifetime_rewards = ?, rewards_through = ? WHERE position_id = ?", db) { position, bind in
            bind(position.unclaimedRewards.baseUnits); bind(position.lifetimeRewards.baseUnits)
            bind(position.rewardsThrough); bind(position.id.description)
        }
    }

    /// Only a device's R̄.
    static func saveBases(_ devices: [Device], _ db: Database) throws {
        try write(devices, "UPDATE devices SET reward_basis = ? WHERE device_id = ?", db) { device, bind in
            bind(device.rewardBasis.baseUnits); bind(device.id.description)
        }
    }

    static func save(_ hours: [HourRecord], _ db: Database) throws {
        try write(hours, """
            INSERT INTO device_hours (device_id, hour, up_reported, down_reported, pow_ok, hired, disconnects)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id, hour) DO UPDATE SET up_reported = excluded.up_reported,
                down_reported = excluded.down_reported, pow_ok = excluded.pow_ok, hired = excluded.hired,
                disconnects = excluded.disconnects
            """, db) { hour, bind in
            bind(hour.deviceID.description); bind(hour.hour); bind(hour.upReported); bind(hour.downReported)
            bind(hour.powOK); bind(hour.hired); bind(hour.disconnects)
        }
    }

    static func insert(_ block: Block, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO blocks (height, start_at, end_at, emission, paid_enterprise, paid_community, carry_enterprise,
                                carry_community, shared_enterprise, shared_community, eligible_devices, score_enterprise,
                                score_community, closed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [block.height, block.start.seconds, block.end.seconds, block.emission.baseUnits,
                             block.paid[.enterprise]?.baseUnits ?? 0, block.paid[.community]?.baseUnits ?? 0,
                             block.carry[.enterprise]?.baseUnits ?? 0, block.carry[.community]?.baseUnits ?? 0,
                             block.shared[.enterprise]?.baseUnits, block.shared[.community]?.baseUnits,
                             block.eligibleDevices, block.eligibleScore[.enterprise] ?? 0, block.eligibleScore[.community] ?? 0,
                             block.closedAt.seconds])
    }

    static func insert(_ runs: [DeviceRun], _ db: Database) throws {
        try write(runs, "INSERT INTO device_runs (\(runColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", db) { run, bind in
            bind(run.deviceID.description); bind(run.fromHeight); bind(run.owner.text); bind(run.ownerPaid)
            bind(run.coStaker?.text); bind(run.shareBps); bind(run.sufficient); bind(run.eligible); bind(run.reliability)
            bind(run.pool?.rawValue); bind(run.score); bind(run.fixed?.owner.baseUnits); bind(run.fixed?.coStaker.baseUnits)
        }
    }

    static func insert(_ item: SlashItem, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO slash_items (slash_id, position_id, staker, principal, rewards) VALUES (?, ?, ?, ?, ?)").execute(arguments: [item.slashID.description, item.positionID.description, item.staker.text,
                                   item.principal.baseUnits, item.rewards.baseUnits])
    }
}
