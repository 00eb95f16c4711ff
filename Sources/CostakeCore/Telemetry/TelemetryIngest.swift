/// A telemetry event that was not kept, and why.
public struct TelemetryRejection: Sendable, Hashable {
    /// The event's position in the batch.
    public let index: Int
    public let deviceID: String
    public let reason: String

    public init(index: Int, deviceID: String, reason: String) {
        self.index = index
        self.deviceID = deviceID
        self.reason = reason
    }
}

extension WorkingSet {
    /// Applies a batch of telemetry (SPEC §7). Events for unknown devices, with times after
    /// `now`, or older than the device's last report are rejected one by one with a reason; the
    /// rest are applied in time order per device. Returns how many were kept and the rejections.
    public mutating func ingest(_ events: [TelemetryEvent]) -> (accepted: Int, rejected: [TelemetryRejection]) {
        precondition(Set(events.map(\.deviceID)).isSubset(of: scope.telemetryOf), "telemetry scope not loaded")
        var rejected: [TelemetryRejection] = []
        var accepted = 0
        let ordered = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        for (index, event) in ordered {
            if let reason = apply(event) {
                rejected.append(TelemetryRejection(index: index, deviceID: event.deviceID.description, reason: reason))
            } else {
                accepted += 1
            }
        }
        return (accepted, rejected.sorted { $0.index < $1.index })
    }

    /// Applies one event, or returns why it was rejected.
    mutating func apply(_ event: TelemetryEvent) -> String? {
        guard var device = devices[event.deviceID] else { return "unknown device" }
        guard event.at <= now else { return "time \(event.at) is in the future (now is \(now))" }
        var state = telemetry[event.deviceID]
        if let known = state, event.at < known.lastReportAt {
            return "time \(event.at) is before the device's last report at \(known.lastReportAt)"
        }
        let hourKey = HourKey(event.deviceID, HourRecord.hour(of: event.at))
        var hour = hours[hourKey] ?? HourRecord(deviceID: event.deviceID, hour: hourKey.hour)
        let hourBefore = HourSums(hour)
        if var known = state {
            let silent = known.lastReportAt.seconds(until: event.at) > DeviceTelemetry.silenceSeconds
            if known.lastStatus == .up, known.upSince != nil, silent || event.status == .down {
                // A disconnect: by silence it counts from the last report, else at this report.
                let at = silent ? known.lastReportAt : event.at
                let key = HourKey(event.deviceID, HourRecord.hour(of: at))
                if key == hourKey {
                    hour.disconnects += 1
                } else {
                    var earlier = hours[key] ?? HourRecord(deviceID: event.deviceID, hour: key.hour)
                    let before = HourSums(earlier)
                    earlier.disconnects += 1
                    if countsInWindowSums(key.hour) { known.windowSums = known.windowSums + HourSums(earlier) - before }
                    hours[key] = earlier
                }
                known.upSince = nil
            }
            if event.status == .up, known.upSince == nil { known.upSince = event.at }
            if event.status == .down { known.upSince = nil }
            known.lastReportAt = event.at
            known.lastStatus = event.status
            state = known
        } else {
            state = DeviceTelemetry(deviceID: event.deviceID, firstReportAt: event.at, lastReportAt: event.at,
                                    lastStatus: event.status, upSince: event.status == .up ? event.at : nil, lastPowAt: nil)
        }
        if event.status == .up { hour.upReported = true } else { hour.downReported = true }
        if event.powOK == true {
            hour.powOK = true
            state!.lastPowAt = event.at
        }
        if event.hired == true { hour.hired = true }
        if countsInWindowSums(hourKey.hour) { state!.windowSums = state!.windowSums + HourSums(hour) - hourBefore }
        hours[hourKey] = hour
        telemetry[event.deviceID] = state
        if let hired = event.hired { device.hired = hired }
        if device.status == .up || device.status == .down { device.status = event.status == .up ? .up : .down }
        devices[event.deviceID] = device
        return nil
    }

    /// Whether a device's window sums count the hour (`ReliabilityScore.sumsStartHour`).
    func countsInWindowSums(_ hour: Int64) -> Bool {
        hour >= ReliabilityScore.sumsStartHour(lastClosedEnd: lastClosedEnd)
    }
}
