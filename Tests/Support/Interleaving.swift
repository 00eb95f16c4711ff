import Foundation
import Synchronization

/// A unit of work decided on a read snapshot that another write changes before the unit is
/// saved: the unit deposits 5 IO to `account` on `store`; on its first decision it waits (at
/// most 3 s) until `between` has run. The wait blocks a thread of the cooperative pool, so it is
/// short: under a loaded run `between` may not finish in it, and then `interleaved` is false and
/// the caller tries again. Returns how many times the unit was decided and whether its first
/// decision saw `between` finish.
public func depositAcrossAnotherWrite(on store: any CostakeStore, to account: Address, now: Timestamp,
                                      between: @Sendable () async throws -> Void) async throws -> (decisions: Int, interleaved: Bool) {
    let signals = Mutex((decisions: 0, hasRead: false, betweenDone: false, sawBetween: false))
    let scope = { var scope = Scope(); scope.accounts = [account]; return scope }()
    let unit = Task {
        try await store.work(scope, now: now, rules: NetworkRules(), ids: .random) { set throws(CostakeError) -> Int in
            let decision = signals.withLock { signals in
                signals.decisions += 1
                signals.hasRead = true
                return signals.decisions
            }
            if decision == 1 {
                let deadline = Date().addingTimeInterval(3)
                while !signals.withLock(\.betweenDone) && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
                signals.withLock { $0.sawBetween = $0.betweenDone }
            }
            _ = try set.deposit(Amount(io: 5), to: account)
            try set.closeEntry(kind: "deposit", reference: "decided across another write")
            return decision
        }
    }
    while !signals.withLock(\.hasRead) { try await Task.sleep(for: .milliseconds(5)) }
    try await between()
    signals.withLock { $0.betweenDone = true }
    let decisions = try await unit.value
    return (decisions, signals.withLock(\.sawBetween))
}
