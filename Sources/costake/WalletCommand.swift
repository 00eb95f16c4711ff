import ArgumentParser
import CostakeClient

/// `costake wallet new|show|address`: key files in the Solana CLI format.
struct Wallet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create and read key files (the Solana CLI format: a JSON array of 64 bytes).",
        subcommands: [New.self, Show.self, Address.self]
    )

    /// `costake wallet new`.
    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new random key (mode 0600; the directory 0700).")
        @OptionGroup var options: ClientOptions
        @Flag(help: "Replace an existing key file (its key is lost unless saved elsewhere).") var force = false

        func run() async throws {
            try await perform(options) { try WalletCommands.new(path: options.keypairPath, force: force, json: options.json) }
        }
    }

    /// `costake wallet show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the key file's address and path.")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await perform(options) { try WalletCommands.show(path: options.keypairPath, json: options.json) }
        }
    }

    /// `costake wallet address`.
    struct Address: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print only the key file's address.")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await perform(options) { try WalletCommands.address(path: options.keypairPath, json: options.json) }
        }
    }
}

/// `costake faucet`: demo IO (servers run with --demo).
struct Faucet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask the demo faucet for 10,000 IO (once an hour; only on `serve --demo`).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "The account (default: the key file's).") var address: String?

    func run() async throws {
        try await perform(options) { try await AccountCommands.faucet(address, context: options.context()) }
    }
}
