import CostakeTestSupport
import Testing

@Suite("co_stake (SPEC §5)")
struct CoStakeTests {
    @Test func takingAnOfferMovesExactlyTheRequestedAmountAndActivatesTheOffer() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer(requestIO: 600, bps: 7_400)
        let position = try await cast.take(offer, by: cast.alice)
        let stake = try #require(try await cast.net.store.position(position))
        #expect(stake.amount == Amount(io: 600) && stake.role == .coStaker && stake.state == .active && stake.offerID == offer)
        #expect(try await cast.net.available(cast.alice) == Amount(io: 9_400))
        let taken = try #require(try await cast.net.store.offer(offer))
        #expect(taken.status == .active && taken.positionID == position && taken.takenAt == cast.net.now)
        _ = try await cast.net.verifyLedger()
    }

    @Test(arguments: [("599.99999999", 7_400), ("600.00000001", 7_400), ("600", 7_399), ("600", 7_401)])
    func termsMustEqualTheOffer(amount: String, bps: Int) async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer(requestIO: 600, bps: 7_400)
        let action = Action.coStake(offer: offer, requestedAmount: try Amount(wire: amount), rewardShareBps: bps)
        #expect(try await cast.net.refusal(action, by: cast.alice).code == .termsMismatch)
    }

    @Test func theOwnerCannotCoStakeItsOwnDevice() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        let action = Action.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400)
        #expect(try await cast.net.refusal(action, by: cast.owner).code == .ownDevice)
    }

    @Test func aTakenOrClosedOfferIsNotOpen() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        _ = try await cast.take(offer, by: cast.alice)
        let action = Action.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400)
        #expect(try await cast.net.refusal(action, by: cast.bob).code == .offerNotOpen)
        #expect(try await cast.net.refusal(.coStake(offer: OfferID(uuid: .init()), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: cast.bob).code == .offerNotFound)
    }

    @Test func insufficientBalance() async throws {
        let cast = try await Cast.make()
        let poor = Keys.make(50)
        try await cast.net.fund(poor, 599)
        let offer = try await cast.offer()
        let action = Action.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400)
        #expect(try await cast.net.refusal(action, by: poor).code == .insufficientBalance)
    }

    /// The claim cap is 2 `active` or `waiting` positions; `cooling` frees the slot.
    @Test func claimCapIsTwoActiveOrWaitingPositions() async throws {
        let cast = try await Cast.make()
        var offers: [OfferID] = []
        for _ in 0..<3 {
            let device = try await cast.net.device(owner: cast.owner)
            offers.append(try await cast.offer(on: device))
        }
        let first = try await cast.take(offers[0], by: cast.alice)
        _ = try await cast.take(offers[1], by: cast.alice)
        let third = Action.coStake(offer: offers[2], requestedAmount: Amount(io: 600), rewardShareBps: 7_400)
        #expect(try await cast.net.refusal(third, by: cast.alice).code == .claimCapReached)
        try await cast.net.send(.unstake(position: first, amount: nil), by: cast.alice)
        #expect(try await cast.net.refusal(third, by: cast.alice).code == .claimCapReached, "waiting still holds a slot")
        cast.net.advance(days: 7)
        _ = try await cast.take(offers[2], by: cast.alice)
        #expect(try await cast.net.store.position(first)?.state == .cooling)
    }
}

@Suite("the owner's grace period (SPEC §5)")
struct GracePeriodTests {
    /// While a co-staker waits, the owner may publish a new offer and another co-staker may take
    /// it: the device then has one active and one waiting co-staker, both counted.
    @Test func aNewOfferCanBeTakenWhileTheLastCoStakerWaits() async throws {
        let cast = try await Cast.make()
        let first = try await cast.take(try await cast.offer(), by: cast.alice)
        try await cast.net.send(.unstake(position: first, amount: nil), by: cast.alice)
        let next = try await cast.net.send(.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: 6_000), by: cast.owner).offerID
        let second = try await cast.take(next, by: cast.bob, bps: 6_000)
        let positions = try await cast.net.store.positions(on: cast.device)
        #expect(Set(positions.map(\.state)) == [.active, .waiting])
        #expect(positions.first { $0.id == second }?.state == .active)
        #expect(positions.first { $0.id == first }?.state == .waiting)
        let third = Action.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: 6_000)
        #expect(try await cast.net.refusal(third, by: cast.owner).code == .offerExists)
    }
}
