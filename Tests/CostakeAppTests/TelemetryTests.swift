import CostakeTestSupport
import Testing

@Suite("telemetry (SPEC §7)")
struct TelemetryTests {
    @Test func badEventsAreRejectedOneByOneAndTheRestKept() async throws {
        let cast = try await Cast.make()
        let net = cast.net
        net.advance(seconds: 1_800)
        let unknown = DeviceID(uuid: .init())
        let result = try await net.operatorActions.ingest([
            TelemetryEvent(deviceID: cast.device, at: net.now.adding(seconds: -600), status: .up),
            TelemetryEvent(deviceID: unknown, at: net.now, status: .up),
            TelemetryEvent(deviceID: cast.device, at: net.now.adding(seconds: 1), status: .up),
            TelemetryEvent(deviceID: cast.device, at: net.now, status: .up, powOK: true),
        ])
        #expect(result.accepted == 2)
        #expect(result.rejected.map(\.index) == [1, 2])
        #expect(result.rejected[0].reason == "unknown device")
        #expect(result.rejected[1].reason.contains("in the future"))
        let late = try await net.operatorActions.ingest([TelemetryEvent(deviceID: cast.device, at: net.now.adding(seconds: -1), status: .up)])
        #expect(late.accepted == 0 && late.rejected.first?.reason.contains("before the device's last report") == true)
        let state = try #require(try await net.store.telemetry(cast.device))
        #expect(state.upSince == net.now.adding(seconds: -600) && state.lastPowAt == net.now && state.lastReportAt == net.now)
    }

    @Test func fifteenMinutesOfSilenceCountsAsDownFromTheLastReport() async throws {
        let cast = try await Cast.make()
        let net = cast.net
        let first = net.now
        _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: cast.device, at: first, status: .up)])
        net.advance(seconds: 900)
        _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: cast.device, at: net.now, status: .up)])
        #expect(try await net.store.telemetry(cast.device)?.upSince == first, "exactly 15 minutes is no gap")
        net.advance(seconds: 901)
        _ = try await net.operatorActions.ingest([TelemetryEvent(deviceID: cast.device, at: net.now, status: .up)])
        let state = try #require(try await net.store.telemetry(cast.device))
        #expect(state.upSince == net.now)
        #expect(state.isUp(at: net.now.adding(seconds: 900)) && !state.isUp(at: net.now.adding(seconds: 901)))
        let hours = try await net.store.hours(cast.device, HourRecord.hour(of: first)..<HourRecord.hour(of: net.now) + 1)
        #expect(hours.map(\.disconnects) == [1], "the disconnect counts in the hour of the last report")
    }

    @Test func hourlyRecordsAndDisconnects() async throws {
        let cast = try await Cast.make()
        let net = cast.net
        let start = HourRecord.hour(of: net.now)
        let events: [(Int64, TelemetryStatus, Bool?, Bool?)] = [
            (0, .up, true, nil), (600, .up, nil, nil), (1_200, .up, nil, nil), (1_800, .up, nil, nil), (2_400, .up, nil, nil),
            (3_000, .up, nil, nil), (3_600, .up, nil, true), (4_000, .down, nil, nil), (4_200, .up, nil, nil),
            (4_800, .up, nil, nil), (5_400, .up, nil, nil), (6_000, .up, nil, nil), (6_600, .up, nil, nil),
            (7_200, .up, nil, nil), (7_300, .down, nil, nil), (7_400, .down, nil, nil),
        ]
        net.advance(seconds: 7_400)
        let base = TestNetwork.start
        let result = try await net.operatorActions.ingest(events.map {
            TelemetryEvent(deviceID: cast.device, at: base.adding(seconds: $0.0), status: $0.1, powOK: $0.2, hired: $0.3)
        })
        #expect(result.accepted == 16)
        let hours = try await net.store.hours(cast.device, start..<start + 3)
        #expect(hours.map(\.isUp) == [true, false, false])
        #expect(hours.map(\.isPowValid) == [true, false, false])
        #expect(hours.map(\.hired) == [false, true, false])
        #expect(hours.map(\.disconnects) == [0, 1, 1], "two down reports in a row are one disconnect")
        #expect(try await net.store.device(cast.device)?.status == .down)
        #expect(try await net.store.device(cast.device)?.hired == true, "the last hired flag reported stays")
    }

    @Test func aBatchOfTenThousandEventsIsOneCall() async throws {
        let cast = try await Cast.make()
        let net = cast.net
        var devices = [cast.device]
        for _ in 0..<99 { devices.append(try await net.device(owner: cast.owner)) }
        net.advance(seconds: 100 * 60)
        let events = (0..<100).flatMap { minute in
            devices.map { TelemetryEvent(deviceID: $0, at: TestNetwork.start.adding(seconds: Int64(minute) * 60), status: .up, powOK: minute % 10 == 0) }
        }
        #expect(events.count == 10_000)
        try await net.blocks.closeDue()
        let head = try await net.store.journalHead()
        let result = try await net.operatorActions.ingest(events.shuffled())
        #expect(result.accepted == 10_000 && result.rejected.isEmpty)
        #expect(try await net.store.journalHead() == head, "telemetry moves no money")
        for device in devices.prefix(3) {
            let state = try #require(try await net.store.telemetry(device))
            #expect(state.upSince == TestNetwork.start && state.lastReportAt == TestNetwork.start.adding(seconds: 99 * 60))
        }
    }
}
