import CostakeTestSupport
import Testing

/// Worked examples of SPEC §6 with exact base units. Four devices are reported up with a passed
/// proof of work from the genesis on; none is eligible before 5 hours of uptime, so blocks 0–3
/// carry their whole emission and block 4 pays it out with its own.
@Suite("blocks and rewards (SPEC §6)")
struct BlockTests {
    struct World {
        let cast: Cast
        let h100: DeviceID, a100: DeviceID, rtx4070: DeviceID, rtx3060: DeviceID
        let coStake: PositionID
    }

    func world(_ kind: StoreKind = .sqlite) async throws -> World {
        let cast = try await Cast.make(kind, funds: 30_000)
        let net = cast.net
        let h100 = try await net.device(owner: cast.owner, model: "H100 80GB HBM3", processors: 8)  // score 80, 16,000 IO
        let a100 = try await net.device(owner: cast.owner, model: "A100 80GB PCIe", processors: 2)  // score 10, 2,000 IO
        let rtx4070 = cast.device                                                                  // score 6, 1,200 IO
        let rtx3060 = try await net.device(owner: cast.owner, model: "RTX 3060", processors: 3)    // score 2.25, 600 IO
        let offer = try await cast.offer(ownerIO: 8_000, requestIO: 8_000, bps: 7_400, on: h100)
        let coStake = try await cast.take(offer, by: cast.alice, requestIO: 8_000, bps: 7_400)
        try await net.send(.stake(device: a100, amount: Amount(io: 2_000)), by: cast.owner)
        try await net.send(.stake(device: rtx4070, amount: Amount(io: 1_200)), by: cast.owner)
        try await net.send(.stake(device: rtx3060, amount: Amount(io: 600)), by: cast.owner)
        try await net.runUp([h100, a100, rtx4070, rtx3060], hours: 5)
        return World(cast: cast, h100: h100, a100: a100, rtx4070: rtx4070, rtx3060: rtx3060, coStake: coStake)
    }

    @Test func bothPoolsACoStakerAt7400BpsAndDustCarried() async throws {
        let w = try await world()
        let store = w.cast.net.store
        #expect(try await store.lastClosedHeight() == 4)
        for height in Int64(0)...3 {
            let block = try #require(try await store.block(height))
            #expect(block.emission == Amount(baseUnits: 456_600_000_000))
            #expect(block.eligibleDevices == 0 && block.totalPaid == .zero)
            #expect(block.carry[.enterprise] == Amount(baseUnits: 433_770_000_000 * (height + 1)))
            #expect(block.carry[.community] == Amount(baseUnits: 22_830_000_000 * (height + 1)))
        }
        let block = try #require(try await store.block(4))
        #expect(block.eligibleDevices == 4)
        #expect(block.paid[.enterprise] == Amount(baseUnits: 1_927_866_666_666 + 240_983_333_333))
        #expect(block.paid[.community] == Amount(baseUnits: 83_018_181_818 + 31_131_818_181))
        #expect(block.carry == [.enterprise: Amount(baseUnits: 1), .community: Amount(baseUnits: 1)])
        #expect(block.start == TestNetwork.start.adding(seconds: 4 * 3_600) && block.end == TestNetwork.start.adding(seconds: 5 * 3_600))

        let rewards = try await store.deviceBlocks(w.h100, from: block.end, to: block.end.adding(seconds: 1))
        #expect(rewards.map(\.coStakerReward) == [Amount(baseUnits: 1_426_621_333_332)])
        #expect(rewards.map(\.ownerReward) == [Amount(baseUnits: 501_245_333_334)])
        #expect(try await store.position(w.coStake)?.unclaimedRewards == Amount(baseUnits: 1_426_621_333_332))
        for (device, expected) in [(w.a100, 240_983_333_333), (w.rtx4070, 83_018_181_818), (w.rtx3060, 31_131_818_181)] as [(DeviceID, Int64)] {
            let owner = try #require(try await store.positions(on: device).first { $0.role == .owner })
            #expect(owner.unclaimedRewards == Amount(baseUnits: expected) && owner.lifetimeRewards == Amount(baseUnits: expected))
        }
        #expect(try await store.telemetry(w.h100)?.rewardWeek == Amount(baseUnits: 1_927_866_666_666), "kept for the marketplace sort")
        // Σ paid + carry = Σ emitted, exactly.
        let totals = try await w.cast.net.verifyLedger()
        #expect(totals.minted == 5 * 456_600_000_000)
        #expect(totals.unclaimed + totals.carried == totals.minted)
        #expect(totals.carried == 2)
    }

    @Test func claimMovesExactlyTheUnclaimedRewards() async throws {
        let w = try await world()
        let net = w.cast.net
        let before = try await net.available(w.cast.alice)
        let receipt = try await net.send(.claimRewards, by: w.cast.alice)
        #expect(try receipt.amount == Amount(baseUnits: 1_426_621_333_332))
        #expect(try await net.available(w.cast.alice) == before.adding(Amount(baseUnits: 1_426_621_333_332)))
        #expect(try await net.store.position(w.coStake)?.unclaimedRewards == .zero)
        #expect(try await net.store.position(w.coStake)?.lifetimeRewards == Amount(baseUnits: 1_426_621_333_332))
        let owner = try await net.send(.claimRewards, by: w.cast.owner)
        #expect(try owner.amount == Amount(baseUnits: 501_245_333_334 + 240_983_333_333 + 83_018_181_818 + 31_131_818_181))
        #expect(try await net.refusal(.claimRewards, by: w.cast.alice).code == .nothingToClaim)
        _ = try await net.verifyLedger()
    }

    /// A close pays the positions' parts into the `accrued` account; a position's row keeps its
    /// last settlement, and what it earned after is settled into it when it leaves `active`.
    @Test(arguments: StoreKind.allCases)
    func rewardsAccrueUntilSettledAndTheAccruedAccountHoldsExactlyWhatIsPending(_ kind: StoreKind) async throws {
        let w = try await world(kind)
        let net = w.cast.net
        let paid: Int64 = 1_426_621_333_332 + 501_245_333_334 + 240_983_333_333 + 83_018_181_818 + 31_131_818_181
        #expect(try await net.store.storedBalances()[.accrued] == paid)
        #expect(try await net.store.accruedRewards() == paid)
        func stored(_ id: PositionID) async throws -> Position? { try await net.store.liveState().positions.first { $0.id == id } }
        let before = try #require(try await stored(w.coStake))
        #expect(before.unclaimedRewards == .zero && before.lifetimeRewards == .zero && before.rewardsThrough == -1,
                "no close writes the position")

        try await net.send(.unstake(position: w.coStake, amount: nil), by: w.cast.alice)
        let settled = try #require(try await stored(w.coStake))
        #expect(settled.state == .waiting && settled.rewardsThrough == 4)
        #expect(settled.unclaimedRewards == Amount(baseUnits: 1_426_621_333_332) && settled.lifetimeRewards == settled.unclaimedRewards)
        #expect(try await net.store.storedBalances()[.accrued] == paid - 1_426_621_333_332)
        #expect(try await net.store.accruedRewards() == paid - 1_426_621_333_332)

        // Block 5 pays the owner the whole reward of the H100; the waiting co-stake has nothing pending.
        try await net.runUp([w.h100, w.a100, w.rtx4070, w.rtx3060], hours: 1)
        #expect(try await net.store.position(w.coStake)?.unclaimedRewards == Amount(baseUnits: 1_426_621_333_332))
        let owner = try #require(try await net.store.positions(on: w.h100).first { $0.role == .owner })
        #expect(owner.unclaimedRewards == Amount(baseUnits: 501_245_333_334 + (433_770_000_000 + 1) * 8_000 / 9_000))
        #expect(try await stored(owner.id)?.unclaimedRewards == .zero, "shown as of block 5, settled later")

        // Unstaking overflow leaves the position active: nothing is settled, nothing leaves `accrued`.
        let small = try #require(try await net.store.positions(on: w.rtx3060).first { $0.role == .owner })
        try await net.send(.stake(device: w.rtx3060, amount: Amount(io: 300)), by: w.cast.owner)
        let accrued = try await net.store.storedBalances()[.accrued]
        let receipt = try await net.send(.unstake(position: small.id, amount: Amount(io: 300)), by: w.cast.owner)
        #expect(receipt.result["state"] == "active" && receipt.result["returned"] == "300")
        let kept = try #require(try await stored(small.id))
        #expect(kept.rewardsThrough == -1 && kept.unclaimedRewards == .zero && kept.amount == Amount(io: 600))
        #expect(try await net.store.storedBalances()[.accrued] == accrued)
        #expect(small.unclaimedRewards > Amount(baseUnits: 31_131_818_181), "blocks 4 and 5")
        #expect(try await net.store.position(small.id)?.unclaimedRewards == small.unclaimedRewards, "still shown with what it has pending")
        let totals = try await net.verifyLedger()
        #expect(totals.unclaimed + totals.carried == totals.minted)
    }

    @Test func aWaitingCoStakerGetsNothingAndTheOwnerTheWholeReward() async throws {
        let w = try await world()
        let net = w.cast.net
        try await net.send(.unstake(position: w.coStake, amount: nil), by: w.cast.alice)
        try await net.runUp([w.h100, w.a100, w.rtx4070, w.rtx3060], hours: 1)
        let block = try #require(try await net.store.block(5))
        let record = try #require(try await net.store.deviceBlocks(w.h100, from: block.end, to: block.end.adding(seconds: 1)).first)
        #expect(record.eligible && record.sufficient, "waiting stake still counts")
        #expect(record.coStakerReward == .zero && record.coStaker == nil)
        // Block 5 pays its own emission: enterprise 433,770,000,000 + 1 of carry, H100 80/90 of it.
        #expect(record.ownerReward == Amount(baseUnits: (433_770_000_000 + 1) * 8_000 / 9_000))
        #expect(try await net.store.position(w.coStake)?.unclaimedRewards == Amount(baseUnits: 1_426_621_333_332))
    }

    @Test func closingIsExactlyOnceAndIdempotent() async throws {
        let w = try await world()
        let net = w.cast.net
        let before = try await net.store.dump()
        #expect(try await net.blocks.close(4, closedAt: net.now) == nil)
        #expect(try await net.blocks.close(2, closedAt: net.now) == nil)
        #expect(try await net.blocks.closeDue().isEmpty)
        #expect(try await net.store.dump() == before)
        await #expect(throws: CostakeError.self) { try await net.blocks.close(6, closedAt: net.now) }
        net.advance(seconds: 3 * 3_600)
        let closed = try await withThrowingTaskGroup(of: [Block].self) { group in
            for _ in 0..<6 { group.addTask { try await net.blocks.closeDue() } }
            return try await group.reduce(into: [Block]()) { $0 += $1 }
        }
        #expect(closed.map(\.height).sorted() == [5, 6, 7])
        #expect(try await net.store.blocks(below: nil, limit: 100).map(\.height) == Array((0...7).reversed()))
        _ = try await net.verifyLedger()
    }

    @Test func missedHeightsCloseInOrderAfterDowntime() async throws {
        let net = try await TestNetwork.make()
        net.advance(seconds: 10 * 3_600 + 59)
        let closed = try await net.blocks.closeDue()
        #expect(closed.map(\.height) == Array(0...9))
        #expect(closed.map(\.end) == (1...10).map { TestNetwork.start.adding(seconds: Int64($0) * 3_600) })
        let totals = try await net.verifyLedger()
        #expect(totals.minted == 10 * 456_600_000_000 && totals.carried == totals.minted)
    }
}

@Suite("emission schedule (SPEC §6)")
struct EmissionTests {
    @Test(arguments: [(0, 456_600_000_000), (719, 456_600_000_000), (720, 451_942_680_000), (1_439, 451_942_680_000),
                      (1_440, 447_332_864_664)] as [(Int64, Int64)])
    func emissionPerBlock(height: Int64, baseUnits: Int64) {
        #expect(EmissionSchedule().emission(height: height, mintedBefore: .zero) == Amount(baseUnits: baseUnits))
    }

    @Test func poolsAre95And5Percent() {
        let pools = EmissionSchedule().pools(Amount(baseUnits: 456_600_000_000))
        #expect(pools == [.enterprise: Amount(baseUnits: 433_770_000_000), .community: Amount(baseUnits: 22_830_000_000)])
        let odd = EmissionSchedule().pools(Amount(baseUnits: 7))
        #expect(odd == [.enterprise: Amount(baseUnits: 6), .community: Amount(baseUnits: 1)])
    }

    @Test func emissionStopsAt300MillionIO() {
        let schedule = EmissionSchedule()
        let cap = Amount(io: 300_000_000)
        #expect(schedule.emission(height: 5, mintedBefore: Amount(baseUnits: cap.baseUnits - 100)) == Amount(baseUnits: 100))
        #expect(schedule.emission(height: 5, mintedBefore: cap) == .zero)
        #expect(schedule.emission(height: 5, mintedBefore: Amount(baseUnits: cap.baseUnits - 456_600_000_000)) == Amount(baseUnits: 456_600_000_000))
    }
}
