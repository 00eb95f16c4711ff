import CostakeApp
import CostakeCore
import CostakeStorage
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// How `costake serve` runs, read once: flags, then `COSTAKE_<NAME>` variables, then defaults.
public struct ServeConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database = "costake.sqlite"
    public var network = "costake-local"
    public var blockInterval: Int64 = 3_600
    /// Default: the first run's start rounded down to the interval, stored in the database.
    public var genesis: Timestamp?
    public var operatorToken: String?
    public var manualClock = false
    /// Seed a demo network on an empty database, run the telemetry simulator and the faucet.
    public var demo = false
    /// How many devices the demo seeds (fewer start faster: the browser tests use 150).
    public var demoDevices = 1_200
    /// The faucet without the rest of the demo (the demo always has it).
    public var faucet = false
    /// Abuse limits on transactions and the faucet (429 `rate_limited` with `Retry-After`).
    public var rateLimits = RateLimits()
    /// Seconds a connection may stay silent (mid-request or between requests) before the server
    /// closes it: slow and half-open clients cannot hold connections forever.
    public var idleTimeout: Int64 = 30
    /// Connections served at once; more wait in the listen backlog until one closes.
    public var maxConnections = 4_096

    public init() {}
}

/// The composition root: opens and migrates the store, fixes the network's settings (stored
/// values win on restart), seeds the demo network when asked on an empty database, and builds
/// every service the routes use.
public func buildServices(_ config: ServeConfiguration, logger: Logger) async throws -> NetworkServices {
    let store = try await Database.openMigrated(config.database)
    let wallNow = SystemClock().now()
    let interval = config.blockInterval
    guard interval > 0 else { throw DatabaseError("--block-interval must be positive") }
    let noBlocks = try await store.lastClosedHeight() == nil
    let noDevices = try await store.devices(after: nil, limit: 1).isEmpty
    let empty = noBlocks && noDevices
    let seedDemo = config.demo && empty
    let boundary = wallNow.seconds - ((wallNow.seconds % interval) + interval) % interval
    // A demo network starts with its history behind it: genesis is that many blocks ago.
    let genesis = config.genesis ?? Timestamp(seconds: boundary - (seedDemo ? DemoHistory.blocks(interval: interval) * interval : 0))
    let settings = try await store.settings(defaults: [
        "network": config.network, "genesis": String(genesis.seconds), "block_interval": String(interval),
    ])
    guard let storedGenesis = settings["genesis"].flatMap(Int64.init), let storedInterval = settings["block_interval"].flatMap(Int64.init),
          let network = settings["network"] else { throw DatabaseError("the database's network settings are unreadable") }
    if storedGenesis != genesis.seconds && config.genesis != nil || storedInterval != interval || network != config.network {
        logger.warning("the database keeps its own settings", metadata: [
            "network": "\(network)", "genesis": "\(Timestamp(seconds: storedGenesis))", "block_interval": "\(storedInterval)",
        ])
    }
    let schedule = BlockSchedule(genesis: Timestamp(seconds: storedGenesis), interval: storedInterval)
    var manualStart = settings["manual_clock"].flatMap(Int64.init).map(Timestamp.init(seconds:)) ?? schedule.genesis
    if seedDemo {
        manualStart = try await seedDemoNetwork(store: store, network: network, schedule: schedule, until: wallNow,
                                                devices: config.demoDevices, logger: logger)
        if config.manualClock { try await store.setSetting("manual_clock", String(manualStart.seconds)) }
    }
    let isDemo = try await store.settings(defaults: [:])["demo"] != nil
    if config.demo && !isDemo { logger.warning("--demo on a database that was not seeded as a demo: the faucet runs, the telemetry simulator does not") }
    let manual = config.manualClock ? ManualClock(manualStart) : nil
    return NetworkServices(network: network, store: store, clock: manual ?? SystemClock(), manualClock: manual,
                           schedule: schedule, operatorToken: config.operatorToken,
                           faucet: config.demo || config.faucet ? Faucet() : nil, simulateTelemetry: config.demo && isDemo,
                           rateLimits: config.rateLimits)
}

/// Seeds the demo network up to `until` and marks the database as a demo; returns the time
/// the seeding reached.
func seedDemoNetwork(store: any CostakeStore, network: String, schedule: BlockSchedule, until: Timestamp, devices: Int,
                     logger: Logger) async throws -> Timestamp {
    logger.notice("seeding the demo network", metadata: ["genesis": "\(schedule.genesis)", "until": "\(until)"])
    let clock = ManualClock(schedule.genesis)
    let seeder = DemoSeeder(store: store, network: network, schedule: schedule, clock: clock)
    let summary = try await seeder.seed(deviceCount: devices, until: until) { line in logger.info("\(line)") }
    try await store.setSetting("demo", "seeded")
    logger.notice("demo network seeded", metadata: [
        "devices": "\(summary.devices)", "offers": "\(summary.offers)", "co_stakes": "\(summary.coStakes)",
        "blocks": "\(summary.blocks)", "telemetry_events": "\(summary.telemetryEvents)", "slashes": "\(summary.slashes)",
        "refusals": "\(summary.refusals.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))",
    ])
    return clock.now()
}

/// The router with every route and the error mapping.
public func buildRouter(_ services: NetworkServices) throws -> Router<APIContext> {
    let router = Router(context: APIContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: RequestMetrics(metrics: services.metrics))
    let routes = RouteTable()
    router.add(middleware: ErrorMapping(routes: routes))
    router.add(middleware: StrictQuery(routes: routes))
    PublicRoutes(services: services).register(on: router)
    TransactionRoutes(services: services).register(on: router)
    OperatorRoutes(services: services).register(on: router)
    HistoryRoutes(services: services).register(on: router)
    MetricsRoutes(services: services).register(on: router)
    OpenAPIRoutes().register(on: router)
    if let faucet = services.faucet { FaucetRoutes(services: services, faucet: faucet).register(on: router) }
    WebRoutes(services: services, assets: try WebAssets.load()).register(on: router)
    routes.fill(from: router)
    return router
}

/// The whole server: HTTP and block production in one service group with graceful shutdown.
public func buildApplication(_ config: ServeConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let services = try await buildServices(config, logger: logger)
    return Application(
        router: try buildRouter(services),
        server: .http1(configuration: .init(idleTimeout: .seconds(config.idleTimeout))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "costake",
                             availableConnectionsDelegate: MaximumAvailableConnections(config.maxConnections)),
        services: [BlockService(blocks: services.blocks, manual: services.manualClock != nil, logger: logger)]
            + (services.manualClock == nil ? services.demo.map { [TelemetrySimulatorService(demo: $0, logger: logger)] } ?? [] : []),
        onServerRunning: { channel in
            let address = "http://\(config.host):\(channel.localAddress?.port ?? config.port)"
            logger.notice("costake serving", metadata: [
                "address": "\(address)", "network": "\(services.network)", "clock": "\(services.manualClock == nil ? "system" : "manual")",
            ])
            if config.demo {
                // Said plainly on standard output: what a person trying the demo needs.
                let banner = "costake demo network \(services.network) is up.\n  web app and API: \(address)/  (API under \(address)/v1, OpenAPI at \(address)/openapi.json)\n  operator token:  \(config.operatorToken ?? "(none: the operator API is disabled)")\n  faucet:          curl -X POST \(address)/v1/faucet -d '{\"account\": \"<your address>\"}'\n"
                FileHandle.standardOutput.write(Data(banner.utf8))
            }
        },
        logger: logger
    )
}

/// Closes blocks as they fall due (with the system clock; the manual clock closes them when
/// it is advanced).
struct BlockService: Service {
    let blocks: BlockProducer
    let manual: Bool
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                for block in try await blocks.closeDue() {
                    logger.info("block closed", metadata: ["height": "\(block.height)", "eligible": "\(block.eligibleDevices)"])
                }
            } catch {
                logger.error("block close failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(manual ? 5 : 1)) }
        }
    }
}

/// Sends the demo's telemetry every few minutes of system time, so that blocks keep closing
/// with rewards. (With the manual clock, advancing the clock reports instead.)
struct TelemetrySimulatorService: Service {
    let demo: DemoDriver
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                let accepted = try await demo.report()
                logger.debug("demo telemetry sent", metadata: ["events": "\(accepted)"])
            } catch {
                logger.error("demo telemetry failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(demo.cadence)) }
        }
    }
}
