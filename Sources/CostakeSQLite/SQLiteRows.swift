import CostakeCore
import Foundation
import GRDB

/// Reading domain values from rows and writing them back. Rows that break the schema's own
/// constraints cannot occur, so a failed parse is a corrupted database and is reported as such.
enum SQLiteRows {
    /// Decodes every row of `statement` while its cursor holds it. A cursor's row finds a
    /// column by name through one dictionary of the statement's columns; a fetched (copied)
    /// row lower-cases every column name again for each lookup, which was a tenth of the
    /// writer's time loading a telemetry batch.
    static func all<T>(_ statement: Statement, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        var values: [T] = []
        try each(statement, arguments, decode) { values.append($0) }
        return values
    }

    /// Hands every row of `statement`, decoded while its cursor holds it, to `body`.
    static func each<T>(_ statement: Statement, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T,
                        _ body: (T) throws -> Void) throws {
        try Row.fetchCursor(statement, arguments: arguments).forEach { try body(try decode($0)) }
    }

    /// The first row of `statement`, decoded while its cursor holds it (see `all`).
    static func first<T>(_ statement: Statement, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        guard let row = try cursor.next() else { return nil }
        // The row reads the cursor's statement: it must outlive the decoding (its end resets it).
        return try withExtendedLifetime(cursor) { try decode(row) }
    }

    static func corrupt(_ what: String) -> CostakeError {
        CostakeError(.internalError, "corrupted row: \(what)")
    }

    static func address(_ row: Row, _ column: String) throws -> Address {
        Address(stored: row[column] as String)
    }

    static func id<ID: UUIDIdentifier>(_ row: Row, _ column: String) throws -> ID {
        try ID(text: row[column] as String, field: column)
    }

    static func optionalID<ID: UUIDIdentifier>(_ row: Row, _ column: String) throws -> ID? {
        guard let text = row[column] as String? else { return nil }
        return try ID(text: text, field: column)
    }

    static func time(_ row: Row, _ column: String) -> Timestamp { Timestamp(seconds: row[column]) }

    static func optionalTime(_ row: Row, _ column: String) -> Timestamp? {
        (row[column] as Int64?).map(Timestamp.init(seconds:))
    }

    static func amount(_ row: Row, _ column: String) -> Amount { Amount(baseUnits: row[column]) }

    static func enumValue<E: RawRepresentable>(_ row: Row, _ column: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: row[column]) else { throw corrupt("\(column) = \(row[column] as String? ?? "null")") }
        return value
    }

    static func account(_ row: Row) throws -> Account {
        Account(address: try address(row, "address"), available: amount(row, "available"),
                faucetAt: (row["faucet_at"] as Int64?).map(Timestamp.init(seconds:)))
    }

    // Devices, positions, telemetry and hour rows are read by the thousand (a million at a
    // block close): they are selected with these column lists and read by position, since
    // finding a column by name hashes its name at every access (a twentieth of the server's
    // time in the telemetry benchmark).

    static let deviceColumns = "device_id, name, owner, model, processors, status, hired, registered_at, reward_basis"

    static func device(_ row: Row) throws -> Device {
        Device(id: try id(row, 0, "device_id"), name: row[1], owner: Address(stored: row[2]), model: row[3],
               processors: row[4], status: try enumValue(row, 5, "status"), hired: row[6],
               registeredAt: Timestamp(seconds: row[7]), rewardBasis: Amount(baseUnits: row[8]))
    }

    static let positionColumns = """
        position_id, device_id, staker, role, amount, state, created_at, waiting_ends_at, cooling_ends_at, \
        unclaimed_rewards, lifetime_rewards, offer_id, rewards_through
        """

    static func position(_ row: Row) throws -> Position {
        Position(id: try id(row, 0, "position_id"), deviceID: try id(row, 1, "device_id"), staker: Address(stored: row[2]),
                 role: try enumValue(row, 3, "role"), amount: Amount(baseUnits: row[4]), state: try enumValue(row, 5, "state"),
                 createdAt: Timestamp(seconds: row[6]), waitingEndsAt: (row[7] as Int64?).map(Timestamp.init(seconds:)),
                 coolingEndsAt: (row[8] as Int64?).map(Timestamp.init(seconds:)), unclaimedRewards: Amount(baseUnits: row[9]),
                 lifetimeRewards: Amount(baseUnits: row[10]), rewardsThrough: row[12],
                 offerID: try (row[11] as String?).map { text throws(CostakeError) in try OfferID(text: text, field: "offer_id") })
    }

    /// The id in column `index`, parsed from the bytes SQLite holds rather than from a `String`
    /// made of them (a block close reads some four million); text that is not a UUID is
    /// refused as `ID(text:field:)` refuses it.
    static func id<ID: UUIDIdentifier>(_ row: Row, _ index: Int, _ column: String) throws -> ID {
        if let id = try row.withUnsafeData(atIndex: index, { data in data?.withUnsafeBytes { ID(utf8: $0) } }) { return id }
        return try ID(text: row[index] as String, field: column)
    }

    static func enumValue<E: RawRepresentable>(_ row: Row, _ index: Int, _ column: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: row[index]) else { throw corrupt("\(column) = \(row[index] as String? ?? "null")") }
        return value
    }

    static func offer(_ row: Row) throws -> Offer {
        guard let share = BasisPoints.validated(row["reward_share_bps"]) else { throw corrupt("reward_share_bps") }
        let reason: String? = row["closed_reason"]
        return Offer(id: try id(row, "offer_id"), deviceID: try id(row, "device_id"),
                     requestedAmount: amount(row, "requested_amount"), rewardShare: share,
                     status: try enumValue(row, "status"), closedReason: reason.flatMap(OfferClosedReason.init(rawValue:)),
                     createdAt: time(row, "created_at"), takenAt: optionalTime(row, "taken_at"),
                     closedAt: optionalTime(row, "closed_at"), positionID: try optionalID(row, "position_id"))
    }

    static func slash(_ row: Row) throws -> Slash {
        guard let principal = BasisPoints.validated(row["principal_bps"]),
              let rewards = BasisPoints.validated(row["rewards_bps"]) else { throw corrupt("slash shares") }
        return Slash(id: try id(row, "slash_id"), deviceID: try id(row, "device_id"), principalShare: principal,
                     rewardsShare: rewards, reason: row["reason"], state: try enumValue(row, "state"),
                     createdAt: time(row, "created_at"), appealDeadline: time(row, "appeal_deadline"),
                     escrowed: amount(row, "escrowed"), appealedAt: optionalTime(row, "appealed_at"),
                     resolvedAt: optionalTime(row, "resolved_at"))
    }

    static func approved(_ row: Row) throws -> ApprovedTransaction {
        ApprovedTransaction(signature: row["signature"], signer: try address(row, "signer"), nonce: row["nonce"],
                            type: row["type"], message: row["message"], response: row["response"], at: time(row, "at"))
    }

    // MARK: Writing

    static func save(_ accounts: [Account], _ db: Database) throws {
        try write(accounts, """
            INSERT INTO accounts (address, available, faucet_at) VALUES (?, ?, ?)
            ON CONFLICT (address) DO UPDATE SET available = excluded.available, faucet_at = excluded.faucet_at
            """, db) { account, bind in bind(account.address.text); bind(account.available.baseUnits); bind(account.faucetAt?.seconds) }
    }

    static func save(_ devices: [Device], _ db: Database) throws {
        try write(devices, """
            INSERT INTO devices (device_id, name, owner, model, processors, status, hired, registered_at, reward_basis)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, status = excluded.status, hired = excluded.hired,
                reward_basis = excluded.reward_basis
            """, db) { device, bind in
            bind(device.id.description); bind(device.name); bind(device.owner.text); bind(device.model)
            bind(device.processors); bind(device.status.rawValue); bind(device.hired)
            bind(device.registeredAt.seconds); bind(device.rewardBasis.baseUnits)
        }
    }

    static func save(_ offers: [Offer], _ db: Database) throws {
        try write(offers, """
            INSERT INTO offers (offer_id, device_id, requested_amount, reward_share_bps, status, closed_reason,
                                created_at, taken_at, closed_at, position_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (offer_id) DO UPDATE SET status = excluded.status, closed_reason = excluded.closed_reason,
                taken_at = excluded.taken_at, closed_at = excluded.closed_at, position_id = excluded.position_id
            """, db) { offer, bind in
            bind(offer.id.description); bind(offer.deviceID.description); bind(offer.requestedAmount.baseUnits)
            bind(offer.rewardShare.value); bind(offer.status.rawValue); bind(offer.closedReason?.rawValue)
            bind(offer.createdAt.seconds); bind(offer.takenAt?.seconds); bind(offer.closedAt?.seconds)
            bind(offer.positionID?.description)
        }
    }

    static func save(_ positions: [Position], _ db: Database) throws {
        try write(positions, """
            INSERT INTO positions (position_id, device_id, staker, role, amount, state, created_at, waiting_ends_at,
                                   cooling_ends_at, transition_at, unclaimed_rewards, lifetime_rewards, offer_id,
                                   rewards_through)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (position_id) DO UPDATE SET amount = excluded.amount, state = excluded.state,
                waiting_ends_at = excluded.waiting_ends_at, cooling_ends_at = excluded.cooling_ends_at,
                transition_at = excluded.transition_at, unclaimed_rewards = excluded.unclaimed_rewards,
                lifetime_rewards = excluded.lifetime_rewards, rewards_through = excluded.rewards_through
            """, db) { position, bind in
            bind(position.id.description); bind(position.deviceID.description); bind(position.staker.text)
            bind(position.role.rawValue); bind(position.amount.baseUnits); bind(position.state.rawValue)
            bind(position.createdAt.seconds); bind(position.waitingEndsAt?.seconds)
            bind(position.coolingEndsAt?.seconds); bind(position.nextTransitionAt?.seconds)
            bind(position.unclaimedRewards.baseUnits); bind(position.lifetimeRewards.baseUnits)
            bind(position.offerID?.description); bind(position.rewardsThrough)
        }
    }

    static func save(_ slashes: [Slash], _ db: Database) throws {
        try write(slashes, """
            INSERT INTO slashes (slash_id, device_id, principal_bps, rewards_bps, reason, state, created_at,
                                 appeal_deadline, escrowed, appealed_at, resolved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (slash_id) DO UPDATE SET state = excluded.state, escrowed = excluded.escrowed,
                appealed_at = excluded.appealed_at, resolved_at = excluded.resolved_at
            """, db) { slash, bind in
            bind(slash.id.description); bind(slash.deviceID.description); bind(slash.principalShare.value)
            bind(slash.rewardsShare.value); bind(slash.reason); bind(slash.state.rawValue)
            bind(slash.createdAt.seconds); bind(slash.appealDeadline.seconds); bind(slash.escrowed.baseUnits)
            bind(slash.appealedAt?.seconds); bind(slash.resolvedAt?.seconds)
        }
    }
}
