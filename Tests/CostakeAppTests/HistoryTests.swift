import CostakeTestSupport
import Testing

@Suite("estimates, history and statistics (SPEC §6, §10)")
struct HistoryTests {
    func world() async throws -> BlockTests.World { try await BlockTests().world() }

    func queries(_ net: TestNetwork) -> NetworkQueries {
        NetworkQueries(store: net.store, schedule: net.blocks.schedule)
    }

    /// Five blocks of history is under 7 days: the estimate is the H100's expected share of the
    /// enterprise pool of block 4 (433,770,000,000 × 80/90), of which 74% goes to the co-staker.
    @Test func estimateWithLessThanAWeekOfHistoryUsesTheExpectedShare() async throws {
        let w = try await world()
        let q = queries(w.cast.net)
        let h100 = try #require(try await w.cast.net.store.device(w.h100))
        #expect(try await q.deviceRewardPerBlock(h100) == Amount(baseUnits: 385_573_333_333))
        let offer = try #require(try await w.cast.net.store.positions(on: w.h100).first { $0.role == .coStaker }?.offerID)
        let estimate = try await q.estimate(try #require(try await w.cast.net.store.offer(offer)))
        let expected = RewardEstimate(perBlock: Amount(baseUnits: 285_324_266_666),
                                      perWeek: Amount(baseUnits: 47_934_476_799_888), aprBps: 31_157_409)
        #expect(estimate == expected)
    }

    @Test func aFullWeekAveragesEveryBlockIncludingZeros() {
        let owner = Keys.make(1).address
        let records: [DeviceBlockRecord] = (0..<168).map { (i: Int) -> DeviceBlockRecord in
            let paid = i % 2 == 0
            let ownerReward = Amount(baseUnits: paid ? 1_000 : 0)
            let coReward = Amount(baseUnits: paid ? 337 : 0)
            return DeviceBlockRecord(height: Int64(i), deviceID: DeviceID(uuid: .init()), end: Timestamp(seconds: Int64(i) * 3_600),
                                     owner: owner, ownerReward: ownerReward, coStaker: nil, coStakerReward: coReward,
                                     sufficient: true, eligible: paid)
        }
        // 84 blocks × 1,337 / 168 = 668.5 → 668
        #expect(RewardEstimate.deviceRewardPerBlock(history: records, blocksPerWeek: 168, expectedShare: Amount(io: 9)) == Amount(baseUnits: 668))
        #expect(RewardEstimate.deviceRewardPerBlock(history: Array(records.prefix(167)), blocksPerWeek: 168, expectedShare: Amount(io: 9)) == Amount(io: 9))
        let estimate = RewardEstimate.make(deviceRewardPerBlock: Amount(io: 10), rewardShare: BasisPoints(7_400),
                                           requested: Amount(io: 8_000), blocksPerWeek: 168)
        let expected = RewardEstimate(perBlock: Amount(baseUnits: 740_000_000), perWeek: Amount(baseUnits: 124_320_000_000),
                                      aprBps: 80_808)
        #expect(estimate == expected)
    }

    @Test func rewardsPerDayPerDeviceAndPerAccountAndTheirCSV() async throws {
        let w = try await world()
        let q = queries(w.cast.net)
        let day = try await q.deviceDaily(w.h100, from: TestNetwork.start, to: w.cast.net.now.adding(seconds: 1))
        #expect(day.map(\.day) == ["2026-01-01"])
        #expect(day.first?.ownerReward == Amount(baseUnits: 501_245_333_334) && day.first?.coStakerReward == Amount(baseUnits: 1_426_621_333_332))
        #expect(day.first?.blocks == 5)
        let alice = try await q.accountDaily(w.cast.alice.address, from: TestNetwork.start, to: w.cast.net.now.adding(seconds: 1))
        #expect(alice.map(\.total) == [Amount(baseUnits: 1_426_621_333_332)] && alice.first?.ownerReward == .zero)
        let owner = try await q.accountDaily(w.cast.owner.address, from: TestNetwork.start, to: w.cast.net.now.adding(seconds: 1))
        #expect(owner.first?.ownerReward == Amount(baseUnits: 501_245_333_334 + 240_983_333_333 + 83_018_181_818 + 31_131_818_181))
        #expect(RewardHistory.dailyCSV(day) == "day,owner_reward,co_staker_reward,total,blocks\n2026-01-01,5012.45333334,14266.21333332,19278.66666666,5\n")
        let none = try await q.accountDaily(w.cast.alice.address, from: TestNetwork.start, to: TestNetwork.start.adding(seconds: 5 * 3_600))
        #expect(none.map(\.total) == [.zero], "the range excludes block 4")
        let records = try await w.cast.net.store.deviceBlocks(w.h100, from: TestNetwork.start.adding(seconds: 5 * 3_600), to: w.cast.net.now.adding(seconds: 1))
        #expect(RewardHistory.blockCSV(records) == "height,block_end,device_id,owner_reward,co_staker_reward,total,eligible\n4,2026-01-01T05:00:00Z,\(w.h100),5012.45333334,14266.21333332,19278.66666666,true\n")
    }

    @Test func statistics() async throws {
        let w = try await world()
        let stats = try await queries(w.cast.net).stats()
        #expect(stats == NetworkStats(netStaked: Amount(io: 19_800), stakedInCooling: .zero, withdrawable: .zero, devices: 4,
                                      devicesWithFullStake: 4, openOffers: 0, activeCoStakes: 1, coStaked: Amount(io: 8_000)))
        try await w.cast.net.send(.unstake(position: w.coStake, amount: nil), by: w.cast.alice)
        let later = try await queries(w.cast.net).stats()
        #expect(later.netStaked == Amount(io: 19_800) && later.activeCoStakes == 0 && later.coStaked == .zero)
    }
}
