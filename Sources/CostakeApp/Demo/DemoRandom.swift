import CostakeCore
import Foundation

/// How much history a demo network starts with: 7 days of blocks, at most 1,000 blocks
/// (short intervals would otherwise make seeding slow).
public enum DemoHistory {
    public static func blocks(interval: Int64) -> Int64 { min(1_000, max(1, 7 * 86_400 / interval)) }
}

/// SplitMix64: a small seeded generator, so that the same seed builds the same demo network.
public struct DemoRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a well-spread hash of one word.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A hash of two words: the same inputs always give the same value.
    public static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 { mix(mix(a) ^ (b &* 0x9E37_79B9_7F4A_7C15)) }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    /// 32 bytes for a key seed.
    public mutating func bytes32() -> [UInt8] { (0..<4).flatMap { _ in withUnsafeBytes(of: next().bigEndian, Array.init) } }
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
        case .steady: return DemoRandom.hash(seed, UInt64(bitPattern: hour)) % 1_000 >= 3
        case .flaky: return DemoRandom.hash(seed, UInt64(bitPattern: hour / 3)) % 100 >= 12
        case .mostlyDown: return DemoRandom.hash(seed, UInt64(bitPattern: hour / 6)) % 100 < 30
        }
    }

    /// Whether the device passes its proof-of-work check in hour `hour`.
    public func powOK(_ device: DeviceID, hour: Int64) -> Bool {
        switch self {
        case .steady: return true
        case .flaky, .mostlyDown: return DemoRandom.hash(Self.seed(device) ^ 0x5A5A, UInt64(bitPattern: hour)) % 100 < 85
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
