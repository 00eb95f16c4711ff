import CostakeCore
import GRDB

/// The numbered migrations of the SQLite store. Append-only: a migration that has shipped is
/// never edited; a change to the schema is a new number.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001_ledger_and_staking") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("0002_blocks_telemetry_slashing") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("0003_faucet") { db in
            // When the demo faucet last paid an account (once per account per hour).
            try db.execute(sql: "ALTER TABLE accounts ADD COLUMN faucet_at INTEGER")
        }
        migrator.registerMigration("0004_reward_basis") { db in
            // Each device's R̄ behind the estimates, refreshed at every block close, so that the
            // marketplace sorts by the estimate it shows.
            try db.execute(sql: "ALTER TABLE devices ADD COLUMN reward_basis INTEGER NOT NULL DEFAULT 0 CHECK (reward_basis >= 0)")
        }
        migrator.registerMigration("0005_offer_market") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("0006_device_blocks_by_device_only") { db in
            // A block close inserts a row per device; these two indexes took a random insert
            // each (by owner, by co-staker). An account's history is read through its devices.
            try db.execute(sql: "DROP INDEX device_blocks_by_owner; DROP INDEX device_blocks_by_co_staker")
        }
        migrator.registerMigration("0007_listings_version") { db in
            // Counts the units of work that changed what a marketplace page shows: the API
            // serves an encoded page again while the count stands.
            try db.execute(sql: """
                CREATE TABLE listings_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
                INSERT INTO listings_version (id, version) VALUES (1, 0);
                """)
        }
        migrator.registerMigration("0008_device_runs") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("0009_rewards_through") { db in
            // A block close no longer credits every position: each one records the last block
            // its rewards include, and what it earned after is settled from the runs when
            // needed (`RewardAccrual`). Every position has been credited through the last close.
            try db.execute(sql: """
                ALTER TABLE positions ADD COLUMN rewards_through INTEGER NOT NULL DEFAULT -1 CHECK (rewards_through >= -1);
                UPDATE positions SET rewards_through = coalesce((SELECT max(height) FROM blocks), -1);
                """)
        }
        migrator.registerMigration("0010_window_sums") { db in
            try db.execute(sql: v10)
        }
        migrator.registerMigration("0011_runs_by_height") { db in
            try db.execute(sql: v11)
        }
        return migrator
    }

    /// The runs kept in height order (primary key (from_height, device_id)), with an index by
    /// device for a device's history: a block close appends its runs at the end of the table
    /// and reads the runs of its windows as one range, where before (clustered by device) the
    /// runs of a full-network close went one into each of the table's pages and every page was
    /// written again (on a million devices, inserting a million runs took 20.1 s against 8.4 s
    /// clustered by height, measured with Python's sqlite3 on a seeded file).
    static let v11 = """
    ALTER TABLE device_runs RENAME TO device_runs_by_device_old;
    DROP TRIGGER device_runs_no_update;
    DROP TRIGGER device_runs_no_delete;
    CREATE TABLE device_runs (
        device_id TEXT NOT NULL REFERENCES devices(device_id),
        from_height INTEGER NOT NULL REFERENCES blocks(height),
        owner TEXT NOT NULL,
        owner_paid INTEGER NOT NULL CHECK (owner_paid IN (0, 1)),
        co_staker TEXT,
        share_bps INTEGER NOT NULL CHECK (share_bps BETWEEN 0 AND 10000),
        sufficient INTEGER NOT NULL CHECK (sufficient IN (0, 1)),
        eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
        reliability INTEGER,
        pool TEXT CHECK (pool IN ('enterprise', 'community')),
        score INTEGER NOT NULL CHECK (score >= 0),
        owner_reward INTEGER CHECK (owner_reward >= 0),
        co_staker_reward INTEGER CHECK (co_staker_reward >= 0),
        CHECK ((owner_reward IS NULL) = (co_staker_reward IS NULL)),
        PRIMARY KEY (from_height, device_id)
    ) WITHOUT ROWID;
    INSERT INTO device_runs (device_id, from_height, owner, owner_paid, co_staker, share_bps, sufficient, eligible,
                             reliability, pool, score, owner_reward, co_staker_reward)
        SELECT device_id, from_height, owner, owner_paid, co_staker, share_bps, sufficient, eligible,
               reliability, pool, score, owner_reward, co_staker_reward
        FROM device_runs_by_device_old ORDER BY from_height, device_id;
    DROP TABLE device_runs_by_device_old;
    CREATE INDEX device_runs_by_device ON device_runs(device_id);
    CREATE TRIGGER device_runs_no_update BEFORE UPDATE ON device_runs BEGIN SELECT RAISE(ABORT, 'device runs are append-only'); END;
    CREATE TRIGGER device_runs_no_delete BEFORE DELETE ON device_runs BEGIN SELECT RAISE(ABORT, 'device runs are append-only'); END;
    """

    /// Each telemetry row keeps the sums of its device's hour records from the start of the last
    /// closed block's reliability window on (`DeviceTelemetry.windowSums`): a block close moves
    /// them by the hours leaving the window instead of summing 168 hours of every device. They
    /// start as the records say. The window starts 168 hours before the hour the last block
    /// ended in (floor division, as `HourRecord.hour`).
    static let v10 = """
    ALTER TABLE device_telemetry ADD COLUMN window_up_hours INTEGER NOT NULL DEFAULT 0 CHECK (window_up_hours >= 0);
    ALTER TABLE device_telemetry ADD COLUMN window_pow_hours INTEGER NOT NULL DEFAULT 0 CHECK (window_pow_hours >= 0);
    ALTER TABLE device_telemetry ADD COLUMN window_disconnects INTEGER NOT NULL DEFAULT 0 CHECK (window_disconnects >= 0);
    UPDATE device_telemetry SET (window_up_hours, window_pow_hours, window_disconnects) = (
        SELECT coalesce(sum(up_reported AND NOT down_reported AND disconnects = 0), 0),
               coalesce(sum(up_reported AND NOT down_reported AND disconnects = 0 AND (pow_ok OR hired)), 0),
               coalesce(sum(disconnects), 0)
        FROM device_hours h
        WHERE h.device_id = device_telemetry.device_id
          AND h.hour >= coalesce((SELECT CASE WHEN end_at >= 0 THEN end_at / 3600 ELSE (end_at - 3599) / 3600 END
                                         - \(ReliabilityScore.windowHours)
                                  FROM blocks ORDER BY height DESC LIMIT 1), -9223372036854775808));
    """

    /// The marketplace's read model (issue 8): one row per offer with every value it is
    /// filtered and sorted by, its device's model, reliability (-1 for none) and estimate
    /// included, and for each sort an index that leads with the status (and one that leads
    /// with the status and model), so that a page, first or 40 deep by keyset, is an index
    /// range rather than a sort of every open offer. Triggers keep it equal to what the base
    /// tables say, in the same transaction as every change, whoever writes.
    static let v5 = marketTable + marketFill + marketIndexes + marketTriggers

    static let marketTable = """
    CREATE TABLE offer_market (
        offer_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL,
        model TEXT NOT NULL,
        requested_amount INTEGER NOT NULL,
        reward_share_bps INTEGER NOT NULL,
        reliability INTEGER NOT NULL,
        estimated INTEGER NOT NULL,
        created_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    """

    static let marketFill = """
    INSERT INTO offer_market
        SELECT o.offer_id, o.device_id, o.status, d.model, o.requested_amount, o.reward_share_bps,
               coalesce(t.reliability, -1), d.reward_basis * o.reward_share_bps, o.created_at
        FROM offers o JOIN devices d ON d.device_id = o.device_id LEFT JOIN device_telemetry t ON t.device_id = o.device_id
        ORDER BY o.offer_id;

    """

    /// The sort columns, each indexed after the status and after the status and model.
    static let marketSorts = ["reward_share_bps", "reliability", "requested_amount", "estimated", "created_at"]

    static let marketIndexes = sortIndexes(marketSorts) + "CREATE INDEX offer_market_by_device ON offer_market(device_id);\n"

    static let marketIndexNames = sortIndexNames(marketSorts) + ["offer_market_by_device"]

    /// The two indexes of each sort column.
    static func sortIndexes(_ columns: [String]) -> String {
        columns.map { column in
            """
            CREATE INDEX offer_market_by_\(column) ON offer_market(status, \(column), offer_id);
            CREATE INDEX offer_market_by_model_\(column) ON offer_market(status, model, \(column), offer_id);

            """
        }.joined()
    }

    static func sortIndexNames(_ columns: [String]) -> [String] {
        columns.flatMap { ["offer_market_by_\($0)", "offer_market_by_model_\($0)"] }
    }

    static let marketTriggers = """
    CREATE TRIGGER offer_market_insert AFTER INSERT ON offers BEGIN
        INSERT INTO offer_market
            SELECT new.offer_id, new.device_id, new.status, d.model, new.requested_amount, new.reward_share_bps,
                   coalesce((SELECT reliability FROM device_telemetry WHERE device_id = new.device_id), -1),
                   d.reward_basis * new.reward_share_bps, new.created_at
            FROM devices d WHERE d.device_id = new.device_id;
    END;
    CREATE TRIGGER offer_market_status AFTER UPDATE OF status ON offers WHEN old.status IS NOT new.status BEGIN
        UPDATE offer_market SET status = new.status WHERE offer_id = new.offer_id;
    END;
    \(marketBasisTrigger)\
    CREATE TRIGGER offer_market_reliability_insert AFTER INSERT ON device_telemetry BEGIN
        UPDATE offer_market SET reliability = coalesce(new.reliability, -1) WHERE device_id = new.device_id;
    END;
    \(marketReliabilityTrigger)
    """

    /// A device's R̄ into its listings' estimate, row by row.
    static let marketBasisTrigger = """
    CREATE TRIGGER offer_market_basis AFTER UPDATE OF reward_basis ON devices WHEN old.reward_basis IS NOT new.reward_basis BEGIN
        UPDATE offer_market SET estimated = new.reward_basis * reward_share_bps WHERE device_id = new.device_id;
    END;

    """

    /// A device's reliability score into its listings, row by row.
    static let marketReliabilityTrigger = """
    CREATE TRIGGER offer_market_reliability AFTER UPDATE OF reliability ON device_telemetry
    WHEN old.reliability IS NOT new.reliability BEGIN
        UPDATE offer_market SET reliability = coalesce(new.reliability, -1) WHERE device_id = new.device_id;
    END;

    """

    /// What a block close does instead of the two triggers above, inside its transaction: it
    /// drops them and the four indexes over the estimate and the score, saves a million R̄ and
    /// scores, sets every listing whose estimate or score differs in one statement, and
    /// creates the indexes (sorting half a million entries each) and the triggers again. Row
    /// by row, the triggers updated each listing twice and moved its entries in four indexes
    /// twice, in device order: saving R̄ and scores took about 36 s of a close of a million
    /// devices that way, about 15 s this way.
    static let refreshedColumns = ["reliability", "estimated"]

    static let beforeRefresh = (["offer_market_basis", "offer_market_reliability"].map { "DROP TRIGGER \($0);\n" }
                                + sortIndexNames(refreshedColumns).map { "DROP INDEX \($0);\n" }).joined()

    /// The close's refresh of the listings. The listings that differ are worked out first, in the order of the table's key, and
    /// then set in that order: each page of the table is then changed once, in turn. Joined
    /// to the listings directly (`UPDATE … FROM devices`), SQLite set them in the order of an
    /// index over the listings, a random order of keys: 13.8 s for the 532,768 listings of a
    /// million devices against 3.1 s this way (`sqlite3` shell, 1 GiB of cache).
    static let marketRefresh = """
    WITH refreshed AS MATERIALIZED (
        SELECT m.offer_id, d.reward_basis * m.reward_share_bps AS estimated, coalesce(t.reliability, -1) AS reliability
        FROM offer_market m JOIN devices d ON d.device_id = m.device_id
        LEFT JOIN device_telemetry t ON t.device_id = m.device_id
        WHERE m.estimated IS NOT d.reward_basis * m.reward_share_bps OR m.reliability IS NOT coalesce(t.reliability, -1)
        ORDER BY m.offer_id)
    UPDATE offer_market SET estimated = refreshed.estimated, reliability = refreshed.reliability
    FROM refreshed WHERE offer_market.offer_id = refreshed.offer_id;

    """ + sortIndexes(refreshedColumns) + marketBasisTrigger + marketReliabilityTrigger

    static let marketTriggerNames = ["offer_market_insert", "offer_market_status", "offer_market_basis",
                                     "offer_market_reliability_insert", "offer_market_reliability"]

    /// A device's per-block history as runs (issue 8): a row when its outcome changes shape, not
    /// a row per device and block; rewards are derived from the block's shared amount and
    /// eligible score. The rows recorded per block before are kept as one-block runs with
    /// their amounts (`owner_reward`, `co_staker_reward`), so that no figure of the history moves.
    static let v8 = """
    ALTER TABLE blocks ADD COLUMN shared_enterprise INTEGER CHECK (shared_enterprise >= 0);
    ALTER TABLE blocks ADD COLUMN shared_community INTEGER CHECK (shared_community >= 0);
    CREATE TABLE device_runs (
        device_id TEXT NOT NULL REFERENCES devices(device_id),
        from_height INTEGER NOT NULL REFERENCES blocks(height),
        owner TEXT NOT NULL,
        owner_paid INTEGER NOT NULL CHECK (owner_paid IN (0, 1)),
        co_staker TEXT,
        share_bps INTEGER NOT NULL CHECK (share_bps BETWEEN 0 AND 10000),
        sufficient INTEGER NOT NULL CHECK (sufficient IN (0, 1)),
        eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
        reliability INTEGER,
        pool TEXT CHECK (pool IN ('enterprise', 'community')),
        score INTEGER NOT NULL CHECK (score >= 0),
        owner_reward INTEGER CHECK (owner_reward >= 0),
        co_staker_reward INTEGER CHECK (co_staker_reward >= 0),
        CHECK ((owner_reward IS NULL) = (co_staker_reward IS NULL)),
        PRIMARY KEY (device_id, from_height)
    ) WITHOUT ROWID;
    CREATE INDEX device_runs_by_height ON device_runs(from_height);
    INSERT INTO device_runs (device_id, from_height, owner, owner_paid, co_staker, share_bps, sufficient, eligible,
                             reliability, pool, score, owner_reward, co_staker_reward)
        SELECT device_id, height, owner, owner_reward > 0, co_staker, 0, sufficient, eligible, reliability, NULL, 0,
               owner_reward, co_staker_reward
        FROM device_blocks;
    DROP TABLE device_blocks;
    CREATE TRIGGER device_runs_no_update BEFORE UPDATE ON device_runs BEGIN SELECT RAISE(ABORT, 'device runs are append-only'); END;
    CREATE TRIGGER device_runs_no_delete BEFORE DELETE ON device_runs BEGIN SELECT RAISE(ABORT, 'device runs are append-only'); END;
    """

    static let v1 = """
    CREATE TABLE accounts (
        address TEXT PRIMARY KEY,
        available INTEGER NOT NULL CHECK (available >= 0)
    ) WITHOUT ROWID;

    CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        owner TEXT NOT NULL,
        model TEXT NOT NULL,
        processors INTEGER NOT NULL CHECK (processors BETWEEN 1 AND 64),
        status TEXT NOT NULL CHECK (status IN ('up','down','paused','blocked','terminated','unsupported')),
        hired INTEGER NOT NULL CHECK (hired IN (0, 1)),
        registered_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX devices_by_owner ON devices(owner);

    CREATE TABLE offers (
        offer_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices(device_id),
        requested_amount INTEGER NOT NULL CHECK (requested_amount > 0),
        reward_share_bps INTEGER NOT NULL CHECK (reward_share_bps BETWEEN 0 AND 10000),
        status TEXT NOT NULL CHECK (status IN ('open','active','closed')),
        closed_reason TEXT CHECK (closed_reason IN ('retracted','co_staker_left','owner_unstaked','device_terminated')),
        created_at INTEGER NOT NULL,
        taken_at INTEGER,
        closed_at INTEGER,
        position_id TEXT,
        CHECK ((status = 'closed') = (closed_reason IS NOT NULL))
    ) WITHOUT ROWID;
    CREATE INDEX offers_by_device ON offers(device_id, status);
    CREATE UNIQUE INDEX offers_one_live_per_device ON offers(device_id) WHERE status IN ('open','active');

    CREATE TABLE positions (
        position_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices(device_id),
        staker TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner','co_staker')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        state TEXT NOT NULL CHECK (state IN ('active','waiting','cooling','withdrawable','withdrawn')),
        created_at INTEGER NOT NULL,
        waiting_ends_at INTEGER,
        cooling_ends_at INTEGER,
        transition_at INTEGER,
        unclaimed_rewards INTEGER NOT NULL CHECK (unclaimed_rewards >= 0),
        lifetime_rewards INTEGER NOT NULL CHECK (lifetime_rewards >= 0),
        offer_id TEXT REFERENCES offers(offer_id),
        CHECK (role = 'co_staker' OR state <> 'waiting'),
        CHECK ((role = 'co_staker') = (offer_id IS NOT NULL))
    ) WITHOUT ROWID;
    CREATE INDEX positions_by_device ON positions(device_id, state);
    CREATE INDEX positions_by_staker ON positions(staker, role, state);
    CREATE INDEX positions_with_rewards ON positions(staker) WHERE unclaimed_rewards > 0;
    CREATE INDEX positions_by_transition ON positions(transition_at) WHERE transition_at IS NOT NULL;
    CREATE UNIQUE INDEX positions_one_owner_active ON positions(device_id) WHERE role = 'owner' AND state = 'active';
    CREATE UNIQUE INDEX positions_one_active_co_staker ON positions(device_id)
        WHERE role = 'co_staker' AND state = 'active';

    CREATE TABLE slashes (
        slash_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices(device_id),
        principal_bps INTEGER NOT NULL CHECK (principal_bps BETWEEN 0 AND 10000),
        rewards_bps INTEGER NOT NULL CHECK (rewards_bps BETWEEN 0 AND 10000),
        reason TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending','appealed','upheld','overturned','burned')),
        created_at INTEGER NOT NULL,
        appeal_deadline INTEGER NOT NULL,
        escrowed INTEGER NOT NULL CHECK (escrowed >= 0),
        appealed_at INTEGER,
        resolved_at INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX slashes_by_device ON slashes(device_id);

    CREATE TABLE transactions (
        signature TEXT PRIMARY KEY,
        signer TEXT NOT NULL,
        nonce TEXT NOT NULL,
        type TEXT NOT NULL,
        message TEXT NOT NULL,
        response TEXT NOT NULL,
        at INTEGER NOT NULL,
        UNIQUE (signer, nonce)
    ) WITHOUT ROWID;

    CREATE TABLE journal (
        seq INTEGER PRIMARY KEY CHECK (seq > 0),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        reference TEXT NOT NULL,
        prev_hash BLOB NOT NULL,
        hash BLOB NOT NULL
    );
    CREATE TABLE postings (
        seq INTEGER NOT NULL REFERENCES journal(seq),
        idx INTEGER NOT NULL,
        account TEXT NOT NULL,
        delta INTEGER NOT NULL CHECK (delta <> 0),
        PRIMARY KEY (seq, idx)
    ) WITHOUT ROWID;
    CREATE INDEX postings_by_account ON postings(account);
    CREATE TABLE journal_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash BLOB NOT NULL
    );
    CREATE TABLE system_balances (
        account TEXT PRIMARY KEY,
        balance INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
    CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
    CREATE TRIGGER transactions_no_update BEFORE UPDATE ON transactions BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
    CREATE TRIGGER transactions_no_delete BEFORE DELETE ON transactions BEGIN SELECT RAISE(ABORT, 'transactions are append-only'); END;
    """

    static let v2 = """
    CREATE TABLE network_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE device_telemetry (
        device_id TEXT PRIMARY KEY REFERENCES devices(device_id),
        first_report_at INTEGER NOT NULL,
        last_report_at INTEGER NOT NULL CHECK (last_report_at >= first_report_at),
        last_status TEXT NOT NULL CHECK (last_status IN ('up','down')),
        up_since INTEGER,
        last_pow_at INTEGER,
        reliability INTEGER CHECK (reliability BETWEEN 0 AND 100),
        reward_week INTEGER NOT NULL CHECK (reward_week >= 0)
    ) WITHOUT ROWID;

    CREATE TABLE device_hours (
        device_id TEXT NOT NULL REFERENCES devices(device_id),
        hour INTEGER NOT NULL,
        up_reported INTEGER NOT NULL,
        down_reported INTEGER NOT NULL,
        pow_ok INTEGER NOT NULL,
        hired INTEGER NOT NULL,
        disconnects INTEGER NOT NULL CHECK (disconnects >= 0),
        PRIMARY KEY (device_id, hour)
    ) WITHOUT ROWID;
    CREATE INDEX device_hours_by_hour ON device_hours(hour);

    CREATE TABLE blocks (
        height INTEGER PRIMARY KEY CHECK (height >= 0),
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        emission INTEGER NOT NULL CHECK (emission >= 0),
        paid_enterprise INTEGER NOT NULL CHECK (paid_enterprise >= 0),
        paid_community INTEGER NOT NULL CHECK (paid_community >= 0),
        carry_enterprise INTEGER NOT NULL CHECK (carry_enterprise >= 0),
        carry_community INTEGER NOT NULL CHECK (carry_community >= 0),
        eligible_devices INTEGER NOT NULL CHECK (eligible_devices >= 0),
        score_enterprise INTEGER NOT NULL CHECK (score_enterprise >= 0),
        score_community INTEGER NOT NULL CHECK (score_community >= 0),
        closed_at INTEGER NOT NULL
    );

    CREATE TABLE device_blocks (
        height INTEGER NOT NULL REFERENCES blocks(height),
        device_id TEXT NOT NULL REFERENCES devices(device_id),
        end_at INTEGER NOT NULL,
        owner TEXT NOT NULL,
        owner_reward INTEGER NOT NULL CHECK (owner_reward >= 0),
        co_staker TEXT,
        co_staker_reward INTEGER NOT NULL CHECK (co_staker_reward >= 0),
        sufficient INTEGER NOT NULL,
        eligible INTEGER NOT NULL,
        reliability INTEGER,
        PRIMARY KEY (device_id, height)
    ) WITHOUT ROWID;
    CREATE INDEX device_blocks_by_height ON device_blocks(height);
    CREATE INDEX device_blocks_by_owner ON device_blocks(owner, end_at);
    CREATE INDEX device_blocks_by_co_staker ON device_blocks(co_staker, end_at) WHERE co_staker IS NOT NULL;

    CREATE TABLE slash_items (
        slash_id TEXT NOT NULL REFERENCES slashes(slash_id),
        position_id TEXT NOT NULL REFERENCES positions(position_id),
        staker TEXT NOT NULL,
        principal INTEGER NOT NULL CHECK (principal >= 0),
        rewards INTEGER NOT NULL CHECK (rewards >= 0),
        PRIMARY KEY (slash_id, position_id)
    ) WITHOUT ROWID;
    CREATE INDEX slashes_by_state ON slashes(state, appeal_deadline);

    CREATE TRIGGER blocks_no_update BEFORE UPDATE ON blocks BEGIN SELECT RAISE(ABORT, 'blocks are append-only'); END;
    CREATE TRIGGER blocks_no_delete BEFORE DELETE ON blocks BEGIN SELECT RAISE(ABORT, 'blocks are append-only'); END;
    """
}
