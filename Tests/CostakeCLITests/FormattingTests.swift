import CostakeClient
import Foundation
import Testing

/// How amounts, shares, times and tables are shown to people.
@Suite("costake client formatting")
struct FormattingTests {
    @Test(arguments: [
        ("16000", "16,000 IO"), ("25.2", "25.2 IO"), ("0.00000001", "0.00000001 IO"), ("800000000", "800,000,000 IO"), ("999", "999 IO"),
    ])
    func amountsInIO(wire: String, shown: String) {
        #expect(Show.io(wire) == shown)
    }

    @Test func estimatesCutTheirFraction() {
        #expect(Show.io("2291.17681296", decimals: 2) == "2,291.17 IO")
        #expect(Show.io("14.00061856", decimals: 2) == "14 IO")
        #expect(Show.io("0.5", decimals: 2) == "0.5 IO")
        #expect(Show.io("3.10999", decimals: 2) == "3.1 IO")
    }

    static let percentCases: [(Int64, String)] = [(7400, "74%"), (5550, "55.5%"), (505, "5.05%"), (10_000, "100%"), (579_035, "5790.35%")]

    @Test(arguments: percentCases)
    func percentages(bps: Int64, shown: String) {
        #expect(Show.percent(bps: bps) == shown)
    }

    static let countdownCases: [(Int64, String)] = [
        (6 * 86_400 + 3 * 3600 + 59, "in 6 days 3 h"), (7 * 86_400, "in 7 days"), (86_400 + 60, "in 1 day"),
        (2 * 3600 + 5 * 60, "in 2 h 5 min"), (40 * 60, "in 40 min"), (30, "now"), (-3 * 86_400, "3 days ago"),
    ]

    @Test(arguments: countdownCases)
    func countdowns(seconds: Int64, shown: String) {
        #expect(Show.countdown(seconds) == shown)
    }

    @Test func localDatesWithCountdowns() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(Show.localDate("2026-01-08T06:00:00Z", timeZone: utc).hasPrefix("2026-01-08 06:00"))
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(Show.localDate("2026-01-08T06:00:00Z", timeZone: tokyo).hasPrefix("2026-01-08 15:00"))
    }

    @Test func tablesAlignColumnsAndRightAlignNumbers() {
        var table = Table(["MODEL", "AMOUNT"], rightAligned: [1])
        table.add(["RTX 4070 ×4", "600 IO"])
        table.add(["H100 80GB HBM3 ×8", "16,000 IO"])
        #expect(table.text == """
        MODEL                 AMOUNT
        RTX 4070 ×4           600 IO
        H100 80GB HBM3 ×8  16,000 IO
        """)
    }

    static let durationCases: [(String, Int64)] = [("7200", 7200), ("90m", 5400), ("2h", 7200), ("7d", 604_800), ("15s", 15)]

    @Test(arguments: durationCases)
    func durations(text: String, seconds: Int64) throws {
        #expect(try Parse.duration(text) == seconds)
    }

    @Test func badDurationsAreUsageErrors() {
        #expect(throws: ClientError.self) { try Parse.duration("2 weeks") }
        #expect(throws: ClientError.self) { try Parse.duration("-5") }
    }
}
