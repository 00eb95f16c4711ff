import CostakeCore
import CostakeStorage
import Foundation

/// The operator's back-office actions that change state: registering and updating devices
/// and recording deposits. Each is one unit of work with its journal entry.
public struct OperatorActions: Sendable {
    public let store: any CostakeStore
    public let rules: NetworkRules
    public let clock: any NetworkClock
    public let ids: IdentifierSource
    /// Closes the blocks that are due before any change, so that no change lands in a block
    /// that has already ended.
    public let blocks: BlockProducer?
    public let metrics: NetworkMetrics

    public init(store: any CostakeStore, rules: NetworkRules = NetworkRules(), clock: any NetworkClock,
                ids: IdentifierSource = .random, blocks: BlockProducer? = nil, metrics: NetworkMetrics = .none) {
        self.store = store
        self.rules = rules
        self.clock = clock
        self.ids = ids
        self.blocks = blocks
        self.metrics = metrics
    }

    /// Ingests a batch of telemetry in one database transaction (SPEC §7).
    public func ingest(_ events: [TelemetryEvent]) async throws -> (accepted: Int, rejected: [TelemetryRejection]) {
        try await blocks?.closeDue()
        var scope = Scope()
        scope.telemetryOf = Set(events.map(\.deviceID))
        scope.hours = Set(events.map { HourKey($0.deviceID, HourRecord.hour(of: $0.at)) })
        let result = try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            set.ingest(events)
        }
        metrics.telemetry(accepted: result.accepted, rejected: result.rejected.count)
        return result
    }

    /// Slashes a device (SPEC §8).
    public func slash(_ device: DeviceID, principalBps: Int, rewardsBps: Int, reason: String) async throws -> Slash {
        try await blocks?.closeDue()
        var scope = Scope()
        scope.devices = [device]
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            let slash = try set.slash(device: device, principalBps: principalBps, rewardsBps: rewardsBps, reason: reason)
            try set.closeEntry(kind: "slash", reference: slash.id.description)
            return slash
        }
    }

    /// Rules on a slash: `upheld` burns the escrow, `overturned` returns it.
    public func resolve(_ slash: SlashID, _ outcome: SlashOutcome) async throws -> Slash {
        try await blocks?.closeDue()
        var scope = Scope()
        scope.slashes = [slash]
        scope.slashItemsOf = [slash]
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            let resolved = try set.resolve(slash, outcome)
            try set.closeEntry(kind: "slash_\(outcome.rawValue)", reference: slash.description)
            return resolved
        }
    }

    /// Registers a device.
    public func register(_ registration: DeviceRegistration) async throws -> Device {
        try await blocks?.closeDue()
        var scope = Scope()
        scope.devices = [registration.id]
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            try set.registerDevice(registration)
        }
    }

    /// Changes a device's status or hired flag.
    public func update(_ id: DeviceID, status: DeviceStatus? = nil, hired: Bool? = nil) async throws -> Device {
        try await blocks?.closeDue()
        var scope = Scope()
        scope.devices = [id]
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            try set.updateDevice(id, status: status, hired: hired)
        }
    }

    /// Credits `amount` to `address`: tokens entering the system.
    public func deposit(_ amount: Amount, to address: Address, reference: String? = nil) async throws -> Account {
        try await blocks?.closeDue()
        var scope = Scope()
        scope.accounts = [address]
        if let reference {
            guard (1...200).contains(reference.count), !PlainText.hasControlCharacter(reference) else {
                throw CostakeError(.malformed, "A deposit reference has 1 to 200 characters and no control characters.")
            }
        }
        let reference = reference ?? "deposit-\(ids.text())"
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            let account = try set.deposit(amount, to: address)
            try set.closeEntry(kind: "deposit", reference: reference)
            return account
        }
    }

    /// The demo faucet: `amount` to `address`, once per account per `interval` seconds.
    public func faucet(_ amount: Amount, to address: Address, every interval: Int64) async throws -> Account {
        try await blocks?.closeDue()
        var scope = Scope()
        scope.accounts = [address]
        let now = clock.now()
        return try await store.work(scope, now: now, rules: rules, ids: ids) { set throws(CostakeError) in
            let account = try set.faucet(amount, to: address, every: interval)
            try set.closeEntry(kind: "faucet", reference: "faucet-\(address.text)-\(now.seconds)")
            return account
        }
    }
}
