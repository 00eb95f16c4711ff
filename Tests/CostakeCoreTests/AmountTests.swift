import CostakeCore
import Testing

/// SPEC §2: amounts are integers of base units (1 IO = 10^8), strings of decimal IO on the wire,
/// with checked arithmetic and rounding down.
@Suite("Amount")
struct AmountTests {
    // MARK: - Parsing the wire form

    @Test("accepted wire amounts parse to exact base units", arguments: [
        ("2000", Int64(200_000_000_000)),
        ("25.2", 2_520_000_000),
        ("0.00000001", 1),
        ("800000000", 80_000_000_000_000_000),
        ("800000000.00000000", 80_000_000_000_000_000),
        ("0", 0),
        ("1", 100_000_000),
        ("1.5", 150_000_000),
        ("1.12345678", 112_345_678),
        ("0.1", 10_000_000),
        ("799999999.99999999", 79_999_999_999_999_999),
    ])
    func acceptsWireAmount(text: String, baseUnits: Int64) throws {
        let amount = try Amount(wire: text)
        #expect(amount.baseUnits == baseUnits)
    }

    @Test("rejected wire amounts throw invalid_amount", arguments: [
        "0.000000001",               // 9 decimals
        "1.123456789",               // 9 decimals
        "25.200000000",              // 9 decimals, even if zeros
        "+1", "-1", "-0.5",          // a sign
        "1e5", "1E5", "2.5e3",       // exponent notation
        " 1", "1 ", "1 000", "\t1", "1\n",  // spaces
        "",                          // empty
        ".5", "5.", ".",             // a point without digits on one side
        "1.2.3",                     // two points
        "abc", "0x10", "1,5", "1_000", "NaN", "Infinity",
        "800000000.00000001",        // one base unit above the cap
        "800000001",                 // one IO above the cap
        "1000000000",                // ten digits of whole IO
        "99999999999999999999999999999999999999",  // a huge digit string
    ])
    func rejectsWireAmount(text: String) {
        let error = #expect(throws: CostakeError.self) { try Amount(wire: text) }
        #expect(error?.code == .invalidAmount)
    }

    @Test("the supply cap is 800,000,000 IO")
    func supplyCap() {
        #expect(Amount.supplyCap.baseUnits == 80_000_000_000_000_000)
        #expect(Amount.unitsPerIO == 100_000_000)
        #expect(Amount(io: 2000).baseUnits == 200_000_000_000)
    }

    // MARK: - Formatting

    @Test("the wire form trims trailing zeros", arguments: [
        (Int64(200_000_000_000), "2000"),
        (2_520_000_000, "25.2"),
        (1, "0.00000001"),
        (0, "0"),
        (10, "0.0000001"),
        (100_000_000, "1"),
        (110_000_000, "1.1"),
        (112_345_678, "1.12345678"),
        (150_000_000, "1.5"),
        (100_000_001, "1.00000001"),
        (80_000_000_000_000_000, "800000000"),
    ])
    func formats(baseUnits: Int64, text: String) {
        #expect(Amount(baseUnits: baseUnits).wireForm == text)
        #expect(Amount(baseUnits: baseUnits).description == text)
    }

    @Test("formatting then parsing gives back the same amount", arguments: [
        Int64(0), 1, 9, 10, 99_999_999, 100_000_000, 123_456_789, 2_520_000_000, 80_000_000_000_000_000,
    ])
    func roundTrip(baseUnits: Int64) throws {
        let amount = Amount(baseUnits: baseUnits)
        #expect(try Amount(wire: amount.wireForm) == amount)
    }

    // MARK: - Checked arithmetic

    @Test("adding and subtracting are exact")
    func addsAndSubtracts() throws {
        let sum = try Amount(io: 2000).adding(Amount(baseUnits: 1))
        #expect(sum.baseUnits == 200_000_000_001)
        let difference = try Amount(io: 2000).subtracting(Amount(wire: "25.2"))
        #expect(difference.baseUnits == 197_480_000_000)
        #expect(difference.wireForm == "1974.8")
    }

    @Test("adding past Int64.max throws arithmetic_overflow")
    func addingOverflows() {
        let error = #expect(throws: CostakeError.self) {
            try Amount(baseUnits: .max).adding(Amount(baseUnits: 1))
        }
        #expect(error?.code == .arithmeticOverflow)
    }

    @Test("subtracting past Int64.min throws arithmetic_overflow")
    func subtractingOverflows() {
        let below = #expect(throws: CostakeError.self) {
            try Amount(baseUnits: .min).subtracting(Amount(baseUnits: 1))
        }
        #expect(below?.code == .arithmeticOverflow)
        let negated = #expect(throws: CostakeError.self) {
            try Amount.zero.subtracting(Amount(baseUnits: .min))
        }
        #expect(negated?.code == .arithmeticOverflow)
    }

    // MARK: - Shares and scaling round down

    @Test("share is floor(amount × bps / 10000)", arguments: [
        (Int64(123_456_789), 7400, Int64(91_358_023)),  // 91,358,023.86 → down
        (13_513, 7400, 9_999),                          // 9,999.62 → down
        (1, 7400, 0),                                   // 0.74 → down
        (100_000_000, 7400, 74_000_000),
        (200_000_000_000, 500, 10_000_000_000),         // 5% of 2000 IO = 100 IO
        (80_000_000_000_000_000, 7400, 59_200_000_000_000_000),
        (999, 10_000, 999),
        (999, 0, 0),
    ])
    func share(baseUnits: Int64, bps: Int, expected: Int64) throws {
        let amount = try Amount(baseUnits: baseUnits).share(BasisPoints(bps))
        #expect(amount.baseUnits == expected)
    }

    @Test("scaled uses 128-bit intermediates: no overflow for large values")
    func scaledLargeValues() throws {
        let max = Amount(baseUnits: .max)
        // floor((2^63 − 1) × 9999 / 10000) and × 3 / 4, computed with Python's big integers.
        #expect(try max.scaled(by: 9_999, over: 10_000).baseUnits == 9_222_449_699_651_090_329)
        #expect(try max.scaled(by: 3, over: 4).baseUnits == 6_917_529_027_641_081_855)
        #expect(try max.share(BasisPoints(7400)).baseUnits == 6_825_295_307_272_534_097)
        #expect(try max.scaled(by: .max, over: .max).baseUnits == .max)
        // 10^17 × 123456789 / 987654321 = 12,499,999,886,093,750.x
        #expect(try Amount(baseUnits: 100_000_000_000_000_000).scaled(by: 123_456_789, over: 987_654_321).baseUnits
            == 12_499_999_886_093_750)
    }

    @Test("scaled rounds down", arguments: [
        (Int64(10), Int64(1), Int64(3), Int64(3)),
        (99_999, 1, 3, 33_333),
        (2, 1, 3, 0),
        (7, 2, 7, 2),
    ])
    func scaledRoundsDown(baseUnits: Int64, numerator: Int64, denominator: Int64, expected: Int64) throws {
        #expect(try Amount(baseUnits: baseUnits).scaled(by: numerator, over: denominator).baseUnits == expected)
    }

    @Test("a result that does not fit in 64 bits throws arithmetic_overflow")
    func scaledOverflows() {
        let error = #expect(throws: CostakeError.self) {
            try Amount(baseUnits: .max).scaled(by: 3, over: 2)
        }
        #expect(error?.code == .arithmeticOverflow)
    }
}
