import CostakeTestSupport
import Testing

/// RTX 4070 × 4: requirement 1,200 IO, so an offer may request at most 600 IO.
@Suite("create_offer and retract_offer (SPEC §5)")
struct OfferTests {
    @Test(arguments: [
        ("600", nil), ("0.00000001", nil), ("600.00000001", CostakeError.Code.requestedAmountOutOfRange),
        ("0", .requestedAmountOutOfRange), ("601", .requestedAmountOutOfRange),
    ] as [(String, CostakeError.Code?)])
    func requestedAmountIsAboveZeroAndAtMostHalfTheRequirement(request: String, refusal: CostakeError.Code?) async throws {
        let cast = try await Cast.make()
        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1_200)), by: cast.owner)
        let action = Action.createOffer(device: cast.device, requestedAmount: try Amount(wire: request), rewardShareBps: 7_400)
        if let refusal {
            #expect(try await cast.net.refusal(action, by: cast.owner).code == refusal)
        } else {
            let offer = try await cast.net.send(action, by: cast.owner).offerID
            #expect(try await cast.net.store.offer(offer)?.requestedAmount == Amount(wire: request))
        }
    }

    @Test(arguments: [(499, false), (500, true), (7_400, true), (10_000, true), (10_001, false), (-1, false), (0, false)])
    func rewardShareIsFrom500To10000BasisPoints(bps: Int, accepted: Bool) async throws {
        let cast = try await Cast.make()
        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 600)), by: cast.owner)
        let action = Action.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: bps)
        if accepted {
            let offer = try await cast.net.send(action, by: cast.owner).offerID
            #expect(try await cast.net.store.offer(offer)?.rewardShare.value == bps)
        } else {
            #expect(try await cast.net.refusal(action, by: cast.owner).code == .rewardShareOutOfRange)
        }
    }

    @Test(arguments: [("600", true), ("599.99999999", false), ("0", false), ("1200", true)])
    func ownerActivePlusRequestMustReachTheRequirement(ownerStake: String, accepted: Bool) async throws {
        let cast = try await Cast.make()
        let stake = try Amount(wire: ownerStake)
        if stake.isPositive { try await cast.net.send(.stake(device: cast.device, amount: stake), by: cast.owner) }
        let action = Action.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400)
        if accepted {
            _ = try await cast.net.send(action, by: cast.owner).offerID
        } else {
            #expect(try await cast.net.refusal(action, by: cast.owner).code == .ownerStakeTooLow)
        }
    }

    @Test func onlyTheOwnerCreatesOffers() async throws {
        let cast = try await Cast.make()
        let action = Action.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400)
        #expect(try await cast.net.refusal(action, by: cast.alice).code == .notDeviceOwner)
    }

    @Test(arguments: ["RTX 3050", "A40", "M2 Ultra"])
    func zeroMultiplierModelsTakeNoOffers(model: String) async throws {
        let cast = try await Cast.make()
        let device = try await cast.net.device(owner: cast.owner, model: model, processors: 1)
        try await cast.net.send(.stake(device: device, amount: Amount(io: 200)), by: cast.owner)
        let action = Action.createOffer(device: device, requestedAmount: Amount(io: 100), rewardShareBps: 7_400)
        #expect(try await cast.net.refusal(action, by: cast.owner).code == .deviceNotEligible)
    }

    @Test func terminatedDevicesTakeNoOffersAndTerminationClosesTheOpenOne() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        _ = try await cast.net.operatorActions.update(cast.device, status: .terminated)
        let closed = try #require(try await cast.net.store.offer(offer))
        #expect(closed.status == .closed && closed.closedReason == .deviceTerminated)
        let again = Action.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400)
        #expect(try await cast.net.refusal(again, by: cast.owner).code == .deviceNotEligible)
    }

    @Test func oneOpenOrActiveOfferPerDevice() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        let second = Action.createOffer(device: cast.device, requestedAmount: Amount(io: 100), rewardShareBps: 5_000)
        #expect(try await cast.net.refusal(second, by: cast.owner).code == .offerExists)
        _ = try await cast.take(offer, by: cast.alice)
        #expect(try await cast.net.refusal(second, by: cast.owner).code == .offerExists)
    }

    @Test func retractOnlyWhileOpenAndOnlyByTheOwner() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        #expect(try await cast.net.refusal(.retractOffer(offer: offer), by: cast.alice).code == .notDeviceOwner)
        #expect(try await cast.net.refusal(.retractOffer(offer: OfferID(uuid: .init())), by: cast.owner).code == .offerNotFound)
        try await cast.net.send(.retractOffer(offer: offer), by: cast.owner)
        let retracted = try #require(try await cast.net.store.offer(offer))
        #expect(retracted.status == .closed && retracted.closedReason == .retracted && retracted.closedAt == cast.net.now)
        #expect(try await cast.net.refusal(.retractOffer(offer: offer), by: cast.owner).code == .offerNotOpen)
        // A retracted offer frees the device for a new one, and costs nothing.
        #expect(try await cast.net.available(cast.owner) == Amount(io: 9_400))
        let next = try await cast.net.send(.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: 500), by: cast.owner).offerID
        #expect(try await cast.net.store.offer(next)?.status == .open)
    }

    @Test func aTakenOfferCannotBeRetracted() async throws {
        let cast = try await Cast.make()
        let offer = try await cast.offer()
        _ = try await cast.take(offer, by: cast.alice)
        #expect(try await cast.net.refusal(.retractOffer(offer: offer), by: cast.owner).code == .offerNotOpen)
    }
}
