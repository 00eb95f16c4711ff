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

        // One pass over the devices in id order: each device's model, positions and
        // eligibility are looked up once and kept for the shares and the split below.
        var outcomes: [DeviceOutcome] = []
        outcomes.reserveCapacity(devices.count)
        for id in devices.keys.sorted() {
            let device = devices[id]!
            let model = rules.model(of: device)
            let live = positions(on: id)
            let stake = StakeStatus(requirement: model.map { rules.models.requirement(for: $0, processors: device.processors) }
                                        ?? Amount(baseUnits: .max), positions: live)
            let eligibility = Eligibility.evaluate(device: device, model: model, telemetry: telemetry[id], stake: stake,
                                                   start: start, end: end)
            outcomes.append(DeviceOutcome(
                id: id, owner: device.owner, model: model, eligibility: eligibility,
                score: Int64(model?.multiplierHundredths ?? 0) * Int64(device.processors),
                ownerPosition: live.first { $0.role == .owner && $0.state == .active }?.id,
                coStaker: live.first { $0.role == .coStaker && $0.state == .active }))
        }
        var paid: [RewardPool: Amount] = [:]
        var shared: [RewardPool: Amount] = [:]
        var eligibleScore: [RewardPool: Int64] = [:]
        var eligibleDevices = 0
        for pool in RewardPool.allCases {
            let available = Amount(baseUnits: systemBalances[.carry(pool)] ?? 0)
            shared[pool] = available
            var totalScore: Int64 = 0
            for outcome in outcomes where outcome.earns(in: pool) { totalScore += outcome.score }
            eligibleScore[pool] = totalScore
            var poolPaid = Amount.zero
            for index in outcomes.indices where outcomes[index].earns(in: pool) {
                let reward = try available.scaled(by: outcomes[index].score, over: totalScore)
                outcomes[index].reward = reward
                poolPaid = try poolPaid.adding(reward)
                eligibleDevices += 1
            }
            paid[pool] = poolPaid
        }
        var credits: [RewardPool: Amount] = [:]
        let firstRecord = deviceBlocks.count
        deviceBlocks.reserveCapacity(deviceBlocks.count + outcomes.count)
        var runs: [DeviceRun] = []
        runs.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            let (record, run) = try payOut(outcome, height: height, end: end, into: &credits)
            deviceBlocks.append(record)
            runs.append(run)
        }
        // The positions' parts go to the accrued account, one posting per pool: each position
        // gets its own when it is settled (`RewardAccrual`), from the runs written below.
        for pool in RewardPool.allCases { try transfer(credits[pool] ?? .zero, from: .carry(pool), to: .accrued) }
        try burnLapsedSlashes()
        try recomputeReliability(close)
        // A device whose outcome has the shape of its current run adds no row: the run goes on,
        // unless it already covers `runReach` blocks.
        for index in runs.indices {
            runs[index].reliability = deviceBlocks[firstRecord + index].reliability
            if let current = openRuns[runs[index].deviceID], current.continues(into: runs[index]),
               height - current.fromHeight < close.runReach { continue }
            deviceRuns.append(runs[index])
            openRuns[runs[index].deviceID] = runs[index]
        }
        let carry = Dictionary(uniqueKeysWithValues: RewardPool.allCases.map { ($0, Amount(baseUnits: systemBalances[.carry($0)] ?? 0)) })
        let block = Block(height: height, start: start, end: end, emission: emitted, paid: paid, carry: carry, shared: shared,
                          eligibleDevices: eligibleDevices, eligibleScore: eligibleScore, closedAt: closedAt)
        refreshRewardBases(close, block: block, outcomes: outcomes, emission: schedule)
        closedBlocks.append(block)
        try closeEntry(kind: "block", reference: String(height))
        return block
    }

    /// What a block close works out for one device before it pays.
    private struct DeviceOutcome {
        let id: DeviceID
        let owner: Address
        let model: DeviceModel?
        let eligibility: Eligibility
        /// Multiplier (hundredths) × processors.
        let score: Int64
        let ownerPosition: PositionID?
        let coStaker: Position?
        var reward = Amount.zero

        /// Eligible, and its model shares `pool`'s emission.
        func earns(in pool: RewardPool) -> Bool { eligibility.isEligible && model?.pool == pool }
    }

    /// Pays a device's reward R as its run splits it (`DeviceRun.split`): the active co-staker
    /// gets floor(R × bps / 10000), the owner the rest; a waiting co-staker gets nothing.
    /// Without an owner position the owner's part stays in the pool's carry (never lost). Adds
    /// what the positions get to their pool's credits; returns the device's record and its run
    /// for this block (its reliability is set once recomputed).
    private func payOut(_ outcome: DeviceOutcome, height: Int64, end: Timestamp,
                        into credits: inout [RewardPool: Amount]) throws(CostakeError) -> (DeviceBlockRecord, DeviceRun) {
        // The co-staker's share: 0 when its offer cannot be found.
        let shareBps = outcome.coStaker?.offerID.flatMap { offers[$0] }?.rewardShare.value ?? 0
        let run = DeviceRun(deviceID: outcome.id, fromHeight: height, owner: outcome.owner, ownerPaid: outcome.ownerPosition != nil,
                            coStaker: outcome.coStaker?.staker, shareBps: shareBps, sufficient: outcome.eligibility.sufficient,
                            eligible: outcome.eligibility.isEligible, reliability: nil, pool: outcome.model?.pool,
                            score: outcome.score)
        let (ownerShare, coShare) = try run.split(outcome.reward)
        let pool = outcome.model?.pool ?? .community
        if outcome.coStaker != nil { credits[pool] = try (credits[pool] ?? .zero).adding(coShare) }
        if outcome.ownerPosition != nil { credits[pool] = try (credits[pool] ?? .zero).adding(ownerShare) }
        return (run.record(height: height, end: end, owner: ownerShare, coStaker: coShare), run)
    }

    /// Every device's R̄ for the estimates (SPEC §6): the average of its last 7 days of blocks
    /// when it has been registered for all of them, else its expected share given this block.
    private mutating func refreshRewardBases(_ close: BlockCloseScope, block: Block, outcomes: [DeviceOutcome],
                                             emission: EmissionSchedule) {
        let perWeek = close.schedule.blocks(in: 7 * 86_400)
        let firstOfWeek = close.height - perWeek + 1
        let pools = emission.pools(block.emission)
        rewardBases.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            let id = outcome.id
            let basis: Amount
            if perWeek > 0, firstOfWeek >= 0, devices[id]!.registeredAt < close.schedule.end(of: firstOfWeek) {
                basis = Amount(baseUnits: (telemetry[id]?.rewardWeek.baseUnits ?? 0) / perWeek)
            } else {
                basis = RewardEstimate.expectedShare(score: outcome.score, model: outcome.model, lastBlock: block,
                                                     eligibleLastBlock: outcome.eligibility.isEligible,
                                                     pools: pools)
            }
            rewardBases[id] = devices[id]!.rewardBasis != basis ? basis : nil
        }
    }

    /// Recomputes every device's score over the window ending at this block (none under 24 hours
    /// of telemetry), from its window sums less the hours that leave them and the hours after the
    /// block.
    private mutating func recomputeReliability(_ close: BlockCloseScope) throws(CostakeError) {
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
            // The window sums count from this block's window start on once the hours before it
            // leave; the window itself ends where the block does.
            let inputs = reliabilityInputs[id] ?? ReliabilityInputs()
            let kept = state.windowSums - inputs.leaving, window = kept - inputs.later
            guard kept.isValid, window.isValid else {
                throw CostakeError(.internalError, "device \(id)'s reliability window sums \(state.windowSums) are less than its records \(inputs)")
            }
            telemetry[id]!.windowSums = kept
            guard state.firstReportAt.seconds(until: end) >= ReliabilityScore.minimumTelemetrySeconds else {
                telemetry[id]!.reliability = nil
                continue
            }
            let sufficientNow = records[id].map { deviceBlocks[$0].sufficient } ?? false
            telemetry[id]!.reliability = ReliabilityScore.score(
                upHours: window.upHours, powHours: window.powHours, disconnects: window.disconnects,
                sufficientBlocks: inputs.sufficientBlocks + (sufficientNow ? 1 : 0), blocks: inputs.blocks + 1,
                slashes: slashCounts[id] ?? 0)
            if let index = records[id] { deviceBlocks[index].reliability = telemetry[id]!.reliability }
        }
    }
}
