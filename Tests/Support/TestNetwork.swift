@_exported import CostakeApp
@_exported import CostakeCore
@_exported import CostakeCrypto
@_exported import CostakeStorage
import CostakePostgres
import CostakeSQLite
import Foundation
import Logging
import Synchronization

/// The databases the conformance suite runs against.
public enum StoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    /// A fresh database on the server `COSTAKE_TEST_POSTGRES_URL` names (an admin URL such as
    /// `postgres://postgres@127.0.0.1:5432/postgres`, as `scripts/pg-cluster start` prints).
    case postgres

    /// SQLite always; PostgreSQL when `COSTAKE_TEST_POSTGRES_URL` is set, and always under
    /// `CI=true`, where a missing PostgreSQL must fail the run rather than skip its tests.
    public static var allCases: [StoreKind] {
        let environment = ProcessInfo.processInfo.environment
        let postgres = environment["COSTAKE_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true"
        return postgres ? [.sqlite, .postgres] : [.sqlite]
    }

    public var description: String { rawValue }

    /// A new, migrated, empty store of this kind.
    public func make() async throws -> any CostakeStore {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("costake-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: directory.appendingPathComponent("test.sqlite").path, durability: .normal)
            try await store.migrate()
            return store
        case .postgres:
            let (admin, name, logger) = try await Self.newPostgresDatabase()
            let store = PostgresStore(location: try PostgresLocation(url: admin).with(database: name), logger: logger)
            try await store.migrate()
            return store
        }
    }

    /// Creates an empty database on the server `COSTAKE_TEST_POSTGRES_URL` names.
    static func newPostgresDatabase() async throws -> (admin: String, name: String, logger: Logger) {
        guard let admin = ProcessInfo.processInfo.environment["COSTAKE_TEST_POSTGRES_URL"] else {
            throw SupportError("""
                PostgreSQL tests need COSTAKE_TEST_POSTGRES_URL (an admin URL, e.g. from scripts/pg-cluster start DIR)
                """)
        }
        let name = "costake_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var logger = Logger(label: "costake.test.postgres")
        logger.logLevel = .warning  // not a line per migration of every test database
        try await PostgresStore.createDatabase(name, adminURL: admin, logger: logger)
        return (admin, name, logger)
    }
}

/// A failure of the test support itself (an expectation it checks on the tests' behalf).
public struct SupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Deterministic key pairs: key `n` always has the same address.
public enum Keys {
    public static func make(_ n: Int) -> Keypair {
        var seed = [UInt8](repeating: 0, count: 32)
        seed[0] = UInt8(truncatingIfNeeded: n)
        seed[1] = UInt8(truncatingIfNeeded: n >> 8)
        seed[31] = 0x5A
        return try! Keypair(seed: seed)
    }
}

/// A throw-away network on a real store with a manual clock: the stage for scenario tests.
public final class TestNetwork: Sendable {
    public let store: any CostakeStore
    public let clock: ManualClock
    public let network = "costake-test"
    public let rules: NetworkRules
    public let processor: TransactionProcessor
    public let operatorActions: OperatorActions
    public let blocks: BlockProducer
    private let counter = Mutex(0)

    /// 2026-01-01T00:00:00Z, a fixed start for every scenario.
    public static let start = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!

    /// Blocks start at `start` and close every `blockInterval` seconds (closing before any
    /// transaction, deposit or telemetry that comes after their end).
    public init(store: any CostakeStore, rules: NetworkRules = NetworkRules(), seed: UInt64 = 1,
                blockInterval: Int64 = 3_600, emission: EmissionSchedule = EmissionSchedule()) {
        self.store = store
        self.clock = ManualClock(TestNetwork.start)
        self.rules = rules
        let ids = SeededIdentifiers(seed: seed).source
        let blocks = BlockProducer(store: store, schedule: BlockSchedule(genesis: TestNetwork.start, interval: blockInterval),
                                   emission: emission, rules: rules, clock: clock, ids: ids)
        self.blocks = blocks
        self.processor = TransactionProcessor(store: store, network: network, rules: rules, clock: clock, ids: ids, blocks: blocks)
        self.operatorActions = OperatorActions(store: store, rules: rules, clock: clock, ids: ids, blocks: blocks)
    }

    public static func make(_ kind: StoreKind = .sqlite, rules: NetworkRules = NetworkRules(),
                            blockInterval: Int64 = 3_600) async throws -> TestNetwork {
        TestNetwork(store: try await kind.make(), rules: rules, blockInterval: blockInterval)
    }

    /// Reports every device `up` with a passed proof of work every 10 minutes for `hours`
    /// hours, moving the clock along (blocks close as they fall due).
    public func runUp(_ devices: [DeviceID], hours: Int, pow: Bool = true) async throws {
        for _ in 0..<(hours * 6) {
            _ = try await operatorActions.ingest(devices.map { TelemetryEvent(deviceID: $0, at: now, status: .up, powOK: pow) })
            advance(seconds: 600)
        }
        try await blocks.closeDue()
    }

    public var now: Timestamp { clock.now() }

    public func advance(days: Int64 = 0, seconds: Int64 = 0) { clock.advance(seconds: days * 86_400 + seconds) }

    /// A fresh nonce.
    public func nonce() -> String { "n-" + String(counter.withLock { $0 += 1; return $0 }).leftPadded(8) }

    /// The message text and base58 signature of `action` signed by `key`.
    public func signed(_ action: Action, by key: Keypair, nonce: String? = nil, expiresIn: Int64 = 300,
                       network: String? = nil) -> (message: String, signature: String) {
        let text = MessageComposer.text(action, network: network ?? self.network, signer: key.address,
                                        nonce: nonce ?? self.nonce(), expiresAt: now.adding(seconds: expiresIn))
        return (text, key.signBase58(text))
    }

    /// Signs and submits; throws the refusal.
    @discardableResult
    public func send(_ action: Action, by key: Keypair, nonce: String? = nil, expiresIn: Int64 = 300) async throws -> Receipt {
        let (message, signature) = signed(action, by: key, nonce: nonce, expiresIn: expiresIn)
        return try await processor.submit(message: message, signature: signature)
    }

    /// Submits a transaction that must be refused: returns its error after checking that the
    /// database is exactly as it was before.
    public func refusal(_ action: Action, by key: Keypair, nonce: String? = nil, expiresIn: Int64 = 300) async throws -> CostakeError {
        let (message, signature) = signed(action, by: key, nonce: nonce, expiresIn: expiresIn)
        return try await refusal(message: message, signature: signature)
    }

    /// Submits a signed message that must be refused, checking that nothing changed.
    public func refusal(message: String, signature: String) async throws -> CostakeError {
        try await blocks.closeDue()  // blocks that fell due close first, as for any transaction
        let before = try await store.dump()
        do {
            let receipt = try await processor.submit(message: message, signature: signature)
            throw SupportError("expected a refusal, got \(receipt.body)")
        } catch let error as CostakeError {
            let after = try await store.dump()
            guard before == after else { throw SupportError("a refused transaction (\(error)) changed the database") }
            return error
        }
    }

    // MARK: Operator shortcuts

    /// Registers an `up` device for `owner`.
    public func device(owner: Keypair, model: String = "RTX 4070", processors: Int = 4, status: DeviceStatus = .up,
                       hired: Bool = false) async throws -> DeviceID {
        let id: DeviceID = SeededIdentifiers(seed: UInt64(counter.withLock { $0 += 1; return $0 }) &* 7919).source.make()
        _ = try await operatorActions.register(DeviceRegistration(id: id, name: "rig-\(id.description.prefix(4))",
                                                                  owner: owner.address, model: model,
                                                                  processors: processors, status: status, hired: hired))
        return id
    }

    /// Deposits whole IO to a key's account.
    public func fund(_ key: Keypair, _ io: Int64) async throws {
        _ = try await operatorActions.deposit(Amount(io: io), to: key.address)
    }

    public func available(_ key: Keypair) async throws -> Amount {
        try await store.account(key.address)?.available ?? .zero
    }

    /// Verifies the ledger and throws the first mismatch.
    public func verifyLedger() async throws -> LedgerTotals {
        switch try await LedgerVerifier(store: store).verify() {
        case .success(let totals): return totals
        case .failure(let mismatch): throw SupportError("ledger mismatch: \(mismatch)")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

extension Receipt {
    public var positionID: PositionID { get throws { try PositionID(text: result["position_id"] ?? "", field: "position_id") } }
    public var offerID: OfferID { get throws { try OfferID(text: result["offer_id"] ?? "", field: "offer_id") } }
    public var amount: Amount { get throws { try Amount(wire: result["amount"] ?? "") } }
}

/// A small cast and a device with the numbers the scenario tests use: an RTX 4070 × 4
/// (multiplier 1.5) whose requirement is 1,200 IO.
public struct Cast: Sendable {
    public let net: TestNetwork
    public let owner = Keys.make(1)
    public let alice = Keys.make(2)
    public let bob = Keys.make(3)
    public let carol = Keys.make(4)
    public let device: DeviceID

    public static func make(_ kind: StoreKind = .sqlite, funds: Int64 = 10_000) async throws -> Cast {
        let net = try await TestNetwork.make(kind)
        let owner = Keys.make(1)
        let cast = Cast(net: net, device: try await net.device(owner: owner))
        for key in [cast.owner, cast.alice, cast.bob, cast.carol] { try await net.fund(key, funds) }
        return cast
    }

    /// The owner stakes `ownerIO` and publishes an offer for `requestIO` at `bps`.
    public func offer(ownerIO: Int64 = 600, requestIO: Int64 = 600, bps: Int = 7_400, on device: DeviceID? = nil) async throws -> OfferID {
        let device = device ?? self.device
        if ownerIO > 0 { try await net.send(.stake(device: device, amount: Amount(io: ownerIO)), by: owner) }
        return try await net.send(.createOffer(device: device, requestedAmount: Amount(io: requestIO), rewardShareBps: bps), by: owner).offerID
    }

    /// `key` takes the offer on its terms.
    public func take(_ offer: OfferID, by key: Keypair, requestIO: Int64 = 600, bps: Int = 7_400) async throws -> PositionID {
        try await net.send(.coStake(offer: offer, requestedAmount: Amount(io: requestIO), rewardShareBps: bps), by: key).positionID
    }
}

extension CostakeStore {
    /// What a device's window sums should hold, read from its hour records here: every record
    /// from the first hour the sums count on (`ReliabilityScore.sumsStartHour`).
    public func recordedWindowSums(of device: DeviceID, lastClosedEnd: Timestamp?) async throws -> HourSums {
        let from = ReliabilityScore.sumsStartHour(lastClosedEnd: lastClosedEnd)
        return try await hours(device, from..<Int64.max).reduce(HourSums()) { $0 + HourSums($1) }
    }
}
