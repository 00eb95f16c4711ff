import CostakeApp
import CostakeCore
import CostakeStorage
import Foundation
import Hummingbird
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

    public init() {}
}

/// The composition root: opens and migrates the store, fixes the network's settings (stored
/// values win on restart), and builds every service the routes use.
public func buildServices(_ config: ServeConfiguration, logger: Logger) async throws -> NetworkServices {
    let store = try await Database.openMigrated(config.database)
    let wallNow = SystemClock().now()
    let interval = config.blockInterval
    guard interval > 0 else { throw DatabaseError("--block-interval must be positive") }
    let genesis = config.genesis ?? Timestamp(seconds: wallNow.seconds - ((wallNow.seconds % interval) + interval) % interval)
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
    var manual: ManualClock?
    if config.manualClock {
        let start = settings["manual_clock"].flatMap(Int64.init).map(Timestamp.init(seconds:)) ?? schedule.genesis
        manual = ManualClock(start)
    }
    return NetworkServices(network: network, store: store, clock: manual ?? SystemClock(), manualClock: manual,
                           schedule: schedule, operatorToken: config.operatorToken)
}

/// The router with every route and the error mapping.
public func buildRouter(_ services: NetworkServices) -> Router<APIContext> {
    let router = Router(context: APIContext.self)
    router.add(middleware: ErrorMapping())
    PublicRoutes(services: services).register(on: router)
    TransactionRoutes(services: services).register(on: router)
    OperatorRoutes(services: services).register(on: router)
    HistoryRoutes(services: services).register(on: router)
    OpenAPIRoutes().register(on: router)
    return router
}

/// The whole server: HTTP and block production in one service group with graceful shutdown.
public func buildApplication(_ config: ServeConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let services = try await buildServices(config, logger: logger)
    return Application(
        router: buildRouter(services),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "costake"),
        services: [BlockService(blocks: services.blocks, manual: services.manualClock != nil, logger: logger)],
        onServerRunning: { channel in
            logger.notice("costake serving", metadata: [
                "address": "http://\(config.host):\(channel.localAddress?.port ?? config.port)",
                "network": "\(services.network)", "clock": "\(services.manualClock == nil ? "system" : "manual")",
            ])
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
            try? await Task.sleep(for: .seconds(manual ? 5 : 1))
        }
    }
}
