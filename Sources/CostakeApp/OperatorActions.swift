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

    public init(store: any CostakeStore, rules: NetworkRules = NetworkRules(), clock: any NetworkClock,
                ids: IdentifierSource = .random) {
        self.store = store
        self.rules = rules
        self.clock = clock
        self.ids = ids
    }

    /// Registers a device.
    public func register(_ registration: DeviceRegistration) async throws -> Device {
        var scope = Scope()
        scope.devices = [registration.id]
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            try set.registerDevice(registration)
        }
    }

    /// Changes a device's status or hired flag.
    public func update(_ id: DeviceID, status: DeviceStatus? = nil, hired: Bool? = nil) async throws -> Device {
        var scope = Scope()
        scope.devices = [id]
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            try set.updateDevice(id, status: status, hired: hired)
        }
    }

    /// Credits `amount` to `address`: tokens entering the system.
    public func deposit(_ amount: Amount, to address: Address, reference: String? = nil) async throws -> Account {
        var scope = Scope()
        scope.accounts = [address]
        let reference = reference ?? "deposit-\(ids.text())"
        return try await store.work(scope, now: clock.now(), rules: rules, ids: ids) { set throws(CostakeError) in
            let account = try set.deposit(amount, to: address)
            try set.closeEntry(kind: "deposit", reference: reference)
            return account
        }
    }
}
