/// The reliability score of SPEC §7, an integer 0–100:
/// `round(100 × (0.40·uptime + 0.25·pow + 0.15·stability + 0.20·compliance) × 0.5^s)`, computed
/// exactly in rational arithmetic (no floating point), halves rounded up.
public enum ReliabilityScore {
    /// The window: the last 168 hours.
    public static let windowHours: Int64 = 168
    /// No score with under 24 hours of telemetry.
    public static let minimumTelemetrySeconds: Int64 = 24 * 3_600
    /// Slashes of the last 90 days that were not overturned halve the score each.
    public static let slashLookbackSeconds: Int64 = 90 * 86_400

    /// The first clock hour of the window of the block that ends at `end`: the window is the
    /// 168 hours before the hour `end` falls in.
    public static func windowStartHour(blockEnd end: Timestamp) -> Int64 { HourRecord.hour(of: end) - windowHours }

    /// The first hour a device's window sums count (`DeviceTelemetry.windowSums`): the window
    /// start of the last closed block, which ended at `lastClosedEnd`; every hour before the
    /// first close.
    public static func sumsStartHour(lastClosedEnd: Timestamp?) -> Int64 {
        lastClosedEnd.map { windowStartHour(blockEnd: $0) } ?? .min
    }

    /// uptime = up hours / 168; pow = pow-valid up hours / up hours (0 with no up hour);
    /// stability = 1 − min(1, disconnects / 24); compliance = sufficient blocks / blocks.
    public static func score(upHours: Int, powHours: Int, disconnects: Int, sufficientBlocks: Int, blocks: Int,
                             slashes: Int) -> Int {
        // Each term as a fraction over a common denominator D = 168 · 24 · U' · B' (U', B' ≥ 1).
        let up = Int64(upHours), pow = Int64(powHours), cut = Int64(min(disconnects, 24))
        let upDen = max(1, up), blockDen = Int64(max(1, blocks))
        let denominator = windowHours * 24 * upDen * blockDen
        var numerator = 40 * up * (denominator / windowHours)                  // 100 × 0.40 × U/168
        numerator += 25 * (upHours == 0 ? 0 : pow) * (denominator / upDen)       // 100 × 0.25 × P/U
        numerator += 15 * (24 - cut) * (denominator / 24)                        // 100 × 0.15 × (24 − d)/24
        numerator += 20 * Int64(blocks == 0 ? 0 : sufficientBlocks) * (denominator / blockDen) // 100 × 0.20 × S/B
        // × 0.5^s, then round half up: floor((2n + d·2^s) / (2·d·2^s)).
        let halving = Int64(1) << min(slashes, 16)  // from 8 slashes on the score is 0 anyway
        let scaledDenominator = denominator * halving
        return Int((2 * numerator + scaledDenominator) / (2 * scaledDenominator))
    }
}
