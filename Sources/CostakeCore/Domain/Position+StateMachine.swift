/// The periods of the unstaking lifecycle (SPEC §4–§5).
public struct StakingPeriods: Sendable, Hashable {
    /// A co-staker's waiting period after unstaking: 7 days.
    public var waitingSeconds: Int64 = 7 * 86_400
    /// The cooling period before funds can be withdrawn: 14 days.
    public var coolingSeconds: Int64 = 14 * 86_400

    public init() {}
}

extension Position {
    /// Applies the time-driven moves up to `now`: waiting → cooling → withdrawable.
    /// Returns whether the state changed.
    @discardableResult
    public mutating func advance(to now: Timestamp) -> Bool {
        let before = state
        if state == .waiting, let end = waitingEndsAt, end <= now { state = .cooling }
        if state == .cooling, let end = coolingEndsAt, end <= now { state = .withdrawable }
        return state != before
    }

    /// A co-staker leaves: 7 days waiting, then 14 days cooling. Cannot be undone.
    public mutating func startWaiting(at now: Timestamp, periods: StakingPeriods) throws(CostakeError) {
        precondition(role == .coStaker, "only a co-staker waits")
        try requireActive()
        state = .waiting
        waitingEndsAt = now.adding(seconds: periods.waitingSeconds)
        coolingEndsAt = now.adding(seconds: periods.waitingSeconds + periods.coolingSeconds)
    }

    /// A full unstake (owner), or a co-staker forced out by the owner's full unstake:
    /// straight into 14 days of cooling.
    public mutating func startCooling(at now: Timestamp, periods: StakingPeriods) throws(CostakeError) {
        try requireActive()
        state = .cooling
        waitingEndsAt = nil
        coolingEndsAt = now.adding(seconds: periods.coolingSeconds)
    }

    /// Marks the principal as returned to the staker. The caller moves the funds in the ledger.
    public mutating func markWithdrawn(at now: Timestamp) throws(CostakeError) {
        advance(to: now)
        guard state == .withdrawable else {
            let when = nextTransitionAt.map { " It becomes withdrawable at \(coolingEndsAt ?? $0)." } ?? ""
            throw CostakeError(.notWithdrawable, "Position \(id) is \(state.rawValue), not withdrawable.\(when)")
        }
        state = .withdrawn
    }

    func requireActive() throws(CostakeError) {
        guard state == .active else {
            throw CostakeError(.positionNotActive, "Position \(id) is \(state.rawValue); only an active position can be unstaked.")
        }
    }
}
