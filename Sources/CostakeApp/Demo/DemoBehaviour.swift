import CostakeCore
import Foundation

/// How much history a demo network starts with: 7 days of blocks, at most 1,000 blocks
/// (short intervals would otherwise make seeding slow).
public enum DemoHistory {
    public static func blocks(interval: Int64) -> Int64 { min(1_000, max(1, 7 * 86_400 / interval)) }
}

/// How a demo device behaves on the network, fixed by its id so that a restarted server goes
/// on the same way: most are steady, some drop out now and then, a few are mostly offline.
public enum Temperament: Sendable, CaseIterable {
    case steady, flaky, mostlyDown

    public init(_ device: DeviceID) {
        switch Self.seed(device) % 100 {
        case 0..<82: self = .steady
        case 82..<95: self = .flaky
        default: self = .mostlyDown
        }
    }

    /// Whether the device is online in hour `hour` (hours since 1970).
    public func online(_ device: DeviceID, hour: Int64) -> Bool {
        let seed = Self.seed(device)
        switch self {
        case .steady: return SplitMix64.hash(seed, UInt64(bitPattern: hour)) % 1_000 >= 3
        case .flaky: return SplitMix64.hash(seed, UInt64(bitPattern: hour / 3)) % 100 >= 12
        case .mostlyDown: return SplitMix64.hash(seed, UInt64(bitPattern: hour / 6)) % 100 < 30
        }
    }

    /// Whether the device passes its proof-of-work check in hour `hour`.
    public func powOK(_ device: DeviceID, hour: Int64) -> Bool {
        switch self {
        case .steady: return true
        case .flaky, .mostlyDown: return SplitMix64.hash(Self.seed(device) ^ 0x5A5A, UInt64(bitPattern: hour)) % 100 < 85
        }
    }

    static func seed(_ device: DeviceID) -> UInt64 {
        let u = device.uuid.uuid
        return [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7].reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// The telemetry the demo's devices send: a report every few minutes from each device whose
/// status telemetry decides (`up`/`down`); paused, blocked, terminated and unsupported devices
/// stay silent.
public struct TelemetrySimulator: Sendable {
    public init() {}

    /// One report per reporting device at `now`.
    public func reports(for devices: [Device], at now: Timestamp) -> [TelemetryEvent] {
        let hour = now.seconds / 3_600
        return devices.compactMap { device in
            guard device.status == .up || device.status == .down else { return nil }
            let temperament = Temperament(device.id)
            let online = temperament.online(device.id, hour: hour)
            return TelemetryEvent(deviceID: device.id, at: now, status: online ? .up : .down,
                                  powOK: online ? temperament.powOK(device.id, hour: hour) : nil)
        }
    }
}
