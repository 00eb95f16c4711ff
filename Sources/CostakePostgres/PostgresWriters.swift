import CostakeCore
import PostgresNIO

/// How one kind of row is written: its table, its columns in bind order, what happens to a row
/// whose key exists, and how a value fills the binds of one row.
struct RowWriter<Element>: Sendable {
    let table: String
    let columns: [String]
    /// The `ON CONFLICT` clause; empty for append-only rows, whose duplicates are errors.
    let conflict: String
    let bind: @Sendable (Element, inout PostgresBindings) -> Void

    /// Rows written with `conflict` as their `ON CONFLICT` clause.
    init(_ table: String, _ columns: [String], conflict: String, bind: @escaping @Sendable (Element, inout PostgresBindings) -> Void) {
        self.table = table
        self.columns = columns
        self.conflict = conflict
        self.bind = bind
    }

    /// An upsert that replaces `updated` columns of an existing row with the new values.
    init(_ table: String, _ columns: [String], key: String, updating updated: [String],
         bind: @escaping @Sendable (Element, inout PostgresBindings) -> Void) {
        let assignments = updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        self.init(table, columns, conflict: "ON CONFLICT (\(key)) DO UPDATE SET \(assignments)", bind: bind)
    }

    /// A plain insert.
    init(insertInto table: String, _ columns: [String], bind: @escaping @Sendable (Element, inout PostgresBindings) -> Void) {
        self.init(table, columns, conflict: "", bind: bind)
    }
}

extension PostgresSession {
    /// Writes `rows` with one multi-row INSERT per batch (one round trip for most units of
    /// work), in the order given: PostgreSQL checks unique indexes row by row, as SQLite does.
    func write<Element>(_ rows: [Element], _ writer: RowWriter<Element>) async throws {
        guard !rows.isEmpty else { return }
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + writer.rowsPerStatement)]
            var binds = PostgresBindings(capacity: batch.count * writer.columns.count)
            let sql = writer.insert(batch, &binds)
            try await run(PostgresQuery(unsafeSQL: sql, binds: binds))
            start += batch.count
        }
    }
}

extension RowWriter {
    /// The most rows one statement takes: a statement takes at most 65,535 binds.
    var rowsPerStatement: Int { max(1, 30_000 / columns.count) }

    /// The INSERT of `rows`, their values appended to `binds` (numbered after those already there).
    func insert(_ rows: some Collection<Element>, _ binds: inout PostgresBindings) -> String {
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            let first = binds.count + 1
            bind(row, &binds)
            precondition(binds.count - first + 1 == columns.count, "\(table): binds do not match columns")
            tuples.append("(" + (first...binds.count).map { "$\($0)" }.joined(separator: ", ") + ")")
        }
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", ")) \(conflict)"
    }
}

/// The writes of one unit of work, sent as one statement when they fit in one (each write a
/// data-modifying `WITH` clause: one round trip on the writer's connection instead of one per
/// table), or as one statement each. One statement is used only when no table is written
/// twice (the clauses of one statement run on one snapshot and cannot see each other's rows)
/// and the binds fit. Foreign keys and the read model's triggers are checked and run at the
/// end of the statement, as at the end of each separate one.
struct UnitWrites {
    private struct Write {
        let table: String
        let binds: Int
        let clause: (inout PostgresBindings) -> String
        let alone: (PostgresSession) async throws -> Void
    }

    private var writes: [Write] = []

    /// The most binds the one statement takes.
    static let maximumBinds = 30_000

    mutating func add<Element>(_ rows: [Element], _ writer: RowWriter<Element>) {
        guard !rows.isEmpty else { return }
        writes.append(Write(table: writer.table, binds: rows.count * writer.columns.count,
                            clause: { writer.insert(rows, &$0) }, alone: { try await $0.write(rows, writer) }))
    }

    /// A statement that appends its own binds (`binds` of them) and returns its SQL.
    mutating func add(table: String, binds: Int, _ clause: @escaping (inout PostgresBindings) -> String) {
        writes.append(Write(table: table, binds: binds, clause: clause, alone: { session in
            var own = PostgresBindings()
            let sql = clause(&own)
            try await session.run(PostgresQuery(unsafeSQL: sql, binds: own))
        }))
    }

    /// A statement with no binds.
    mutating func add(table: String, _ sql: String) {
        add(table: table, binds: 0) { _ in sql }
    }

    /// Runs the writes in the order added.
    func run(on session: PostgresSession) async throws {
        let tables = writes.map(\.table)
        let combined = writes.count > 1 && Set(tables).count == tables.count
            && writes.reduce(0, { $0 + $1.binds }) <= Self.maximumBinds
        guard combined else {
            for write in writes { try await write.alone(session) }
            return
        }
        var binds = PostgresBindings()
        let clauses = writes.enumerated().map { "w\($0.offset) AS (\($0.element.clause(&binds)))" }
        try await session.run(PostgresQuery(unsafeSQL: "WITH " + clauses.joined(separator: ", ") + " SELECT 1", binds: binds))
    }
}

/// The writers of every table a unit of work changes; the updated columns are those the SQLite
/// store updates (the others never change once written).
enum Writers {
    /// Only the devices' R̄ (a block close's): one `UPDATE … FROM unnest(…)` with an array per
    /// column, two binds however many devices, and no other column or index touched.
    static func bases(_ devices: [Device], _ binds: inout PostgresBindings) -> String {
        let first = binds.count + 1
        binds.append(devices.map(\.id.description))
        binds.append(devices.map(\.rewardBasis.baseUnits))
        return """
            UPDATE devices SET reward_basis = v.basis
            FROM unnest($\(first)::text[], $\(first + 1)::bigint[]) AS v(device_id, basis) WHERE devices.device_id = v.device_id
            """
    }

    /// Only the telemetry rows' score, week of rewards and window sums (a block close's), as
    /// `bases`. A score is never negative: -1 stands for none in its array.
    static func scores(_ states: [DeviceTelemetry], _ binds: inout PostgresBindings) -> String {
        let first = binds.count + 1
        binds.append(states.map(\.deviceID.description))
        binds.append(states.map { Int64($0.reliability ?? -1) })
        binds.append(states.map(\.rewardWeek.baseUnits))
        binds.append(states.map { Int64($0.windowSums.upHours) })
        binds.append(states.map { Int64($0.windowSums.powHours) })
        binds.append(states.map { Int64($0.windowSums.disconnects) })
        return """
            UPDATE device_telemetry SET reliability = nullif(v.reliability, -1), reward_week = v.reward_week,
                window_up_hours = v.up_hours, window_pow_hours = v.pow_hours, window_disconnects = v.disconnects
            FROM unnest($\(first)::text[], $\(first + 1)::bigint[], $\(first + 2)::bigint[], $\(first + 3)::bigint[],
                        $\(first + 4)::bigint[], $\(first + 5)::bigint[])
                AS v(device_id, reliability, reward_week, up_hours, pow_hours, disconnects)
            WHERE device_telemetry.device_id = v.device_id
            """
    }

    static let account = RowWriter<Account>("accounts", ["address", "available", "faucet_at"], key: "address",
                                            updating: ["available", "faucet_at"]) { account, binds in
        binds.append(account.address.text)
        binds.append(account.available.baseUnits)
        binds.append(account.faucetAt?.seconds)
    }

    static let device = RowWriter<Device>(
        "devices", ["device_id", "name", "owner", "model", "processors", "status", "hired", "registered_at", "reward_basis"],
        key: "device_id", updating: ["name", "status", "hired", "reward_basis"]
    ) { device, binds in
        binds.append(device.id.description)
        binds.append(device.name)
        binds.append(device.owner.text)
        binds.append(device.model)
        binds.append(device.processors)
        binds.append(device.status.rawValue)
        binds.append(device.hired)
        binds.append(device.registeredAt.seconds)
        binds.append(device.rewardBasis.baseUnits)
    }

    static let offer = RowWriter<Offer>(
        "offers", ["offer_id", "device_id", "requested_amount", "reward_share_bps", "status", "closed_reason",
                   "created_at", "taken_at", "closed_at", "position_id"],
        key: "offer_id", updating: ["status", "closed_reason", "taken_at", "closed_at", "position_id"]
    ) { offer, binds in
        binds.append(offer.id.description)
        binds.append(offer.deviceID.description)
        binds.append(offer.requestedAmount.baseUnits)
        binds.append(offer.rewardShare.value)
        binds.append(offer.status.rawValue)
        binds.append(offer.closedReason?.rawValue)
        binds.append(offer.createdAt.seconds)
        binds.append(offer.takenAt?.seconds)
        binds.append(offer.closedAt?.seconds)
        binds.append(offer.positionID?.description)
    }

    static let position = RowWriter<Position>(
        "positions", ["position_id", "device_id", "staker", "role", "amount", "state", "created_at", "waiting_ends_at",
                      "cooling_ends_at", "transition_at", "unclaimed_rewards", "lifetime_rewards", "offer_id",
                      "rewards_through"],
        key: "position_id",
        updating: ["amount", "state", "waiting_ends_at", "cooling_ends_at", "transition_at", "unclaimed_rewards",
                   "lifetime_rewards", "rewards_through"]
    ) { position, binds in
        binds.append(position.id.description)
        binds.append(position.deviceID.description)
        binds.append(position.staker.text)
        binds.append(position.role.rawValue)
        binds.append(position.amount.baseUnits)
        binds.append(position.state.rawValue)
        binds.append(position.createdAt.seconds)
        binds.append(position.waitingEndsAt?.seconds)
        binds.append(position.coolingEndsAt?.seconds)
        binds.append(position.nextTransitionAt?.seconds)
        binds.append(position.unclaimedRewards.baseUnits)
        binds.append(position.lifetimeRewards.baseUnits)
        binds.append(position.offerID?.description)
        binds.append(position.rewardsThrough)
    }

    static let slash = RowWriter<Slash>(
        "slashes", ["slash_id", "device_id", "principal_bps", "rewards_bps", "reason", "state", "created_at",
                    "appeal_deadline", "escrowed", "appealed_at", "resolved_at"],
        key: "slash_id", updating: ["state", "escrowed", "appealed_at", "resolved_at"]
    ) { slash, binds in
        binds.append(slash.id.description)
        binds.append(slash.deviceID.description)
        binds.append(slash.principalShare.value)
        binds.append(slash.rewardsShare.value)
        binds.append(slash.reason)
        binds.append(slash.state.rawValue)
        binds.append(slash.createdAt.seconds)
        binds.append(slash.appealDeadline.seconds)
        binds.append(slash.escrowed.baseUnits)
        binds.append(slash.appealedAt?.seconds)
        binds.append(slash.resolvedAt?.seconds)
    }

    static let slashItem = RowWriter<SlashItem>(
        insertInto: "slash_items", ["slash_id", "position_id", "staker", "principal", "rewards"]
    ) { item, binds in
        binds.append(item.slashID.description)
        binds.append(item.positionID.description)
        binds.append(item.staker.text)
        binds.append(item.principal.baseUnits)
        binds.append(item.rewards.baseUnits)
    }

    static let approved = RowWriter<ApprovedTransaction>(
        insertInto: "transactions", ["signature", "signer", "nonce", "type", "message", "response", "at"]
    ) { approved, binds in
        binds.append(approved.signature)
        binds.append(approved.signer.text)
        binds.append(approved.nonce)
        binds.append(approved.type)
        binds.append(approved.message)
        binds.append(approved.response)
        binds.append(approved.at.seconds)
    }
}
