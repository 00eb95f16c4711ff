/// How block rewards reach positions (SPEC §6: "credited to the positions' unclaimed rewards").
/// A block close pays each pool's credits into the `accrued` ledger account in one posting,
/// instead of a posting and a row update for each of a million positions. What a position has
/// earned since it was last settled (the blocks after its `rewardsThrough`) is exact from its
/// device's runs and the blocks' rows, which the close writes anyway; it is shown with the
/// position, and settled into it (`accrued` → the position's rewards account) before anything
/// reads or changes its rewards: a claim, a slash, or the position leaving `active`. Only an
/// `active` position earns, and it is settled on leaving, so one that is not active has
/// nothing pending.
public enum RewardAccrual {
    /// What `position` earned in `blocks` after its `rewardsThrough`: in each, its side of its
    /// device's reward as the close paid it (the owner's part when the run names it as the paid
    /// owner, the co-staker's when the run names it as the co-staker). `runs` are the device's
    /// runs in height order that cover those blocks; `blocks` are in height order.
    public static func pending(_ position: Position, runs: [DeviceRun], blocks: [Block]) throws(CostakeError) -> Amount {
        guard position.state == .active else { return .zero }
        var total = Amount.zero
        var index = 0
        for block in blocks where block.height > position.rewardsThrough {
            while index + 1 < runs.count, runs[index + 1].fromHeight <= block.height { index += 1 }
            guard index < runs.count, runs[index].fromHeight <= block.height else { continue }
            let run = runs[index]
            precondition(run.deviceID == position.deviceID, "runs of another device")
            switch position.role {
            case .owner:
                guard run.ownerPaid, run.owner == position.staker else { continue }
                total = try total.adding(try run.rewards(in: block).owner)
            case .coStaker:
                guard run.coStaker == position.staker else { continue }
                total = try total.adding(try run.rewards(in: block).coStaker)
            }
        }
        return total
    }

    /// What each `active` position of `positions` has pending through `lastClosed`, zero
    /// included: `blocks` are the closed blocks from the lowest of `needs(positions)` on, in
    /// height order; `runs` each needed device's runs covering its heights, in height order.
    public static func pending(of positions: some Sequence<Position>, lastClosed: Int64?, blocks: [Block],
                               runs: [DeviceID: [DeviceRun]]) throws(CostakeError) -> [PositionID: Amount] {
        var pending: [PositionID: Amount] = [:]
        for position in positions where position.state == .active {
            guard let lastClosed, position.rewardsThrough < lastClosed else {
                pending[position.id] = .zero
                continue
            }
            let first = blocks.partitioningIndex { $0.height > position.rewardsThrough }
            pending[position.id] = try Self.pending(position, runs: runs[position.deviceID] ?? [], blocks: Array(blocks[first...]))
        }
        return pending
    }

    /// The devices whose runs `pending(of:)` needs, each with the first height it needs: the
    /// block after the oldest settlement of an active position on it that is behind `lastClosed`.
    public static func needs(_ positions: some Sequence<Position>, lastClosed: Int64?) -> [DeviceID: Int64] {
        guard let lastClosed else { return [:] }
        var needs: [DeviceID: Int64] = [:]
        for position in positions where position.state == .active && position.rewardsThrough < lastClosed {
            needs[position.deviceID] = min(needs[position.deviceID] ?? .max, position.rewardsThrough + 1)
        }
        return needs
    }
}

extension Position {
    /// This position as it reads once `pending` (what it earned through `through`, the last
    /// closed block) is settled into it: how reads show it.
    public func settled(_ pending: Amount?, through: Int64?) throws(CostakeError) -> Position {
        guard let pending, let through, rewardsThrough < through else { return self }
        var settled = self
        settled.unclaimedRewards = try unclaimedRewards.adding(pending)
        settled.lifetimeRewards = try lifetimeRewards.adding(pending)
        settled.rewardsThrough = through
        return settled
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true
    /// along the array (a binary search); `endIndex` when none does.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
