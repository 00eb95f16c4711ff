extension WorkingSet {
    /// Closes one block (SPEC §6–§8), with `now` = the block's end: mints its emission, shares
    /// each pool among eligible devices by score (multiplier × processors, shares rounded down),
    /// carries dust and unclaimed pools into the next block, splits each device's reward between
    /// the active co-staker (floor(R × bps / 10000)) and the owner, burns lapsed slashes,
    /// recomputes reliability scores, and records the block and every device's outcome.
    public mutating func closeBlock(emission schedule: EmissionSchedule, closedAt: Timestamp) throws(CostakeError) -> Block {
        guard let close = scope.blockClose else { throw CostakeError(.internalError, "block close scope not loaded") }
        let height = close.height
        guard height == (lastClosedHeight ?? -1) + 1 else {
            throw CostakeError(.internalError, "height \(height) cannot close after \(lastClosedHeight.map(String.init) ?? "none")")
        }
        let start = close.schedule.start(of: height), end = close.schedule.end(of: height)
        precondition(now == end, "a block closes with now at its end")

        let minted = Amount(baseUnits: -(systemBalances[.emission] ?? 0))
        let emitted = schedule.emission(height: height, mintedBefore: minted)
        let poolAmounts = schedule.pools(emitted)
        for pool in RewardPool.allCases { try transfer(poolAmounts[pool]!, from: .emission, to: .carry(pool)) }

        var outcomes: [DeviceID: (eligibility: Eligibility, score: Int64)] = [:]
        for device in devices.values {
            let model = rules.model(of: device)
            let eligibility = Eligibility.evaluate(device: device, model: model, telemetry: telemetry[device.id],
                                                   stake: stakeStatus(of: device), start: start, end: end)
            outcomes[device.id] = (eligibility, Int64(model?.multiplierHundredths ?? 0) * Int64(device.processors))
        }
        var rewards: [DeviceID: Amount] = [:]
        var paid: [RewardPool: Amount] = [:]
        var eligibleScore: [RewardPool: Int64] = [:]
        for pool in RewardPool.allCases {
            let eligible = outcomes.filter { $0.value.eligibility.isEligible && rules.model(of: devices[$0.key]!)?.pool == pool }
                .sorted { $0.key < $1.key }
            let available = Amount(baseUnits: systemBalances[.carry(pool)] ?? 0)
            let totalScore = eligible.reduce(Int64(0)) { $0 + $1.value.score }
            eligibleScore[pool] = totalScore
            var poolPaid = Amount.zero
            for (id, outcome) in eligible {
                let reward = try available.scaled(by: outcome.score, over: totalScore)
                rewards[id] = reward
                poolPaid = try poolPaid.adding(reward)
            }
            paid[pool] = poolPaid
        }
        var credits: [RewardPool: [(PositionID, Amount)]] = [:]
        for device in devices.values.sorted(by: { $0.id < $1.id }) {
            deviceBlocks.append(try payOut(rewards[device.id] ?? .zero, on: device, height: height, end: end,
                                           eligibility: outcomes[device.id]!.eligibility, into: &credits))
        }
        // In position order, so that the postings' index is written in order too.
        for pool in RewardPool.allCases { try credit((credits[pool] ?? []).sorted { $0.0 < $1.0 }, from: pool) }
        try burnLapsedSlashes()
        recomputeReliability(close)
        let carry = Dictionary(uniqueKeysWithValues: RewardPool.allCases.map { ($0, Amount(baseUnits: systemBalances[.carry($0)] ?? 0)) })
        let block = Block(height: height, start: start, end: end, emission: emitted, paid: paid, carry: carry,
                          eligibleDevices: rewards.count, eligibleScore: eligibleScore, closedAt: closedAt)
        refreshRewardBases(close, block: block, eligible: Set(rewards.keys), emission: schedule)
        closedBlocks.append(block)
        try closeEntry(kind: "block", reference: String(height))
        return block
    }

    /// Credits a device's reward R: the active co-staker gets floor(R × bps / 10000), the owner
    /// the rest; a waiting co-staker gets nothing. Without an owner position the owner's part
    /// stays in the pool's carry (never lost).
    private mutating func payOut(_ reward: Amount, on device: Device, height: Int64, end: Timestamp, eligibility: Eligibility,
                                 into credits: inout [RewardPool: [(PositionID, Amount)]]) throws(CostakeError) -> DeviceBlockRecord {
        let live = positions(on: device.id)
        let owner = live.first { $0.role == .owner && $0.state == .active }
        let coStaker = live.first { $0.role == .coStaker && $0.state == .active }
        let pool = rules.model(of: device)?.pool ?? .community
        var coShare = Amount.zero
        if let coStaker, let offerID = coStaker.offerID, let offer = offers[offerID] {
            coShare = try reward.share(offer.rewardShare)
            if coShare.isPositive { credits[pool, default: []].append((coStaker.id, coShare)) }
        }
        let ownerShare = try reward.subtracting(coShare)
        if let owner, ownerShare.isPositive { credits[pool, default: []].append((owner.id, ownerShare)) }
        return DeviceBlockRecord(height: height, deviceID: device.id, end: end, owner: device.owner,
                                 ownerReward: owner == nil ? .zero : ownerShare, coStaker: coStaker?.staker,
                                 coStakerReward: coShare, sufficient: eligibility.sufficient, eligible: eligibility.isEligible)
    }

    /// Pays a pool's credits into the positions' unclaimed (and lifetime) rewards: one posting
    /// per position and one for the pool's carry, rather than a pair per position.
    private mutating func credit(_ credits: [(PositionID, Amount)], from pool: RewardPool) throws(CostakeError) {
        try distribute(credits.map { (LedgerAccount.rewards($0.0), $0.1) }, from: .carry(pool))
        for (position, amount) in credits {
            positions[position]!.lifetimeRewards = try positions[position]!.lifetimeRewards.adding(amount)
        }
    }

    /// Every device's R̄ for the estimates (SPEC §6): the average of its last 7 days of blocks
    /// when it has been registered for all of them, else its expected share given this block.
    private mutating func refreshRewardBases(_ close: BlockCloseScope, block: Block, eligible: Set<DeviceID>,
                                             emission: EmissionSchedule) {
        let perWeek = close.schedule.blocks(in: 7 * 86_400)
        let firstOfWeek = close.height - perWeek + 1
        for (id, device) in devices {
            let basis: Amount
            if perWeek > 0, firstOfWeek >= 0, device.registeredAt < close.schedule.end(of: firstOfWeek) {
                basis = Amount(baseUnits: (telemetry[id]?.rewardWeek.baseUnits ?? 0) / perWeek)
            } else {
                basis = RewardEstimate.expectedShare(device: device, model: rules.model(of: device), lastBlock: block,
                                                     eligibleLastBlock: eligible.contains(id), emission: emission)
            }
            if device.rewardBasis != basis { devices[id]!.rewardBasis = basis }
        }
    }

    /// Recomputes every device's score over the window ending at this block (none under 24 hours
    /// of telemetry).
    private mutating func recomputeReliability(_ close: BlockCloseScope) {
        let end = close.schedule.end(of: close.height)
        let lookback = end.adding(seconds: -ReliabilityScore.slashLookbackSeconds)
        var slashCounts: [DeviceID: Int] = [:]
        for slash in slashes.values where slash.state != .overturned && slash.createdAt > lookback {
            slashCounts[slash.deviceID, default: 0] += 1
        }
        let records = Dictionary(uniqueKeysWithValues: deviceBlocks.indices.map { (deviceBlocks[$0].deviceID, $0) })
        for (id, state) in telemetry {
            let earned = records[id].map { deviceBlocks[$0].total.baseUnits } ?? 0
            let expired = expiringRewards[id]?.baseUnits ?? 0
            telemetry[id]!.rewardWeek = Amount(baseUnits: max(0, state.rewardWeek.baseUnits + earned - expired))
            guard state.firstReportAt.seconds(until: end) >= ReliabilityScore.minimumTelemetrySeconds else {
                telemetry[id]!.reliability = nil
                continue
            }
            let inputs = reliabilityInputs[id] ?? ReliabilityInputs()
            let sufficientNow = records[id].map { deviceBlocks[$0].sufficient } ?? false
            telemetry[id]!.reliability = ReliabilityScore.score(
                upHours: inputs.upHours, powHours: inputs.powHours, disconnects: inputs.disconnects,
                sufficientBlocks: inputs.sufficientBlocks + (sufficientNow ? 1 : 0), blocks: inputs.blocks + 1,
                slashes: slashCounts[id] ?? 0)
            if let index = records[id] { deviceBlocks[index].reliability = telemetry[id]!.reliability }
        }
    }
}
