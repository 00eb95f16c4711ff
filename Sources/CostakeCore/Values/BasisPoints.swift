/// A share in basis points: 10000 = 100%, 7400 = 74%.
public struct BasisPoints: Sendable, Hashable, Comparable, Codable {
    public let value: Int

    public static let whole = BasisPoints(10_000)

    /// Creates a share; values outside 0...10000 are a programming error (validate first with `validated`).
    public init(_ value: Int) {
        precondition((0...10_000).contains(value), "basis points out of range: \(value)")
        self.value = value
    }

    /// A share read from input, or `nil` when it lies outside 0...10000.
    public static func validated(_ value: Int) -> BasisPoints? {
        (0...10_000).contains(value) ? BasisPoints(value) : nil
    }

    public static func < (lhs: BasisPoints, rhs: BasisPoints) -> Bool { lhs.value < rhs.value }
}
