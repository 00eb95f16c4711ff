/// What one unit of work needs loaded from the store. The store loads exactly this; the rules
/// decide. Naming an offer, position or slash also loads its device's context.
public struct Scope: Sendable, Hashable {
    /// Accounts whose available balance may move.
    public var accounts: Set<Address> = []
    /// Devices whose whole context is loaded: the device, its non-withdrawn positions and its live offer.
    public var devices: Set<DeviceID> = []
    public var offers: Set<OfferID> = []
    public var positions: Set<PositionID> = []
    public var slashes: Set<SlashID> = []
    /// Stakers whose `active` and `waiting` co-staker positions are all loaded (claim cap).
    public var coStakesOf: Set<Address> = []
    /// Stakers whose positions with unclaimed rewards are all loaded.
    public var rewardsOf: Set<Address> = []
    /// The signer and nonce of a signed transaction, to find an earlier use of the nonce.
    public var nonce: NonceKey?
    /// Devices whose row and telemetry state are loaded (telemetry ingest), with the hour
    /// record of each one's last report.
    public var telemetryOf: Set<DeviceID> = []
    /// Hour records to load.
    public var hours: Set<HourKey> = []
    /// Slash items to load, with their slashes' positions (resolution).
    public var slashItemsOf: Set<SlashID> = []
    /// A block close: everything of every device, the carry and emission balances, the last
    /// closed height and the reliability inputs of the window ending at this block.
    public var blockClose: BlockCloseScope?

    public init() {}
}

/// A signer's nonce: unique per signer.
public struct NonceKey: Sendable, Hashable {
    public let signer: Address
    public let nonce: String

    public init(signer: Address, nonce: String) {
        self.signer = signer
        self.nonce = nonce
    }
}

/// A signed transaction that was approved, with the exact response it was answered with.
public struct ApprovedTransaction: Sendable, Hashable {
    public let signature: String
    public let signer: Address
    public let nonce: String
    public let type: String
    /// The signed message text, byte for byte.
    public let message: String
    /// The response body sent, returned again unchanged on replay.
    public let response: String
    public let at: Timestamp

    public init(signature: String, signer: Address, nonce: String, type: String, message: String,
                response: String, at: Timestamp) {
        self.signature = signature
        self.signer = signer
        self.nonce = nonce
        self.type = type
        self.message = message
        self.response = response
        self.at = at
    }
}

/// What a block close needs besides the whole network.
public struct BlockCloseScope: Sendable, Hashable {
    public let height: Int64
    public let schedule: BlockSchedule

    public init(height: Int64, schedule: BlockSchedule) {
        self.height = height
        self.schedule = schedule
    }

    public var end: Timestamp { schedule.end(of: height) }
    /// The reliability window: the 168 clock hours before the block's end.
    public var hourWindow: Range<Int64> {
        ReliabilityScore.windowStartHour(blockEnd: end)..<HourRecord.hour(of: end)
    }
    /// The height whose rewards leave the 7-day window when this block closes.
    public var expiringHeight: Int64 { height - schedule.blocks(in: 7 * 86_400) }

    /// How many blocks a device's run may cover: a run as long as both windows (the 7 days of
    /// rewards, the compliance window) ends and a new one starts, so that the runs a close
    /// reads all start within twice that reach of its height, however long the history.
    public var runReach: Int64 { max(1, height - min(complianceHeights.lowerBound, expiringHeight)) }

    /// The lowest height a run a close reads can start at (see `runReach`).
    public var runsFrom: Int64 { min(complianceHeights.lowerBound, expiringHeight) - runReach + 1 }

    /// Earlier heights in the compliance window (blocks ending within 168 hours of this end).
    public var complianceHeights: ClosedRange<Int64> {
        let count = max(1, ReliabilityScore.windowHours * 3_600 / schedule.interval)
        return max(0, height - count + 1)...height
    }
}

/// What a block close reads per device for its reliability score besides the telemetry row.
public struct ReliabilityInputs: Sendable, Hashable {
    /// The device's hour records that leave what its window sums count (`DeviceTelemetry.windowSums`):
    /// from the last close's window start up to this close's.
    public var leaving = HourSums()
    /// Its hour records from the hour the block ends in on: counted in its window sums, but not
    /// in this block's window.
    public var later = HourSums()
    /// Earlier blocks of the compliance window in which the device was sufficient, and how many.
    public var sufficientBlocks = 0
    public var blocks = 0

    public init(leaving: HourSums = HourSums(), later: HourSums = HourSums(), sufficientBlocks: Int = 0, blocks: Int = 0) {
        self.leaving = leaving
        self.later = later
        self.sufficientBlocks = sufficientBlocks
        self.blocks = blocks
    }
}

/// What the store loaded for a scope.
public struct Snapshot: Sendable {
    public var accounts: [Address: Account] = [:]
    public var devices: [DeviceID: Device] = [:]
    public var positions: [PositionID: Position] = [:]
    public var offers: [OfferID: Offer] = [:]
    public var slashes: [SlashID: Slash] = [:]
    /// System ledger balances (deposits, emission, carry, burned) the work may need.
    public var systemBalances: [LedgerAccount: Int64] = [:]
    /// The approved transaction that already used the scope's nonce, if any.
    public var priorUse: ApprovedTransaction?
    public var telemetry: [DeviceID: DeviceTelemetry] = [:]
    public var hours: [HourKey: HourRecord] = [:]
    public var slashItems: [SlashID: [SlashItem]] = [:]
    /// The last closed height (nil before the first).
    public var lastClosedHeight: Int64?
    /// For telemetry and a block close: the end of the last closed block (nil before the first),
    /// whose reliability window starts the hours `DeviceTelemetry.windowSums` count.
    public var lastClosedEnd: Timestamp?
    /// Every unit of work but a block close: what each loaded `active` position earned after its
    /// `rewardsThrough` through `lastClosedHeight` (`RewardAccrual.pending`), zero included.
    public var pendingRewards: [PositionID: Amount] = [:]
    /// For a block close: the hour records that move each device's window sums, and its
    /// compliance counts.
    public var reliabilityInputs: [DeviceID: ReliabilityInputs] = [:]
    /// For a block close: each device's reward in the block that leaves the 7-day window.
    public var expiringRewards: [DeviceID: Amount] = [:]
    /// For a block close: each device's current run.
    public var openRuns: [DeviceID: DeviceRun] = [:]
    /// The scope it was loaded for, so that the rules can check they see everything they count.
    public var scope: Scope

    public init(scope: Scope) { self.scope = scope }

    /// Sizes the dictionaries a block close fills for about this many rows.
    public mutating func reserve(devices: Int, positions: Int, offers: Int) {
        self.devices.reserveCapacity(devices)
        telemetry.reserveCapacity(devices)
        reliabilityInputs.reserveCapacity(devices)
        self.positions.reserveCapacity(positions)
        self.offers.reserveCapacity(offers)
    }
}
