import ArgumentParser
import CostakeClient

/// `costake offers`: the marketplace with every filter and sort of the API.
struct Offers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List co-staking offers (the marketplace).")
    @OptionGroup var options: ClientOptions
    @Option(help: "Only this model, e.g. \"H100 80GB HBM3\".") var model: String?
    @Option(help: "Only this device's offers.") var device: String?
    @Option(name: .customLong("min-amount"), help: "Requested amount at least this (IO).") var minAmount: String?
    @Option(name: .customLong("max-amount"), help: "Requested amount at most this (IO).") var maxAmount: String?
    @Option(name: .customLong("min-reliability"), help: "Reliability score at least this (0-100).") var minReliability: Int?
    @Option(name: .customLong("min-reward-share-bps"), help: "Reward share at least this (basis points).") var minRewardShareBps: Int?
    @Option(help: "open (default), active or closed.") var status: String?
    @Option(help: "reward_share, reliability, amount or estimated_reward.") var sort: String?
    @Option(help: "asc or desc.") var order: String?
    @Option(help: "Offers per page, 1 to 200 (default 50).") var limit: Int?
    @Option(help: "The cursor printed under the previous page.") var cursor: String?

    func run() async throws {
        var filters = OfferFilters()
        filters.model = model
        filters.deviceID = device
        filters.minAmount = minAmount
        filters.maxAmount = maxAmount
        filters.minReliability = minReliability
        filters.minRewardShareBps = minRewardShareBps
        filters.status = status
        filters.sort = sort
        filters.order = order
        filters.limit = limit
        filters.cursor = cursor
        try await perform(options) { try await OfferCommands.offers(filters, context: options.context()) }
    }
}

/// `costake device show DEVICE`.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "device", abstract: "Show a device.", subcommands: [ShowDevice.self])

    /// `costake device show DEVICE`.
    struct ShowDevice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A device's stake, eligibility checklist, offer, positions and slashes.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The device id.") var device: String

        func run() async throws {
            try await perform(options) { try await OfferCommands.device(device, context: options.context()) }
        }
    }
}

/// `costake account [ADDRESS]`.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "account", abstract: "An account's balances (default: the key file's).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "The address (default: the key file's).") var address: String?

    func run() async throws {
        try await perform(options) { try await AccountCommands.account(address, context: options.context()) }
    }
}

/// `costake positions [ADDRESS]`.
struct Positions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "An account's positions, their states and countdowns.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "The address (default: the key file's).") var address: String?

    func run() async throws {
        try await perform(options) { try await AccountCommands.positions(address, context: options.context()) }
    }
}

/// `costake rewards [--from] [--to] [--csv]` and `costake rewards claim`.
struct Rewards: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Daily rewards of an account, or claim them.",
        subcommands: [History.self, Claim.self],
        defaultSubcommand: History.self
    )

    /// `costake rewards [list]` (the default).
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daily rewards (default: the last 30 days of the key file's account).")
        @OptionGroup var options: ClientOptions
        @Option(help: "The account (default: the key file's).") var account: String?
        @Option(help: "From this date (2026-11-01) or RFC 3339 time.") var from: String?
        @Option(help: "Up to this date or RFC 3339 time.") var to: String?
        @Flag(help: "Print the API's CSV.") var csv = false

        func run() async throws {
            try await perform(options) { try await AccountCommands.rewards(account, from: from, to: to, csv: csv, context: options.context()) }
        }
    }

    /// `costake rewards claim`.
    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move every unclaimed reward to your available balance.")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await perform(options) { try await UserCommands.claimRewards(context: options.context()) }
        }
    }
}

/// `costake blocks`.
struct Blocks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The latest closed blocks: emission, paid, carried, eligible devices.")
    @OptionGroup var options: ClientOptions
    @Option(help: "How many, 1 to 200 (default 50).") var limit: Int?
    @Option(help: "Only blocks below this height.") var before: Int64?

    func run() async throws {
        try await perform(options) { try await NetworkCommands.blocks(limit: limit, before: before, context: options.context()) }
    }
}

/// `costake stats`.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Network status and staking statistics.")
    @OptionGroup var options: ClientOptions

    func run() async throws {
        try await perform(options) { try await NetworkCommands.stats(context: options.context()) }
    }
}
