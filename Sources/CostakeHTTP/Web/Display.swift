import CostakeCore
import Foundation

/// How the pages write amounts, shares, times and countdowns. Amounts are exact (every base
/// unit shown), with thousands separators: a person reads "2,000.5 IO", never a rounded value.
public enum Display {
    /// "2,000", "25.2", "0.00000001": an amount in IO.
    public static func io(_ amount: Amount) -> String {
        let wire = amount.wireForm
        let negative = wire.hasPrefix("-")
        let unsigned = negative ? String(wire.dropFirst()) : wire
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    /// An API amount string written for people; the text itself when it is not an amount.
    public static func io(wire: String) -> String {
        (try? Amount(wire: wire)).map { io($0) } ?? wire
    }

    /// "50%", "12.5%", "0.05%": basis points as a percentage.
    public static func percent(bps: Int64) -> String {
        let whole = bps / 100, rest = bps % 100
        guard rest != 0 else { return "\(whole)%" }
        let fraction = rest % 10 == 0 ? "\(rest / 10)" : (rest < 10 ? "0\(rest)" : "\(rest)")
        return "\(whole).\(fraction)%"
    }

    /// "2026-01-08 06:00 UTC".
    public static func time(_ timestamp: Timestamp) -> String {
        let text = timestamp.rfc3339  // 2026-01-08T06:00:00Z
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// "6 days 3 h", "3 h 12 min", "12 min", "less than a minute" until `end`; "now" once it is past.
    public static func countdown(from now: Timestamp, to end: Timestamp) -> String {
        let left = now.seconds(until: end)
        guard left > 0 else { return "now" }
        let days = left / 86_400, hours = (left % 86_400) / 3_600, minutes = (left % 3_600) / 60
        if days > 0 { return "\(days) \(days == 1 ? "day" : "days")" + (hours > 0 ? " \(hours) h" : "") }
        if hours > 0 { return "\(hours) h" + (minutes > 0 ? " \(minutes) min" : "") }
        return minutes > 0 ? "\(minutes) min" : "less than a minute"
    }

    /// "BKJh…2v8b": an address short enough for a chip.
    public static func short(_ address: String) -> String {
        address.count > 10 ? "\(address.prefix(4))…\(address.suffix(4))" : address
    }

    /// "12.5" → 1250: a percentage with at most two decimals, in basis points.
    public static func basisPoints(percent text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0, whole <= 100 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isNumber) else { return nil }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        return whole * 100 + (Int(fraction) ?? 0)
    }
}
