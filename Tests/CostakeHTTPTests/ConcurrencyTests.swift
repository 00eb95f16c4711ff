import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Many requests at once into one server, on every database: the rules hold exactly (one
/// co-staker per offer, the claim cap of 2, exact balances), and no request gets a 500.
@Suite("Concurrent requests")
struct ConcurrencyTests {
    /// Sends every body to `POST /v1/transactions` at once; returns the statuses and error codes.
    func all(_ s: APIStory, _ bodies: [String]) async throws -> [(status: Int, code: String?, type: String?)] {
        try await withThrowingTaskGroup(of: (Int, String?, String?).self) { group in
            for body in bodies {
                group.addTask {
                    let response = try await s.request(.post, "/v1/transactions", body: body)
                    return (response.status.code, try errorCode(response), try json(response)["type"] as? String)
                }
            }
            var results: [(status: Int, code: String?, type: String?)] = []
            for try await result in group { results.append(result) }
            return results
        }
    }

    func signed(_ s: APIStory, _ action: Action, by key: Keypair) -> String {
        s.envelope(s.message(action, by: key), signedBy: key)
    }

    @Test(arguments: StoreKind.allCases)
    func fiftyAccountsTakeOneOfferAndExactlyOneSucceeds(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            let (_, offer) = try await s.offered()
            let takers = (100..<150).map(Keys.make)
            for key in takers { try await s.deposit(key, "600") }
            let results = try await all(s, takers.map { signed(s, .coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: $0) })
            #expect(results.filter { $0.status == 200 }.count == 1)
            #expect(results.filter { $0.code == "offer_not_open" }.count == 49)
            #expect(results.allSatisfy { $0.status != 500 })
            // Exactly one account paid 600; the others still hold theirs.
            var paid = 0
            for key in takers { if try await s.get("/v1/accounts/\(key.address)")["available"] as? String == "0" { paid += 1 } }
            #expect(paid == 1)
            #expect(try await s.get("/v1/offers/\(offer)")["status"] as? String == "active")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func oneAccountTakesTenOffersAndTheClaimCapHoldsAtTwo(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            try await s.deposit(s.owner, "20000")
            try await s.deposit(s.alice, "10000")
            var offers: [OfferID] = []
            for _ in 0..<10 {
                let device = try await s.register()
                try await s.approve(.stake(device: device, amount: Amount(io: 600)), by: s.owner)
                offers.append(try id(try await s.approve(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.owner)["offer_id"]))
            }
            let results = try await all(s, offers.map { signed(s, .coStake(offer: $0, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice) })
            #expect(results.filter { $0.status == 200 }.count == 2)
            #expect(results.filter { $0.code == "claim_cap_reached" }.count == 8)
            let account = try await s.get("/v1/accounts/\(s.alice.address)")
            #expect(account["available"] as? String == "8800" && account["staked"] as? String == "1200")
            #expect(account["claim_slots_used"] as? Int == 2)
        }
    }

    /// The owner stakes 100 IO twenty times and takes 50 IO of overflow back ten times on one
    /// device, all at once, while ten signed copies of one withdrawal race: every balance is
    /// exact afterwards.
    @Test(arguments: StoreKind.allCases)
    func stakesUnstakesAndWithdrawalsAtOnceKeepEveryBalanceExact(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            // Alice's co-stake on the owner's first device, withdrawable 21 days after she leaves.
            let (_, _, leaving) = try await s.coStaked()
            try await s.approve(.unstake(position: leaving, amount: nil), by: s.alice)
            try await s.advance(days: 21)
            let device = try await s.register()
            try await s.deposit(s.owner, "5000")
            try await s.approve(.stake(device: device, amount: Amount(io: 2_000)), by: s.owner)
            let owner = try await s.ownerPosition(device)
            var bodies = (0..<20).map { _ in signed(s, .stake(device: device, amount: Amount(io: 100)), by: s.owner) }
            bodies += (0..<10).map { _ in signed(s, .unstake(position: owner, amount: Amount(io: 50)), by: s.owner) }
            bodies += (0..<10).map { _ in signed(s, .withdraw(position: leaving), by: s.alice) }
            let results = try await all(s, bodies)
            #expect(results.allSatisfy { $0.status == 200 || $0.status == 409 }, "\(results.map(\.status))")
            let stakes = results.filter { $0.type == "stake" }.count
            let unstakes = results.filter { $0.type == "unstake" }.count
            let withdrawals = results.filter { $0.type == "withdraw" }
            #expect(stakes == 20, "the owner has the balance for every stake")
            #expect(unstakes == 10, "2,000 IO of overflow covers every 50 IO unstake")
            #expect(withdrawals.count == 1)
            #expect(results.filter { $0.code == "not_withdrawable" }.count == 9)
            // 10,000 + 5,000 deposited; 600 on the first device, 2,000 + 20 × 100 on this one, 10 × 50 back.
            let account = try await s.get("/v1/accounts/\(s.owner.address)")
            #expect(account["available"] as? String == "10900" && account["staked"] as? String == "4100")
            #expect(try await s.get("/v1/accounts/\(s.alice.address)")["available"] as? String == "10000")
        }
        // (The ledger is verified by the store conformance and simulation suites on each database.)
    }
}
