import CostakeTestSupport
import Testing

@Suite("deterministic simulation")
struct SimulationTests {
    /// 10,000 seeded steps per seed, every invariant checked after each; a failure names the
    /// seed and step, and `Simulation(seed:)` replays it.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func tenThousandStepsKeepEveryInvariant(seed: UInt64) async throws {
        let simulation = Simulation(seed: seed, store: try await StoreKind.sqlite.make())
        try await simulation.run(steps: 10_000)
        #expect(simulation.approved > 3_000, "the mix must approve a good share of its steps")
        for code in [CostakeError.Code.notDeviceOwner, .claimCapReached, .offerNotOpen, .termsMismatch, .duplicateNonce,
                     .invalidSignature, .insufficientBalance, .notWithdrawable, .positionNotActive] {
            #expect(simulation.refused[code, default: 0] > 0, "the mix never hit \(code.rawValue)")
        }
    }
}
