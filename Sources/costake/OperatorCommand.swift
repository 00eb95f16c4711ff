import ArgumentParser
import CostakeClient
import Foundation

/// `costake operator …`: the back office, with the operator's bearer token.
struct Operator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Operator commands (need --operator-token or COSTAKE_OPERATOR_TOKEN).",
        subcommands: [DeviceGroup.self, Deposit.self, Telemetry.self, Slash.self, Resolve.self, Clock.self]
    )

    /// `costake operator device add|set`.
    struct DeviceGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "device", abstract: "Register or update devices.", subcommands: [Add.self, Set.self])
    }

    /// `costake operator device add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a device.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var operatorOptions: OperatorOptions
        @Option(help: "The owner's address.") var owner: String
        @Option(help: "A model of the model table, e.g. \"RTX 4090\".") var model: String
        @Option(help: "Processor count, 1 to 64.") var processors: Int
        @Option(help: "A name (default \"<model> rig\").") var name: String?
        @Option(help: "The device id (default: a new UUID).") var id: String?
        @Option(help: "up, down (default), paused, blocked, terminated or unsupported.") var status: String?
        @Flag(help: "Rented in a cluster.") var hired = false

        func run() async throws {
            var device = DeviceRegistration(owner: owner, model: model, processors: processors)
            device.device_id = id
            device.name = name
            device.status = status
            device.hired = hired
            try await perform(options) { try await OperatorCommands.addDevice(device, context: options.context(operatorToken: operatorOptions.token)) }
        }
    }

    /// `costake operator device set DEVICE`.
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a device's status or hired flag.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var operatorOptions: OperatorOptions
        @Argument(help: "The device id.") var device: String
        @Option(help: "up, down, paused, blocked, terminated or unsupported.") var status: String?
        @Option(help: "true or false.") var hired: Bool?

        func run() async throws {
            try await perform(options) {
                try await OperatorCommands.setDevice(device, status: status, hired: hired, context: options.context(operatorToken: operatorOptions.token))
            }
        }
    }

    /// `costake operator deposit ADDRESS AMOUNT`.
    struct Deposit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Credit IO to an account (tokens entering the system).")
        @OptionGroup var options: ClientOptions
        @OptionGroup var operatorOptions: OperatorOptions
        @Argument(help: "The account's address.") var address: String
        @Argument(help: "Decimal IO.") var amount: String
        @Option(help: "A reference kept with the deposit.") var reference: String?

        func run() async throws {
            try await perform(options) {
                try await OperatorCommands.deposit(amount, to: address, reference: reference, context: options.context(operatorToken: operatorOptions.token))
            }
        }
    }

    /// `costake operator telemetry import`.
    struct Telemetry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Telemetry.", subcommands: [Import.self])

        /// `costake operator telemetry import FILE`.
        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Send telemetry events from a file in batches, with a progress bar on standard error.",
                discussion: "JSON lines ({\"device_id\", \"at\", \"status\": \"up\"|\"down\", \"pow_ok\"?, \"hired\"?} per line) or CSV with a header naming device_id, at, status and optionally pow_ok, hired."
            )
            @OptionGroup var options: ClientOptions
            @OptionGroup var operatorOptions: OperatorOptions
            @Argument(help: "The file.") var file: String
            @Option(name: .customLong("batch-size"), help: "Events per request (default 500).") var batchSize = 500

            func run() async throws {
                try await perform(options) {
                    let events = try TelemetryImport.events(in: file)
                    let summary = try await TelemetryImport.send(events, batchSize: batchSize, context: options.context(operatorToken: operatorOptions.token)) {
                        FileHandle.standardError.write(Data(("\r" + TelemetryImport.bar($0, $1)).utf8))
                    }
                    FileHandle.standardError.write(Data("\n".utf8))
                    return summary
                }
            }
        }
    }

    /// `costake operator slash DEVICE`.
    struct Slash: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Slash a device: the same fractions of every staked position go to a pending escrow.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var operatorOptions: OperatorOptions
        @Argument(help: "The device id.") var device: String
        @Option(name: .customLong("principal-bps"), help: "Share of principal taken, 0 to 10000 basis points.") var principalBps: Int
        @Option(name: .customLong("rewards-bps"), help: "Share of unclaimed rewards taken, 0 to 10000 basis points.") var rewardsBps: Int
        @Option(help: "Why (shown on the device page).") var reason: String

        func run() async throws {
            try await perform(options) {
                try await OperatorCommands.slash(device: device, principalBps: principalBps, rewardsBps: rewardsBps, reason: reason,
                                                 context: options.context(operatorToken: operatorOptions.token))
            }
        }
    }

    /// `costake operator resolve SLASH upheld|overturned`.
    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rule on a slash: upheld burns it, overturned returns it.")
        @OptionGroup var options: ClientOptions
        @OptionGroup var operatorOptions: OperatorOptions
        @Argument(help: "The slash id.") var slash: String
        @Argument(help: "upheld or overturned.") var outcome: String

        func run() async throws {
            try await perform(options) { try await OperatorCommands.resolve(slash, outcome: outcome, context: options.context(operatorToken: operatorOptions.token)) }
        }
    }

    /// `costake operator clock advance`.
    struct Clock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The manual clock (servers run with --clock manual).", subcommands: [Advance.self])

        /// `costake operator clock advance DURATION`.
        struct Advance: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Move time forward; every block that falls due closes.")
            @OptionGroup var options: ClientOptions
            @OptionGroup var operatorOptions: OperatorOptions
            @Argument(help: "Seconds, or a number with s, m, h or d (7200, 90m, 2h, 7d).") var duration: String

            func run() async throws {
                try await perform(options) { try await OperatorCommands.advanceClock(duration, context: options.context(operatorToken: operatorOptions.token)) }
            }
        }
    }
}
