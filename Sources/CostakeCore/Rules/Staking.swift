extension WorkingSet {
    /// `stake {device_id, amount}` (SPEC §5): the owner adds to its active position.
    mutating func stake(_ amount: Amount, on deviceID: DeviceID, signer: Address) throws(CostakeError) -> TransactionResult {
        let device = try device(deviceID)
        try requireOwner(device, signer)
        guard !device.isTerminated else {
            throw CostakeError(.deviceTerminated, "Device \(device.id) is terminated and cannot take new stake.")
        }
        let ownPositions = positions(on: deviceID).filter { $0.role == .owner }
        if let cooling = ownPositions.first(where: { $0.state == .cooling }) {
            throw CostakeError(.cooldownInProgress, "Your stake on device \(device.id) is cooling until \(cooling.coolingEndsAt.map(\.description) ?? "later"); stake again after it ends.")
        }
        guard amount.isPositive else { throw CostakeError(.invalidAmount, "The amount to stake must be more than 0 IO.") }
        try requireAvailable(amount, signer)
        let position = ownPositions.first { $0.state == .active }
            ?? Position(id: ids.make(), deviceID: deviceID, staker: signer, role: .owner, amount: .zero, createdAt: now,
                        rewardsThrough: newPositionRewardsThrough)
        insert(position)
        try transfer(amount, from: .available(signer), to: .principal(position.id))
        return .position(position.id)
    }

    /// `unstake {position_id, amount?}` (SPEC §5).
    mutating func unstake(_ positionID: PositionID, amount: Amount?, signer: Address) throws(CostakeError) -> TransactionResult {
        let position = try position(positionID)
        try requireStaker(position, signer)
        try position.requireActive()
        let device = try device(position.deviceID)
        if let amount, !amount.isPositive {
            throw CostakeError(.invalidAmount, "The amount to unstake must be more than 0 IO; leave it out to unstake everything.")
        }
        if position.role == .owner, let amount, amount <= stakeStatus(of: device).overflow {
            // Overflow leaves at once: the device stays exactly as sufficient as it was.
            try transfer(amount, from: .principal(positionID), to: .available(signer))
            if positions[positionID]!.amount.isZero {
                // It leaves `active`: what it earned is settled first. A position that stays
                // active keeps accruing, and is not settled.
                try settle(positionID)
                positions[positionID]!.state = .withdrawn
            }
            return .unstaked(position: positionID, state: positions[positionID]!.state, returned: amount)
        }
        if position.role == .owner, let offer = liveOffer(on: device.id), offer.status == .open {
            throw CostakeError(.retractOfferFirst, "Device \(device.id) has the open offer \(offer.id); retract it before unstaking fully.")
        }
        guard !device.hired else {
            throw CostakeError(.deviceHired, "Device \(device.id) is hired in a cluster; a full unstake must wait until the hire ends.")
        }
        // It leaves `active` (so do the co-stakers an owner's full unstake moves): settled first.
        try settle(positionID)
        switch position.role {
        case .coStaker:
            try positions[positionID]!.startWaiting(at: now, periods: rules.periods)
            closeOffer(of: position, .coStakerLeft)
        case .owner:
            try positions[positionID]!.startCooling(at: now, periods: rules.periods)
            for coStaker in positions(on: device.id) where coStaker.role == .coStaker && coStaker.state == .active {
                try settle(coStaker.id)
                try positions[coStaker.id]!.startCooling(at: now, periods: rules.periods)
                closeOffer(of: coStaker, .ownerUnstaked)
            }
        }
        return .unstaked(position: positionID, state: positions[positionID]!.state, returned: .zero)
    }

    /// `withdraw {position_id}` (SPEC §5): the principal returns to the account that staked it.
    mutating func withdraw(_ positionID: PositionID, signer: Address) throws(CostakeError) -> TransactionResult {
        let position = try position(positionID)
        try requireStaker(position, signer)
        try positions[positionID]!.markWithdrawn(at: now)
        try transfer(position.amount, from: .principal(positionID), to: .available(position.staker))
        return .amount(position.amount)
    }

    private mutating func closeOffer(of coStaker: Position, _ reason: OfferClosedReason) {
        guard let offerID = coStaker.offerID, offers[offerID] != nil else { return }
        offers[offerID]!.close(reason, at: now)
    }

    func requireAvailable(_ amount: Amount, _ signer: Address) throws(CostakeError) {
        let available = accounts[signer]?.available ?? .zero
        guard available >= amount else {
            throw CostakeError(.insufficientBalance, "You have \(available) IO available, less than the \(amount) IO needed.")
        }
    }
}
