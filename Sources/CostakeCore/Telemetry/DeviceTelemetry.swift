/// A device's reported status.
public enum TelemetryStatus: String, Sendable, Codable, CaseIterable {
    case up, down
}

/// One telemetry report from the operator (SPEC §7).
public struct TelemetryEvent: Sendable, Hashable {
    public let deviceID: DeviceID
    public let at: Timestamp
    public let status: TelemetryStatus
    public let powOK: Bool?
    public let hired: Bool?

    public init(deviceID: DeviceID, at: Timestamp, status: TelemetryStatus, powOK: Bool? = nil, hired: Bool? = nil) {
        self.deviceID = deviceID
        self.at = at
        self.status = status
        self.powOK = powOK
        self.hired = hired
    }
}

/// What telemetry has told about one device so far.
public struct DeviceTelemetry: Sendable, Hashable {
    public let deviceID: DeviceID
    public let firstReportAt: Timestamp
    public var lastReportAt: Timestamp
    public var lastStatus: TelemetryStatus
    /// Up without interruption since; nil while down.
    public var upSince: Timestamp?
    /// The last report with a passed proof-of-work check.
    public var lastPowAt: Timestamp?
    /// The reliability score at the last block close (nil under 24 hours of telemetry).
    public var reliability: Int?
    /// The device's rewards over the blocks of the last 7 days (kept at each block close).
    public var rewardWeek: Amount = .zero
    /// The sums of the device's hour records from the start of the last closed block's reliability
    /// window on, later hours included (every hour before the first close). Telemetry moves them
    /// as it records hours, and a block close by the hours that leave the window, so that a close
    /// reads an hour or two of records per device rather than the whole window (issue 8).
    public var windowSums = HourSums()

    /// A device with no report for 15 minutes counts as down from its last report.
    public static let silenceSeconds: Int64 = 900

    public init(deviceID: DeviceID, firstReportAt: Timestamp, lastReportAt: Timestamp, lastStatus: TelemetryStatus,
                upSince: Timestamp?, lastPowAt: Timestamp?, reliability: Int? = nil, rewardWeek: Amount = .zero,
                windowSums: HourSums = HourSums()) {
        self.deviceID = deviceID
        self.firstReportAt = firstReportAt
        self.lastReportAt = lastReportAt
        self.lastStatus = lastStatus
        self.upSince = upSince
        self.lastPowAt = lastPowAt
        self.reliability = reliability
        self.rewardWeek = rewardWeek
        self.windowSums = windowSums
    }

    /// Up at `time`: the last report said up and came at most 15 minutes before.
    public func isUp(at time: Timestamp) -> Bool {
        lastStatus == .up && upSince != nil && lastReportAt <= time
            && lastReportAt.seconds(until: time) <= DeviceTelemetry.silenceSeconds
    }

    /// Seconds up without interruption at `time` (0 when not up).
    public func continuousUpSeconds(at time: Timestamp) -> Int64 {
        guard isUp(at: time), let since = upSince else { return 0 }
        return max(0, since.seconds(until: time))
    }
}

/// One clock hour of a device's telemetry (hour = Unix seconds / 3600).
public struct HourRecord: Sendable, Hashable {
    public let deviceID: DeviceID
    public let hour: Int64
    public var upReported = false
    public var downReported = false
    public var powOK = false
    public var hired = false
    public var disconnects = 0

    public init(deviceID: DeviceID, hour: Int64) {
        self.deviceID = deviceID
        self.hour = hour
    }

    public init(deviceID: DeviceID, hour: Int64, upReported: Bool, downReported: Bool, powOK: Bool, hired: Bool, disconnects: Int) {
        self.deviceID = deviceID
        self.hour = hour
        self.upReported = upReported
        self.downReported = downReported
        self.powOK = powOK
        self.hired = hired
        self.disconnects = disconnects
    }

    /// **Decision**: an hour counts as up when the device reported up in it and was never down
    /// in it (no down report, no disconnect).
    public var isUp: Bool { upReported && !downReported && disconnects == 0 }

    /// An up hour with a valid proof of work; hired hours count as valid.
    public var isPowValid: Bool { isUp && (powOK || hired) }

    public static func hour(of time: Timestamp) -> Int64 {
        time.seconds >= 0 ? time.seconds / 3_600 : (time.seconds - 3_599) / 3_600
    }
}

/// What a set of hour records adds to a reliability score (SPEC §7): up hours, up hours with a
/// valid proof of work, disconnects.
public struct HourSums: Sendable, Hashable {
    public var upHours = 0
    public var powHours = 0
    public var disconnects = 0

    public init(upHours: Int = 0, powHours: Int = 0, disconnects: Int = 0) {
        self.upHours = upHours
        self.powHours = powHours
        self.disconnects = disconnects
    }

    /// What one record adds.
    public init(_ record: HourRecord) {
        self.init(upHours: record.isUp ? 1 : 0, powHours: record.isPowValid ? 1 : 0, disconnects: record.disconnects)
    }

    /// Whether no sum is negative.
    public var isValid: Bool { upHours >= 0 && powHours >= 0 && disconnects >= 0 }

    public static func + (lhs: HourSums, rhs: HourSums) -> HourSums {
        HourSums(upHours: lhs.upHours + rhs.upHours, powHours: lhs.powHours + rhs.powHours,
                 disconnects: lhs.disconnects + rhs.disconnects)
    }

    public static func - (lhs: HourSums, rhs: HourSums) -> HourSums {
        HourSums(upHours: lhs.upHours - rhs.upHours, powHours: lhs.powHours - rhs.powHours,
                 disconnects: lhs.disconnects - rhs.disconnects)
    }
}

/// Identifies an hour record.
public struct HourKey: Sendable, Hashable, Comparable {
    public let deviceID: DeviceID
    public let hour: Int64

    public init(_ deviceID: DeviceID, _ hour: Int64) {
        self.deviceID = deviceID
        self.hour = hour
    }

    public static func < (lhs: HourKey, rhs: HourKey) -> Bool { (lhs.deviceID, lhs.hour) < (rhs.deviceID, rhs.hour) }
}
