import ArgumentParser
import CostakeClient
import Foundation

/// `costake stake DEVICE AMOUNT`.
struct Stake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stake IO on your device (owner only).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "The device id.") var device: String
    @Argument(help: "Decimal IO, e.g. 1200 or 25.5.") var amount: String

    func run() async throws {
        try await perform(options) { try await UserCommands.stake(device: device, amount: amount, context: options.context()) }
    }
}

/// `costake unstake POSITION [--amount A]`.
struct Unstake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Unstake a position.",
        discussion: "A co-staker's whole position waits 7 days (no rewards), then cools 14 days. An owner's --amount up to the device's overflow returns at once; otherwise the whole owner position cools 14 days."
    )
    @OptionGroup var options: ClientOptions
    @Argument(help: "The position id.") var position: String
    @Option(help: "Owner only: the amount of overflow to take back at once.") var amount: String?

    func run() async throws {
        try await perform(options) { try await UserCommands.unstake(position: position, amount: amount, context: options.context()) }
    }
}

/// `costake withdraw POSITION`.
struct Withdraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Withdraw a withdrawable position to your available balance.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "The position id.") var position: String

    func run() async throws {
        try await perform(options) { try await UserCommands.withdraw(position: position, context: options.context()) }
    }
}

/// `costake co-stake OFFER [--yes]`.
struct CoStake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "co-stake",
        abstract: "Take a co-staking offer: shows its terms and asks before signing."
    )
    @OptionGroup var options: ClientOptions
    @Argument(help: "The offer id.") var offer: String
    @Flag(name: [.short, .long], help: "Do not ask: sign the offer's terms as they are.") var yes = false

    func run() async throws {
        let confirm: ((String) -> Bool)? = yes ? nil : { Self.ask($0) }
        try await perform(options) { try await UserCommands.coStake(offer: offer, context: options.context(), confirm: confirm) }
    }

    /// Shows the question on standard error and reads y/N from standard input.
    static func ask(_ question: String) -> Bool {
        FileHandle.standardError.write(Data(question.utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        // A terminal echoes the answer and its newline; a pipe does not.
        if isatty(STDIN_FILENO) == 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        return answer == "y" || answer == "yes"
    }
}

/// `costake offer create|retract|show`.
struct OfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer",
        abstract: "Create, retract or show a co-staking offer.",
        subcommands: [Create.self, Retract.self, ShowOffer.self]
    )

    /// `costake offer create DEVICE`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Offer part of your device's stake for a share of its rewards (owner only).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The device id.") var device: String
        @Option(help: "IO asked of the co-staker: more than 0, at most half the requirement.") var amount: String
        @Option(name: .customLong("reward-share-bps"), help: "The co-staker's share of the rewards in basis points, 500 to 10000 (7400 = 74%).")
        var rewardShareBps: Int

        func run() async throws {
            try await perform(options) {
                try await UserCommands.createOffer(device: device, amount: amount, rewardShareBps: rewardShareBps, context: options.context())
            }
        }
    }

    /// `costake offer retract OFFER`.
    struct Retract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retract an open offer (owner only).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The offer id.") var offer: String

        func run() async throws {
            try await perform(options) { try await UserCommands.retractOffer(offer, context: options.context()) }
        }
    }

    /// `costake offer show OFFER`.
    struct ShowOffer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an offer's terms, estimates and link.")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The offer id.") var offer: String

        func run() async throws {
            try await perform(options) { try await OfferCommands.offer(offer, context: options.context()) }
        }
    }
}

/// `costake slash appeal SLASH`.
struct SlashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "slash", abstract: "Appeal a slash of your device.", subcommands: [Appeal.self])

    /// `costake slash appeal SLASH`.
    struct Appeal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Appeal a pending slash within its 30-day window (device owner only).")
        @OptionGroup var options: ClientOptions
        @Argument(help: "The slash id.") var slash: String

        func run() async throws {
            try await perform(options) { try await UserCommands.appealSlash(slash, context: options.context()) }
        }
    }
}
