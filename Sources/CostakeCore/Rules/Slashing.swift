import Foundation

/// How the operator rules on a slash.
public enum SlashOutcome: String, Sendable, Codable, CaseIterable {
    case upheld, overturned
}

extension WorkingSet {
    /// Slashes a device (operator, SPEC §8): takes floor(amount × principal_bps / 10000) from
    /// every `active`, `waiting` and `cooling` position on it and floor(unclaimed × rewards_bps /
    /// 10000) from their unclaimed rewards into a `pending` escrow with a 30-day appeal window.
    public mutating func slash(device deviceID: DeviceID, principalBps: Int, rewardsBps: Int,
                               reason: String) throws(CostakeError) -> Slash {
        let device = try device(deviceID)
        guard let principalShare = BasisPoints.validated(principalBps), let rewardsShare = BasisPoints.validated(rewardsBps) else {
            throw CostakeError(.malformed, "principal_bps and rewards_bps are each from 0 to 10000.")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(reason.count) else {
            throw CostakeError(.malformed, "A slash needs a reason of 1 to 500 characters.")
        }
        guard !PlainText.hasControlCharacter(reason, allowLineBreaks: true) else {
            throw CostakeError(.malformed, "A slash reason cannot hold control characters other than line breaks and tabs.")
        }
        let slash = Slash(id: ids.make(), deviceID: device.id, principalShare: principalShare, rewardsShare: rewardsShare,
                          reason: reason, createdAt: now, appealDeadline: now.adding(seconds: rules.appealWindowSeconds),
                          escrowed: .zero)
        insert(slash)
        var items: [SlashItem] = []
        for listed in positions(on: device.id).filter({ $0.state.slashable }).sorted(by: { $0.id < $1.id }) {
            // What it earned up to now is unclaimed too, and the slash takes its share of it.
            try settle(listed.id)
            let position = positions[listed.id]!
            let principal = try position.amount.share(principalShare)
            let rewards = try position.unclaimedRewards.share(rewardsShare)
            try transfer(principal, from: .principal(position.id), to: .escrow(slash.id))
            try transfer(rewards, from: .rewards(position.id), to: .escrow(slash.id))
            if principal.isPositive || rewards.isPositive {
                items.append(SlashItem(slashID: slash.id, positionID: position.id, staker: position.staker,
                                       principal: principal, rewards: rewards))
            }
        }
        slashItems[slash.id] = items
        return slashes[slash.id]!
    }

    /// The operator's ruling: `upheld` burns the escrow; `overturned` returns every part to the
    /// position it came from (to the staker's available balance if that position has since been
    /// withdrawn: funds only ever return to the account that staked them).
    public mutating func resolve(_ slashID: SlashID, _ outcome: SlashOutcome) throws(CostakeError) -> Slash {
        let slash = try slash(slashID)
        guard slash.state == .pending || slash.state == .appealed else {
            throw CostakeError(.slashResolved, "Slash \(slashID) is already \(slash.state.rawValue).")
        }
        switch outcome {
        case .upheld:
            try transfer(slash.escrowed, from: .escrow(slashID), to: .burned)
            slashes[slashID]!.state = .upheld
        case .overturned:
            precondition(scope.slashItemsOf.contains(slashID), "slash items not loaded")
            for item in slashItems[slashID] ?? [] {
                let position = try position(item.positionID)
                let principalTarget: LedgerAccount = position.state == .withdrawn ? .available(item.staker) : .principal(item.positionID)
                try transfer(item.principal, from: .escrow(slashID), to: principalTarget)
                try transfer(item.rewards, from: .escrow(slashID), to: .rewards(item.positionID))
            }
            slashes[slashID]!.state = .overturned
        }
        slashes[slashID]!.resolvedAt = now
        return slashes[slashID]!
    }

    /// Burns every pending slash whose appeal window has ended by `now` (at a block close).
    mutating func burnLapsedSlashes() throws(CostakeError) {
        for slash in slashes.values.sorted(by: { $0.id < $1.id }) where slash.state == .pending && slash.appealDeadline <= now {
            try transfer(slash.escrowed, from: .escrow(slash.id), to: .burned)
            slashes[slash.id]!.state = .burned
            slashes[slash.id]!.resolvedAt = now
        }
    }
}
