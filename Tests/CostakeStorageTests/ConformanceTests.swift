import CostakeTestSupport
import Foundation
import Synchronization
import Testing

/// The store conformance suite: written once against `CostakeStore`, run on every database.
@Suite("store conformance")
struct ConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func migratingTwiceChangesNothing(kind: StoreKind) async throws {
        let store = try await kind.make()
        let before = try await store.dump()
        try await store.migrate()
        #expect(try await store.dump() == before)
    }

    @Test(arguments: StoreKind.allCases)
    func entitiesRoundTripExactly(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let offer = try await cast.offer(ownerIO: 700, requestIO: 600, bps: 7_400)
        let coStake = try await cast.take(offer, by: cast.alice)
        try await cast.net.send(.unstake(position: coStake, amount: nil), by: cast.alice)
        let store = cast.net.store
        let position = try #require(try await store.position(coStake))
        #expect(position.deviceID == cast.device && position.staker == cast.alice.address && position.role == .coStaker)
        #expect(position.amount == Amount(io: 600) && position.state == .waiting && position.offerID == offer)
        #expect(position.waitingEndsAt == cast.net.now.adding(seconds: 604_800))
        let savedOffer = try #require(try await store.offer(offer))
        #expect(savedOffer.rewardShare == BasisPoints(7_400) && savedOffer.closedReason == .coStakerLeft && savedOffer.positionID == coStake)
        let device = try #require(try await store.device(cast.device))
        #expect(device.model == "RTX 4070" && device.processors == 4 && device.status == .up && device.owner == cast.owner.address)
        #expect(try await store.positions(of: cast.alice.address).map(\.id) == [coStake])
        #expect(try await store.positions(on: cast.device).count == 2)
        #expect(try await store.account(cast.alice.address)?.available == Amount(io: 9_400))
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedUnitOfWorkWritesNothing(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let before = try await cast.net.store.dump()
        var scope = Scope()
        scope.accounts = [cast.alice.address]
        // The body returns a value type (not Never) so that the call is an ordinary throwing call.
        await #expect(throws: CostakeError.self) {
            _ = try await cast.net.store.work(scope, now: cast.net.now, rules: NetworkRules(), ids: .random) { set throws(CostakeError) -> Int in
                _ = try set.deposit(Amount(io: 5), to: cast.alice.address)
                try set.closeEntry(kind: "deposit", reference: "x")
                if set.accounts.count < 10 { throw CostakeError(.insufficientBalance, "changed my mind") }
                return 0
            }
        }
        #expect(try await cast.net.store.dump() == before)
    }

    @Test(arguments: StoreKind.allCases)
    func theSnapshotHoldsWhatTheScopeNames(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let offer = try await cast.offer()
        let coStake = try await cast.take(offer, by: cast.alice)
        let receipt = try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner, nonce: "loaded-nonce")
        var scope = Scope()
        scope.offers = [offer]
        scope.coStakesOf = [cast.alice.address]
        scope.accounts = [cast.bob.address]
        scope.nonce = NonceKey(signer: cast.owner.address, nonce: "loaded-nonce")
        let snapshot = try await cast.net.store.perform(scope) { snapshot in
            (try WorkingSet(snapshot, now: cast.net.now, rules: NetworkRules(), ids: .random).changes(), snapshot)
        }
        #expect(snapshot.scope.devices == [cast.device], "an offer brings its device's context")
        #expect(snapshot.devices[cast.device]?.id == cast.device)
        #expect(Set(snapshot.positions.values.map(\.role)) == [.owner, .coStaker])
        #expect(snapshot.positions[coStake]?.amount == Amount(io: 600))
        #expect(snapshot.offers[offer]?.status == .active)
        #expect(snapshot.accounts[cast.bob.address]?.available == Amount(io: 10_000))
        #expect(snapshot.priorUse?.response == receipt.body)
    }

    @Test(arguments: StoreKind.allCases)
    func journalIsNumberedChainedAndMatchesBalances(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let offer = try await cast.offer()
        _ = try await cast.take(offer, by: cast.alice)
        let entries = try await cast.net.store.journal(after: 0, limit: 100)
        #expect(entries.map(\.sequence) == Array(1...Int64(entries.count)))
        #expect(entries.map(\.kind) == ["deposit", "deposit", "deposit", "deposit", "stake", "create_offer", "co_stake"])
        var previous = JournalEntry.genesisHash
        for entry in entries {
            #expect(entry.previousHash == previous)
            #expect(JournalHash.recompute(entry, previous: previous) == entry.hash)
            previous = entry.hash
        }
        #expect(try await cast.net.store.journalHead() == JournalHead(sequence: 7, hash: previous))
        #expect(try await cast.net.store.journal(after: 5, limit: 1).map(\.sequence) == [6])
        let totals = try await cast.net.verifyLedger()
        #expect(totals.deposited == 40_000 * 100_000_000)
        #expect(totals.staked == 1_200 * 100_000_000)
        #expect(totals.available == 38_800 * 100_000_000)
        let balances = try await cast.net.store.storedBalances()
        #expect(balances[.deposits] == -40_000 * 100_000_000)
        #expect(balances[.available(cast.alice.address)] == Int64(9_400) * 100_000_000)
    }

    /// `ledger verify` on a live network: the store's state is read in one snapshot and the
    /// journal replayed only through the head it names, so what commits meanwhile is not counted
    /// against it.
    @Test(arguments: StoreKind.allCases)
    func theLedgerIsVerifiedAgainstOneSnapshotWhileWritesGoOn(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        _ = try await cast.take(try await cast.offer(), by: cast.alice)
        let store = cast.net.store
        let state = try await store.ledgerState()
        #expect(state.head == (try await store.journalHead()))
        #expect(state.journalEnd == state.head.sequence)
        #expect(state.balances == (try await store.storedBalances()))
        #expect(state.accrued == (try await store.accruedRewards()))

        // A stake commits after the snapshot: the journal now runs one entry past its head.
        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner)
        #expect(try await store.journalHead().sequence == state.head.sequence + 1)
        let verifier = LedgerVerifier(store: store)
        guard case .success(let totals) = try await verifier.verify(against: state) else {
            Issue.record("the snapshot does not verify")
            return
        }
        #expect(totals.staked == 1_200 * 100_000_000, "as of the snapshot")
        // The balances read after the stake, against the journal through the old head, differ.
        let torn = LedgerState(head: state.head, journalEnd: state.journalEnd, balances: try await store.storedBalances(),
                               accrued: state.accrued)
        guard case .failure = try await verifier.verify(against: torn) else {
            Issue.record("balances of a later moment verified against an earlier head")
            return
        }
        #expect(try await cast.net.verifyLedger().staked == 1_201 * 100_000_000)

        // Verifications while stakes commit: every one compares one moment with itself.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for _ in 0..<20 { try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner) }
            }
            group.addTask {
                for _ in 0..<20 {
                    guard case .success = try await verifier.verify() else {
                        Issue.record("a verification during writes found a mismatch")
                        return
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await cast.net.verifyLedger().staked == 1_221 * 100_000_000)
    }

    /// Units of work that arrive together (on SQLite they share one commit): the refused ones
    /// leave nothing, every other one lands, each answered with its own result.
    @Test(arguments: StoreKind.allCases)
    func refusedUnitsAmongConcurrentOnesLeaveNothingAndTheRestLand(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<60 {
                group.addTask {
                    var scope = Scope()
                    scope.accounts = [cast.bob.address]
                    do {
                        let total = try await cast.net.store.work(scope, now: cast.net.now, rules: NetworkRules(), ids: .random) { set throws(CostakeError) -> Int64 in
                            let account = try set.deposit(Amount(io: Int64(index + 1)), to: cast.bob.address)
                            try set.closeEntry(kind: "deposit", reference: "group-\(index)")
                            if index.isMultiple(of: 3) { throw CostakeError(.insufficientBalance, "refused \(index)") }
                            return account.available.baseUnits
                        }
                        #expect(total > 0)
                        return (index, true)
                    } catch let error as CostakeError {
                        #expect(error.message == "refused \(index)")
                        return (index, false)
                    }
                }
            }
            var results: [Int: Bool] = [:]
            for try await (index, landed) in group { results[index] = landed }
            return results
        }
        #expect(results.count == 60)
        #expect(results.allSatisfy { $0.value == !$0.key.isMultiple(of: 3) })
        let landed = (0..<60).filter { !$0.isMultiple(of: 3) }.map { Int64($0 + 1) }.reduce(0, +)
        #expect(try await cast.net.available(cast.bob) == Amount(io: 10_000 + landed))
        let references = Set(try await cast.net.store.journal(after: 0, limit: 1_000).map(\.reference))
        #expect((0..<60).allSatisfy { references.contains("group-\($0)") == !$0.isMultiple(of: 3) })
        _ = try await cast.net.verifyLedger()
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentUnitsOfWorkOnOneAccountKeepItExact(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let position = try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner).positionID
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    if index.isMultiple(of: 2) {
                        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 10)), by: cast.owner)
                    } else {
                        _ = try await cast.net.operatorActions.deposit(Amount(io: 3), to: cast.owner.address)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await cast.net.store.position(position)?.amount == Amount(io: 201))
        #expect(try await cast.net.available(cast.owner) == Amount(io: 10_000 - 201 + 60))
        _ = try await cast.net.verifyLedger()
    }
    /// A unit that read an account, then another unit changed that account before the first
    /// was saved: the first must not save what it decided on its old reading (a lost update).
    /// Both stores decide units away from the writer: the first is decided again on it. The
    /// first unit's wait blocks a thread of the cooperative pool, so it is short (3 s): on
    /// a loaded machine the second unit may not finish in it, and then the attempt shows
    /// nothing and runs again (three attempts at most). Under the whole suite on two cores all
    /// three can miss it (seen once): the balance is still checked, and the concurrent tests
    /// below, which failed when the writer's check was disabled, cover the same path.
    @Test(.serialized, arguments: StoreKind.allCases)
    func aUnitDecidedBeforeAnotherChangedWhatItReadLosesNoUpdate(kind: StoreKind) async throws {
        var interleaved = false
        for _ in 0..<3 where !interleaved {
            let cast = try await Cast.make(kind)
            let decidedBefore = cast.net.store.writerStatistics.decidedAgain
            let (decisions, sawSecond) = try await depositAcrossAnotherWrite(on: cast.net.store, to: cast.bob.address, now: cast.net.now) {
                _ = try await cast.net.operatorActions.deposit(Amount(io: 7), to: cast.bob.address)
            }
            #expect(try await cast.net.available(cast.bob) == Amount(io: 10_000 + 12))
            _ = try await cast.net.verifyLedger()
            interleaved = sawSecond
            if interleaved {
                #expect(decisions == 2)
                #expect(cast.net.store.writerStatistics.decidedAgain - decidedBefore == 1)
            }
        }
    }
}

@Suite("concurrent submissions")
struct ConcurrencyTests {
    @Test(arguments: StoreKind.allCases)
    func fiftyAccountsTakeOneOfferAndExactlyOneSucceeds(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let offer = try await cast.offer()
        let takers = (0..<50).map { Keys.make(200 + $0) }
        for taker in takers { try await cast.net.fund(taker, 600) }
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for taker in takers {
                group.addTask {
                    do {
                        _ = try await cast.take(offer, by: taker)
                        return "approved"
                    } catch let error as CostakeError {
                        return error.code.rawValue
                    }
                }
            }
            return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(outcomes == ["approved": 1, "offer_not_open": 49])
        _ = try await cast.net.verifyLedger()
    }

    @Test(arguments: StoreKind.allCases)
    func oneAccountTakesTenOffersAndExactlyTwoSucceed(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        var offers: [OfferID] = []
        for _ in 0..<10 {
            offers.append(try await cast.offer(on: try await cast.net.device(owner: cast.owner)))
        }
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for offer in offers {
                group.addTask {
                    do {
                        _ = try await cast.take(offer, by: cast.alice)
                        return "approved"
                    } catch let error as CostakeError {
                        return error.code.rawValue
                    }
                }
            }
            return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(outcomes == ["approved": 2, "claim_cap_reached": 8])
        #expect(try await cast.net.available(cast.alice) == Amount(io: 10_000 - 1_200))
    }
}

@Suite("writer statistics")
struct WriterStatisticsTests {
    /// Three deposits one after another: three transactions of one unit each, none decided
    /// again, none waiting.
    @Test(arguments: StoreKind.allCases)
    func theWriterCountsItsTransactionsAndUnits(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        let before = cast.net.store.writerStatistics
        for _ in 0..<3 { _ = try await cast.net.operatorActions.deposit(Amount(io: 1), to: cast.bob.address) }
        let after = cast.net.store.writerStatistics
        #expect(after.transactions - before.transactions == 3)
        #expect(after.units - before.units == 3)
        #expect(after.decidedAgain == before.decidedAgain)
        #expect(after.waiting == 0)
    }

    /// A block close's parts are timed one after another: none before the first close, none
    /// moved by another unit, and after it parts that each took time (the load, the rules and
    /// the save of a block with a device in it) and add up to no more than the close took.
    @Test(arguments: StoreKind.allCases)
    func theWriterTimesTheLastBlockClosePartByPart(kind: StoreKind) async throws {
        let cast = try await Cast.make(kind)
        #expect(cast.net.store.writerStatistics.lastBlockClose == nil)
        cast.net.advance(seconds: 3_600)
        let started = ContinuousClock.now
        let closed = try await cast.net.blocks.closeDue()
        let elapsed = ContinuousClock.now - started
        #expect(closed.map(\.height) == [0])
        let times = try #require(cast.net.store.writerStatistics.lastBlockClose)
        #expect(times.parts.map(\.name) == ["wait", "load", "decide", "save", "commit", "statistics"])
        #expect(times.load > .zero && times.decide > .zero && times.save > .zero && times.commit > .zero)
        #expect(times.parts.allSatisfy { $0.duration >= .zero })
        #expect(times.total <= elapsed)
        #expect(times.seconds.map(\.seconds) == times.parts.map { Double($0.duration.components.seconds) + Double($0.duration.components.attoseconds) / 1e18 })
        _ = try await cast.net.operatorActions.deposit(Amount(io: 1), to: cast.bob.address)
        #expect(cast.net.store.writerStatistics.lastBlockClose == times)
    }
}
