import ArgumentParser
import CostakeApp
import Foundation

/// The `costake` command.
@main
struct Costake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costake",
        abstract: "The system of record for a compute network's co-staking marketplace.",
        subcommands: [Serve.self, Migrate.self, Ledger.self]
    )
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
    static let configuration = CommandConfiguration(abstract: "Audit the ledger.", subcommands: [Verify.self])

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
}
