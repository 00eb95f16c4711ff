import CostakeTestSupport
import Testing

@Suite("stake (SPEC §5)")
struct StakeTests {
    @Test func stakeMovesExactlyTheAmountIntoOneOwnerPosition() async throws {
        let cast = try await Cast.make()
        let first = try await cast.net.send(.stake(device: cast.device, amount: Amount(wire: "700.5")), by: cast.owner).positionID
        let second = try await cast.net.send(.stake(device: cast.device, amount: Amount(wire: "0.00000001")), by: cast.owner).positionID
        #expect(first == second)
        let position = try #require(try await cast.net.store.position(first))
        #expect(position.amount == Amount(baseUnits: 70_050_000_001))
        #expect(position.role == .owner && position.state == .active)
        #expect(try await cast.net.available(cast.owner) == Amount(baseUnits: 10_000 * 100_000_000 - 70_050_000_001))
        _ = try await cast.net.verifyLedger()
    }

    @Test func onlyTheOwnerMayStake() async throws {
        let cast = try await Cast.make()
        let error = try await cast.net.refusal(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.alice)
        #expect(error.code == .notDeviceOwner)
    }

    @Test func unknownDevice() async throws {
        let cast = try await Cast.make()
        let error = try await cast.net.refusal(.stake(device: DeviceID(uuid: .init()), amount: Amount(io: 1)), by: cast.owner)
        #expect(error.code == .deviceNotFound)
    }

    @Test func beyondTheAvailableBalanceIsRefused() async throws {
        let cast = try await Cast.make(funds: 100)
        let exact = try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 100)), by: cast.owner)
        #expect(try exact.positionID == exact.positionID)
        let error = try await cast.net.refusal(.stake(device: cast.device, amount: Amount(baseUnits: 1)), by: cast.owner)
        #expect(error.code == .insufficientBalance)
    }

    @Test func zeroIsNotAnAmountToStake() async throws {
        let cast = try await Cast.make()
        let error = try await cast.net.refusal(.stake(device: cast.device, amount: .zero), by: cast.owner)
        #expect(error.code == .invalidAmount)
    }

    @Test func terminatedDeviceTakesNoStake() async throws {
        let cast = try await Cast.make()
        _ = try await cast.net.operatorActions.update(cast.device, status: .terminated)
        let error = try await cast.net.refusal(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner)
        #expect(error.code == .deviceTerminated)
    }

    @Test func refusedWhileTheOwnerStakeIsCoolingThenAllowedAfter14Days() async throws {
        let cast = try await Cast.make()
        let position = try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1_200)), by: cast.owner).positionID
        try await cast.net.send(.unstake(position: position, amount: nil), by: cast.owner)
        cast.net.advance(days: 14, seconds: -1)
        let error = try await cast.net.refusal(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner)
        #expect(error.code == .cooldownInProgress)
        cast.net.advance(seconds: 1)
        let fresh = try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1)), by: cast.owner).positionID
        #expect(fresh != position)
        #expect(try await cast.net.store.position(position)?.state == .withdrawable)
    }
}
