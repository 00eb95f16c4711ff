import CostakeTestSupport
import Foundation
import Testing

@Suite("deterministic simulation")
struct SimulationTests {
    /// 10,000 seeded steps per seed, every invariant checked after each; a failure names the
    /// seed and step, and `Simulation(seed:)` replays it.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func tenThousandStepsKeepEveryInvariant(seed: UInt64) async throws {
        let simulation = Simulation(seed: seed, store: try await StoreKind.sqlite.make())
        let steps = Int(ProcessInfo.processInfo.environment["COSTAKE_SIM_STEPS"] ?? "") ?? 10_000
        try await simulation.run(steps: steps)
        #expect(simulation.approved > steps * 3 / 10, "the mix must approve a good share of its steps")
        #expect(simulation.blocksPaid > steps / 500, "devices must become eligible and blocks pay")
        for code in [CostakeError.Code.notDeviceOwner, .claimCapReached, .offerNotOpen, .termsMismatch, .duplicateNonce,
                     .invalidSignature, .insufficientBalance, .notWithdrawable, .positionNotActive] {
            #expect(simulation.refused[code, default: 0] > 0, "the mix never hit \(code.rawValue)")
        }
    }

    /// The same seeds on PostgreSQL with fewer steps (`COSTAKE_SIM_PG_STEPS`, default 2,000:
    /// every unit of work and every invariant check is a round trip to the server), every
    /// invariant checked after each step, and the run must be the SQLite run of the same seed
    /// exactly: the same outcomes, the same journal down to its head hash, the same live state
    /// and the same blocks paid.
    @Test(.enabled(if: StoreKind.allCases.contains(.postgres)), arguments: [1, 2, 3] as [UInt64])
    func postgresRunsEqualTheSQLiteRuns(seed: UInt64) async throws {
        let steps = Int(ProcessInfo.processInfo.environment["COSTAKE_SIM_PG_STEPS"] ?? "") ?? 2_000
        let postgres = Simulation(seed: seed, store: try await StoreKind.postgres.make())
        try await postgres.run(steps: steps)
        #expect(postgres.approved > steps * 3 / 10, "the mix must approve a good share of its steps")
        #expect(postgres.blocksPaid > steps / 500, "devices must become eligible and blocks pay")
        #expect(postgres.refused.count >= 6, "the mix must be refused for many reasons")

        // The reference: tenThousandStepsKeepEveryInvariant checks these same steps of this
        // seed on SQLite after each one; here they are checked once, after the last.
        let sqlite = Simulation(seed: seed, store: try await StoreKind.sqlite.make(), checksEveryStep: false)
        try await sqlite.run(steps: steps)
        #expect(postgres.approved == sqlite.approved)
        #expect(postgres.refused == sqlite.refused)
        #expect(postgres.blocksPaid == sqlite.blocksPaid)
        #expect(try await postgres.store.journalHead() == sqlite.store.journalHead())
        #expect(try await postgres.store.liveState() == sqlite.store.liveState())
    }
}
