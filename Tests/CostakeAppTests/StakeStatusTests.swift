import CostakeTestSupport
import Foundation
import Testing

@Suite("counted stake, sufficiency and overflow (SPEC §4)")
struct StakeStatusTests {
    func position(_ role: PositionRole, _ state: PositionState, _ io: Int64) -> Position {
        Position(id: PositionID(uuid: UUID()), deviceID: DeviceID(uuid: UUID()), staker: Keys.make(role == .owner ? 1 : 2).address,
                 role: role, amount: Amount(io: io), state: state, createdAt: Timestamp(seconds: 0))
    }

    /// (owner active, co active, co waiting, cooling) against a 1,200 IO requirement.
    @Test(arguments: [
        (1_200, 0, 0, 0, 1_200, true, 0),
        (1_000, 600, 0, 0, 1_600, true, 400),
        (600, 600, 0, 0, 1_200, true, 0),
        (1_500, 0, 0, 0, 1_500, true, 300),
        (1_500, 600, 0, 0, 2_100, true, 900),
        (600, 0, 600, 0, 1_200, true, 0),
        (1_500, 0, 600, 0, 2_100, true, 300),
        (500, 600, 0, 0, 1_100, false, 0),
        (0, 600, 0, 0, 600, false, 0),
        (0, 0, 0, 1_200, 0, false, 0),
        (100, 1_300, 0, 0, 1_400, true, 100),
    ] as [(Int64, Int64, Int64, Int64, Int64, Bool, Int64)])
    func countedSufficientAndOverflow(owner: Int64, coActive: Int64, coWaiting: Int64, cooling: Int64,
                                      counted: Int64, sufficient: Bool, overflow: Int64) {
        var positions: [Position] = []
        if owner > 0 { positions.append(position(.owner, .active, owner)) }
        if coActive > 0 { positions.append(position(.coStaker, .active, coActive)) }
        if coWaiting > 0 { positions.append(position(.coStaker, .waiting, coWaiting)) }
        if cooling > 0 { positions.append(position(.owner, .cooling, cooling)) }
        positions.append(position(.coStaker, .withdrawable, 77))
        let status = StakeStatus(requirement: Amount(io: 1_200), positions: positions)
        #expect(status.counted == Amount(io: counted))
        #expect(status.isSufficient == sufficient)
        #expect(status.overflow == Amount(io: overflow))
        #expect(status.cooling == Amount(io: cooling))
    }
}
