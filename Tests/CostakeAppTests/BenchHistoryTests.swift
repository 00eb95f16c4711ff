import CostakeTestSupport
import Foundation
import Testing

/// The benchmark network's 30 days of reward history (issue 8), seeded as blocks and runs:
/// checked block by block against the emission schedule and the offers' times, device by
/// device against the positions' rewards and the telemetry's week, and then carried on by a
/// real block close.
@Suite("bench history")
struct BenchHistoryTests {
    static let now = Timestamp(seconds: 1_800_000_000)
    /// 4,566 IO a block for the first 720 blocks; enterprise floor(95%), community the rest.
    static let emission: Int64 = 456_600_000_000
    static let enterprise: Int64 = 433_770_000_000
    static let community: Int64 = 22_830_000_000

    @Test(arguments: StoreKind.allCases)
    func theSeededHistoryIsWhatTheBlocksPaidAndABlockCloseCarriesItOn(_ kind: StoreKind) async throws {
        let store = try await kind.make()
        let seeder = try BenchSeeder.withHistory(shape: BenchShape(devices: 1_000), now: Self.now)
        try await store.bulkLoad {
            for chunk in 0..<seeder.chunks { try await seeder.seed(chunk: chunk, into: store) }
        }
        let schedule = seeder.schedule
        #expect(try await store.lastClosedHeight() == 719)
        #expect(schedule.end(of: 719) < Self.now && Self.now < schedule.end(of: 720))

        // The taken offers' devices were short of their requirement until the co-stake: each is
        // eligible from the first block ending after its offer was taken.
        var takenAt: [DeviceID: Timestamp] = [:]
        for index in 0..<seeder.shape.coStakes {
            let offer = try #require(try await store.offer(BenchSeeder.offer(index)))
            takenAt[offer.deviceID] = try #require(offer.takenAt)
        }
        #expect(takenAt.count == 200)

        // Block by block: the emission, the pools' carry, what was shared and paid.
        var blocks: [Block] = []
        var carry: [RewardPool: Int64] = [.enterprise: 0, .community: 0]
        for height in Int64(0)..<720 {
            let block = try #require(try await store.block(height))
            #expect(block.emission.baseUnits == Self.emission)
            #expect(block.shared[.enterprise]?.baseUnits == carry[.enterprise]! + Self.enterprise)
            #expect(block.shared[.community]?.baseUnits == carry[.community]! + Self.community)
            for pool in RewardPool.allCases {
                #expect(block.paid[pool]!.baseUnits + block.carry[pool]!.baseUnits == block.shared[pool]!.baseUnits)
                #expect(block.carry[pool]!.baseUnits >= 0)
                carry[pool] = block.carry[pool]!.baseUnits
            }
            let end = schedule.end(of: height)
            #expect(block.eligibleDevices == 800 + takenAt.values.filter { $0 < end }.count, "block \(height)")
            blocks.append(block)
        }
        #expect(blocks[0].eligibleDevices < 1_000 && blocks[719].eligibleDevices == 1_000)

        // Device by device: its runs, its records (derived from the runs and the blocks), and
        // what its positions, telemetry and R̄ hold.
        var paidPerBlock: [Int64: Int64] = [:]
        for index in 0..<1_000 {
            let id = BenchSeeder.device(index)
            let records = try await store.deviceBlocks(id, from: schedule.genesis, to: Self.now)
            #expect(records.map(\.height) == Array(0..<720))
            for record in records { paidPerBlock[record.height, default: 0] += record.total.baseUnits }
            let firstEligible = takenAt[id].map { taken in records.first { $0.end > taken }!.height } ?? 0
            #expect(records.map(\.eligible) == records.map { $0.height >= firstEligible }, "device \(index)")
            // A run where the outcome changes shape (eligible with the co-staker from the co-stake
            // on), and one every 168 blocks, as far as a close reads back.
            let runs = try await store.deviceRuns(id)
            #expect(runs.map(\.fromHeight) == Array(stride(from: 0, to: firstEligible, by: 168)) + Array(stride(from: firstEligible, to: 720, by: 168)),
                    "device \(index)")
            #expect(runs.allSatisfy { $0.reliability != nil && $0.ownerPaid && $0.fixed == nil })

            let positions = try await store.positions(on: id).filter { $0.state == .active }
            let owner = try #require(positions.first { $0.role == .owner })
            #expect(owner.lifetimeRewards.baseUnits == records.reduce(0) { $0 + $1.ownerReward.baseUnits })
            #expect(owner.unclaimedRewards == owner.lifetimeRewards && owner.lifetimeRewards.isPositive)
            let coStaker = positions.first { $0.role == .coStaker }
            #expect((coStaker != nil) == (takenAt[id] != nil))
            if let coStaker {
                #expect(coStaker.lifetimeRewards.baseUnits == records.reduce(0) { $0 + $1.coStakerReward.baseUnits })
                #expect(coStaker.unclaimedRewards == coStaker.lifetimeRewards)
                #expect(records.allSatisfy { $0.coStaker == ($0.eligible ? coStaker.staker : nil) })
            }
            let week = records.filter { $0.height >= 552 }.reduce(0) { $0 + $1.total.baseUnits }
            #expect(try await store.telemetry(id)?.rewardWeek.baseUnits == week)
            #expect(try await store.device(id)?.rewardBasis.baseUnits == week / 168)
        }
        // Every device's records add up to what each block paid.
        for block in blocks { #expect(paidPerBlock[block.height] == block.totalPaid.baseUnits, "block \(block.height)") }

        guard case .success(let totals) = try await LedgerVerifier(store: store).verify() else {
            Issue.record("the seeded ledger does not verify")
            return
        }
        #expect(totals.minted == 720 * Self.emission)
        #expect(totals.carried == blocks[719].totalCarry.baseUnits)

        // A real close of block 720 reads the seeded runs: each device's week loses block 552
        // and gains block 720.
        let producer = BlockProducer(store: store, schedule: schedule, clock: ManualClock(schedule.end(of: 720)))
        let block = try #require(try await producer.close(720, closedAt: schedule.end(of: 720)))
        #expect(block.eligibleDevices == 1_000)
        for index in [0, 199, 200, 999] {
            let id = BenchSeeder.device(index)
            let records = try await store.deviceBlocks(id, from: schedule.end(of: 552).adding(seconds: 1), to: schedule.end(of: 720).adding(seconds: 1))
            #expect(records.map(\.height) == Array(553...720))
            #expect(try await store.telemetry(id)?.rewardWeek.baseUnits == records.reduce(0) { $0 + $1.total.baseUnits })
        }
        // No hour records are seeded, so block 720 scores every device anew (35: no up hours,
        // no disconnects, compliant) and every run ends there.
        #expect(try await store.telemetry(BenchSeeder.device(0))?.reliability == 35)
        #expect(try await store.deviceRunCount(startingAt: 720) == 1_000)
        guard case .success = try await LedgerVerifier(store: store).verify() else {
            Issue.record("the ledger does not verify after block 720")
            return
        }
    }
}
