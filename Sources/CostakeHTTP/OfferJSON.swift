/// The marketplace page written straight to bytes: the same bytes `APIContext`'s
/// `JSONEncoder` (sorted keys, slashes unescaped) writes for `Wire.Offers`, which the tests
/// check on random pages, at a fraction of the cost (the encoder was the largest part of a
/// page not yet kept: 23% of all samples in a profile of the marketplace benchmark).
extension Wire.Offers {
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + offers.count * 600)
        JSONBytes.key("next_cursor", first: true, &out)
        JSONBytes.string(next_cursor, &out)
        JSONBytes.key("offers", &out)
        out.append(UInt8(ascii: "["))
        for (index, offer) in offers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            offer.json(&out)
        }
        out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "}")])
        return out
    }
}

extension Wire.OfferBody {
    /// The keys in byte order, as `.sortedKeys` orders them.
    func json(_ out: inout [UInt8]) {
        JSONBytes.key("closed_reason", first: true, &out); JSONBytes.string(closed_reason, &out)
        JSONBytes.key("created_at", &out); JSONBytes.string(created_at, &out)
        JSONBytes.key("device_id", &out); JSONBytes.string(device_id, &out)
        JSONBytes.key("estimated_apr_bps", &out); JSONBytes.integer(estimated_apr_bps, &out)
        JSONBytes.key("estimated_reward_per_block", &out); JSONBytes.string(estimated_reward_per_block, &out)
        JSONBytes.key("estimated_reward_per_week", &out); JSONBytes.string(estimated_reward_per_week, &out)
        JSONBytes.key("link", &out); JSONBytes.string(link, &out)
        JSONBytes.key("model", &out); JSONBytes.string(model, &out)
        JSONBytes.key("offer_id", &out); JSONBytes.string(offer_id, &out)
        JSONBytes.key("processors", &out); JSONBytes.integer(Int64(processors), &out)
        JSONBytes.key("reliability", &out); JSONBytes.integer(reliability.map(Int64.init), &out)
        JSONBytes.key("requested_amount", &out); JSONBytes.string(requested_amount, &out)
        JSONBytes.key("requirement", &out); JSONBytes.string(requirement, &out)
        JSONBytes.key("reward_share_bps", &out); JSONBytes.integer(Int64(reward_share_bps), &out)
        JSONBytes.key("slash_count", &out); JSONBytes.integer(Int64(slash_count), &out)
        JSONBytes.key("status", &out); JSONBytes.string(status, &out)
        out.append(UInt8(ascii: "}"))
    }
}

/// JSON text as `JSONEncoder` writes it: strings escape `"`, `\` and the control characters
/// (`\b \f \n \r \t`, the rest as `\u00XX`), everything else as its UTF-8 bytes.
enum JSONBytes {
    static let hexDigits = Array("0123456789abcdef".utf8)

    static func key(_ name: StaticString, first: Bool = false, _ out: inout [UInt8]) {
        out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    static func string(_ value: String?, _ out: inout [UInt8]) {
        guard let value else { return null(&out) }
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func integer(_ value: Int64?, _ out: inout [UInt8]) {
        guard let value else { return null(&out) }
        out.append(contentsOf: String(value).utf8)
    }

    static func null(_ out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }
}
