import CostakeCore
import Foundation

/// A table of aligned columns: a header line, then one line per row. Columns named in
/// `rightAligned` (numbers) are padded on the left.
public struct Table: Sendable {
    public var headers: [String]
    public var rows: [[String]] = []
    public var rightAligned: Set<Int> = []

    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public var text: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            var line = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

/// Lines of `label  value` with the values aligned.
public func keyValueLines(_ pairs: [(String, String)]) -> String {
    let width = pairs.map(\.0.count).max() ?? 0
    return pairs.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n")
}

/// How amounts, shares and times are shown to people.
public enum Show {
    /// A decimal IO string of the API with thousands separators and the unit: "16,000 IO", "25.2 IO".
    /// `decimals` cuts the fraction (rounding down) for estimates, where 8 decimals are noise.
    public static func io(_ wire: String, decimals: Int = 8) -> String {
        var parts = wire.split(separator: ".", maxSplits: 1)
        if parts.count > 1 {
            var fraction = parts[1].prefix(decimals)
            while fraction.last == "0" { fraction.removeLast() }
            if fraction.isEmpty { parts.removeLast() } else { parts[1] = fraction }
        }
        guard let whole = parts.first, whole.allSatisfy(\.isNumber) else { return wire + " IO" }
        var grouped = ""
        for (index, digit) in whole.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return String(grouped.reversed()) + fraction + " IO"
    }

    /// Basis points as a percentage: 7400 → "74%", 5550 → "55.5%".
    public static func percent(bps: Int64) -> String {
        let whole = bps / 100, rest = bps % 100
        guard rest != 0 else { return "\(whole)%" }
        let decimals = rest % 10 == 0 ? "\(rest / 10)" : (rest < 10 ? "0\(rest)" : "\(rest)")
        return "\(whole).\(decimals)%"
    }

    /// An RFC 3339 time as a local date: "2026-11-25 14:00 CET".
    public static func localDate(_ rfc3339: String, timeZone: TimeZone = .current) -> String {
        guard let time = Timestamp(rfc3339: rfc3339) else { return rfc3339 }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let date = Date(timeIntervalSince1970: TimeInterval(time.seconds))
        // Foundation on Linux calls UTC "GMT"; people running with TZ=UTC expect "UTC".
        let zone = timeZone.identifier == "GMT" || timeZone.identifier.hasSuffix("UTC") ? "UTC" : timeZone.abbreviation(for: date)
        return formatter.string(from: date) + (zone.map { " " + $0 } ?? "")
    }

    /// A local date and how far it is from the network's `now`: "2026-12-01 14:00 UTC (in 6 days 3 h)".
    public static func dateWithCountdown(_ rfc3339: String, now: String) -> String {
        guard let time = Timestamp(rfc3339: rfc3339), let now = Timestamp(rfc3339: now) else { return rfc3339 }
        return "\(localDate(rfc3339)) (\(countdown(now.seconds(until: time))))"
    }

    /// "in 6 days 3 h", "in 2 h 5 min", "in 40 min", "now", "3 days ago".
    public static func countdown(_ seconds: Int64) -> String {
        let magnitude = seconds.magnitude
        guard magnitude >= 60 else { return "now" }
        let days = magnitude / 86_400, hours = magnitude % 86_400 / 3600, minutes = magnitude % 3600 / 60
        func unit(_ value: UInt64, _ name: String) -> String { "\(value) \(name)\(value == 1 ? "" : "s")" }
        var parts: [String]
        if days > 0 {
            parts = [unit(days, "day")] + (hours > 0 ? ["\(hours) h"] : [])
        } else if hours > 0 {
            parts = ["\(hours) h"] + (minutes > 0 ? ["\(minutes) min"] : [])
        } else {
            parts = ["\(minutes) min"]
        }
        let text = parts.joined(separator: " ")
        return seconds > 0 ? "in " + text : text + " ago"
    }

    /// A yes/no cell.
    public static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

    /// A value that may be absent: "—" when it is.
    public static func optional<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "—" }
}
