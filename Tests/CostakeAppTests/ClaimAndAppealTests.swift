import CostakeTestSupport
import Foundation
import Testing

/// Rewards and slashes are produced by block close and the operator (later issues); these
/// rules are checked on a working set loaded with them directly.
@Suite("claim_rewards and appeal_slash (SPEC §5, §8)")
struct ClaimAndAppealTests {
    let owner = Keys.make(1).address
    let alice = Keys.make(2).address
    let now = Timestamp(rfc3339: "2026-03-01T12:00:00Z")!
    let device = Device(id: DeviceID(uuid: UUID()), name: "rig", owner: Keys.make(1).address, model: "H100 PCIe",
                        processors: 8, status: .up, registeredAt: Timestamp(seconds: 0))

    func position(_ staker: Address, unclaimed: Int64, state: PositionState = .active) -> Position {
        Position(id: PositionID(uuid: UUID()), deviceID: device.id, staker: staker, role: staker == owner ? .owner : .coStaker,
                 amount: Amount(io: 100), state: state, createdAt: Timestamp(seconds: 0),
                 unclaimedRewards: Amount(baseUnits: unclaimed), offerID: staker == owner ? nil : OfferID(uuid: UUID()))
    }

    func workingSet(_ positions: [Position], slashes: [Slash] = [], scope: (inout Scope) -> Void) -> WorkingSet {
        var s = Scope()
        scope(&s)
        var snapshot = Snapshot(scope: s)
        snapshot.devices[device.id] = device
        for position in positions { snapshot.positions[position.id] = position }
        for slash in slashes { snapshot.slashes[slash.id] = slash }
        return WorkingSet(snapshot, now: now, rules: NetworkRules(), ids: .random)
    }

    @Test func claimMovesEveryUnclaimedRewardIncludingWithdrawnPositions() throws {
        let positions = [position(alice, unclaimed: 123_456_789), position(alice, unclaimed: 1, state: .withdrawn),
                         position(owner, unclaimed: 5_000)]
        var set = workingSet(positions) { $0.accounts = [alice]; $0.rewardsOf = [alice]; $0.devices = [device.id] }
        let result = try set.apply(.claimRewards, signer: alice)
        #expect(result == .amount(Amount(baseUnits: 123_456_790)))
        #expect(set.accounts[alice]?.available == Amount(baseUnits: 123_456_790))
        #expect(set.positions[positions[0].id]?.unclaimedRewards == .zero)
        #expect(set.positions[positions[2].id]?.unclaimedRewards == Amount(baseUnits: 5_000), "others' rewards stay")
        try set.closeEntry(kind: "claim_rewards", reference: "test")
        let postings = try #require(set.journal.first?.postings)
        #expect(postings.reduce(0) { $0 + $1.delta } == 0)
        #expect(postings.count == 4)
    }

    func slash(deadline: Timestamp, state: SlashState = .pending) -> Slash {
        Slash(id: SlashID(uuid: UUID()), deviceID: device.id, principalShare: BasisPoints(1_000), rewardsShare: BasisPoints(5_000),
              reason: "cheating", state: state, createdAt: now.adding(seconds: -86_400), appealDeadline: deadline,
              escrowed: Amount(io: 10))
    }

    @Test(arguments: [(1, SlashState.pending, nil), (0, .pending, CostakeError.Code.appealClosed),
                      (-1, .pending, .appealClosed), (86_400, .appealed, .appealClosed), (86_400, .upheld, .appealClosed),
                      (86_400, .overturned, .appealClosed), (86_400, .burned, .appealClosed)] as [(Int64, SlashState, CostakeError.Code?)])
    func appealOnlyWhilePendingAndWithinTheWindow(secondsLeft: Int64, state: SlashState, refusal: CostakeError.Code?) throws {
        let slash = slash(deadline: now.adding(seconds: secondsLeft), state: state)
        var set = workingSet([], slashes: [slash]) { $0.accounts = [owner]; $0.slashes = [slash.id]; $0.devices = [device.id] }
        if let refusal {
            #expect(throws: CostakeError.self) { try set.apply(.appealSlash(slash: slash.id), signer: owner) }
            do { _ = try set.apply(.appealSlash(slash: slash.id), signer: owner) } catch { #expect(error.code == refusal) }
        } else {
            #expect(try set.apply(.appealSlash(slash: slash.id), signer: owner) == .slash(slash.id, .appealed))
            #expect(set.slashes[slash.id]?.appealedAt == now)
        }
    }

    @Test func onlyTheDeviceOwnerAppeals() throws {
        let slash = slash(deadline: now.adding(seconds: 86_400))
        var set = workingSet([], slashes: [slash]) { $0.accounts = [alice]; $0.slashes = [slash.id]; $0.devices = [device.id] }
        do {
            _ = try set.apply(.appealSlash(slash: slash.id), signer: alice)
            Issue.record("a stranger appealed")
        } catch {
            #expect(error.code == .notDeviceOwner)
        }
    }

    @Test func theAppealWindowIs30Days() {
        #expect(Slash.appealWindowSeconds == 2_592_000)
        #expect(NetworkRules().appealWindowSeconds == 30 * 86_400)
    }

    @Test func periodsAndCapsHaveTheSpecNumbers() {
        let rules = NetworkRules()
        #expect(rules.periods.waitingSeconds == 604_800)
        #expect(rules.periods.coolingSeconds == 1_209_600)
        #expect(rules.claimCap == 2)
        #expect(rules.maxRequestedShare == BasisPoints(5_000))
        #expect(rules.minRewardShareBps == 500)
        #expect(rules.maxExpirySeconds == 600)
    }
}
