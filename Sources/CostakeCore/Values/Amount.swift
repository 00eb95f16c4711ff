import Foundation

/// An amount of IO in base units (1 IO = 10^8 base units). Arithmetic is checked: overflow and
/// underflow throw instead of wrapping, and no floating point is ever involved.
public struct Amount: Sendable, Hashable, Comparable, Codable {
    /// The number of base units.
    public let baseUnits: Int64

    /// Base units in one IO.
    public static let unitsPerIO: Int64 = 100_000_000
    /// Decimal places of the wire form.
    public static let decimals = 8
    /// The supply cap: 800,000,000 IO. No amount on the wire may exceed it.
    public static let supplyCap = Amount(baseUnits: 800_000_000 * unitsPerIO)
    public static let zero = Amount(baseUnits: 0)

    public init(baseUnits: Int64) { self.baseUnits = baseUnits }

    /// Whole IO, for tests and configuration: `Amount(io: 2000)`.
    public init(io: Int64) { self.baseUnits = io * Amount.unitsPerIO }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.baseUnits < rhs.baseUnits }

    public var isZero: Bool { baseUnits == 0 }
    public var isPositive: Bool { baseUnits > 0 }

    /// `self + other`, throwing `arithmeticOverflow` instead of wrapping.
    public func adding(_ other: Amount) throws(CostakeError) -> Amount {
        let (sum, overflow) = baseUnits.addingReportingOverflow(other.baseUnits)
        guard !overflow else { throw CostakeError(.arithmeticOverflow, "amount overflow adding \(self) and \(other)") }
        return Amount(baseUnits: sum)
    }

    /// `self - other`, throwing `arithmeticOverflow` instead of wrapping.
    public func subtracting(_ other: Amount) throws(CostakeError) -> Amount {
        let (difference, overflow) = baseUnits.subtractingReportingOverflow(other.baseUnits)
        guard !overflow else { throw CostakeError(.arithmeticOverflow, "amount overflow subtracting \(other) from \(self)") }
        return Amount(baseUnits: difference)
    }

    /// `floor(self × numerator / denominator)` for non-negative amounts, computed in 128 bits so
    /// that no intermediate product can overflow.
    public func scaled(by numerator: Int64, over denominator: Int64) throws(CostakeError) -> Amount {
        precondition(denominator > 0 && numerator >= 0, "scale factors must be non-negative")
        guard baseUnits >= 0 else { throw CostakeError(.arithmeticOverflow, "cannot scale the negative amount \(self)") }
        let product = UInt64(baseUnits).multipliedFullWidth(by: UInt64(numerator))
        guard product.high < UInt64(denominator) else {
            throw CostakeError(.arithmeticOverflow, "amount overflow scaling \(self)")
        }
        let quotient = UInt64(denominator).dividingFullWidth(product).quotient
        guard quotient <= UInt64(Int64.max) else { throw CostakeError(.arithmeticOverflow, "amount overflow scaling \(self)") }
        return Amount(baseUnits: Int64(quotient))
    }

    /// `floor(self × bps / 10000)`.
    public func share(_ bps: BasisPoints) throws(CostakeError) -> Amount {
        try scaled(by: Int64(bps.value), over: 10_000)
    }

    public static func min(_ a: Amount, _ b: Amount) -> Amount { a < b ? a : b }
    public static func max(_ a: Amount, _ b: Amount) -> Amount { a < b ? b : a }
}

extension Amount: CustomStringConvertible {
    /// The wire form: decimal IO with trailing zeros removed ("2000", "25.2", "0.00000001").
    public var description: String { wireForm }

    public var wireForm: String {
        let negative = baseUnits < 0
        let magnitude = baseUnits.magnitude
        let whole = magnitude / UInt64(Amount.unitsPerIO)
        let fraction = magnitude % UInt64(Amount.unitsPerIO)
        var text = negative ? "-\(whole)" : "\(whole)"
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: Amount.decimals - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// Parses the wire form: decimal IO as digits with an optional point and 1–8 decimals.
    /// A sign, exponent, spaces, more than 8 decimals or a value above the supply cap is
    /// rejected with `invalid_amount`.
    public init(wire text: String) throws(CostakeError) {
        func reject(_ why: String) -> CostakeError {
            CostakeError(.invalidAmount, "invalid amount \"\(text.prefix(40))\": \(why)")
        }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw reject("it is empty") }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let wholeDigits = bytes[..<(point ?? bytes.endIndex)]
        let fractionDigits = point.map { bytes[($0 + 1)...] } ?? []
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        guard wholeDigits.allSatisfy(isDigit), fractionDigits.allSatisfy(isDigit) else {
            throw reject("use digits and at most one decimal point, with no sign, exponent or spaces")
        }
        guard !wholeDigits.isEmpty else { throw reject("digits are needed before the decimal point") }
        guard point == nil || !fractionDigits.isEmpty else { throw reject("digits are needed after the decimal point") }
        guard fractionDigits.count <= Amount.decimals else { throw reject("IO has at most 8 decimals") }
        let significant = wholeDigits.drop { $0 == 48 }
        guard significant.count <= 9 else { throw reject("it exceeds the supply cap of 800000000 IO") }
        let whole = significant.reduce(Int64(0)) { $0 * 10 + Int64($1 - 48) }
        var fraction = fractionDigits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 48) }
        for _ in fractionDigits.count..<Amount.decimals { fraction *= 10 }
        let units = whole * Amount.unitsPerIO + fraction
        guard units <= Amount.supplyCap.baseUnits else { throw reject("it exceeds the supply cap of 800000000 IO") }
        self.baseUnits = units
    }
}
