import Foundation
import Testing
import CostakeCore
import CostakeTestSupport

/// Identifiers: their text and their order (block close and paging sort by it).
@Suite("Identifiers")
struct IdentifierTests {
    static func uuid(_ random: inout SplitMix64, sharedPrefix: Int) -> UUID {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        // Many pairs share leading bytes, so that the second word decides too.
        for index in 0..<sharedPrefix { bytes[index] = 0xa5 }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    @Test("ids order exactly as their lower-case text", arguments: [0, 4, 8, 12, 15])
    func orderIsTheTextOrder(sharedPrefix: Int) {
        var random = SplitMix64(seed: 2026 + UInt64(sharedPrefix))
        for _ in 0..<5_000 {
            let a = DeviceID(uuid: Self.uuid(&random, sharedPrefix: sharedPrefix))
            let b = DeviceID(uuid: Self.uuid(&random, sharedPrefix: sharedPrefix))
            #expect((a < b) == (a.description < b.description), "\(a) vs \(b)")
            #expect((b < a) == (b.description < a.description), "\(b) vs \(a)")
            #expect(!(a < a))
        }
    }

    @Test("the text is lower case with dashes, and parses back")
    func textRoundTrip() throws {
        let id = try PositionID(text: "3F2B8C1E-0D4A-4E7B-9A51-2C6D8E9F0A1B", field: "position_id")
        #expect(id.description == "3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b")
        #expect(try PositionID(text: id.description, field: "position_id") == id)
        let low = try DeviceID(text: "00000000-0000-0000-0000-0000000000ff", field: "device_id")
        let high = try DeviceID(text: "00000000-0000-0000-0001-000000000000", field: "device_id")
        #expect(low < high)
    }

    /// The bytes a store reads parse as the text does: each of 5,000 random ids in lower and
    /// upper case, and no text that is not a UUID (wrong length, a dash moved or missing, a
    /// character that is not hexadecimal, at each place in turn).
    @Test("ids parse from UTF-8 bytes exactly as from text")
    func bytesParseAsTheText() throws {
        func parse(_ text: String) -> DeviceID? { Array(text.utf8).withUnsafeBytes { DeviceID(utf8: $0) } }
        var random = SplitMix64(seed: 77)
        for _ in 0..<5_000 {
            let id = DeviceID(uuid: Self.uuid(&random, sharedPrefix: 0))
            #expect(parse(id.description) == id)
            #expect(parse(id.description.uppercased()) == id)
        }
        let text = "3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1b"
        #expect(parse(text) == (try DeviceID(text: text, field: "device_id")))
        var refused = ["", String(text.dropLast()), text + "0", text.replacingOccurrences(of: "-", with: "0"),
                       "3f2b8c1e0-d4a-4e7b-9a51-2c6d8e9f0a1b", "3f2b8c1e-0d4a-4e7b-9a51-2c6d8e9f0a1 "]
        for place in text.indices where text[place] != "-" {
            refused.append(text.replacingCharacters(in: place...place, with: "g"))
        }
        #expect(refused.count == 38)
        for bad in refused {
            #expect(parse(bad) == nil, "parsed \(bad)")
            #expect(throws: CostakeError.self) { try DeviceID(text: bad, field: "device_id") }
        }
    }
}
