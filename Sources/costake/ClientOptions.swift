import ArgumentParser
import CostakeClient
import Foundation

/// The options of every client command: the server, `--json` and the key file.
struct ClientOptions: ParsableArguments {
    @Option(help: "The API server (env COSTAKE_SERVER; default http://127.0.0.1:8080).")
    var server: String?

    @Flag(help: "Print the API's JSON (stable shapes, for scripts) instead of tables.")
    var json = false

    @Option(help: ArgumentHelp("The key file, Solana CLI format (env COSTAKE_KEYPAIR; default ~/.config/costake/id.json).", valueName: "path"))
    var keypair: String?

    var serverURL: String { server ?? ProcessInfo.processInfo.environment["COSTAKE_SERVER"] ?? "http://127.0.0.1:8080" }
    var keypairPath: String { (keypair ?? ProcessInfo.processInfo.environment["COSTAKE_KEYPAIR"]).map(KeyFile.expand) ?? KeyFile.defaultPath }

    /// The context the library functions take; `operatorToken` for the operator commands.
    func context(operatorToken: String? = nil) -> ClientContext {
        ClientContext(api: APIClient(server: serverURL, operatorToken: operatorToken), json: json, keypairPath: keypairPath)
    }
}

/// `--operator-token` (or COSTAKE_OPERATOR_TOKEN): the bearer token of the operator API.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("operator-token"), help: "The operator API's bearer token (env COSTAKE_OPERATOR_TOKEN).")
    var operatorToken: String?

    var token: String? { operatorToken ?? ProcessInfo.processInfo.environment["COSTAKE_OPERATOR_TOKEN"] }
}

/// Prints what a library function returns; a `ClientError` prints its message on standard
/// error and exits with its code. With `--json`, standard output gets an error envelope too:
/// the API's, or one of the same shape whose code names the local failure.
func perform(_ options: ClientOptions, _ body: () async throws -> String) async throws {
    do {
        print(try await body())
    } catch let error as ClientError {
        if options.json { print(error.jsonBody) }
        printError(error.description)
        throw ExitCode(error.exitCode)
    }
}

/// A line on standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
