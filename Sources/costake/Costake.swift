import ArgumentParser
import CostakeApp
import Foundation

/// The `costake` command.
@main
struct Costake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costake",
        abstract: "The system of record for a compute network's co-staking marketplace.",
        discussion: """
        Client commands talk to --server (env COSTAKE_SERVER; default http://127.0.0.1:8080), sign \
        with --keypair (env COSTAKE_KEYPAIR; default ~/.config/costake/id.json) and print tables, or the API's JSON with --json.

        Exit codes: 0 done; 1 the API refused (its error code and message are printed); 2 usage \
        (bad flags or values); 3 the server is unreachable or failed (network errors are retried \
        first, signed transactions with the same signed message); 4 a local file (key file, \
        telemetry file); 5 declined at a confirmation prompt (nothing was sent).

        Shell completion: costake --generate-completion-script bash|zsh|fish.
        """,
        subcommands: [
            Serve.self, Migrate.self, Ledger.self,
            Wallet.self, Faucet.self,
            Stake.self, Unstake.self, Withdraw.self, OfferCommand.self, CoStake.self, Rewards.self, SlashCommand.self,
            Offers.self, DeviceCommand.self, AccountCommand.self, Positions.self, Blocks.self, Stats.self,
            Operator.self, Bench.self,
        ]
    )

    /// ArgumentParser's own entry point, except that usage errors exit 2 (the documented code)
    /// rather than 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Where the database is: `--database` or `COSTAKE_DATABASE`, default `costake.sqlite`.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "A SQLite file path or a postgres:// URL (env COSTAKE_DATABASE; default costake.sqlite).")
    var database: String?

    var location: String {
        database ?? ProcessInfo.processInfo.environment["COSTAKE_DATABASE"] ?? "costake.sqlite"
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply the database migrations that have not run yet.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        print(try await LedgerCommands.migrate(database: database.location))
    }
}

struct Ledger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit the ledger.", subcommands: [Verify.self, Export.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay the journal, recompute the hash chain and every balance, and compare with the store.",
            discussion: "Prints the totals when all agree (exit 0), or the first mismatch with its journal entry (exit 1)."
        )
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let (report, ok) = try await LedgerCommands.verify(database: database.location)
            print(report)
            if !ok { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the journal as JSON lines, oldest entry first.",
            discussion: "One entry per line: sequence, at, kind, reference, postings (account, delta in base units), previous_hash and hash (hex). scripts/verify-journal.py re-verifies a file independently of costake."
        )
        @OptionGroup var database: DatabaseOption
        @Option(help: "The file to write (default: standard output).") var output: String?

        func run() async throws {
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
                    throw ValidationError("cannot write \(output)")
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            var buffer = Data()
            let count = try await LedgerCommands.export(database: database.location) { line in
                buffer.append(contentsOf: Array(line.utf8) + [10])
                if buffer.count >= 1 << 20 { try handle.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
            }
            try handle.write(contentsOf: buffer)
            if output != nil { try handle.close() }
            FileHandle.standardError.write(Data("exported \(count) journal entries\n".utf8))
        }
    }
}
