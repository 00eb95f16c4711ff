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
}
