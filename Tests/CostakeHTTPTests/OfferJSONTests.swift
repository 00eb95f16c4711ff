import CostakeHTTP
import CostakeTestSupport
import Foundation
import Testing

/// The marketplace page is written to bytes by hand (`Wire.Offers.jsonBytes`); it must be the
/// exact bytes the API's `JSONEncoder` writes, for any text in any field: quotes, backslashes,
/// slashes, every control character, non-ASCII and nulls.
@Suite("Marketplace pages written by hand, byte for byte as the encoder writes them")
struct OfferJSONTests {
    static let alphabet = Array("aZ09-_/ :.,{}[]\"\\\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}é€😀\u{2028}".unicodeScalars)

    static func text(_ random: inout SplitMix64) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
        return String(text)
    }

    static func offer(_ random: inout SplitMix64) -> [String: Any] {
        func maybe(_ value: Any) -> Any { Bool.random(using: &random) ? value : NSNull() }
        let integer = { (random: inout SplitMix64) in Int64.random(in: Int64.min...Int64.max, using: &random) >> Int64.random(in: 0...63, using: &random) }
        var object: [String: Any] = [:]
        for field in ["offer_id", "device_id", "model", "requirement", "requested_amount", "status", "estimated_reward_per_block",
                      "estimated_reward_per_week", "created_at", "link"] {
            object[field] = text(&random)
        }
        for field in ["processors", "reward_share_bps", "estimated_apr_bps", "slash_count"] { object[field] = integer(&random) }
        object["closed_reason"] = maybe(text(&random))
        object["reliability"] = maybe(integer(&random))
        return object
    }

    @Test func randomPagesAreTheEncodersBytes() throws {
        var random = SplitMix64(seed: 2_026)
        let encoder = APIContext.encoder()
        for _ in 0..<3_000 {
            let page: [String: Any] = [
                "offers": (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.offer(&random) },
                "next_cursor": Bool.random(using: &random) ? Self.text(&random) : NSNull(),
            ]
            let decoded = try JSONDecoder().decode(Wire.Offers.self, from: try JSONSerialization.data(withJSONObject: page))
            let expected = try encoder.encode(decoded)
            #expect(decoded.jsonBytes == Array(expected), "\(String(decoding: decoded.jsonBytes, as: UTF8.self)) against \(String(decoding: expected, as: UTF8.self))")
            if decoded.jsonBytes != Array(expected) { break }
        }
    }
}
