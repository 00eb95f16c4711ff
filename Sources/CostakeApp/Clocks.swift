import CostakeCore
import Foundation
import Synchronization

/// The machine's clock, to the second.
public struct SystemClock: NetworkClock {
    public init() {}
    public func now() -> Timestamp { Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}

/// A clock that moves only when told: tests and the `--clock manual` sandbox.
public final class ManualClock: NetworkClock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp) { current = Mutex(start) }

    public func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock forward and returns the new time.
    @discardableResult
    public func advance(seconds: Int64) -> Timestamp {
        precondition(seconds >= 0, "time only moves forward")
        return current.withLock { now in
            now = now.adding(seconds: seconds)
            return now
        }
    }
}

/// Identifiers from a seeded generator: the same seed gives the same ids (simulations, tests).
public final class SeededIdentifiers: Sendable {
    private let state: Mutex<UInt64>

    public init(seed: UInt64) { state = Mutex(seed) }

    public var source: IdentifierSource {
        IdentifierSource { [self] in self.next() }
    }

    func next() -> UUID {
        state.withLock { s in
            var bytes = [UInt8]()
            for _ in 0..<2 {
                s &+= 0x9E37_79B9_7F4A_7C15
                var z = s
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                bytes += withUnsafeBytes(of: z.bigEndian, Array.init)
            }
            bytes[6] = bytes[6] & 0x0F | 0x40
            bytes[8] = bytes[8] & 0x3F | 0x80
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }
}
