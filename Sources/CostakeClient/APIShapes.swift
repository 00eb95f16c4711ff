/// The API's JSON shapes as the client reads them (keys converted from snake_case). Amounts
/// stay decimal IO strings and times RFC 3339 strings, exactly as the API sends them.
public enum API {
    /// `GET /v1/status`: the network id and its clock.
    public struct Status: Decodable, Sendable {
        public let network: String
        public let now: String
        public let lastBlock: Int64?
        public let nextBlockAt: String
        public let blockInterval: Int64
        public let clock: String
    }

    /// A marketplace offer with its device, terms and estimates.
    public struct Offer: Decodable, Sendable {
        public let offerId: String
        public let deviceId: String
        public let model: String
        public let processors: Int
        public let requirement: String
        public let requestedAmount: String
        public let rewardShareBps: Int
        public let status: String
        public let closedReason: String?
        public let reliability: Int?
        public let estimatedRewardPerBlock: String
        public let estimatedRewardPerWeek: String
        public let estimatedAprBps: Int64
        public let slashCount: Int
        public let createdAt: String
        public let link: String
    }

    /// One page of `GET /v1/offers`.
    public struct Offers: Decodable, Sendable {
        public let offers: [Offer]
        public let nextCursor: String?
    }

    /// One account's stake on one device.
    public struct Position: Decodable, Sendable {
        public let positionId: String
        public let deviceId: String
        public let staker: String
        public let role: String
        public let amount: String
        public let state: String
        public let createdAt: String
        public let waitingEndsAt: String?
        public let coolingEndsAt: String?
        public let unclaimedRewards: String
        public let lifetimeRewards: String
    }

    /// `GET /v1/accounts/{address}/positions`.
    public struct Positions: Decodable, Sendable { public let positions: [Position] }

    /// `GET /v1/accounts/{address}`: balances and claim slots.
    public struct Account: Decodable, Sendable {
        public let address: String
        public let available: String
        public let staked: String
        public let waiting: String
        public let cooling: String
        public let withdrawable: String
        public let unclaimedRewards: String
        public let lifetimeRewards: String
        public let claimSlotsUsed: Int
        public let claimSlots: Int
    }

    /// What a slash took into escrow.
    public struct SlashAmounts: Decodable, Sendable { public let principal: String; public let rewards: String; public let total: String }

    /// A slash and its appeal window.
    public struct Slash: Decodable, Sendable {
        public let slashId: String
        public let deviceId: String
        public let principalBps: Int
        public let rewardsBps: Int
        public let reason: String
        public let state: String
        public let amounts: SlashAmounts
        public let appealDeadline: String
    }

    /// One line of a device's eligibility checklist.
    public struct Check: Decodable, Sendable { public let check: String; public let passed: Bool }

    /// `GET /v1/devices/{id}`: stake status, checklist, offer, positions, slashes.
    public struct Device: Decodable, Sendable {
        public let deviceId: String
        public let name: String
        public let owner: String
        public let model: String
        public let processors: Int
        public let status: String
        public let hired: Bool
        public let requirement: String
        public let countedStake: String
        public let sufficient: Bool
        public let overflow: String
        public let reliability: Int?
        public let offer: Offer?
        public let positions: [Position]
        public let slashes: [Slash]
        public let eligibility: [Check]
    }

    /// A closed block.
    public struct Block: Decodable, Sendable {
        public let height: Int64
        public let end: String
        public let emission: String
        public let paid: String
        public let carry: String
        public let eligibleDevices: Int
    }

    /// `GET /v1/blocks`.
    public struct Blocks: Decodable, Sendable { public let blocks: [Block] }

    /// `GET /v1/stats`.
    public struct Stats: Decodable, Sendable {
        public let netStaked: String
        public let stakedInCooling: String
        public let withdrawable: String
        public let devices: Int
        public let devicesWithFullStake: Int
        public let openOffers: Int
        public let activeCoStakes: Int
        public let coStaked: String
    }

    /// Rewards of one UTC day.
    public struct DayReward: Decodable, Sendable {
        public let day: String
        public let ownerReward: String
        public let coStakerReward: String
        public let total: String
        public let blocks: Int
    }

    /// `GET /v1/accounts/{address}/rewards`.
    public struct AccountRewards: Decodable, Sendable { public let address: String; public let days: [DayReward] }

    /// What a telemetry batch did: accepted events and rejections by index.
    public struct TelemetryResult: Decodable, Sendable {
        /// An event the server rejected, by its index in the batch.
        public struct Rejection: Decodable, Sendable { public let index: Int; public let deviceId: String; public let reason: String }
        public let accepted: Int
        public let rejected: [Rejection]
    }

    /// The manual clock after an advance.
    public struct Clock: Decodable, Sendable { public let now: String; public let lastBlock: Int64? }

    /// An approved transaction's answer (SPEC §9).
    public struct Receipt: Decodable, Sendable {
        public let signature: String
        public let type: String
        public let result: [String: String]
    }
}
