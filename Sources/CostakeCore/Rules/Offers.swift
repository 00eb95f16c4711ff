extension WorkingSet {
    /// `create_offer {device_id, requested_amount, reward_share_bps}` (SPEC §5).
    mutating func createOffer(on deviceID: DeviceID, requestedAmount: Amount, rewardShareBps: Int,
                              signer: Address) throws(CostakeError) -> TransactionResult {
        let device = try device(deviceID)
        try requireOwner(device, signer)
        guard let model = rules.model(of: device), model.earns, !device.isTerminated else {
            let why = device.isTerminated ? "it is terminated" : "its model \(device.model) earns no rewards"
            throw CostakeError(.deviceNotEligible, "Device \(device.id) cannot take offers: \(why).")
        }
        if let live = liveOffer(on: deviceID) {
            throw CostakeError(.offerExists, "Device \(device.id) already has the \(live.status.rawValue) offer \(live.id).")
        }
        let status = stakeStatus(of: device)
        let ceiling = try status.requirement.share(rules.maxRequestedShare)
        guard requestedAmount.isPositive, requestedAmount <= ceiling else {
            throw CostakeError(.requestedAmountOutOfRange, "The requested amount must be more than 0 and at most \(ceiling) IO (50% of the requirement of \(status.requirement) IO); it was \(requestedAmount) IO.")
        }
        guard let share = BasisPoints.validated(rewardShareBps), rewardShareBps >= rules.minRewardShareBps else {
            throw CostakeError(.rewardShareOutOfRange, "The reward share must be from \(rules.minRewardShareBps) to 10000 basis points (5% to 100%); it was \(rewardShareBps).")
        }
        let covered = try status.ownerActive.adding(requestedAmount)
        guard covered >= status.requirement else {
            throw CostakeError(.ownerStakeTooLow, "Your active stake of \(status.ownerActive) IO plus the requested \(requestedAmount) IO does not reach the requirement of \(status.requirement) IO; stake at least \(try status.requirement.subtracting(covered)) IO more first.")
        }
        let offer = Offer(id: ids.make(), deviceID: deviceID, requestedAmount: requestedAmount, rewardShare: share, createdAt: now)
        insert(offer)
        return .offer(offer.id)
    }

    /// `retract_offer {offer_id}` (SPEC §5): only while open; no penalty.
    mutating func retractOffer(_ offerID: OfferID, signer: Address) throws(CostakeError) -> TransactionResult {
        let offer = try offer(offerID)
        try requireOwner(try device(offer.deviceID), signer)
        try offers[offerID]!.retract(at: now)
        return .offer(offerID)
    }

    /// `co_stake {offer_id, requested_amount, reward_share_bps}` (SPEC §5): exactly the offer's
    /// terms, at most `claimCap` live co-stakes per account, one co-staker per offer.
    mutating func coStake(_ offerID: OfferID, requestedAmount: Amount, rewardShareBps: Int,
                          signer: Address) throws(CostakeError) -> TransactionResult {
        let offer = try offer(offerID)
        let device = try device(offer.deviceID)
        try offer.requireOpen("taken")
        guard device.owner != signer else {
            throw CostakeError(.ownDevice, "Offer \(offerID) is on your own device; co-staking is for other accounts.")
        }
        guard requestedAmount == offer.requestedAmount, rewardShareBps == offer.rewardShare.value else {
            throw CostakeError(.termsMismatch, "The offer's terms are \(offer.requestedAmount) IO for \(offer.rewardShare.value) basis points; you signed \(requestedAmount) IO for \(rewardShareBps). Review the offer and sign again.")
        }
        let used = claimSlotsUsed(by: signer)
        guard used < rules.claimCap else {
            throw CostakeError(.claimCapReached, "You already hold \(used) active or waiting co-stakes, the most allowed (\(rules.claimCap)).")
        }
        try requireAvailable(requestedAmount, signer)
        let position = Position(id: ids.make(), deviceID: device.id, staker: signer, role: .coStaker,
                                amount: .zero, createdAt: now, rewardsThrough: newPositionRewardsThrough, offerID: offerID)
        insert(position)
        try offers[offerID]!.take(by: position.id, at: now)
        try transfer(requestedAmount, from: .available(signer), to: .principal(position.id))
        return .position(position.id)
    }
}
