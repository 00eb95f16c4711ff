import CostakeCore

/// A bar chart drawn on the server as SVG: readable without JavaScript, printable, and the
/// same for every browser. Each bar has a `<title>` with its exact value.
public struct BarChart {
    public struct Bar {
        public let label: String
        public let value: Int64
        public let title: String

        public init(label: String, value: Int64, title: String) {
            self.label = label
            self.value = value
            self.title = title
        }
    }

    public let bars: [Bar]
    /// What the chart is of, for screen readers.
    public let caption: String
    public var width = 720
    public var height = 220

    public init(bars: [Bar], caption: String, width: Int = 720, height: Int = 220) {
        self.bars = bars
        self.caption = caption
        self.width = width
        self.height = height
    }

    /// The SVG markup (to be inserted unescaped: every text in it is escaped here).
    public var svg: String {
        let top = max(bars.map(\.value).max() ?? 0, 1)
        let plotHeight = Double(height - 40)
        let slot = Double(width - 20) / Double(max(bars.count, 1))
        var out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title>\(Self.escape(caption))</title>"
        out += "<line x1=\"10\" y1=\"\(height - 30)\" x2=\"\(width - 10)\" y2=\"\(height - 30)\" class=\"axis\"/>"
        let labelEvery = max(1, bars.count / 8)
        for (index, bar) in bars.enumerated() {
            let h = bar.value <= 0 ? 0 : max(1, plotHeight * Double(bar.value) / Double(top))
            let x = 10 + Double(index) * slot + slot * 0.1
            let y = Double(height - 30) - h
            out += "<rect class=\"bar\" x=\"\(Self.fixed(x))\" y=\"\(Self.fixed(y))\" width=\"\(Self.fixed(slot * 0.8))\" height=\"\(Self.fixed(h))\">"
            out += "<title>\(Self.escape(bar.label)): \(Self.escape(bar.title))</title></rect>"
            if index % labelEvery == 0 {
                out += "<text x=\"\(Self.fixed(x))\" y=\"\(height - 12)\" class=\"tick\">\(Self.escape(bar.label))</text>"
            }
        }
        if bars.isEmpty {
            out += "<text x=\"\(width / 2)\" y=\"\(height / 2)\" text-anchor=\"middle\" class=\"tick\">No data yet</text>"
        }
        return out + "</svg>"
    }

    static func fixed(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension BarChart {
    /// Rewards per day, or per month (`YYYY-MM`) when `monthly`.
    static func rewards(_ days: [DailyReward], monthly: Bool, caption: String) -> BarChart {
        var order: [String] = []
        var sums: [String: Int64] = [:]
        for day in days {
            let key = monthly ? String(day.day.prefix(7)) : day.day
            if sums[key] == nil { order.append(key) }
            sums[key, default: 0] += day.total.baseUnits
        }
        return BarChart(bars: order.map { key in
            let value = sums[key] ?? 0
            return Bar(label: monthly ? key : String(key.dropFirst(5)), value: value, title: Display.io(Amount(baseUnits: value)) + " IO")
        }, caption: caption)
    }
}
