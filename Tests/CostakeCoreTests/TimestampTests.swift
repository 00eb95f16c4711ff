import CostakeCore
import Testing

/// SPEC §2: times are RFC 3339 UTC strings on the wire, kept to the second.
/// Expected epoch seconds were computed independently with Python's datetime.
@Suite("Timestamp")
struct TimestampTests {
    @Test("formats UTC RFC 3339", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_795_550_400, "2026-11-24T20:00:00Z"),
        (951_827_696, "2000-02-29T12:34:56Z"),
        (1_709_164_800, "2024-02-29T00:00:00Z"),
        (4_107_542_400, "2100-03-01T00:00:00Z"),
        (2_147_483_648, "2038-01-19T03:14:08Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
    ])
    func formats(seconds: Int64, text: String) {
        #expect(Timestamp(seconds: seconds).rfc3339 == text)
        #expect(Timestamp(seconds: seconds).description == text)
    }

    @Test("parses what it formats", arguments: [
        Int64(0), 1, -1, 59, 86_399, 86_400, 951_827_696, 1_709_164_800, 1_795_550_400, 4_107_542_400,
        253_402_300_799, -62_135_596_800,
    ])
    func roundTrips(seconds: Int64) throws {
        let text = Timestamp(seconds: seconds).rfc3339
        let parsed = try #require(Timestamp(rfc3339: text))
        #expect(parsed.seconds == seconds)
    }

    @Test("offsets and fractions", arguments: [
        ("2026-11-24T20:00:00Z", Int64(1_795_550_400)),
        ("2026-11-24T20:00:00z", 1_795_550_400),
        ("2026-11-24t20:00:00Z", 1_795_550_400),
        ("2026-11-24T20:00:00+00:00", 1_795_550_400),
        ("2026-11-24T20:00:00-00:00", 1_795_550_400),
        ("2026-11-24T22:00:00+02:00", 1_795_550_400),
        ("2026-11-24T14:30:00-05:30", 1_795_550_400),
        ("2026-11-25T05:45:00+09:45", 1_795_550_400),
        ("2026-11-24T19:59:59-00:00", 1_795_550_399),
        // A fraction of a second is dropped, never rounded up.
        ("2026-11-24T20:00:00.999Z", 1_795_550_400),
        ("2026-11-24T20:00:00.5Z", 1_795_550_400),
        ("2026-11-24T20:00:00.123456789Z", 1_795_550_400),
        ("2026-11-24T22:00:00.75+02:00", 1_795_550_400),
        ("1969-12-31T23:59:59.999Z", -1),
    ])
    func parses(text: String, seconds: Int64) throws {
        let parsed = try #require(Timestamp(rfc3339: text))
        #expect(parsed.seconds == seconds)
    }

    @Test("invalid dates and malformed text are rejected", arguments: [
        "2026-02-30T00:00:00Z",      // February 30
        "2026-02-29T00:00:00Z",      // not a leap year
        "2026-04-31T00:00:00Z",      // April has 30 days
        "2026-13-01T00:00:00Z",      // month 13
        "2026-00-10T00:00:00Z",      // month 0
        "2026-11-00T00:00:00Z",      // day 0
        "2026-11-32T00:00:00Z",      // day 32
        "2026-11-24T24:00:00Z",      // hour 24
        "2026-11-24T20:60:00Z",      // minute 60
        "2026-11-24T20:00:61Z",      // second 61
        "2026-11-24T20:00:00",       // missing Z
        "2026-11-24T20:00:00.5",     // fraction, missing Z
        "2026-11-24T20:00:00.Z",     // empty fraction
        "2026-11-24T20:00:00+0200",  // offset without colon
        "2026-11-24T20:00:00+02",    // short offset
        "2026-11-24T20:00:00+24:00", // offset hour 24
        "2026-11-24T20:00:00+02:60", // offset minute 60
        "2026-11-24T20:00:00ZZ",     // trailing data
        "2026-11-24T20:00:00Z ",     // trailing space
        " 2026-11-24T20:00:00Z",     // leading space
        "2026-11-24X20:00:00Z",      // not T
        "2026/11/24T20:00:00Z",      // not dashes
        "26-11-24T20:00:00Z",        // two-digit year
        "2026-1-24T20:00:00Z",       // one-digit month
        "2026-11-24T2:00:00Z",       // one-digit hour
        "2026-11-24T20:00Z",         // no seconds
        "2026-11-24",                // date only
        "",
        "now",
        "１２３４-11-24T20:00:00Z",   // full-width digits
    ])
    func rejects(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("February 29 exists only in leap years", arguments: [
        (2024, true), (2000, true), (1600, true), (2028, true),
        (2023, false), (2100, false), (1900, false), (2026, false),
    ])
    func leapYears(year: Int, leap: Bool) {
        let text = "\(year)-02-29T00:00:00Z"
        #expect((Timestamp(rfc3339: text) != nil) == leap)
        if leap { #expect(Timestamp(rfc3339: text)?.rfc3339 == text) }
    }

    @Test("the day after February 28 follows the leap rule")
    func dayAfterFebruary28() throws {
        let leap = try #require(Timestamp(rfc3339: "2024-02-28T00:00:00Z"))
        #expect(leap.adding(seconds: 86_400).rfc3339 == "2024-02-29T00:00:00Z")
        let common = try #require(Timestamp(rfc3339: "2100-02-28T00:00:00Z"))
        #expect(common.adding(seconds: 86_400).rfc3339 == "2100-03-01T00:00:00Z")
        let endOfYear = try #require(Timestamp(rfc3339: "2024-12-31T23:59:59Z"))
        #expect(endOfYear.adding(seconds: 1).rfc3339 == "2025-01-01T00:00:00Z")
    }

    @Test("time arithmetic and ordering")
    func arithmetic() {
        let now = Timestamp(seconds: 1_795_550_400)
        #expect(now.adding(seconds: 600).seconds == 1_795_551_000)
        #expect(now.seconds(until: now.adding(seconds: 600)) == 600)
        #expect(now.adding(seconds: 600).seconds(until: now) == -600)
        #expect(now < now.adding(seconds: 1))
        #expect(!(now < now))
    }
}
