import CostakeCore
import PostgresNIO

/// The writers of telemetry, hours, blocks, devices' runs and the journal.
extension Writers {
    static let telemetry = RowWriter<DeviceTelemetry>(
        "device_telemetry", ["device_id", "first_report_at", "last_report_at", "last_status", "up_since", "last_pow_at",
                             "reliability", "reward_week", "window_up_hours", "window_pow_hours", "window_disconnects"],
        key: "device_id", updating: ["last_report_at", "last_status", "up_since", "last_pow_at", "reliability", "reward_week",
                                     "window_up_hours", "window_pow_hours", "window_disconnects"]
    ) { state, binds in
        binds.append(state.deviceID.description)
        binds.append(state.firstReportAt.seconds)
        binds.append(state.lastReportAt.seconds)
        binds.append(state.lastStatus.rawValue)
        binds.append(state.upSince?.seconds)
        binds.append(state.lastPowAt?.seconds)
        binds.append(state.reliability)
        binds.append(state.rewardWeek.baseUnits)
        binds.append(state.windowSums.upHours)
        binds.append(state.windowSums.powHours)
        binds.append(state.windowSums.disconnects)
    }

    static let hour = RowWriter<HourRecord>(
        "device_hours", ["device_id", "hour", "up_reported", "down_reported", "pow_ok", "hired", "disconnects"],
        key: "device_id, hour", updating: ["up_reported", "down_reported", "pow_ok", "hired", "disconnects"]
    ) { hour, binds in
        binds.append(hour.deviceID.description)
        binds.append(hour.hour)
        binds.append(hour.upReported)
        binds.append(hour.downReported)
        binds.append(hour.powOK)
        binds.append(hour.hired)
        binds.append(hour.disconnects)
    }

    static let block = RowWriter<Block>(
        insertInto: "blocks", ["height", "start_at", "end_at", "emission", "paid_enterprise", "paid_community",
                               "carry_enterprise", "carry_community", "shared_enterprise", "shared_community",
                               "eligible_devices", "score_enterprise", "score_community", "closed_at"]
    ) { block, binds in
        binds.append(block.height)
        binds.append(block.start.seconds)
        binds.append(block.end.seconds)
        binds.append(block.emission.baseUnits)
        binds.append(block.paid[.enterprise]?.baseUnits ?? 0)
        binds.append(block.paid[.community]?.baseUnits ?? 0)
        binds.append(block.carry[.enterprise]?.baseUnits ?? 0)
        binds.append(block.carry[.community]?.baseUnits ?? 0)
        binds.append(block.shared[.enterprise]?.baseUnits)
        binds.append(block.shared[.community]?.baseUnits)
        binds.append(block.eligibleDevices)
        binds.append(block.eligibleScore[.enterprise] ?? 0)
        binds.append(block.eligibleScore[.community] ?? 0)
        binds.append(block.closedAt.seconds)
    }

    static let deviceRun = RowWriter<DeviceRun>(
        insertInto: "device_runs", ["device_id", "from_height", "owner", "owner_paid", "co_staker", "share_bps", "sufficient",
                                    "eligible", "reliability", "pool", "score", "owner_reward", "co_staker_reward"]
    ) { run, binds in
        binds.append(run.deviceID.description)
        binds.append(run.fromHeight)
        binds.append(run.owner.text)
        binds.append(run.ownerPaid)
        binds.append(run.coStaker?.text)
        binds.append(run.shareBps)
        binds.append(run.sufficient)
        binds.append(run.eligible)
        binds.append(run.reliability)
        binds.append(run.pool?.rawValue)
        binds.append(run.score)
        binds.append(run.fixed?.owner.baseUnits)
        binds.append(run.fixed?.coStaker.baseUnits)
    }

    /// `balance += delta` for a system ledger account.
    static let systemDelta = RowWriter<(account: LedgerAccount, delta: Int64)>(
        "system_balances", ["account", "balance"],
        conflict: "ON CONFLICT (account) DO UPDATE SET balance = system_balances.balance + excluded.balance"
    ) { row, binds in
        binds.append(row.account.key)
        binds.append(row.delta)
    }

    static let journal = RowWriter<JournalEntry>(
        insertInto: "journal", ["seq", "at", "kind", "reference", "prev_hash", "hash"]
    ) { entry, binds in
        binds.append(entry.sequence)
        binds.append(entry.at.seconds)
        binds.append(entry.kind)
        binds.append(entry.reference)
        binds.append(ByteBuffer(bytes: entry.previousHash))
        binds.append(ByteBuffer(bytes: entry.hash))
    }

    static let posting = RowWriter<(sequence: Int64, index: Int, posting: Posting)>(
        insertInto: "postings", ["seq", "idx", "account", "delta"]
    ) { row, binds in
        binds.append(row.sequence)
        binds.append(row.index)
        binds.append(row.posting.account.key)
        binds.append(row.posting.delta)
    }
}
