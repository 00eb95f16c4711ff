import CostakeTestSupport
import Foundation
import Testing

/// The log that decides whether a unit decided on a read snapshot can be saved as it is.
@Suite("write log")
struct WriteLogTests {
    let alice = Keys.make(2).address, bob = Keys.make(3).address, carol = Keys.make(4).address

    func deposit(_ address: Address) -> Changes { Changes(accounts: [Account(address: address, available: Amount(io: 1))]) }

    @Test
    func aSnapshotIsStaleOnlyWhenAKeyItReadWasWrittenAfterIt() {
        let log = WriteLog()
        let snapshot = log.begin()
        log.record(deposit(alice))
        #expect(!log.isCurrent([.account(alice)], watermark: snapshot))
        #expect(log.isCurrent([.account(bob)], watermark: snapshot))
        log.transactionEnded()
        let later = log.begin()
        #expect(later == snapshot + 1)
        #expect(log.isCurrent([.account(alice)], watermark: later))
        log.record(deposit(bob))
        #expect(!log.isCurrent([.account(bob), .account(alice)], watermark: later))
        #expect(log.isCurrent([.account(alice)], watermark: later))
    }

    /// A position is found by its id, through its device's context and through its staker.
    @Test
    func aPositionIsWrittenUnderItsDeviceAndItsStakerToo() {
        let device = DeviceID(uuid: UUID()), position = PositionID(uuid: UUID())
        let row = Position(id: position, deviceID: device, staker: alice, role: .coStaker, amount: Amount(io: 5),
                           state: .active, createdAt: Timestamp(seconds: 0), offerID: nil)
        let keys = Set(Changes(positions: [row]).writtenKeys)
        #expect(keys == [.position(position), .device(device), .staker(alice)])
        let telemetry = DeviceTelemetry(deviceID: device, firstReportAt: Timestamp(seconds: 0), lastReportAt: Timestamp(seconds: 0),
                                        lastStatus: .up, upSince: nil, lastPowAt: nil)
        #expect(Set(Changes(telemetry: [telemetry]).writtenKeys) == [.telemetry(device)])
    }

    @Test
    func aBlockCloseMakesEveryEarlierSnapshotStale() {
        let log = WriteLog()
        let snapshot = log.begin()
        let block = Block(height: 0, start: Timestamp(seconds: 0), end: Timestamp(seconds: 3_600), emission: .zero, paid: [:],
                          carry: [:], eligibleDevices: 0, eligibleScore: [:], closedAt: Timestamp(seconds: 3_600))
        log.record(Changes(blocks: [block]))
        #expect(!log.isCurrent([], watermark: snapshot))
        log.transactionEnded()
        #expect(log.isCurrent([.account(alice)], watermark: log.begin()))
    }

    @Test
    func aChangeBehindTheWritersBackMakesEverySnapshotStale() {
        let log = WriteLog()
        let snapshot = log.begin()
        log.invalidate()
        #expect(!log.isCurrent([.account(bob)], watermark: snapshot))
        log.transactionEnded()
        #expect(log.isCurrent([.account(bob)], watermark: log.begin()))
    }

    /// Past its capacity the log forgets what every snapshot in use holds and keeps what they
    /// need; a snapshot held so long that this is not enough becomes stale.
    @Test
    func forgettingKeepsWhatASnapshotInUseNeeds() {
        let log = WriteLog(capacity: 10)
        let addresses = (0..<40).map { Keys.make(1_000 + $0).address }
        for address in addresses.prefix(8) {
            log.record(deposit(address))
            log.transactionEnded()
        }
        let held = log.begin()
        for address in addresses[8..<11] {
            log.record(deposit(address))
            log.transactionEnded()
        }
        // 11 keys: those the held snapshot needs are kept, its own reading is current.
        #expect(log.isCurrent([.account(addresses[0]), .account(bob)], watermark: held))
        #expect(!log.isCurrent([.account(addresses[9])], watermark: held))
        for address in addresses[11...] {
            log.record(deposit(address))
            log.transactionEnded()
        }
        // Keeping what the held snapshot needs would keep more than half the capacity.
        #expect(!log.isCurrent([.account(bob)], watermark: held))
        log.end(held)
        #expect(log.isCurrent([.account(addresses[39])], watermark: log.begin()))
    }

    /// A unit's keys are forgotten once every snapshot holds the unit, except a key a later
    /// unit wrote again: a snapshot that does not hold that later unit still sees it.
    @Test
    func forgettingAUnitKeepsAKeyALaterUnitWroteAgain() {
        let log = WriteLog()
        let held = log.begin()
        log.record(deposit(alice))
        log.transactionEnded()
        let second = log.begin()
        log.record(deposit(alice))
        log.transactionEnded()
        log.end(held)
        // Every snapshot now holds the first unit: recording the next one forgets its keys.
        log.record(deposit(bob))
        #expect(!log.isCurrent([.account(alice)], watermark: second))
        #expect(log.isCurrent([.account(carol)], watermark: second))
        log.end(second)
        log.transactionEnded()
        #expect(log.isCurrent([.account(alice), .account(bob)], watermark: log.begin()))
    }

    /// A telemetry batch writes each device's telemetry row and hour row: its key is listed
    /// once; an hour written without its device's row still has its key.
    @Test
    func aDeviceWithTelemetryAndHourRowsIsOneKey() {
        let devices = (0..<3).map { _ in DeviceID(uuid: UUID()) }.sorted()
        let rows = devices.prefix(2).map {
            DeviceTelemetry(deviceID: $0, firstReportAt: Timestamp(seconds: 0), lastReportAt: Timestamp(seconds: 0),
                            lastStatus: .up, upSince: nil, lastPowAt: nil)
        }
        let hours = devices.map { HourRecord(deviceID: $0, hour: 7) }
        let keys = Changes(telemetry: rows, hours: hours).writtenKeys
        #expect(keys == devices.map(RowKey.telemetry))
    }

    /// A bulk load records no keys; each of its units makes every earlier snapshot stale.
    @Test
    func whileSuspendedEveryUnitMakesEarlierSnapshotsStale() {
        let log = WriteLog()
        log.suspend(true)
        let snapshot = log.begin()
        log.record(deposit(alice))
        #expect(!log.isCurrent([.account(bob)], watermark: snapshot))
        log.transactionEnded()
        log.suspend(false)
        let later = log.begin()
        log.record(deposit(alice))
        #expect(log.isCurrent([.account(bob)], watermark: later))
        #expect(!log.isCurrent([.account(alice)], watermark: later))
    }
}
