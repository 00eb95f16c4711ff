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
        state.withLock { state in
            var generator = SplitMix64(seed: state)
            defer { state = generator.state }
            return generator.uuid()
        }
    }
}
