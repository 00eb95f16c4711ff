import ArgumentParser
import CostakeCore
import CostakeHTTP
import Foundation
import Hummingbird
import Logging

/// `costake serve`: the JSON API and block production.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JSON API and close blocks.",
        discussion: "Every flag can also be set with COSTAKE_<NAME> (for example COSTAKE_PORT, COSTAKE_OPERATOR_TOKEN)."
    )

    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port (default 8080; 0 picks a free port and the log says which).") var port: Int?
    @Option(help: "A SQLite file path or a postgres://user@host:port/db URL (default costake.sqlite).") var database: String?
    @Option(help: "Network id (default costake-local).") var network: String?
    @Option(name: .customLong("block-interval"), help: "Seconds per block (default 3600).") var blockInterval: Int64?
    @Option(help: "Genesis time, RFC 3339 (default: the first run's start, rounded down to the interval).") var genesis: String?
    @Option(name: .customLong("operator-token"), help: "Bearer token of the operator API (without one it answers 403 to every operator call).") var operatorToken: String?
    @Option(help: "system (default) or manual: time moves only through POST /v1/operator/clock.") var clock: String?
    @Option(name: .customLong("log-format"), help: "text (default) or json: one JSON object per line on standard error.") var logFormat: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info (default), notice, warning, error or critical.") var logLevel: String?
    @Flag(help: "On an empty database, seed a demo network (1,200 devices, 7 days of history); run its telemetry and a faucet.") var demo = false
    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may stay silent before it is closed (default 30).") var idleTimeout: Int?
    @Option(name: .customLong("max-connections"), help: "Connections served at once; more wait until one closes (default 4096).") var maxConnections: Int?
    @Option(name: .customLong("rate-per-address"), help: "Signed transactions per signer: COUNT/SECONDS (default 120/60) or off.") var ratePerAddress: String?
    @Option(name: .customLong("rate-per-ip"), help: "Signed transactions per client IP: COUNT/SECONDS (default 1200/60) or off.") var ratePerIP: String?
    @Option(name: .customLong("faucet-rate-per-ip"), help: "Faucet requests per client IP: COUNT/SECONDS (default 10/3600) or off.") var faucetRatePerIP: String?
    @Option(name: .customLong("demo-devices"), help: "How many devices --demo seeds (default 1200; fewer start faster).") var demoDevices: Int?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        func value(_ flag: String?, _ name: String) -> String? { flag ?? env["COSTAKE_\(name)"] }
        var config = ServeConfiguration()
        config.host = value(host, "HOST") ?? config.host
        if let text = value(port.map(String.init), "PORT") {
            guard let number = Int(text), (0...65_535).contains(number) else { throw ValidationError("--port must be 0 to 65535") }
            config.port = number
        }
        config.database = value(database, "DATABASE") ?? config.database
        config.network = value(network, "NETWORK") ?? config.network
        if let text = value(blockInterval.map(String.init), "BLOCK_INTERVAL") {
            guard let seconds = Int64(text), seconds > 0 else { throw ValidationError("--block-interval must be a positive number of seconds") }
            config.blockInterval = seconds
        }
        if let text = value(genesis, "GENESIS") {
            guard let time = Timestamp(rfc3339: text) else { throw ValidationError("--genesis must be an RFC 3339 time") }
            config.genesis = time
        }
        config.operatorToken = value(operatorToken, "OPERATOR_TOKEN")
        config.demo = demo || ["1", "true", "yes"].contains(env["COSTAKE_DEMO"]?.lowercased() ?? "")
        if let text = value(idleTimeout.map(String.init), "IDLE_TIMEOUT") {
            guard let seconds = Int64(text), (1...3_600).contains(seconds) else { throw ValidationError("--idle-timeout must be 1 to 3600 seconds") }
            config.idleTimeout = seconds
        }
        if let text = value(maxConnections.map(String.init), "MAX_CONNECTIONS") {
            guard let count = Int(text), (1...1_000_000).contains(count) else { throw ValidationError("--max-connections must be 1 to 1000000") }
            config.maxConnections = count
        }
        for (flag, name, keyPath) in [(ratePerAddress, "RATE_PER_ADDRESS", \RateLimits.transactionsPerAddress),
                                      (ratePerIP, "RATE_PER_IP", \RateLimits.transactionsPerIP),
                                      (faucetRatePerIP, "FAUCET_RATE_PER_IP", \RateLimits.faucetPerIP)] {
            guard let text = value(flag, name) else { continue }
            guard let limit = RateLimit.parse(text) else {
                throw ValidationError("--\(name.lowercased().replacingOccurrences(of: "_", with: "-")) is COUNT/SECONDS, such as 120/60, or off")
            }
            config.rateLimits[keyPath: keyPath] = limit
        }
        if let text = value(demoDevices.map(String.init), "DEMO_DEVICES") {
            guard let count = Int(text), (10...1_000_000).contains(count) else { throw ValidationError("--demo-devices must be 10 to 1000000") }
            config.demoDevices = count
        }
        if config.demo && config.operatorToken == nil {
            // The demo prints a fresh token so that the operator screens can be tried at once.
            config.operatorToken = "demo-" + (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined()
        }
        switch value(clock, "CLOCK") ?? "system" {
        case "system": config.manualClock = false
        case "manual": config.manualClock = true
        default: throw ValidationError("--clock is system or manual")
        }
        guard let level = Logger.Level(rawValue: value(logLevel, "LOG_LEVEL") ?? "info") else {
            throw ValidationError("--log-level is trace, debug, info, notice, warning, error or critical")
        }
        switch value(logFormat, "LOG_FORMAT") ?? "text" {
        case "text": LoggingSystem.bootstrap { label in var handler = StreamLogHandler.standardError(label: label); handler.logLevel = level; return handler }
        case "json": LoggingSystem.bootstrap { label in JSONLogHandler(label: label, logLevel: level) }
        default: throw ValidationError("--log-format is text or json")
        }
        var logger = Logger(label: "costake")
        logger.logLevel = level
        let app = try await buildApplication(config, logger: logger)
        try await app.runService()
    }
}
