import CostakeTestSupport
import Testing

@Suite("unstake and withdraw (SPEC §4, §5)")
struct UnstakeTests {
    @Test func coStakerWaits7DaysThenCools14ThenWithdraws() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        let position = try await cast.take(offer, by: cast.alice)
        let unstakedAt = cast.net.now
        let receipt = try await cast.net.send(.unstake(position: position, amount: nil), by: cast.alice)
        #expect(receipt.result == ["position_id": position.description, "state": "waiting", "returned": "0"])
        let waiting = try #require(try await cast.net.store.position(position))
        #expect(waiting.waitingEndsAt == unstakedAt.adding(seconds: 7 * 86_400))
        #expect(waiting.coolingEndsAt == unstakedAt.adding(seconds: 21 * 86_400))
        let closed = try #require(try await cast.net.store.offer(offer))
        #expect(closed.status == .closed && closed.closedReason == .coStakerLeft)

        cast.net.advance(days: 21, seconds: -1)
        let early = try await cast.net.refusal(.withdraw(position: position), by: cast.alice)
        #expect(early.code == .notWithdrawable)
        #expect(early.message.contains(unstakedAt.adding(seconds: 21 * 86_400).rfc3339), "the error names when")
        cast.net.advance(seconds: 1)
        #expect(try await cast.net.refusal(.withdraw(position: position), by: cast.bob).code == .notPositionOwner)
        let withdrawn = try await cast.net.send(.withdraw(position: position), by: cast.alice)
        #expect(try withdrawn.amount == Amount(io: 600))
        #expect(try await cast.net.available(cast.alice) == Amount(io: 10_000))
        #expect(try await cast.net.store.position(position)?.state == .withdrawn)
        #expect(try await cast.net.refusal(.withdraw(position: position), by: cast.alice).code == .notWithdrawable)
        _ = try await cast.net.verifyLedger()
    }

    @Test func waitingStakeStillCountsTowardTheRequirement() async throws {
        let cast = try await Cast.make()
        let position = try await cast.take(try await cast.offer(), by: cast.alice)
        try await cast.net.send(.unstake(position: position, amount: nil), by: cast.alice)
        let status = try await stakeStatus(cast)
        #expect(status.counted == Amount(io: 1_200) && status.isSufficient)
        #expect(status.overflow == .zero, "waiting stake never creates overflow")
        cast.net.advance(days: 7)
        let later = try await stakeStatus(cast)
        #expect(later.counted == Amount(io: 600) && !later.isSufficient)
    }

    /// Owner 1,000 + co-staker 600 against 1,200: overflow = min(1000, 1600 − 1200) = 400.
    @Test(arguments: [("400", "active", "400"), ("0.00000001", "active", "0.00000001"), ("400.00000001", "cooling", "0")])
    func ownerUnstakeWithinOverflowReturnsAtOnce(amount: String, state: String, returned: String) async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer(ownerIO: 600)
        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 400)), by: cast.owner)
        _ = try await cast.take(offer, by: cast.alice)
        #expect(try await stakeStatus(cast).overflow == Amount(io: 400))
        let owner = try #require(try await cast.net.store.positions(on: cast.device).first { $0.role == .owner })
        let receipt = try await cast.net.send(.unstake(position: owner.id, amount: try Amount(wire: amount)), by: cast.owner)
        #expect(receipt.result["state"] == state && receipt.result["returned"] == returned)
    }

    @Test func overflowWithdrawalIsAllowedWhileHiredButAFullUnstakeIsNot() async throws {
        let cast = try await Cast.make()
        let owner = try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1_500)), by: cast.owner).positionID
        _ = try await cast.net.operatorActions.update(cast.device, hired: true)
        let receipt = try await cast.net.send(.unstake(position: owner, amount: Amount(io: 300)), by: cast.owner)
        #expect(receipt.result["returned"] == "300")
        #expect(try await cast.net.available(cast.owner) == Amount(io: 8_800))
        #expect(try await cast.net.refusal(.unstake(position: owner, amount: nil), by: cast.owner).code == .deviceHired)
        #expect(try await cast.net.refusal(.unstake(position: owner, amount: Amount(wire: "0.00000001")), by: cast.owner).code == .deviceHired)
    }

    @Test func coStakerFullUnstakeRefusedWhileHired() async throws {
        let cast = try await Cast.make()
        let position = try await cast.take(try await cast.offer(), by: cast.alice)
        _ = try await cast.net.operatorActions.update(cast.device, hired: true)
        #expect(try await cast.net.refusal(.unstake(position: position, amount: nil), by: cast.alice).code == .deviceHired)
    }

    @Test func ownerFullUnstakeNeedsTheOpenOfferRetractedFirst() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        let owner = try #require(try await cast.net.store.positions(on: cast.device).first)
        #expect(try await cast.net.refusal(.unstake(position: owner.id, amount: nil), by: cast.owner).code == .retractOfferFirst)
        try await cast.net.send(.retractOffer(offer: offer), by: cast.owner)
        let receipt = try await cast.net.send(.unstake(position: owner.id, amount: nil), by: cast.owner)
        #expect(receipt.result["state"] == "cooling")
        #expect(try await cast.net.store.position(owner.id)?.coolingEndsAt == cast.net.now.adding(seconds: 14 * 86_400))
    }

    @Test func ownerFullUnstakeForcesTheCoStakerStraightIntoCooling() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        let coStake = try await cast.take(offer, by: cast.alice)
        let owner = try #require(try await cast.net.store.positions(on: cast.device).first { $0.role == .owner })
        try await cast.net.send(.unstake(position: owner.id, amount: nil), by: cast.owner)
        let forced = try #require(try await cast.net.store.position(coStake))
        #expect(forced.state == .cooling && forced.waitingEndsAt == nil)
        #expect(forced.coolingEndsAt == cast.net.now.adding(seconds: 14 * 86_400))
        let closed = try #require(try await cast.net.store.offer(offer))
        #expect(closed.status == .closed && closed.closedReason == .ownerUnstaked)
        cast.net.advance(days: 14)
        #expect(try await cast.net.send(.withdraw(position: coStake), by: cast.alice).amount == Amount(io: 600))
        #expect(try await cast.net.send(.withdraw(position: owner.id), by: cast.owner).amount == Amount(io: 600))
        _ = try await cast.net.verifyLedger()
    }

    @Test func onlyActivePositionsUnstakeAndOnlyByTheirStaker() async throws {
        let cast = try await Cast.make()
        let position = try await cast.take(try await cast.offer(), by: cast.alice)
        #expect(try await cast.net.refusal(.unstake(position: position, amount: nil), by: cast.bob).code == .notPositionOwner)
        #expect(try await cast.net.refusal(.unstake(position: position, amount: nil), by: cast.owner).code == .notPositionOwner)
        #expect(try await cast.net.refusal(.unstake(position: PositionID(uuid: .init()), amount: nil), by: cast.alice).code == .positionNotFound)
        try await cast.net.send(.unstake(position: position, amount: nil), by: cast.alice)
        #expect(try await cast.net.refusal(.unstake(position: position, amount: nil), by: cast.alice).code == .positionNotActive)
    }

    @Test func nothingToClaimWithoutRewards() async throws {
        let cast = try await Cast.make()
        #expect(try await cast.net.refusal(.claimRewards, by: cast.alice).code == .nothingToClaim)
    }

    @Test func unknownSlashCannotBeAppealed() async throws {
        let cast = try await Cast.make()
        #expect(try await cast.net.refusal(.appealSlash(slash: SlashID(uuid: .init())), by: cast.owner).code == .slashNotFound)
    }

    private func stakeStatus(_ cast: Cast) async throws -> StakeStatus {
        let device = try #require(try await cast.net.store.device(cast.device))
        let positions = try await cast.net.store.positions(on: cast.device).map { position in
            var advanced = position
            advanced.advance(to: cast.net.now)
            return advanced
        }
        return StakeStatus(requirement: cast.net.rules.requirement(of: device), positions: positions)
    }
}
