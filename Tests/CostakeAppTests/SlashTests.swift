import CostakeTestSupport
import Testing

/// RTX 4070 × 4 with the owner's 600 IO and Alice's 600 IO at 7,400 bps, the only community
/// device, paid blocks 0–4 of the community pool at block 4: 114,150,000,000 base units, of which
/// Alice 84,471,000,000 and the owner 29,679,000,000. Then a slash of 10% principal, 50% rewards.
@Suite("slashing (SPEC §8)")
struct SlashTests {
    struct World {
        let cast: Cast
        let owner: PositionID
        let coStake: PositionID
        let slash: Slash
    }

    func world() async throws -> World {
        let cast = try await Cast.make()
        let coStake = try await cast.take(try await cast.offer(), by: cast.alice)
        try await cast.net.runUp([cast.device], hours: 5)
        let owner = try #require(try await cast.net.store.positions(on: cast.device).first { $0.role == .owner }).id
        #expect(try await cast.net.store.position(coStake)?.unclaimedRewards == Amount(baseUnits: 84_471_000_000))
        #expect(try await cast.net.store.position(owner)?.unclaimedRewards == Amount(baseUnits: 29_679_000_000))
        let slash = try await cast.net.operatorActions.slash(cast.device, principalBps: 1_000, rewardsBps: 5_000, reason: "PoW fraud")
        return World(cast: cast, owner: owner, coStake: coStake, slash: slash)
    }

    @Test func takesTheSameFractionsFromEveryPositionIntoAPendingEscrow() async throws {
        let w = try await world()
        let store = w.cast.net.store
        #expect(w.slash.state == .pending)
        #expect(w.slash.escrowed == Amount(baseUnits: 2 * 6_000_000_000 + 42_235_500_000 + 14_839_500_000))
        #expect(w.slash.appealDeadline == w.cast.net.now.adding(seconds: 30 * 86_400))
        #expect(try await store.position(w.coStake)?.amount == Amount(io: 540))
        #expect(try await store.position(w.coStake)?.unclaimedRewards == Amount(baseUnits: 42_235_500_000))
        #expect(try await store.position(w.owner)?.amount == Amount(io: 540))
        #expect(try await store.position(w.owner)?.unclaimedRewards == Amount(baseUnits: 14_839_500_000))
        let items = try await store.slashItems(w.slash.id)
        #expect(Set(items.map(\.principal)) == [Amount(io: 60)])
        #expect(try await store.slashes(on: w.cast.device).map(\.id) == [w.slash.id])
        let totals = try await w.cast.net.verifyLedger()
        #expect(totals.escrowed == w.slash.escrowed.baseUnits)
    }

    @Test func upheldBurnsTheEscrow() async throws {
        let w = try await world()
        try await w.cast.net.send(.appealSlash(slash: w.slash.id), by: w.cast.owner)
        #expect(try await w.cast.net.store.slash(w.slash.id)?.state == .appealed)
        let resolved = try await w.cast.net.operatorActions.resolve(w.slash.id, .upheld)
        #expect(resolved.state == .upheld && resolved.resolvedAt == w.cast.net.now && resolved.escrowed == .zero)
        let totals = try await w.cast.net.verifyLedger()
        #expect(totals.burned == 69_075_000_000 && totals.escrowed == 0)
        #expect(totals.deposited + totals.minted - totals.burned == totals.held)
        await #expect(throws: CostakeError.self) { try await w.cast.net.operatorActions.resolve(w.slash.id, .overturned) }
    }

    @Test func overturnedReturnsEveryPartToTheSamePositions() async throws {
        let w = try await world()
        let resolved = try await w.cast.net.operatorActions.resolve(w.slash.id, .overturned)
        #expect(resolved.state == .overturned)
        let store = w.cast.net.store
        #expect(try await store.position(w.coStake)?.amount == Amount(io: 600))
        #expect(try await store.position(w.coStake)?.unclaimedRewards == Amount(baseUnits: 84_471_000_000))
        #expect(try await store.position(w.owner)?.amount == Amount(io: 600))
        #expect(try await store.position(w.owner)?.unclaimedRewards == Amount(baseUnits: 29_679_000_000))
        let totals = try await w.cast.net.verifyLedger()
        #expect(totals.burned == 0 && totals.escrowed == 0)
    }

    @Test func anUnappealedSlashBurnsAtTheFirstBlockCloseAfterItsWindow() async throws {
        let w = try await world()
        let net = w.cast.net
        let deadline = w.slash.appealDeadline
        net.advance(seconds: net.now.seconds(until: deadline) - 1)
        try await net.blocks.closeDue()
        #expect(try await net.store.slash(w.slash.id)?.state == .pending)
        net.advance(seconds: 3_600)
        try await net.blocks.closeDue()
        let burned = try #require(try await net.store.slash(w.slash.id))
        #expect(burned.state == .burned && burned.escrowed == .zero)
        #expect(burned.resolvedAt.map { $0 >= deadline && $0.seconds(until: deadline) > -3_600 } == true)
        #expect(try await net.verifyLedger().burned == 69_075_000_000)
        #expect(try await net.refusal(.appealSlash(slash: w.slash.id), by: w.cast.owner).code == .appealClosed)
    }

    @Test func waitingAndCoolingPositionsAreSlashedWithdrawableAreNot() async throws {
        let cast = try await Cast.make()
        let first = try await cast.take(try await cast.offer(), by: cast.alice)
        try await cast.net.send(.unstake(position: first, amount: nil), by: cast.alice)  // waiting
        let second = try await cast.take(try await cast.net.send(.createOffer(device: cast.device, requestedAmount: Amount(io: 600), rewardShareBps: 5_000), by: cast.owner).offerID, by: cast.bob, bps: 5_000)
        try await cast.net.send(.unstake(position: second, amount: nil), by: cast.bob)     // waiting too
        cast.net.advance(days: 7)                                                          // both cooling now
        let slash = try await cast.net.operatorActions.slash(cast.device, principalBps: 2_500, rewardsBps: 0, reason: "downtime")
        #expect(slash.escrowed == Amount(io: 150 * 3))
        cast.net.advance(days: 14)                                                          // withdrawable
        let later = try await cast.net.operatorActions.slash(cast.device, principalBps: 10_000, rewardsBps: 10_000, reason: "again")
        #expect(later.escrowed == Amount(io: 450), "only the owner's active 450 IO")
        #expect(try await cast.net.send(.withdraw(position: first), by: cast.alice).amount == Amount(io: 450))
        _ = try await cast.net.verifyLedger()
    }

    @Test func sharesAndReasonAreValidated() async throws {
        let cast = try await Cast.make()
        for (p, r, reason) in [(10_001, 0, "x"), (0, -1, "x"), (100, 100, "  ")] {
            do {
                _ = try await cast.net.operatorActions.slash(cast.device, principalBps: p, rewardsBps: r, reason: reason)
                Issue.record("slash \(p) \(r) accepted")
            } catch let error as CostakeError {
                #expect(error.code == .malformed)
            }
        }
    }
}
