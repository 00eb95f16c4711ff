import CostakeCore
import Logging
import PostgresNIO

/// The numbered migrations of the PostgreSQL store: the same three as the SQLite store, with the
/// same tables, constraints, partial unique indexes and append-only guards. Append-only: a
/// migration that has shipped is never edited; a change to the schema is a new number.
///
/// Amounts and times are BIGINT, ids and addresses TEXT in the "C" collation (byte order, as
/// SQLite compares text, so that every `ORDER BY` and keyset cursor agrees with the SQLite
/// store), flags BOOLEAN, hashes BYTEA. Each migration is a list of single statements because
/// the extended query protocol takes one statement at a time.
enum PostgresSchema {
    static let migrations: [(name: String, statements: [String])] = [
        ("0001_ledger_and_staking", v1),
        ("0002_blocks_telemetry_slashing", v2),
        // When the demo faucet last paid an account (once per account per hour).
        ("0003_faucet", ["ALTER TABLE accounts ADD COLUMN faucet_at BIGINT"]),
        ("0004_reward_basis", ["ALTER TABLE devices ADD COLUMN reward_basis BIGINT NOT NULL DEFAULT 0 CHECK (reward_basis >= 0)"]),
        ("0005_offer_market", v5),
        // A block close inserts a row per device; these two indexes took a random insert each
        // (by owner, by co-staker). An account's history is now read through its devices.
        ("0006_device_blocks_by_device_only", ["DROP INDEX device_blocks_by_owner", "DROP INDEX device_blocks_by_co_staker"]),
        // Counts the units of work that changed what a marketplace page shows.
        ("0007_listings_version", [
            "CREATE TABLE listings_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
            "INSERT INTO listings_version (id, version) VALUES (1, 0)",
        ]),
        // Counts the group commits of every process: a process that finds a turn it did not
        // expect knows another wrote since its last commit (see `PostgresGroupCommit`).
        ("0008_writer_turn", [
            "CREATE TABLE writer_turn (id INTEGER PRIMARY KEY CHECK (id = 1), turn BIGINT NOT NULL)",
            "INSERT INTO writer_turn (id, turn) VALUES (1, 0)",
        ]),
        // A device's per-block history as runs (issue 8), as in the SQLite store (migration
        // 0008 there): a row when a device's outcome changes shape, rewards derived from the
        // block's shared amount and eligible score; the per-block rows recorded before are kept
        // as one-block runs with their amounts.
        ("0009_device_runs", [
            "ALTER TABLE blocks ADD COLUMN shared_enterprise BIGINT CHECK (shared_enterprise >= 0)",
            "ALTER TABLE blocks ADD COLUMN shared_community BIGINT CHECK (shared_community >= 0)",
            """
            CREATE TABLE device_runs (
                device_id TEXT COLLATE "C" NOT NULL REFERENCES devices(device_id),
                from_height BIGINT NOT NULL REFERENCES blocks(height),
                owner TEXT COLLATE "C" NOT NULL,
                owner_paid BOOLEAN NOT NULL,
                co_staker TEXT COLLATE "C",
                share_bps INTEGER NOT NULL CHECK (share_bps BETWEEN 0 AND 10000),
                sufficient BOOLEAN NOT NULL,
                eligible BOOLEAN NOT NULL,
                reliability INTEGER,
                pool TEXT CHECK (pool IN ('enterprise', 'community')),
                score BIGINT NOT NULL CHECK (score >= 0),
                owner_reward BIGINT CHECK (owner_reward >= 0),
                co_staker_reward BIGINT CHECK (co_staker_reward >= 0),
                CHECK ((owner_reward IS NULL) = (co_staker_reward IS NULL)),
                PRIMARY KEY (device_id, from_height)
            )
            """,
            "CREATE INDEX device_runs_by_height ON device_runs(from_height)",
            """
            INSERT INTO device_runs (device_id, from_height, owner, owner_paid, co_staker, share_bps, sufficient, eligible,
                                     reliability, pool, score, owner_reward, co_staker_reward)
                SELECT device_id, height, owner, owner_reward > 0, co_staker, 0, sufficient, eligible, reliability, NULL, 0,
                       owner_reward, co_staker_reward
                FROM device_blocks
            """,
            "DROP TABLE device_blocks",
        ] + appendOnly("device_runs", "device runs are append-only")),
        // A block close no longer credits every position (as SQLite's 0009): each records the
        // last block its rewards include; every position was credited through the last close.
        ("0010_rewards_through", [
            "ALTER TABLE positions ADD COLUMN rewards_through BIGINT NOT NULL DEFAULT -1 CHECK (rewards_through >= -1)",
            "UPDATE positions SET rewards_through = coalesce((SELECT max(height) FROM blocks), -1)",
        ]),
        // Each telemetry row keeps the sums of its device's hour records from the start of the
        // last closed block's reliability window on, as in the SQLite store (0010 there). The
        // sums are written out here, not taken from `hourSums`, so that the migration stays as
        // it shipped.
        ("0011_window_sums", [
            "ALTER TABLE device_telemetry ADD COLUMN window_up_hours INTEGER NOT NULL DEFAULT 0 CHECK (window_up_hours >= 0)",
            "ALTER TABLE device_telemetry ADD COLUMN window_pow_hours INTEGER NOT NULL DEFAULT 0 CHECK (window_pow_hours >= 0)",
            "ALTER TABLE device_telemetry ADD COLUMN window_disconnects INTEGER NOT NULL DEFAULT 0 CHECK (window_disconnects >= 0)",
            """
            UPDATE device_telemetry t SET window_up_hours = s.up_hours, window_pow_hours = s.pow_hours,
                window_disconnects = s.disconnects
            FROM (SELECT device_id,
                         count(*) FILTER (WHERE up_reported AND NOT down_reported AND disconnects = 0) AS up_hours,
                         count(*) FILTER (WHERE up_reported AND NOT down_reported AND disconnects = 0 AND (pow_ok OR hired)) AS pow_hours,
                         sum(disconnects) AS disconnects
                  FROM device_hours
                  WHERE hour >= coalesce((SELECT floor(end_at / 3600.0)::bigint - \(ReliabilityScore.windowHours)
                                          FROM blocks ORDER BY height DESC LIMIT 1), -9223372036854775808)
                  GROUP BY device_id) s
            WHERE s.device_id = t.device_id
            """,
        ]),
        // A block close refreshes the listings in one statement (`marketRefresh`): the row
        // triggers of R̄ and score skip their work while the close's transaction says so.
        ("0012_listings_refreshed_by_the_close", [
            "DROP TRIGGER offer_market_basis ON devices",
            "DROP TRIGGER offer_market_reliability_insert ON device_telemetry",
            "DROP TRIGGER offer_market_reliability ON device_telemetry",
        ] + refreshTriggers0012),
    ]

    /// Per device, what its hour records add to a reliability score (followed by a WHERE clause and
    /// `GROUP BY device_id`).
    static let hourSums = """
        SELECT device_id,
               count(*) FILTER (WHERE up_reported AND NOT down_reported AND disconnects = 0)::integer AS up_hours,
               count(*) FILTER (WHERE up_reported AND NOT down_reported AND disconnects = 0 AND (pow_ok OR hired))::integer AS pow_hours,
               sum(disconnects)::integer AS disconnects
        FROM device_hours
        """

    /// The marketplace's read model, as in the SQLite store (migration 0005 there): a row per
    /// offer with every filtered and sorted value (all BIGINT, so that a keyset cursor's row
    /// comparison uses the index without a cast), an index per sort (after the status, and
    /// after the status and model), kept by triggers in the transaction of every change, so
    /// that every server on the database reads the same pages.
    static let v5 = [
        """
        CREATE TABLE offer_market (
            offer_id TEXT COLLATE "C" PRIMARY KEY,
            device_id TEXT COLLATE "C" NOT NULL,
            status TEXT COLLATE "C" NOT NULL,
            model TEXT COLLATE "C" NOT NULL,
            requested_amount BIGINT NOT NULL,
            reward_share_bps BIGINT NOT NULL,
            reliability BIGINT NOT NULL,
            estimated BIGINT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        marketFill,
    ] + marketIndexes + marketFunctions + marketTriggers0005

    static let marketFill = """
        INSERT INTO offer_market
            SELECT o.offer_id, o.device_id, o.status, d.model, o.requested_amount, o.reward_share_bps,
                   coalesce(t.reliability, -1), d.reward_basis * o.reward_share_bps, o.created_at
            FROM offers o JOIN devices d ON d.device_id = o.device_id LEFT JOIN device_telemetry t ON t.device_id = o.device_id
        """

    static let marketSorts = ["reward_share_bps", "reliability", "requested_amount", "estimated", "created_at"]

    static let marketIndexes = marketSorts.flatMap { column in
        [
            "CREATE INDEX offer_market_by_\(column) ON offer_market(status, \(column), offer_id)",
            "CREATE INDEX offer_market_by_model_\(column) ON offer_market(status, model, \(column), offer_id)",
        ]
    } + ["CREATE INDEX offer_market_by_device ON offer_market(device_id)"]

    static let marketIndexNames = marketSorts.flatMap { ["offer_market_by_\($0)", "offer_market_by_model_\($0)"] } + ["offer_market_by_device"]

    static let marketFunctions = [
        """
        CREATE FUNCTION offer_market_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO offer_market
                SELECT NEW.offer_id, NEW.device_id, NEW.status, d.model, NEW.requested_amount, NEW.reward_share_bps,
                       coalesce((SELECT reliability FROM device_telemetry WHERE device_id = NEW.device_id), -1),
                       d.reward_basis * NEW.reward_share_bps, NEW.created_at
                FROM devices d WHERE d.device_id = NEW.device_id;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE FUNCTION offer_market_status() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE offer_market SET status = NEW.status WHERE offer_id = NEW.offer_id;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE FUNCTION offer_market_basis() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE offer_market SET estimated = NEW.reward_basis * reward_share_bps WHERE device_id = NEW.device_id;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE FUNCTION offer_market_reliability() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE offer_market SET reliability = coalesce(NEW.reliability, -1) WHERE device_id = NEW.device_id;
            RETURN NULL;
        END
        $$
        """,
    ]

    /// The listings' row triggers as migration 0005 created them.
    static let marketTriggers0005 = [
        "CREATE TRIGGER offer_market_insert AFTER INSERT ON offers FOR EACH ROW EXECUTE FUNCTION offer_market_insert()",
        """
        CREATE TRIGGER offer_market_status AFTER UPDATE OF status ON offers FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION offer_market_status()
        """,
        """
        CREATE TRIGGER offer_market_basis AFTER UPDATE OF reward_basis ON devices FOR EACH ROW
        WHEN (OLD.reward_basis IS DISTINCT FROM NEW.reward_basis) EXECUTE FUNCTION offer_market_basis()
        """,
        "CREATE TRIGGER offer_market_reliability_insert AFTER INSERT ON device_telemetry FOR EACH ROW EXECUTE FUNCTION offer_market_reliability()",
        """
        CREATE TRIGGER offer_market_reliability AFTER UPDATE OF reliability ON device_telemetry FOR EACH ROW
        WHEN (OLD.reliability IS DISTINCT FROM NEW.reliability) EXECUTE FUNCTION offer_market_reliability()
        """,
    ]

    /// The triggers of R̄ and score as migration 0012 created them: they do nothing in a
    /// transaction that has set `costake.refreshing` to `on` (a block close, which refreshes
    /// every listing in one statement before it sets it back; see `marketRefresh`). The setting
    /// is local to the transaction and undone with a savepoint rolled back.
    static let refreshTriggers0012 = [
        """
        CREATE TRIGGER offer_market_basis AFTER UPDATE OF reward_basis ON devices FOR EACH ROW
        WHEN (OLD.reward_basis IS DISTINCT FROM NEW.reward_basis
              AND current_setting('costake.refreshing', true) IS DISTINCT FROM 'on')
        EXECUTE FUNCTION offer_market_basis()
        """,
        """
        CREATE TRIGGER offer_market_reliability_insert AFTER INSERT ON device_telemetry FOR EACH ROW
        WHEN (current_setting('costake.refreshing', true) IS DISTINCT FROM 'on')
        EXECUTE FUNCTION offer_market_reliability()
        """,
        """
        CREATE TRIGGER offer_market_reliability AFTER UPDATE OF reliability ON device_telemetry FOR EACH ROW
        WHEN (OLD.reliability IS DISTINCT FROM NEW.reliability
              AND current_setting('costake.refreshing', true) IS DISTINCT FROM 'on')
        EXECUTE FUNCTION offer_market_reliability()
        """,
    ]

    /// The listings' row triggers today (what a bulk load drops and creates again).
    static let marketTriggers = Array(marketTriggers0005.prefix(2)) + refreshTriggers0012

    /// A block close's writes skip the triggers of R̄ and score (`refreshTriggers0012`)...
    static let beforeRefresh = "SELECT set_config('costake.refreshing', 'on', true)"

    /// ... and then every listing whose estimate or score differs from its device's is set in
    /// one statement, and the triggers work again for the rest of the transaction (other units
    /// of work of the same group). Row by row, the triggers took 36 s of a close at 100,000
    /// devices (20.7 s for R̄, 15.1 s for the scores; `psql`, BENCHMARKS.md).
    static let marketRefresh = [
        """
        UPDATE offer_market m SET estimated = d.reward_basis * m.reward_share_bps, reliability = coalesce(t.reliability, -1)
        FROM devices d LEFT JOIN device_telemetry t ON t.device_id = d.device_id
        WHERE d.device_id = m.device_id
          AND (m.estimated IS DISTINCT FROM d.reward_basis * m.reward_share_bps
               OR m.reliability IS DISTINCT FROM coalesce(t.reliability, -1))
        """,
        "SELECT set_config('costake.refreshing', 'off', true)",
    ]

    static let marketTriggerTables = [("offer_market_insert", "offers"), ("offer_market_status", "offers"),
                                      ("offer_market_basis", "devices"), ("offer_market_reliability_insert", "device_telemetry"),
                                      ("offer_market_reliability", "device_telemetry")]

    /// A constant key for `pg_advisory_xact_lock`, distinct from the writers' lock: two
    /// processes that migrate at once run one after the other.
    static let migrationLock: Int64 = 0x636F_7374_616B_6502

    static let v1 = [
        """
        CREATE TABLE accounts (
            address TEXT COLLATE "C" PRIMARY KEY,
            available BIGINT NOT NULL CHECK (available >= 0)
        )
        """,
        """
        CREATE TABLE devices (
            device_id TEXT COLLATE "C" PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL,
            owner TEXT COLLATE "C" NOT NULL,
            model TEXT COLLATE "C" NOT NULL,
            processors INTEGER NOT NULL CHECK (processors BETWEEN 1 AND 64),
            status TEXT COLLATE "C" NOT NULL CHECK (status IN ('up','down','paused','blocked','terminated','unsupported')),
            hired BOOLEAN NOT NULL,
            registered_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX devices_by_owner ON devices(owner)",
        """
        CREATE TABLE offers (
            offer_id TEXT COLLATE "C" PRIMARY KEY,
            device_id TEXT COLLATE "C" NOT NULL REFERENCES devices(device_id),
            requested_amount BIGINT NOT NULL CHECK (requested_amount > 0),
            reward_share_bps INTEGER NOT NULL CHECK (reward_share_bps BETWEEN 0 AND 10000),
            status TEXT COLLATE "C" NOT NULL CHECK (status IN ('open','active','closed')),
            closed_reason TEXT COLLATE "C" CHECK (closed_reason IN ('retracted','co_staker_left','owner_unstaked','device_terminated')),
            created_at BIGINT NOT NULL,
            taken_at BIGINT,
            closed_at BIGINT,
            position_id TEXT COLLATE "C",
            CHECK ((status = 'closed') = (closed_reason IS NOT NULL))
        )
        """,
        "CREATE INDEX offers_by_device ON offers(device_id, status)",
        "CREATE UNIQUE INDEX offers_one_live_per_device ON offers(device_id) WHERE status IN ('open','active')",
        """
        CREATE TABLE positions (
            position_id TEXT COLLATE "C" PRIMARY KEY,
            device_id TEXT COLLATE "C" NOT NULL REFERENCES devices(device_id),
            staker TEXT COLLATE "C" NOT NULL,
            role TEXT COLLATE "C" NOT NULL CHECK (role IN ('owner','co_staker')),
            amount BIGINT NOT NULL CHECK (amount >= 0),
            state TEXT COLLATE "C" NOT NULL CHECK (state IN ('active','waiting','cooling','withdrawable','withdrawn')),
            created_at BIGINT NOT NULL,
            waiting_ends_at BIGINT,
            cooling_ends_at BIGINT,
            transition_at BIGINT,
            unclaimed_rewards BIGINT NOT NULL CHECK (unclaimed_rewards >= 0),
            lifetime_rewards BIGINT NOT NULL CHECK (lifetime_rewards >= 0),
            offer_id TEXT COLLATE "C" REFERENCES offers(offer_id),
            CHECK (role = 'co_staker' OR state <> 'waiting'),
            CHECK ((role = 'co_staker') = (offer_id IS NOT NULL))
        )
        """,
        "CREATE INDEX positions_by_device ON positions(device_id, state)",
        "CREATE INDEX positions_by_staker ON positions(staker, role, state)",
        "CREATE INDEX positions_with_rewards ON positions(staker) WHERE unclaimed_rewards > 0",
        "CREATE INDEX positions_by_transition ON positions(transition_at) WHERE transition_at IS NOT NULL",
        "CREATE UNIQUE INDEX positions_one_owner_active ON positions(device_id) WHERE role = 'owner' AND state = 'active'",
        "CREATE UNIQUE INDEX positions_one_active_co_staker ON positions(device_id) WHERE role = 'co_staker' AND state = 'active'",
        """
        CREATE TABLE slashes (
            slash_id TEXT COLLATE "C" PRIMARY KEY,
            device_id TEXT COLLATE "C" NOT NULL REFERENCES devices(device_id),
            principal_bps INTEGER NOT NULL CHECK (principal_bps BETWEEN 0 AND 10000),
            rewards_bps INTEGER NOT NULL CHECK (rewards_bps BETWEEN 0 AND 10000),
            reason TEXT COLLATE "C" NOT NULL,
            state TEXT COLLATE "C" NOT NULL CHECK (state IN ('pending','appealed','upheld','overturned','burned')),
            created_at BIGINT NOT NULL,
            appeal_deadline BIGINT NOT NULL,
            escrowed BIGINT NOT NULL CHECK (escrowed >= 0),
            appealed_at BIGINT,
            resolved_at BIGINT
        )
        """,
        "CREATE INDEX slashes_by_device ON slashes(device_id)",
        """
        CREATE TABLE transactions (
            signature TEXT COLLATE "C" PRIMARY KEY,
            signer TEXT COLLATE "C" NOT NULL,
            nonce TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            message TEXT COLLATE "C" NOT NULL,
            response TEXT COLLATE "C" NOT NULL,
            at BIGINT NOT NULL,
            UNIQUE (signer, nonce)
        )
        """,
        """
        CREATE TABLE journal (
            seq BIGINT PRIMARY KEY CHECK (seq > 0),
            at BIGINT NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            reference TEXT COLLATE "C" NOT NULL,
            prev_hash BYTEA NOT NULL,
            hash BYTEA NOT NULL
        )
        """,
        """
        CREATE TABLE postings (
            seq BIGINT NOT NULL REFERENCES journal(seq),
            idx INTEGER NOT NULL,
            account TEXT COLLATE "C" NOT NULL,
            delta BIGINT NOT NULL CHECK (delta <> 0),
            PRIMARY KEY (seq, idx)
        )
        """,
        "CREATE INDEX postings_by_account ON postings(account)",
        """
        CREATE TABLE journal_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq BIGINT NOT NULL,
            hash BYTEA NOT NULL
        )
        """,
        """
        CREATE TABLE system_balances (
            account TEXT COLLATE "C" PRIMARY KEY,
            balance BIGINT NOT NULL
        )
        """,
        // One guard for every append-only table; its argument is the message. TRUNCATE, which
        // SQLite does not have, is refused too.
        """
        CREATE FUNCTION costake_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
        END
        $$
        """,
    ] + appendOnly("journal", "the journal is append-only")
        + appendOnly("postings", "postings are append-only")
        + appendOnly("transactions", "transactions are append-only")

    static let v2 = [
        """
        CREATE TABLE network_settings (
            key TEXT COLLATE "C" PRIMARY KEY,
            value TEXT COLLATE "C" NOT NULL
        )
        """,
        """
        CREATE TABLE device_telemetry (
            device_id TEXT COLLATE "C" PRIMARY KEY REFERENCES devices(device_id),
            first_report_at BIGINT NOT NULL,
            last_report_at BIGINT NOT NULL CHECK (last_report_at >= first_report_at),
            last_status TEXT COLLATE "C" NOT NULL CHECK (last_status IN ('up','down')),
            up_since BIGINT,
            last_pow_at BIGINT,
            reliability INTEGER CHECK (reliability BETWEEN 0 AND 100),
            reward_week BIGINT NOT NULL CHECK (reward_week >= 0)
        )
        """,
        """
        CREATE TABLE device_hours (
            device_id TEXT COLLATE "C" NOT NULL REFERENCES devices(device_id),
            hour BIGINT NOT NULL,
            up_reported BOOLEAN NOT NULL,
            down_reported BOOLEAN NOT NULL,
            pow_ok BOOLEAN NOT NULL,
            hired BOOLEAN NOT NULL,
            disconnects INTEGER NOT NULL CHECK (disconnects >= 0),
            PRIMARY KEY (device_id, hour)
        )
        """,
        "CREATE INDEX device_hours_by_hour ON device_hours(hour)",
        """
        CREATE TABLE blocks (
            height BIGINT PRIMARY KEY CHECK (height >= 0),
            start_at BIGINT NOT NULL,
            end_at BIGINT NOT NULL,
            emission BIGINT NOT NULL CHECK (emission >= 0),
            paid_enterprise BIGINT NOT NULL CHECK (paid_enterprise >= 0),
            paid_community BIGINT NOT NULL CHECK (paid_community >= 0),
            carry_enterprise BIGINT NOT NULL CHECK (carry_enterprise >= 0),
            carry_community BIGINT NOT NULL CHECK (carry_community >= 0),
            eligible_devices INTEGER NOT NULL CHECK (eligible_devices >= 0),
            score_enterprise BIGINT NOT NULL CHECK (score_enterprise >= 0),
            score_community BIGINT NOT NULL CHECK (score_community >= 0),
            closed_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE device_blocks (
            height BIGINT NOT NULL REFERENCES blocks(height),
            device_id TEXT COLLATE "C" NOT NULL REFERENCES devices(device_id),
            end_at BIGINT NOT NULL,
            owner TEXT COLLATE "C" NOT NULL,
            owner_reward BIGINT NOT NULL CHECK (owner_reward >= 0),
            co_staker TEXT COLLATE "C",
            co_staker_reward BIGINT NOT NULL CHECK (co_staker_reward >= 0),
            sufficient BOOLEAN NOT NULL,
            eligible BOOLEAN NOT NULL,
            reliability INTEGER,
            PRIMARY KEY (device_id, height)
        )
        """,
        "CREATE INDEX device_blocks_by_height ON device_blocks(height)",
        "CREATE INDEX device_blocks_by_owner ON device_blocks(owner, end_at)",
        "CREATE INDEX device_blocks_by_co_staker ON device_blocks(co_staker, end_at) WHERE co_staker IS NOT NULL",
        """
        CREATE TABLE slash_items (
            slash_id TEXT COLLATE "C" NOT NULL REFERENCES slashes(slash_id),
            position_id TEXT COLLATE "C" NOT NULL REFERENCES positions(position_id),
            staker TEXT COLLATE "C" NOT NULL,
            principal BIGINT NOT NULL CHECK (principal >= 0),
            rewards BIGINT NOT NULL CHECK (rewards >= 0),
            PRIMARY KEY (slash_id, position_id)
        )
        """,
        "CREATE INDEX slashes_by_state ON slashes(state, appeal_deadline)",
    ] + appendOnly("blocks", "blocks are append-only")

    /// The triggers that refuse UPDATE, DELETE and TRUNCATE on `table` with `message`.
    static func appendOnly(_ table: String, _ message: String) -> [String] {
        [
            """
            CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION costake_append_only('\(message)')
            """,
            """
            CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION costake_append_only('\(message)')
            """,
        ]
    }
}
