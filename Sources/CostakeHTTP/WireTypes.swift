import CostakeCore
import CostakeStorage
import Hummingbird

/// The JSON shapes of the API (snake_case, amounts as decimal IO strings, times RFC 3339).
/// Domain types carry no wire shapes; these are built from them.
public enum Wire {
    public struct Token: Codable, Sendable { public var symbol = "IO"; public var decimals = 8 }

    public struct Status: ResponseEncodable, Codable, Sendable {
        public let network: String
        public let now: String
        @NullEncoded public var last_block: Int64?
        public let next_block_at: String
        public let block_interval: Int64
        public let genesis: String
        public let token: Token
        public let clock: String
    }

    public struct Model: Codable, Sendable {
        public let name: String
        public let multiplier: String
        @NullEncoded public var pool: String?
        public let requirement_per_processor: String
        public let earns: Bool
    }

    public struct Models: ResponseEncodable, Codable, Sendable { public let models: [Model] }

    public struct OfferBody: ResponseEncodable, Codable, Sendable {
        public let offer_id: String
        public let device_id: String
        public let model: String
        public let processors: Int
        public let requirement: String
        public let requested_amount: String
        public let reward_share_bps: Int
        public let status: String
        @NullEncoded public var closed_reason: String?
        @NullEncoded public var reliability: Int?
        public let estimated_reward_per_block: String
        public let estimated_reward_per_week: String
        public let estimated_apr_bps: Int64
        public let slash_count: Int
        public let created_at: String
        public let link: String
    }

    public struct Offers: ResponseEncodable, Codable, Sendable {
        public let offers: [OfferBody]
        @NullEncoded public var next_cursor: String?
    }

    public struct PositionBody: Codable, Sendable {
        public let position_id: String
        public let device_id: String
        public let staker: String
        public let role: String
        public let amount: String
        public let state: String
        public let created_at: String
        @NullEncoded public var waiting_ends_at: String?
        @NullEncoded public var cooling_ends_at: String?
        public let unclaimed_rewards: String
        public let lifetime_rewards: String

        init(_ p: Position, now: Timestamp) {
            var position = p
            position.advance(to: now)
            position_id = p.id.description
            device_id = p.deviceID.description
            staker = p.staker.text
            role = p.role.rawValue
            amount = p.amount.wireForm
            state = position.state.rawValue
            created_at = p.createdAt.rfc3339
            waiting_ends_at = p.waitingEndsAt?.rfc3339
            cooling_ends_at = p.coolingEndsAt?.rfc3339
            unclaimed_rewards = p.unclaimedRewards.wireForm
            lifetime_rewards = p.lifetimeRewards.wireForm
        }
    }

    public struct Positions: ResponseEncodable, Codable, Sendable { public let positions: [PositionBody] }
    public struct Devices: ResponseEncodable, Codable, Sendable { public let devices: [DeviceBody] }

    public struct Account: ResponseEncodable, Codable, Sendable {
        public let address: String
        public let available: String
        public let staked: String
        public let waiting: String
        public let cooling: String
        public let withdrawable: String
        public let unclaimed_rewards: String
        public let lifetime_rewards: String
        public let claim_slots_used: Int
        public let claim_slots: Int
    }

    public struct SlashAmounts: Codable, Sendable { public let principal: String; public let rewards: String; public let total: String }

    public struct SlashBody: ResponseEncodable, Codable, Sendable {
        public let slash_id: String
        public let device_id: String
        public let principal_bps: Int
        public let rewards_bps: Int
        public let reason: String
        public let state: String
        /// What was taken into escrow: principal and unclaimed rewards, and their total.
        public let amounts: SlashAmounts
        public let created_at: String
        public let appeal_deadline: String
        @NullEncoded public var resolved_at: String?

        init(_ s: Slash, items: [SlashItem]) {
            slash_id = s.id.description
            device_id = s.deviceID.description
            principal_bps = s.principalShare.value
            rewards_bps = s.rewardsShare.value
            reason = s.reason
            state = s.state.rawValue
            let principal = items.reduce(Int64(0)) { $0 + $1.principal.baseUnits }
            let rewards = items.reduce(Int64(0)) { $0 + $1.rewards.baseUnits }
            // What was taken, which stays shown after the escrow is burned or returned.
            amounts = SlashAmounts(principal: Amount(baseUnits: principal).wireForm, rewards: Amount(baseUnits: rewards).wireForm,
                                   total: Amount(baseUnits: principal + rewards).wireForm)
            created_at = s.createdAt.rfc3339
            appeal_deadline = s.appealDeadline.rfc3339
            resolved_at = s.resolvedAt?.rfc3339
        }
    }

    public struct Check: Codable, Sendable { public let check: String; public let passed: Bool }

    public struct DeviceBody: ResponseEncodable, Codable, Sendable {
        public let device_id: String
        public let name: String
        public let owner: String
        public let model: String
        public let processors: Int
        public let status: String
        public let hired: Bool
        public let requirement: String
        public let counted_stake: String
        public let sufficient: Bool
        public let overflow: String
        @NullEncoded public var reliability: Int?
        @NullEncoded public var offer: OfferBody?
        public let positions: [PositionBody]
        public let slashes: [SlashBody]
        public let eligibility: [Check]
    }

    public struct BlockBody: ResponseEncodable, Codable, Sendable {
        public let height: Int64
        public let start: String
        public let end: String
        public let emission: String
        public let paid: String
        public let paid_enterprise: String
        public let paid_community: String
        public let carry: String
        public let eligible_devices: Int

        init(_ b: Block) {
            height = b.height
            start = b.start.rfc3339
            end = b.end.rfc3339
            emission = b.emission.wireForm
            paid = b.totalPaid.wireForm
            paid_enterprise = (b.paid[.enterprise] ?? .zero).wireForm
            paid_community = (b.paid[.community] ?? .zero).wireForm
            carry = b.totalCarry.wireForm
            eligible_devices = b.eligibleDevices
        }
    }

    public struct Blocks: ResponseEncodable, Codable, Sendable { public let blocks: [BlockBody] }

    public struct Stats: ResponseEncodable, Codable, Sendable {
        public let net_staked: String
        public let staked_in_cooling: String
        public let withdrawable: String
        public let devices: Int
        public let devices_with_full_stake: Int
        public let open_offers: Int
        public let active_co_stakes: Int
        public let co_staked: String
    }

    public struct TelemetryResult: ResponseEncodable, Codable, Sendable {
        public struct Rejection: Codable, Sendable { public let index: Int; public let device_id: String; public let reason: String }
        public let accepted: Int
        public let rejected: [Rejection]
    }

    public struct Clock: ResponseEncodable, Codable, Sendable {
        public let now: String
        @NullEncoded public var last_block: Int64?
    }
}

/// Absent values are written as `null`, never left out: clients read `last_block: null`,
/// `offer: null`, `reliability: null`.
@propertyWrapper
public struct NullEncoded<Value: Codable & Sendable>: Codable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
