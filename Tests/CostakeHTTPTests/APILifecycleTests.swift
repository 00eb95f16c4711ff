import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The whole life of a stake through the JSON API, with the numbers of SPEC §4–§8. The device is
/// an RTX 4070 × 4 (multiplier 1.5, community pool): requirement 1,200 IO.
@Suite("API lifecycle: deposit to withdrawal, overflow, forced exit, slashes")
struct APILifecycleTests {
    /// The owner stakes 600 and offers 600 at 7,400 bps; Alice takes it. Up with a PoW from the
    /// genesis, the device is eligible from block 4 (5 hours up), which pays it the community pool
    /// of blocks 0–4: 5 × 228.3 = 1,141.5 IO, Alice floor(1,141.5 × 0.74) = 844.71, the owner
    /// 296.79. Block 5 pays 228.3: Alice 168.942, the owner 59.358.
    @Test(arguments: StoreKind.allCases)
    func depositStakeOfferCoStakeRewardsClaimUnstakeWithdraw(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            #expect(try await s.deposit(s.owner, "10000")["available"] as? String == "10000")
            try await s.deposit(s.alice, "10000")
            #expect(try await s.balances(s.alice) == "available 10000 | staked 0 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 0 | slots 0")
            let device = try await s.register()

            let ownerStake = try await s.approve(.stake(device: device, amount: Amount(io: 600)), by: s.owner)["position_id"]
            #expect(try await s.balances(s.owner) == "available 9400 | staked 600 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 0 | slots 0")
            let offer = try await s.approve(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.owner)["offer_id"]
            #expect(try await s.offerIDs("?model=RTX%204070&min_reward_share_bps=7400") == [offer])
            #expect(try await s.stakeLine(device) == "counted 600 | sufficient false | overflow 0")

            let coStake = try await s.approve(.coStake(offer: try id(offer), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice)["position_id"]
            #expect(try await s.get("/v1/offers/\(offer ?? "")")["status"] as? String == "active")
            #expect(try await s.offerIDs("?model=RTX%204070").isEmpty, "a taken offer leaves the marketplace")
            #expect(try await s.stakeLine(device) == "counted 1200 | sufficient true | overflow 0")
            #expect(try await s.balances(s.alice) == "available 9400 | staked 600 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 0 | slots 1")

            try await s.telemetryUp([device], hours: 5)
            let status = try await s.get("/v1/status")
            #expect(status["last_block"] as? Int == 4 && status["next_block_at"] as? String == "2026-01-01T06:00:00Z")
            for height in 0...3 {
                let block = try await s.get("/v1/blocks/\(height)")
                #expect(block["eligible_devices"] as? Int == 0 && block["paid"] as? String == "0", "block \(height)")
            }
            let block4 = try await s.get("/v1/blocks/4")
            #expect(block4["emission"] as? String == "4566" && block4["paid"] as? String == "1141.5" && block4["eligible_devices"] as? Int == 1)
            #expect(block4["paid_community"] as? String == "1141.5" && block4["carry"] as? String == "21688.5", "the enterprise pool of 5 blocks is carried")
            #expect(try await s.positionLine(coStake, of: s.alice) == "co_staker active 600 | waits until null | cools until null | unclaimed 844.71 | lifetime 844.71")
            #expect(try await s.positionLine(ownerStake, of: s.owner) == "owner active 600 | waits until null | cools until null | unclaimed 296.79 | lifetime 296.79")

            try await s.telemetryUp([device], hours: 1)
            #expect(try await s.positionLine(coStake, of: s.alice) == "co_staker active 600 | waits until null | cools until null | unclaimed 1013.652 | lifetime 1013.652")
            #expect(try await s.positionLine(ownerStake, of: s.owner) == "owner active 600 | waits until null | cools until null | unclaimed 356.148 | lifetime 356.148")
            #expect(try await s.balances(s.alice) == "available 9400 | staked 600 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 1013.652 | lifetime 1013.652 | slots 1")

            #expect(try await s.approve(.claimRewards, by: s.alice) == ["amount": "1013.652"])
            #expect(try await s.balances(s.alice) == "available 10413.652 | staked 600 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 1013.652 | slots 1")

            // Unstaked at 06:00: 7 days waiting, then 14 cooling.
            let unstaked = try await s.approve(.unstake(position: try id(coStake), amount: nil), by: s.alice)
            #expect(unstaked == ["position_id": coStake ?? "", "state": "waiting", "returned": "0"])
            #expect(try await s.positionLine(coStake, of: s.alice) == "co_staker waiting 600 | waits until 2026-01-08T06:00:00Z | cools until 2026-01-22T06:00:00Z | unclaimed 0 | lifetime 1013.652")
            let closed = try await s.get("/v1/offers/\(offer ?? "")")
            #expect(closed["status"] as? String == "closed" && closed["closed_reason"] as? String == "co_staker_left")
            #expect(try await s.stakeLine(device) == "counted 1200 | sufficient true | overflow 0", "waiting stake counts, never as overflow")
            #expect(try await s.balances(s.alice) == "available 10413.652 | staked 0 | waiting 600 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 1013.652 | slots 1")

            // While Alice waits, block 6 pays the owner the whole 228.3 IO.
            try await s.telemetryUp([device], hours: 1)
            #expect(try await s.positionLine(ownerStake, of: s.owner) == "owner active 600 | waits until null | cools until null | unclaimed 584.448 | lifetime 584.448")
            #expect(try await s.position(coStake, of: s.alice)["unclaimed_rewards"] as? String == "0")

            try await s.advance(days: 7, hours: -1, seconds: -1)  // 2026-01-08T05:59:59Z
            #expect(try await s.position(coStake, of: s.alice)["state"] as? String == "waiting")
            try await s.advance(seconds: 1)
            #expect(try await s.position(coStake, of: s.alice)["state"] as? String == "cooling")
            #expect(try await s.balances(s.alice) == "available 10413.652 | staked 0 | waiting 0 | cooling 600 | withdrawable 0 | unclaimed 0 | lifetime 1013.652 | slots 0")
            #expect(try await s.stakeLine(device) == "counted 600 | sufficient false | overflow 0")

            try await s.advance(days: 14, seconds: -1)  // 2026-01-22T05:59:59Z
            let early = try await s.refuse(.withdraw(position: try id(coStake)), by: s.alice, "not_withdrawable")
            #expect(early.contains("2026-01-22T06:00:00Z"), "the refusal names when: \(early)")
            try await s.advance(seconds: 1)
            #expect(try await s.balances(s.alice) == "available 10413.652 | staked 0 | waiting 0 | cooling 0 | withdrawable 600 | unclaimed 0 | lifetime 1013.652 | slots 0")
            #expect(try await s.approve(.withdraw(position: try id(coStake)), by: s.alice) == ["amount": "600"])
            #expect(try await s.balances(s.alice) == "available 11013.652 | staked 0 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 1013.652 | slots 0")
            #expect(try await s.position(coStake, of: s.alice)["state"] as? String == "withdrawn")

            #expect(try await s.approve(.claimRewards, by: s.owner) == ["amount": "584.448"])
            #expect(try await s.balances(s.owner) == "available 9984.448 | staked 600 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 584.448 | slots 0")
        }
    }

    /// Owner 1,000 + co-staker 600 against 1,200: overflow = min(1,000, 1,600 − 1,200) = 400,
    /// returned at once, also while the device is hired; past the overflow it is a full unstake,
    /// which a hired device refuses.
    @Test(arguments: StoreKind.allCases)
    func overflowLeavesAtOnceEvenWhileHired(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            try await s.deposit(s.owner, "10000")
            try await s.deposit(s.alice, "10000")
            let device = try await s.register()
            let ownerStake = try await s.approve(.stake(device: device, amount: Amount(io: 600)), by: s.owner)["position_id"]
            let offer = try await s.approve(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.owner)["offer_id"]
            #expect(try await s.approve(.stake(device: device, amount: Amount(io: 400)), by: s.owner)["position_id"] == ownerStake)
            try await s.approve(.coStake(offer: try id(offer), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice)
            #expect(try await s.stakeLine(device) == "counted 1600 | sufficient true | overflow 400")

            #expect(try await s.operate(.patch, "/v1/operator/devices/\(device)", #"{"hired":true}"#)["hired"] as? Bool == true)
            let first = try await s.approve(.unstake(position: try id(ownerStake), amount: Amount(io: 150)), by: s.owner)
            #expect(first == ["position_id": ownerStake ?? "", "state": "active", "returned": "150"])
            #expect(try await s.stakeLine(device) == "counted 1450 | sufficient true | overflow 250")
            let rest = try await s.approve(.unstake(position: try id(ownerStake), amount: Amount(io: 250)), by: s.owner)
            #expect(rest == ["position_id": ownerStake ?? "", "state": "active", "returned": "250"])
            #expect(try await s.stakeLine(device) == "counted 1200 | sufficient true | overflow 0")
            #expect(try await s.balances(s.owner) == "available 9400 | staked 600 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 0 | slots 0")

            let before = try await s.snapshot([device])
            try await s.refuse(.unstake(position: try id(ownerStake), amount: Amount(baseUnits: 1)), by: s.owner, "device_hired")
            #expect(try await s.snapshot([device]) == before)
        }
    }

    /// A full owner unstake is refused while the offer is open; once taken, it sends the owner and
    /// the co-staker straight into 14 days of cooling (no waiting) and closes the offer.
    @Test(arguments: StoreKind.allCases)
    func ownerFullUnstakeForcesTheCoStakerIntoCooling(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            try await s.deposit(s.owner, "10000")
            try await s.deposit(s.alice, "10000")
            let device = try await s.register()
            let ownerStake = try await s.approve(.stake(device: device, amount: Amount(io: 600)), by: s.owner)["position_id"]
            let offer = try await s.approve(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.owner)["offer_id"]
            try await s.refuse(.unstake(position: try id(ownerStake), amount: nil), by: s.owner, "retract_offer_first")
            let coStake = try await s.approve(.coStake(offer: try id(offer), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice)["position_id"]
            try await s.advance(hours: 2)

            let unstaked = try await s.approve(.unstake(position: try id(ownerStake), amount: nil), by: s.owner)
            #expect(unstaked == ["position_id": ownerStake ?? "", "state": "cooling", "returned": "0"])
            #expect(try await s.positionLine(ownerStake, of: s.owner) == "owner cooling 600 | waits until null | cools until 2026-01-15T02:00:00Z | unclaimed 0 | lifetime 0")
            #expect(try await s.positionLine(coStake, of: s.alice) == "co_staker cooling 600 | waits until null | cools until 2026-01-15T02:00:00Z | unclaimed 0 | lifetime 0")
            let closed = try await s.get("/v1/offers/\(offer ?? "")")
            #expect(closed["status"] as? String == "closed" && closed["closed_reason"] as? String == "owner_unstaked")
            #expect(try await s.get("/v1/devices/\(device)")["offer"] is NSNull)
            #expect(try await s.stakeLine(device) == "counted 0 | sufficient false | overflow 0")
            let stats = try await s.get("/v1/stats")
            #expect(stats["net_staked"] as? String == "0" && stats["staked_in_cooling"] as? String == "1200" && stats["active_co_stakes"] as? Int == 0)
            #expect(try await s.balances(s.alice) == "available 9400 | staked 0 | waiting 0 | cooling 600 | withdrawable 0 | unclaimed 0 | lifetime 0 | slots 0")
            try await s.refuse(.stake(device: device, amount: Amount(io: 1)), by: s.owner, "cooldown_in_progress")

            try await s.advance(days: 14, seconds: -1)
            #expect(try await s.position(coStake, of: s.alice)["state"] as? String == "cooling")
            try await s.advance(seconds: 1)
            #expect(try await s.balances(s.owner) == "available 9400 | staked 0 | waiting 0 | cooling 0 | withdrawable 600 | unclaimed 0 | lifetime 0 | slots 0")
            #expect(try await s.approve(.withdraw(position: try id(coStake)), by: s.alice) == ["amount": "600"])
            #expect(try await s.approve(.withdraw(position: try id(ownerStake)), by: s.owner) == ["amount": "600"])
            #expect(try await s.balances(s.alice) == "available 10000 | staked 0 | waiting 0 | cooling 0 | withdrawable 0 | unclaimed 0 | lifetime 0 | slots 0")
            let fresh = try await s.approve(.stake(device: device, amount: Amount(io: 1)), by: s.owner)["position_id"]
            #expect(fresh != ownerStake, "a new stake after the cooldown is a new position")
        }
    }

    /// The world of the first test after block 4 (Alice 844.71, the owner 296.79 unclaimed),
    /// slashed 10% of principal and 50% of rewards: 60 + 422.355 IO from Alice, 60 + 148.395 from
    /// the owner, 690.75 IO into a pending escrow with a 30-day window.
    @Test(arguments: StoreKind.allCases)
    func slashAppealUpheldThenASecondOverturned(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            let (device, ownerStake, coStake, offer) = try await s.coStakedWithBlock4Rewards()
            let slash = try await s.slash(device, principalBps: 1_000, rewardsBps: 5_000)
            let slashID = slash["slash_id"] as? String
            #expect(slash["state"] as? String == "pending" && (slash["amounts"] as? [String: Any])?["total"] as? String == "690.75")
            let amounts = slash["amounts"] as? [String: Any]
            #expect(amounts?["principal"] as? String == "120" && amounts?["rewards"] as? String == "570.75")
            #expect(slash["created_at"] as? String == "2026-01-01T05:00:00Z" && slash["appeal_deadline"] as? String == "2026-01-31T05:00:00Z")
            #expect(slash["resolved_at"] is NSNull)
            #expect(try await s.positionLine(coStake, of: s.alice) == "co_staker active 540 | waits until null | cools until null | unclaimed 422.355 | lifetime 844.71")
            #expect(try await s.positionLine(ownerStake, of: s.owner) == "owner active 540 | waits until null | cools until null | unclaimed 148.395 | lifetime 296.79")
            #expect(try await s.slashStates(device) == [slashID ?? "": "pending"])
            #expect(try await s.stakeLine(device) == "counted 1080 | sufficient false | overflow 0")
            #expect(try await s.get("/v1/offers/\(offer)")["slash_count"] as? Int == 1)

            try await s.refuse(.appealSlash(slash: try id(slashID)), by: s.alice, "not_device_owner")
            #expect(try await s.approve(.appealSlash(slash: try id(slashID)), by: s.owner) == ["slash_id": slashID ?? "", "state": "appealed"])
            try await s.refuse(.appealSlash(slash: try id(slashID)), by: s.owner, "appeal_closed")
            #expect(try await s.slashStates(device) == [slashID ?? "": "appealed"])

            let upheld = try await s.operate(.post, "/v1/operator/slashes/\(slashID ?? "")/resolve", #"{"outcome":"upheld"}"#)
            #expect(upheld["state"] as? String == "upheld" && upheld["resolved_at"] as? String == "2026-01-01T05:00:00Z")
            #expect(try await s.positionLine(coStake, of: s.alice) == "co_staker active 540 | waits until null | cools until null | unclaimed 422.355 | lifetime 844.71", "burned, not returned")
            #expect(try await s.slashStates(device) == [slashID ?? "": "upheld"])
            let before = try await s.snapshot([device])
            let again = try await s.request(.post, "/v1/operator/slashes/\(slashID ?? "")/resolve", body: #"{"outcome":"overturned"}"#, asOperator: true)
            #expect(try again.status == .conflict && errorCode(again) == "slash_resolved")
            #expect(try await s.snapshot([device]) == before)

            // Half of the principal, then overturned: every part goes back where it came from.
            let second = try await s.slash(device, principalBps: 5_000, rewardsBps: 0, reason: "mistaken")
            let secondID = second["slash_id"] as? String
            #expect((second["amounts"] as? [String: Any])?["total"] as? String == "540")
            #expect(try await s.position(coStake, of: s.alice)["amount"] as? String == "270")
            let overturned = try await s.operate(.post, "/v1/operator/slashes/\(secondID ?? "")/resolve", #"{"outcome":"overturned"}"#)
            #expect(overturned["state"] as? String == "overturned")
            #expect(try await s.positionLine(coStake, of: s.alice) == "co_staker active 540 | waits until null | cools until null | unclaimed 422.355 | lifetime 844.71")
            #expect(try await s.positionLine(ownerStake, of: s.owner) == "owner active 540 | waits until null | cools until null | unclaimed 148.395 | lifetime 296.79")
            #expect(try await s.slashStates(device) == [slashID ?? "": "upheld", secondID ?? "": "overturned"])
            #expect(try await s.get("/v1/offers/\(offer)")["slash_count"] as? Int == 1, "an overturned slash does not count")
        }
    }

    /// Two slashes of 10% of the owner's 1,000 IO at 00:00 on 1 January (100, then 90 IO): one is
    /// appealed a second before its window ends and later overturned; the other burns at the block
    /// that closes exactly at its deadline, after which it is too late to appeal.
    @Test(arguments: StoreKind.allCases)
    func theAppealWindowIs30Days(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            try await s.deposit(s.owner, "10000")
            let device = try await s.register()
            let stake = try await s.approve(.stake(device: device, amount: Amount(io: 1_000)), by: s.owner)["position_id"]
            let appealed = try await s.slash(device, principalBps: 1_000, rewardsBps: 0)
            let lapsing = try await s.slash(device, principalBps: 1_000, rewardsBps: 0)
            let (a, b) = (appealed["slash_id"] as? String ?? "", lapsing["slash_id"] as? String ?? "")
            #expect((appealed["amounts"] as? [String: Any])?["total"] as? String == "100" && (lapsing["amounts"] as? [String: Any])?["total"] as? String == "90")
            #expect(lapsing["appeal_deadline"] as? String == "2026-01-31T00:00:00Z")
            #expect(try await s.position(stake, of: s.owner)["amount"] as? String == "810")

            try await s.advance(days: 30, seconds: -1)
            try await s.approve(.appealSlash(slash: try id(a)), by: s.owner)
            let clock = try await s.advance(seconds: 1)
            #expect(clock["now"] as? String == "2026-01-31T00:00:00Z" && clock["last_block"] as? Int == 719)
            #expect(try await s.slashStates(device) == [a: "appealed", b: "burned"])
            try await s.refuse(.appealSlash(slash: try id(b)), by: s.owner, "appeal_closed")

            try await s.operate(.post, "/v1/operator/slashes/\(a)/resolve", #"{"outcome":"overturned"}"#)
            #expect(try await s.position(stake, of: s.owner)["amount"] as? String == "910")
            let late = try await s.request(.post, "/v1/operator/slashes/\(b)/resolve", body: #"{"outcome":"overturned"}"#, asOperator: true)
            #expect(try late.status == .conflict && errorCode(late) == "slash_resolved")
            #expect(try await s.position(stake, of: s.owner)["amount"] as? String == "910")
        }
    }
}

extension APIStory {
    /// Owner 600 + Alice 600 at 7,400 bps on an RTX 4070 × 4, up for 5 hours: after block 4
    /// Alice has 844.71 IO unclaimed and the owner 296.79. Returns the device, both positions and
    /// the offer.
    func coStakedWithBlock4Rewards() async throws -> (DeviceID, String?, String?, String) {
        try await deposit(owner, "10000")
        try await deposit(alice, "10000")
        let device = try await register()
        let ownerStake = try await approve(.stake(device: device, amount: Amount(io: 600)), by: owner)["position_id"]
        let offer = try #require(try await approve(.createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: owner)["offer_id"])
        let coStake = try await approve(.coStake(offer: try id(offer), requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: alice)["position_id"]
        try await telemetryUp([device], hours: 5)
        #expect(try await position(coStake, of: alice)["unclaimed_rewards"] as? String == "844.71")
        return (device, ownerStake, coStake, offer)
    }

    /// The device page's slashes: state by slash id.
    func slashStates(_ device: DeviceID) async throws -> [String: String] {
        let slashes = try #require(try await get("/v1/devices/\(device)")["slashes"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: slashes.map { ($0["slash_id"] as? String ?? "?", $0["state"] as? String ?? "?") })
    }
}
