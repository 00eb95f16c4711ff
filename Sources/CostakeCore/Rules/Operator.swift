import Foundation

/// A device registration by the operator.
public struct DeviceRegistration: Sendable, Hashable {
    public var id: DeviceID
    public var name: String
    public var owner: Address
    public var model: String
    public var processors: Int
    public var status: DeviceStatus
    public var hired: Bool

    public init(id: DeviceID, name: String, owner: Address, model: String, processors: Int,
                status: DeviceStatus = .down, hired: Bool = false) {
        self.id = id
        self.name = name
        self.owner = owner
        self.model = model
        self.processors = processors
        self.status = status
        self.hired = hired
    }
}

extension WorkingSet {
    /// Registers a device (operator). The scope must name its id so that a duplicate is seen.
    public mutating func registerDevice(_ registration: DeviceRegistration) throws(CostakeError) -> Device {
        guard devices[registration.id] == nil else {
            throw CostakeError(.deviceExists, "A device with the id \(registration.id) is already registered.")
        }
        guard rules.models.model(named: registration.model) != nil else {
            throw CostakeError(.unknownModel, "Unknown model \"\(registration.model)\"; GET /v1/models lists the models.")
        }
        guard Device.processorRange.contains(registration.processors) else {
            throw CostakeError(.invalidDevice, "A device has 1 to 64 processors, not \(registration.processors).")
        }
        let name = registration.name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count) else {
            throw CostakeError(.invalidDevice, "A device name has 1 to 100 characters.")
        }
        guard !PlainText.hasControlCharacter(name) else {
            throw CostakeError(.invalidDevice, "A device name cannot hold control characters.")
        }
        let device = Device(id: registration.id, name: name, owner: registration.owner, model: registration.model,
                            processors: registration.processors, status: registration.status,
                            hired: registration.hired, registeredAt: now)
        insert(device)
        return device
    }

    /// Changes a device's status or hired flag (operator). Terminating it closes its open offer;
    /// a terminated device stays terminated.
    public mutating func updateDevice(_ id: DeviceID, status: DeviceStatus?, hired: Bool?) throws(CostakeError) -> Device {
        let device = try device(id)
        if device.isTerminated, let status, status != .terminated {
            throw CostakeError(.deviceTerminated, "Device \(id) is terminated; its status cannot change.")
        }
        if let status { devices[id]!.status = status }
        if let hired { devices[id]!.hired = hired }
        if status == .terminated, let offer = liveOffer(on: id), offer.status == .open {
            offers[offer.id]!.close(.deviceTerminated, at: now)
        }
        return devices[id]!
    }

    /// The demo faucet: credits `amount` at most once per `interval` seconds per account.
    public mutating func faucet(_ amount: Amount, to address: Address, every interval: Int64) throws(CostakeError) -> Account {
        if let last = accounts[address]?.faucetAt, now.seconds < last.seconds + interval {
            throw CostakeError(.faucetTooSoon, "The faucet paid this account at \(last.rfc3339); ask again at \(last.adding(seconds: interval).rfc3339) or later.")
        }
        _ = try deposit(amount, to: address)
        accounts[address]!.faucetAt = now
        return accounts[address]!
    }

    /// Credits an account with tokens entering the system (operator).
    public mutating func deposit(_ amount: Amount, to address: Address) throws(CostakeError) -> Account {
        guard amount.isPositive else { throw CostakeError(.invalidAmount, "A deposit must be more than 0 IO.") }
        try transfer(amount, from: .deposits, to: .available(address))
        return accounts[address]!
    }
}
