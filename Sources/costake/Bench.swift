import ArgumentParser
import CostakeApp
import CostakeCore
import CostakeCrypto
import CostakeStorage
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `costake bench`: seeds a network at scale (or reuses one seeded before) and measures what
/// the system does all day. Prints a table and writes the figures as JSON. A benchmark, not a
/// test: it asserts nothing; BENCHMARKS.md records what it printed.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Seed a network at scale and measure the marketplace, transactions, block close, telemetry and start-up.",
        discussion: """
        Scenarios (--scenarios, comma-separated, in this order; by default all but \
        marketplace-http-changing): seed, startup, \
        marketplace-store, marketplace-http, marketplace-http-changing, ed25519, telemetry, \
        transactions, block-close. The \
        database is seeded once (1,000,000 devices by default, with 30 days of hourly blocks \
        of reward history) and reused by later runs; \
        --reseed starts over. transactions, marketplace-http-changing and block-close change \
        the network (offers taken, positions withdrawn, the block after the history closed): only one of \
        the first two runs on a seeded database, and a second run of any needs --reseed.
        """
    )

    @Option(help: "A SQLite file path or a postgres:// URL (default bench.sqlite).") var database = "bench.sqlite"
    @Option(help: "Devices to seed (offers 30%, co-staker positions 20% of them).") var devices = 1_000_000
    @Flag(help: "Delete a SQLite database first (a PostgreSQL one must be empty).") var reseed = false
    @Flag(help: "Seed no reward history (the network's first block is the one the block close closes), to compare with the seeded 30 days.")
    var withoutHistory = false
    @Option(help: "Which scenarios to run (default all but marketplace-http-changing).")
    var scenarios = Scenario.allCases.filter { $0 != .marketplaceHTTPChanging }.map(\.rawValue).joined(separator: ",")
    @Option(help: "Seconds each load scenario runs (default 20).") var seconds: Double = 20
    @Option(help: "Concurrent connections of the marketplace scenarios (default 32).") var connections = 32
    @Option(help: "Where to write the figures as JSON (default bench.json).") var json = "bench.json"

    enum Scenario: String, CaseIterable {
        case seed, startup
        case marketplaceStore = "marketplace-store", marketplaceHTTP = "marketplace-http"
        case marketplaceHTTPChanging = "marketplace-http-changing"
        case ed25519, telemetry, transactions
        case blockClose = "block-close"
    }

    func run() async throws {
        var wanted: [Scenario] = []
        for name in scenarios.split(separator: ",") {
            guard let scenario = Scenario(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown scenario \(name); the scenarios are \(Scenario.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            wanted.append(scenario)
        }
        guard devices >= 1_000 else { throw ValidationError("--devices must be at least 1000") }
        var report = BenchReport(database: database.hasPrefix("postgres") ? "postgresql" : "sqlite", machine: BenchReport.Machine.current())

        if reseed, !database.hasPrefix("postgres") {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        var store = try await Database.openMigrated(database)
        var shape = try await Self.storedShape(store)
        if reseed, shape != nil, database.hasPrefix("postgres") {
            try await store.close()
            throw ValidationError("--reseed cannot empty a PostgreSQL database, and \(database) holds a seeded network: "
                                  + "use a new, empty database")
        }
        if shape == nil {
            let started = Date()
            shape = try await Self.seed(store, devices: devices, history: !withoutHistory)
            report.add("seed", ["devices": Double(devices), "seconds": Date().timeIntervalSince(started)])
        } else if let stored = shape, stored.keyedCoStakers != BenchShape(devices: stored.devices).keyedCoStakers {
            throw ValidationError("\(database) was seeded by an earlier build (\(stored.keyedCoStakers) keyed co-stakers, this build "
                                  + "drives \(BenchShape(devices: stored.devices).keyedCoStakers)): \(Self.startOver(database))")
        } else if wanted.contains(.seed) {
            print("Reusing the network seeded in \(database) (\(shape!.devices) devices); to seed again, \(Self.startOver(database)).")
        }
        let network = shape!
        try await store.close()

        var server: BenchServer?
        defer { server?.stop() }
        if wanted.contains(.startup) || wanted.contains(.marketplaceHTTP) || wanted.contains(.marketplaceHTTPChanging)
            || wanted.contains(.telemetry) || wanted.contains(.transactions) {
            let started = Date()
            server = try BenchServer.start(database: database)
            let seconds = Date().timeIntervalSince(started)
            if wanted.contains(.startup) { report.add("startup", ["seconds_to_healthz": seconds]) }
        }

        store = try Database.open(database)
        if wanted.contains(.marketplaceStore) {
            let mix = MarketplaceMix(models: network.models, sampleDevice: BenchSeeder.device(network.devices / 2))
            let queries = try await mix.resolvedForStore(store)
            let summary = try await Self.direct(store, queries: queries, concurrency: connections, seconds: seconds)
            report.add("marketplace-store", summary)
        }
        if wanted.contains(.marketplaceHTTP), let server {
            let mix = MarketplaceMix(models: network.models, sampleDevice: BenchSeeder.device(network.devices / 2))
            let paths = try mix.resolvedForHTTP(try HTTPLoad.Connection(port: server.port))
            let summary = try HTTPLoad.run(port: server.port, connections: connections, seconds: seconds) { worker, sequence in
                LoadRequest(path: paths[(worker * 7 + sequence) % paths.count])
            }
            report.add("marketplace-http", summary)
        }
        if wanted.contains(.marketplaceHTTPChanging), let server {
            // The same mix while listings change about ten times a second: every change makes
            // the server drop the pages it kept, so this is the marketplace under writes.
            let mix = MarketplaceMix(models: network.models, sampleDevice: BenchSeeder.device(network.devices / 2))
            let paths = try mix.resolvedForHTTP(try HTTPLoad.Connection(port: server.port))
            try await Self.claimWrites(store, "marketplace-http-changing", database)
            let changer = ListingChanger(port: server.port, network: network, perSecond: 10)
            let summary = try HTTPLoad.run(port: server.port, connections: connections, seconds: seconds) { worker, sequence in
                LoadRequest(path: paths[(worker * 7 + sequence) % paths.count])
            }
            let changes = try changer.stop()
            report.add("marketplace-http-changing", summary)
            report.results["marketplace-http-changing"]?["listing_changes"] = Double(changes)
        }
        if wanted.contains(.ed25519) {
            report.add("ed25519", Self.ed25519(seconds: min(seconds, 5)))
        }
        if wanted.contains(.telemetry), let server {
            let writer = try WriterCounts(port: server.port)
            report.add("telemetry", try Self.telemetry(server, network: network, seconds: seconds))
            report.results["telemetry"]?.merge(try writer.since(port: server.port)) { $1 }
        }
        if wanted.contains(.transactions), let server {
            try await Self.claimWrites(store, "transactions", database)
            let writer = try WriterCounts(port: server.port)
            report.add("transactions", try Self.transactions(server, network: network, clients: 64, seconds: seconds))
            report.results["transactions"]?.merge(try writer.since(port: server.port)) { $1 }
        }
        server?.stop()
        server = nil
        if wanted.contains(.blockClose) {
            report.add("block-close", try await Self.blockClose(store, network: network, database: database))
        }
        try await store.close()
        report.print()
        try report.write(to: json)
        print("Figures written to \(json).")
    }

    /// Changes listings about `perSecond` times a second until stopped: keyed co-stakers,
    /// from the last one down, each `co_stake` an open offer (from the last one down) and
    /// `unstake` that position, twice each (the claim cap); each approved transaction changes
    /// an offer's row, which every page showing it shows. It takes offers and uses the
    /// co-stakers' claim slots, so the transaction scenario cannot run after it.
    final class ListingChanger: @unchecked Sendable {
        private let lock = NSLock()
        private var stopping = false
        private var made = 0
        private var failure: (any Error)?
        private let done = DispatchSemaphore(value: 0)

        init(port: Int, network: BenchNetwork, perSecond: Double) {
            let seeder = BenchSeeder(shape: BenchShape(devices: network.devices), now: Timestamp(seconds: network.now))
            let shape = seeder.shape
            let expires = Timestamp(seconds: network.now + 590)
            let thread = Thread { [self] in
                defer { done.signal() }
                do {
                    let connection = try HTTPLoad.Connection(port: port)
                    var nonce = 0
                    func send(_ action: Action, by key: Keypair) throws -> [String: Any] {
                        nonce += 1
                        let text = MessageComposer.text(action, network: "costake-bench", signer: key.address,
                                                        nonce: "changer-\(nonce)", expiresAt: expires)
                        let body = #"{"message":"# + MessageComposer.quoted(text) + #","signature":""# + key.signBase58(text) + #""}"#
                        let response = try connection.send(LoadRequest(method: "POST", path: "/v1/transactions", body: Array(body.utf8)))
                        guard response.status == 200,
                              let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
                            throw LoadError("\(action.type.rawValue) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
                        }
                        lock.withLock { made += 1 }
                        Thread.sleep(forTimeInterval: 1 / perSecond)
                        return object
                    }
                    var taken = 0
                    while !lock.withLock({ stopping }) {
                        guard taken < 2 * shape.keyedCoStakers else { throw LoadError("the keyed co-stakers are all at their claim cap") }
                        let coStaker = BenchSeeder.keypair("co-staker", shape.keyedCoStakers - 1 - taken / 2)
                        let open = shape.coStakes + shape.openOffers - 1 - taken
                        let terms = seeder.terms(open)
                        let result = try send(.coStake(offer: BenchSeeder.offer(open), requestedAmount: terms.requested,
                                                       rewardShareBps: terms.share.value), by: coStaker)
                        taken += 1
                        guard let text = (result["result"] as? [String: Any])?["position_id"] as? String else {
                            throw LoadError("co_stake answered without a position_id")
                        }
                        _ = try send(.unstake(position: try PositionID(text: text, field: "position_id"), amount: nil), by: coStaker)
                    }
                } catch {
                    lock.withLock { failure = error }
                }
            }
            thread.start()
        }

        /// Stops and returns how many approved transactions changed a listing.
        func stop() throws -> Int {
            lock.withLock { stopping = true }
            done.wait()
            if let failure = lock.withLock({ failure }) { throw failure }
            return lock.withLock { made }
        }
    }

    /// How to seed again: SQLite's file is deleted by `--reseed`; a PostgreSQL database is
    /// never dropped by the benchmark.
    static func startOver(_ database: String) -> String {
        database.hasPrefix("postgres") ? "run again on a new, empty database (--reseed cannot empty a PostgreSQL one)" : "run again with --reseed"
    }

    /// The transaction and marketplace-http-changing scenarios take offers and use the keyed
    /// accounts' claim slots: one of them runs once per seeded database.
    static func claimWrites(_ store: any CostakeStore, _ scenario: String, _ database: String) async throws {
        if let earlier = try await store.settings(defaults: [:])["bench_writes_run"] {
            throw ValidationError("\(earlier) already ran on this database (it takes offers); run \(scenario) on a fresh copy, or \(startOver(database))")
        }
        try await store.setSetting("bench_writes_run", scenario)
    }

    // MARK: Seeding

    static func storedShape(_ store: any CostakeStore) async throws -> BenchNetwork? {
        guard let text = try await store.settings(defaults: [:])["bench_network"] else { return nil }
        return try JSONDecoder().decode(BenchNetwork.self, from: Data(text.utf8))
    }

    static func seed(_ store: any CostakeStore, devices: Int, history: Bool) async throws -> BenchNetwork {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        let started = Date()
        let shape = BenchShape(devices: devices)
        let seeder = history ? try BenchSeeder.withHistory(shape: shape, now: now) : BenchSeeder(shape: shape, now: now)
        // The 720 blocks of the history have closed; the next ends two minutes after the seed's
        // "now", when every device is up, has a proof of work in the block and has reported
        // within the last 15 minutes. The manual clock the bench serves with starts at "now".
        _ = try await store.settings(defaults: [
            "network": "costake-bench", "genesis": String(seeder.schedule.genesis.seconds), "block_interval": "3600",
            "manual_clock": String(now.seconds),
        ])
        let bar = ProgressBar(total: seeder.chunks, label: history ? "seeding \(devices) devices and \(BenchHistory.blockCount) blocks of history" : "seeding \(devices) devices")
        try await store.bulkLoad {
            // The next chunk is built on another core while the store writes this one.
            var next = Task { try seeder.changes(chunk: 0) }
            for chunk in 0..<seeder.chunks {
                let changes = try await next.value
                if chunk + 1 < seeder.chunks { next = Task { try seeder.changes(chunk: chunk + 1) } }
                try await seeder.write(changes, into: store)
                bar.update(chunk + 1)
            }
        }
        bar.finish("seeded in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        let network = BenchNetwork(devices: devices, now: now.seconds, models: seeder.models.map(\.name),
                                   keyedOwners: seeder.shape.keyedOwners, keyedCoStakers: seeder.shape.keyedCoStakers,
                                   historyBlocks: seeder.nextHeight)
        try await store.setSetting("bench_network", String(decoding: try JSONEncoder().encode(network), as: UTF8.self))
        return network
    }

    // MARK: Scenarios

    static func direct(_ store: any CostakeStore, queries: [OfferQuery], concurrency: Int, seconds: Double) async throws -> LatencySummary {
        let deadline = Date().addingTimeInterval(seconds)
        let started = Date()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var local: [Double] = []
                    var sequence = 0
                    while Date() < deadline {
                        let query = queries[(worker * 7 + sequence) % queries.count]
                        sequence += 1
                        let began = DispatchTime.now().uptimeNanoseconds
                        _ = try await store.offers(query)
                        local.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
                    }
                    return local
                }
            }
            var all: [Double] = []
            for try await local in group { all += local }
            return all
        }
        return LatencySummary(latencies: latencies, errors: 0, seconds: Date().timeIntervalSince(started))
    }

    static func ed25519(seconds: Double) -> [String: Double] {
        let key = Keypair()
        let messages = (0..<256).map { Array("costake bench message \($0) ".utf8) + Array(repeating: 120, count: 200) }
        let signatures = messages.map { key.sign($0) }
        let publicKey = key.publicKey
        let started = Date()
        var verified = 0
        while Date().timeIntervalSince(started) < seconds {
            for index in 0..<messages.count where SignatureCheck.isValid(signature: signatures[index], message: messages[index], publicKey: publicKey) {
                verified += 1
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        return ["verifications_per_second_one_core": Double(verified) / elapsed, "cores": Double(ProcessInfo.processInfo.activeProcessorCount)]
    }

    static func telemetry(_ server: BenchServer, network: BenchNetwork, seconds: Double) throws -> LatencySummary {
        let batch = 10_000
        let at = Timestamp(seconds: network.now).rfc3339
        let batches = max(1, network.devices / batch)
        // Every batch's body is written before the clock starts: the load generator shares the
        // machine's cores with the server, and writing 10,000 events took it a fifth of a core.
        let bodies: [[UInt8]] = (0..<batches).map { number in
            let first = number * batch
            var body = #"{"events":["#
            body.reserveCapacity(batch * 110)
            for index in first..<first + batch {
                if index > first { body += "," }
                body += #"{"device_id":""# + BenchSeeder.device(index).description + #"","at":""# + at + #"","status":"up","pow_ok":true}"#
            }
            body += "]}"
            return Array(body.utf8)
        }
        // Four connections, each posting whole batches of distinct devices at the manual clock's now.
        return try HTTPLoad.run(port: server.port, connections: 4, seconds: seconds) { worker, sequence in
            LoadRequest(method: "POST", path: "/v1/operator/telemetry", body: bodies[(sequence * 4 + worker) % batches],
                        headers: [("Authorization", "Bearer \(BenchServer.token)")])
        }
    }

    /// 64 clients, each with its own connection and its own keyed accounts, sending signed
    /// transactions in a fixed cycle per keyed owner and its co-stakers: `co_stake` an open
    /// offer (by the co-staker whose turn it is) and `unstake` that position, `stake` 1 IO more
    /// on the owner's device, `withdraw` one of the first co-staker's seeded withdrawable
    /// positions, and once per owner `claim_rewards`. Each is answered after its commit.
    /// Destructive: run it once per seeded database.
    static func transactions(_ server: BenchServer, network: BenchNetwork, clients: Int, seconds: Double) throws -> [String: Double] {
        let seeder = BenchSeeder(shape: BenchShape(devices: network.devices), now: Timestamp(seconds: network.now))
        let shape = seeder.shape
        let pairs = shape.keyedOwners
        let expires = Timestamp(seconds: network.now + 590).rfc3339
        final class Totals: @unchecked Sendable {
            let lock = NSLock()
            var latencies: [Double] = []
            var byType: [String: Int] = [:]
            var refused: [String: Int] = [:]
        }
        let totals = Totals()
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        try HTTPLoad.workers(clients) { worker in
            var latencies: [Double] = []
            var byType: [String: Int] = [:]
            var refused: [String: Int] = [:]
            defer {
                totals.lock.lock()
                totals.latencies += latencies
                totals.byType.merge(byType, uniquingKeysWith: +)
                totals.refused.merge(refused, uniquingKeysWith: +)
                totals.lock.unlock()
            }
            let connection = try HTTPLoad.Connection(port: server.port)
            let mine = Array(stride(from: worker, to: pairs, by: clients))
            guard !mine.isEmpty else { return }
            // Owner `pair` with its co-stakers `pair`, `pair + pairs`, …: the first withdraws and
            // claims; each in turn takes two offers (its claim cap), one a round.
            let keys = mine.map { pair in
                (owner: BenchSeeder.keypair("owner", pair),
                 coStakers: (0..<BenchShape.coStakersPerOwner).map { BenchSeeder.keypair("co-staker", pair + $0 * pairs) })
            }
            var nonce = 0
            /// Signs and sends one transaction; the parsed answer when approved.
            func send(_ action: Action, by key: Keypair) throws -> [String: Any]? {
                nonce += 1
                let text = MessageComposer.text(action, network: "costake-bench", signer: key.address,
                                                nonce: "bench-\(worker)-\(nonce)", expiresAt: Timestamp(rfc3339: expires)!)
                let body = #"{"message":"# + MessageComposer.quoted(text) + #","signature":""# + key.signBase58(text) + #""}"#
                let began = DispatchTime.now().uptimeNanoseconds
                let response = try connection.send(LoadRequest(method: "POST", path: "/v1/transactions", body: Array(body.utf8)))
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
                let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                guard response.status == 200 else {
                    let code = (object?["error"] as? [String: Any])?["code"] as? String ?? "\(response.status)"
                    refused["\(action.type.rawValue) \(code)", default: 0] += 1
                    return nil
                }
                byType[action.type.rawValue, default: 0] += 1
                return object
            }
            var round = 0
            cycle: while Date() < deadline {
                for (slot, pair) in mine.enumerated() {
                    guard Date() < deadline else { break cycle }
                    let (owner, coStakers) = keys[slot]
                    let coStaker = coStakers[0]
                    let taker = coStakers[round / 2 % coStakers.count]
                    if round == 0 { _ = try send(.claimRewards, by: coStaker) }
                    let open = shape.coStakes + (pair * 97 + round) % shape.openOffers
                    let terms = seeder.terms(open)
                    if let taken = try send(.coStake(offer: BenchSeeder.offer(open), requestedAmount: terms.requested,
                                                     rewardShareBps: terms.share.value), by: taker),
                       let text = (taken["result"] as? [String: Any])?["position_id"] as? String,
                       let position = try? PositionID(text: text, field: "position_id") {
                        _ = try send(.unstake(position: position, amount: nil), by: taker)
                    }
                    _ = try send(.stake(device: BenchSeeder.device(pair * BenchShape.devicesPerOwner), amount: Amount(io: 1)), by: owner)
                    if round < BenchSeeder.withdrawablePerCoStaker {
                        _ = try send(.withdraw(position: BenchSeeder.withdrawablePosition(pair * BenchSeeder.withdrawablePerCoStaker + round)),
                                     by: coStaker)
                    }
                }
                round += 1
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        let summary = LatencySummary(latencies: totals.latencies, errors: totals.refused.values.reduce(0, +), seconds: elapsed)
        let approved = totals.byType.values.reduce(0, +)
        var figures: [String: Double] = ["approved": Double(approved), "approved_per_second": Double(approved) / elapsed,
                                         "refused": Double(summary.errors), "seconds": elapsed, "clients": Double(clients),
                                         "p50_ms": summary.p50ms, "p95_ms": summary.p95ms, "p99_ms": summary.p99ms, "max_ms": summary.maxms]
        for (type, count) in totals.byType { figures["approved_\(type)"] = Double(count) }
        for (what, count) in totals.refused { figures["refused \(what)"] = Double(count) }
        return figures
    }

    /// Closes the first block after the seeded history.
    static func blockClose(_ store: any CostakeStore, network: BenchNetwork, database: String) async throws -> [String: Double] {
        let height = network.historyBlocks ?? 0
        guard try await store.lastClosedHeight() == (height > 0 ? height - 1 : nil) else {
            throw ValidationError("block \(height), the first after the seeded history, is already closed: \(startOver(database))")
        }
        let settings = try await store.settings(defaults: [:])
        let schedule = BlockSchedule(genesis: Timestamp(seconds: Int64(settings["genesis"]!)!), interval: 3_600)
        let producer = BlockProducer(store: store, schedule: schedule, clock: ManualClock(schedule.end(of: height)))
        let before = BenchReport.Machine.peakResidentMiB()
        let started = Date()
        let block = try await producer.close(height, closedAt: schedule.end(of: height))
        let elapsed = Date().timeIntervalSince(started)
        var result = ["seconds": elapsed, "height": Double(height), "eligible_devices": Double(block?.eligibleDevices ?? 0),
                      "runs_written": Double(try await store.deviceRunCount(startingAt: height)),
                      "peak_resident_mib": BenchReport.Machine.peakResidentMiB(), "peak_resident_mib_before": before]
        // Where the close's time went on the writer (the store times its parts).
        for part in store.writerStatistics.lastBlockClose?.seconds ?? [] { result["\(part.name)_seconds"] = part.seconds }
        return result
    }
}

/// The server's writer counters (`costake_store_*` at `/metrics`), read before and after a
/// scenario to report what it made the writer do: units per write transaction (the group
/// commit's group size) and units decided again on the writer.
struct WriterCounts {
    let transactions: Double
    let units: Double
    let decidedAgain: Double

    init(port: Int) throws {
        let response = try HTTPLoad.Connection(port: port).send(LoadRequest(path: "/metrics"))
        var values: [Substring: Double] = [:]
        for line in String(decoding: response.body, as: UTF8.self).split(separator: "\n") where line.hasPrefix("costake_store_") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Double(parts[1]) { values[parts[0]] = value }
        }
        guard let transactions = values["costake_store_transactions_total"], let units = values["costake_store_units_total"],
              let decidedAgain = values["costake_store_units_decided_again_total"] else {
            throw LoadError("/metrics has no costake_store_ counters (answered \(response.status))")
        }
        (self.transactions, self.units, self.decidedAgain) = (transactions, units, decidedAgain)
    }

    /// What the writer did since these counts were read.
    func since(port: Int) throws -> [String: Double] {
        let now = try WriterCounts(port: port)
        let transactions = now.transactions - self.transactions
        return ["write_transactions": transactions, "units_per_write_transaction": transactions > 0 ? (now.units - units) / transactions : 0,
                "units_decided_again": now.decidedAgain - decidedAgain]
    }
}

/// What a seeded database records about itself (network setting `bench_network`).
struct BenchNetwork: Codable {
    let devices: Int
    let now: Int64
    let models: [String]
    let keyedOwners: Int
    let keyedCoStakers: Int
    /// Blocks of history seeded (none in databases seeded before it was).
    let historyBlocks: Int64?
}

/// `costake serve` on the bench database as a child process (manual clock, limits off).
final class BenchServer: @unchecked Sendable {
    static let token = "bench-operator-token"
    let process: Child
    let port: Int

    private init(process: Child, port: Int) {
        self.process = process
        self.port = port
    }

    static func start(database: String) throws -> BenchServer {
        let port = try freePort()
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        if !FileManager.default.isExecutableFile(atPath: executable), let own = Bundle.main.executableURL?.path {
            executable = own
        }
        // Started with posix_spawn (see `Child`): its output goes to /dev/null, its errors to
        // the benchmark's own standard error.
        let process = try Child(executable, ["serve", "--database", database, "--port", String(port), "--clock", "manual",
                                             "--network", "costake-bench", "--operator-token", token, "--log-level", "warning",
                                             "--rate-per-address", "off", "--rate-per-ip", "off"],
                                inheritingStderr: true)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let connection = try? HTTPLoad.Connection(port: port), let response = try? connection.send(LoadRequest(path: "/healthz")),
               response.status == 200 {
                return BenchServer(process: process, port: port)
            }
            guard process.isRunning else { throw LoadError("costake serve exited with \(process.wait())") }
            usleep(5_000)
        }
        process.send(SIGTERM)
        process.wait()
        throw LoadError("costake serve did not answer /healthz within 120 s")
    }

    func stop() {
        process.send(SIGINT)
        process.wait()
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw LoadError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The figures of a run: printed as a table and written as JSON.
struct BenchReport: Encodable {
    struct Machine: Encodable {
        let cores: Int
        let memoryGiB: Double
        let os: String
        let date: String

        static func current() -> Machine {
            Machine(cores: ProcessInfo.processInfo.activeProcessorCount,
                    memoryGiB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
                    os: ProcessInfo.processInfo.operatingSystemVersionString,
                    date: ISO8601DateFormatter().string(from: Date()))
        }

        /// The process's peak resident memory so far, in MiB (getrusage: Linux reports KiB).
        static func peakResidentMiB() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_maxrss) / 1_024
        }
    }

    let database: String
    let machine: Machine
    var results: [String: [String: Double]] = [:]
    var order: [String] = []
    var notes: [String: [String: Int]] = [:]

    init(database: String, machine: Machine) {
        self.database = database
        self.machine = machine
    }

    mutating func add(_ name: String, _ figures: [String: Double]) {
        results[name] = figures
        order.append(name)
    }

    mutating func add(_ name: String, _ summary: LatencySummary) {
        add(name, ["requests": Double(summary.count), "errors": Double(summary.errors), "seconds": summary.seconds,
                   "per_second": summary.perSecond, "p50_ms": summary.p50ms, "p95_ms": summary.p95ms,
                   "p99_ms": summary.p99ms, "max_ms": summary.maxms])
        if !summary.unexpected.isEmpty { notes[name] = summary.unexpected }
    }

    func print() {
        Swift.print("costake bench on \(database), \(machine.cores) cores, \(machine.memoryGiB) GiB, \(machine.date)")
        for name in order {
            let figures = results[name]!.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value >= 100 ? String(format: "%.0f", $0.value) : String(format: "%.2f", $0.value))" }
            Swift.print("  \(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(figures.joined(separator: "  "))")
            if let note = notes[name] { Swift.print("  \(String(repeating: " ", count: 18)) unexpected answers: \(note)") }
        }
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

/// A one-line progress bar on standard error.
final class ProgressBar {
    let total: Int
    let label: String
    let started = Date()

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    func update(_ done: Int) {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let elapsed = Date().timeIntervalSince(started)
        let line = "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total) \(String(format: "%.0f", elapsed)) s"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(_ message: String) {
        FileHandle.standardError.write(Data("\n\(label): \(message)\n".utf8))
    }
}
