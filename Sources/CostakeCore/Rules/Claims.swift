extension WorkingSet {
    /// `claim_rewards {}` (SPEC §5): every unclaimed reward of the signer's positions moves to
    /// its available balance.
    mutating func claimRewards(signer: Address) throws(CostakeError) -> TransactionResult {
        precondition(scope.rewardsOf.contains(signer), "rewards of \(signer) not loaded")
        for id in positions.values.filter({ $0.staker == signer && $0.state == .active }).map(\.id).sorted() {
            try settle(id)
        }
        let owed = positions.values.filter { $0.staker == signer && $0.unclaimedRewards.isPositive }
            .sorted { $0.id < $1.id }
        guard !owed.isEmpty else { throw CostakeError(.nothingToClaim, "You have no unclaimed rewards.") }
        var total = Amount.zero
        for position in owed {
            total = try total.adding(position.unclaimedRewards)
            try transfer(position.unclaimedRewards, from: .rewards(position.id), to: .available(signer))
        }
        return .amount(total)
    }

    /// `appeal_slash {slash_id}` (SPEC §5, §8): the device owner, within the appeal window.
    mutating func appealSlash(_ slashID: SlashID, signer: Address) throws(CostakeError) -> TransactionResult {
        let slash = try slash(slashID)
        try requireOwner(try device(slash.deviceID), signer)
        try slashes[slashID]!.appeal(at: now)
        return .slash(slashID, slashes[slashID]!.state)
    }
}
