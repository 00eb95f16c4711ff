import CostakeCore
import PostgresNIO

/// Reading domain values from rows. Rows that break the schema's own constraints cannot occur,
/// so a failed parse is a corrupted database and is reported as such.
enum PostgresRows {
    typealias Row = PostgresRandomAccessRow

    static func corrupt(_ what: String) -> CostakeError {
        CostakeError(.internalError, "corrupted row: \(what)")
    }

    static func address(_ row: Row, _ column: String) throws -> Address {
        Address(stored: try row.get(column))
    }

    static func optionalAddress(_ row: Row, _ column: String) throws -> Address? {
        (try row.get(column) as String?).map(Address.init(stored:))
    }

    static func id<ID: UUIDIdentifier>(_ row: Row, _ column: String) throws -> ID {
        try ID(text: try row.get(column), field: column)
    }

    static func optionalID<ID: UUIDIdentifier>(_ row: Row, _ column: String) throws -> ID? {
        guard let text: String = try row.get(column) else { return nil }
        return try ID(text: text, field: column)
    }

    static func time(_ row: Row, _ column: String) throws -> Timestamp { Timestamp(seconds: try row.get(column)) }

    static func optionalTime(_ row: Row, _ column: String) throws -> Timestamp? {
        (try row.get(column) as Int64?).map(Timestamp.init(seconds:))
    }

    static func amount(_ row: Row, _ column: String) throws -> Amount { Amount(baseUnits: try row.get(column)) }

    static func bytes(_ row: Row, _ column: String) throws -> [UInt8] {
        Array((try row.get(column) as ByteBuffer).readableBytesView)
    }

    static func enumValue<E: RawRepresentable>(_ row: Row, _ column: String) throws -> E where E.RawValue == String {
        let text: String = try row.get(column)
        guard let value = E(rawValue: text) else { throw corrupt("\(column) = \(text)") }
        return value
    }

    static func share(_ row: Row, _ column: String) throws -> BasisPoints {
        guard let share = BasisPoints.validated(try row.get(column)) else { throw corrupt(column) }
        return share
    }

    static func account(_ row: Row) throws -> Account {
        Account(address: try address(row, "address"), available: try amount(row, "available"),
                faucetAt: try optionalTime(row, "faucet_at"))
    }

    static func device(_ row: Row) throws -> Device {
        try device(row, status: "status")
    }

    /// A device from a row whose status column is `status` (the marketplace renames it).
    static func device(_ row: Row, status: String) throws -> Device {
        Device(id: try id(row, "device_id"), name: try row.get("name"), owner: try address(row, "owner"),
               model: try row.get("model"), processors: try row.get("processors"), status: try enumValue(row, status),
               hired: try row.get("hired"), registeredAt: try time(row, "registered_at"), rewardBasis: try amount(row, "reward_basis"))
    }

    static func offer(_ row: Row) throws -> Offer {
        let reason: String? = try row.get("closed_reason")
        return Offer(id: try id(row, "offer_id"), deviceID: try id(row, "device_id"),
                     requestedAmount: try amount(row, "requested_amount"), rewardShare: try share(row, "reward_share_bps"),
                     status: try enumValue(row, "status"), closedReason: reason.flatMap(OfferClosedReason.init(rawValue:)),
                     createdAt: try time(row, "created_at"), takenAt: try optionalTime(row, "taken_at"),
                     closedAt: try optionalTime(row, "closed_at"), positionID: try optionalID(row, "position_id"))
    }

    static func position(_ row: Row) throws -> Position {
        Position(id: try id(row, "position_id"), deviceID: try id(row, "device_id"), staker: try address(row, "staker"),
                 role: try enumValue(row, "role"), amount: try amount(row, "amount"), state: try enumValue(row, "state"),
                 createdAt: try time(row, "created_at"), waitingEndsAt: try optionalTime(row, "waiting_ends_at"),
                 coolingEndsAt: try optionalTime(row, "cooling_ends_at"),
                 unclaimedRewards: try amount(row, "unclaimed_rewards"),
                 lifetimeRewards: try amount(row, "lifetime_rewards"), rewardsThrough: try row["rewards_through"].decode(Int64.self),
                 offerID: try optionalID(row, "offer_id"))
    }

    static func slash(_ row: Row) throws -> Slash {
        Slash(id: try id(row, "slash_id"), deviceID: try id(row, "device_id"),
              principalShare: try share(row, "principal_bps"), rewardsShare: try share(row, "rewards_bps"),
              reason: try row.get("reason"), state: try enumValue(row, "state"), createdAt: try time(row, "created_at"),
              appealDeadline: try time(row, "appeal_deadline"), escrowed: try amount(row, "escrowed"),
              appealedAt: try optionalTime(row, "appealed_at"), resolvedAt: try optionalTime(row, "resolved_at"))
    }

    static func approved(_ row: Row) throws -> ApprovedTransaction {
        ApprovedTransaction(signature: try row.get("signature"), signer: try address(row, "signer"),
                            nonce: try row.get("nonce"), type: try row.get("type"), message: try row.get("message"),
                            response: try row.get("response"), at: try time(row, "at"))
    }

    static func telemetry(_ row: Row) throws -> DeviceTelemetry {
        DeviceTelemetry(deviceID: try id(row, "device_id"), firstReportAt: try time(row, "first_report_at"),
                        lastReportAt: try time(row, "last_report_at"), lastStatus: try enumValue(row, "last_status"),
                        upSince: try optionalTime(row, "up_since"), lastPowAt: try optionalTime(row, "last_pow_at"),
                        reliability: try row.get("reliability"), rewardWeek: try amount(row, "reward_week"),
                        windowSums: HourSums(upHours: try row.get("window_up_hours"), powHours: try row.get("window_pow_hours"),
                                             disconnects: try row.get("window_disconnects")))
    }

    static func hour(_ row: Row) throws -> HourRecord {
        HourRecord(deviceID: try id(row, "device_id"), hour: try row.get("hour"), upReported: try row.get("up_reported"),
                   downReported: try row.get("down_reported"), powOK: try row.get("pow_ok"), hired: try row.get("hired"),
                   disconnects: try row.get("disconnects"))
    }

    static func block(_ row: Row) throws -> Block {
        Block(height: try row.get("height"), start: try time(row, "start_at"), end: try time(row, "end_at"),
              emission: try amount(row, "emission"),
              paid: [.enterprise: try amount(row, "paid_enterprise"), .community: try amount(row, "paid_community")],
              carry: [.enterprise: try amount(row, "carry_enterprise"), .community: try amount(row, "carry_community")],
              shared: Block.shared(try row.get("shared_enterprise"), try row.get("shared_community")),
              eligibleDevices: try row.get("eligible_devices"),
              eligibleScore: [.enterprise: try row.get("score_enterprise"), .community: try row.get("score_community")],
              closedAt: try time(row, "closed_at"))
    }

    static func run(_ row: Row) throws -> DeviceRun {
        let ownerReward: Int64? = try row.get("owner_reward"), coStakerReward: Int64? = try row.get("co_staker_reward")
        let pool: String? = try row.get("pool")
        return DeviceRun(deviceID: try id(row, "device_id"), fromHeight: try row.get("from_height"), owner: try address(row, "owner"),
                         ownerPaid: try row.get("owner_paid"), coStaker: try optionalAddress(row, "co_staker"),
                         shareBps: try row.get("share_bps"), sufficient: try row.get("sufficient"), eligible: try row.get("eligible"),
                         reliability: try row.get("reliability"),
                         pool: try pool.map { name in
                             guard let pool = RewardPool(rawValue: name) else { throw corrupt("pool \(name)") }
                             return pool
                         },
                         score: try row.get("score"),
                         fixed: ownerReward.map { DeviceRun.FixedRewards(owner: Amount(baseUnits: $0),
                                                                         coStaker: Amount(baseUnits: coStakerReward ?? 0)) })
    }

    static func slashItem(_ row: Row) throws -> SlashItem {
        SlashItem(slashID: try id(row, "slash_id"), positionID: try id(row, "position_id"),
                  staker: try address(row, "staker"), principal: try amount(row, "principal"),
                  rewards: try amount(row, "rewards"))
    }

    static func ledgerAccount(_ key: String) throws -> LedgerAccount {
        guard let account = LedgerAccount(key: key) else { throw corrupt("ledger account \(key)") }
        return account
    }
}

extension PostgresRandomAccessRow {
    /// The value of `column` as `T` (an optional `T` for a nullable column).
    func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}
