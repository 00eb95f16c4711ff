import CostakeTestSupport
import Foundation
import Testing

/// Each eligibility rule of SPEC §6 failing alone, for a block [10:00, 11:00).
@Suite("eligibility (SPEC §6)")
struct EligibilityTests {
    let start = Timestamp(rfc3339: "2026-02-01T10:00:00Z")!
    var end: Timestamp { start.adding(seconds: 3_600) }
    let owner = Keys.make(1).address

    func device(_ model: String = "RTX 4070", status: DeviceStatus = .up, hired: Bool = false) -> Device {
        Device(id: DeviceID(uuid: UUID()), name: "rig", owner: owner, model: model, processors: 4, status: status,
               hired: hired, registeredAt: Timestamp(seconds: 0))
    }

    func telemetry(_ device: Device, upSince: Timestamp?, lastReport: Timestamp, pow: Timestamp?, status: TelemetryStatus = .up) -> DeviceTelemetry {
        DeviceTelemetry(deviceID: device.id, firstReportAt: Timestamp(seconds: 0), lastReportAt: lastReport, lastStatus: status,
                        upSince: upSince, lastPowAt: pow)
    }

    func evaluate(_ device: Device, _ telemetry: DeviceTelemetry?, stakeIO: Int64 = 1_200) -> Eligibility {
        let position = Position(id: PositionID(uuid: UUID()), deviceID: device.id, staker: owner, role: .owner,
                                amount: Amount(io: stakeIO), createdAt: Timestamp(seconds: 0))
        let rules = NetworkRules()
        return Eligibility.evaluate(device: device, model: rules.model(of: device), telemetry: telemetry,
                                    stake: StakeStatus(requirement: rules.requirement(of: device), positions: [position]),
                                    start: start, end: end)
    }

    var fiveHoursBefore: Timestamp { end.adding(seconds: -5 * 3_600) }

    @Test func allChecksPass() {
        let d = device()
        let e = evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end.adding(seconds: -900), pow: start))
        #expect(e.isEligible)
        #expect(e.checks.map(\.name) == ["status_up", "model_earns", "up_5_hours", "pow_or_hired", "sufficient_stake"])
    }

    @Test(arguments: [DeviceStatus.down, .paused, .blocked, .terminated, .unsupported])
    func statusMustBeUp(status: DeviceStatus) {
        let d = device(status: status)
        let e = evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end.adding(seconds: -60), pow: start))
        #expect(!e.statusUp && !e.isEligible)
    }

    @Test func silentForMoreThan15MinutesCountsAsDown() {
        let d = device()
        let e = evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end.adding(seconds: -901), pow: start))
        #expect(!e.statusUp && !e.upFiveHours && !e.isEligible)
    }

    @Test func zeroMultiplierEarnsNothing() {
        let d = device("RTX 3050")
        let e = evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end, pow: start), stakeIO: 800)
        #expect(e.statusUp && !e.earns && !e.isEligible)
    }

    @Test func fiveHoursOfContinuousUptime() {
        let d = device()
        let short = evaluate(d, telemetry(d, upSince: fiveHoursBefore.adding(seconds: 1), lastReport: end, pow: start))
        #expect(!short.upFiveHours && !short.isEligible)
        let exact = evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end, pow: start))
        #expect(exact.upFiveHours && exact.isEligible)
    }

    @Test func proofOfWorkDuringTheBlockOrHired() {
        let d = device()
        for pow in [start.adding(seconds: -1), end, nil] as [Timestamp?] {
            let e = evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end, pow: pow))
            #expect(!e.powOrHired && !e.isEligible)
        }
        let hired = device(hired: true)
        #expect(evaluate(hired, telemetry(hired, upSince: fiveHoursBefore, lastReport: end, pow: nil)).isEligible)
    }

    @Test func stakeMustBeSufficient() {
        let d = device()
        let e = evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end, pow: start), stakeIO: 1_199)
        #expect(!e.sufficient && !e.isEligible)
        #expect(evaluate(d, telemetry(d, upSince: fiveHoursBefore, lastReport: end, pow: start), stakeIO: 1_200).isEligible)
    }

    @Test func noTelemetryNoEligibility() {
        let e = evaluate(device(), nil)
        #expect(!e.statusUp && !e.upFiveHours && !e.powOrHired)
    }

    /// Through the network: a device whose reports stop is not paid; one without PoW is not paid.
    @Test func ineligibleDevicesAreNotPaidAndTheirShareIsCarried() async throws {
        let cast = try await Cast.make()
        let noPow = try await cast.net.device(owner: cast.owner)
        try await cast.net.send(.stake(device: cast.device, amount: Amount(io: 1_200)), by: cast.owner)
        try await cast.net.send(.stake(device: noPow, amount: Amount(io: 1_200)), by: cast.owner)
        for _ in 0..<30 {
            _ = try await cast.net.operatorActions.ingest([
                TelemetryEvent(deviceID: cast.device, at: cast.net.now, status: .up, powOK: true),
                TelemetryEvent(deviceID: noPow, at: cast.net.now, status: .up, powOK: false),
            ])
            cast.net.advance(seconds: 600)
        }
        try await cast.net.blocks.closeDue()
        let block = try #require(try await cast.net.store.block(4))
        #expect(block.eligibleDevices == 1)
        #expect(block.paid[.community] == Amount(baseUnits: 5 * 22_830_000_000))
        let unpaid = try await cast.net.store.deviceBlocks(noPow, from: block.end, to: block.end.adding(seconds: 1))
        #expect(unpaid.map(\.eligible) == [false] && unpaid.map(\.sufficient) == [true])
    }
}
