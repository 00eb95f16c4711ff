import Foundation
import Hummingbird
import NIOCore

/// A fast reader of the usual telemetry body: `{"events":[{…},…]}` whose events have only the
/// five documented members, each at most once, with string values of printable ASCII without
/// escapes (`device_id`, `at`, `status`) and `true`, `false` or `null` for `pow_ok` and
/// `hired`, with any JSON whitespace between tokens.
///
/// It reads what `JSONDecoder` reads from such a body, value for value, without a decoder's
/// containers and keys: decoding was about a tenth of the server's time in the telemetry
/// benchmark. Anything else — another member, a duplicate, an escape, a number, a missing
/// field, bytes past the end — makes it answer `nil`, and the route falls back to
/// `JSONDecoder`, so that every other body is accepted or refused exactly as before, with the
/// same messages.
public struct TelemetryBody {
    /// One event as the body carries it; checked and converted by the route.
    public struct Event: Decodable, Equatable, Sendable {
        public let device_id: String
        public let at: String
        public let status: String
        public let pow_ok: Bool?
        public let hired: Bool?

        public init(device_id: String, at: String, status: String, pow_ok: Bool?, hired: Bool?) {
            (self.device_id, self.at, self.status, self.pow_ok, self.hired) = (device_id, at, status, pow_ok, hired)
        }
    }

    /// The whole body, as `JSONDecoder` reads it.
    public struct Events: Decodable, Equatable, Sendable {
        public let events: [Event]
    }

    /// The events of `buffer` when it has the usual shape; nil when `JSONDecoder` must decide.
    public static func events(in buffer: ByteBuffer) -> [Event]? {
        buffer.withUnsafeReadableBytes { bytes in
            var reader = TelemetryBody(bytes: bytes)
            return reader.body()
        }
    }

    /// Reads `body` as the route does: the fast reader, else `JSONDecoder`.
    public static func decode(_ body: ByteBuffer) throws -> [Event] {
        if let events = events(in: body) { return events }
        return try JSONDecoder().decode(Events.self, from: body).events
    }

    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func body() -> [Event]? {
        guard take(UInt8(ascii: "{")), string() == "events", take(UInt8(ascii: ":")), take(UInt8(ascii: "[")) else { return nil }
        var events: [Event] = []
        // A 10,000-event batch is about 1.2 MB: each event takes at least 60 bytes.
        events.reserveCapacity(bytes.count / 100)
        if !take(UInt8(ascii: "]")) {
            repeat {
                guard let event = event() else { return nil }
                events.append(event)
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")) else { return nil }
        }
        guard take(UInt8(ascii: "}")) else { return nil }
        skipWhitespace()
        return index == bytes.count ? events : nil
    }

    mutating func event() -> Event? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var deviceID: String?, at: String?, status: String?
        var powOK: Bool?, hired: Bool?
        var seenPow = false, seenHired = false
        if !take(UInt8(ascii: "}")) {
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "device_id" where deviceID == nil:
                    guard let value = string() else { return nil }
                    deviceID = value
                case "at" where at == nil:
                    guard let value = string() else { return nil }
                    at = value
                case "status" where status == nil:
                    guard let value = string() else { return nil }
                    status = value
                case "pow_ok" where !seenPow:
                    guard let value = boolean() else { return nil }
                    (powOK, seenPow) = (value, true)
                case "hired" where !seenHired:
                    guard let value = boolean() else { return nil }
                    (hired, seenHired) = (value, true)
                default: return nil
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        guard let deviceID, let at, let status else { return nil }
        return Event(device_id: deviceID, at: at, status: status, pow_ok: powOK, hired: hired)
    }

    /// A string of printable ASCII without escapes, after any whitespace; nil for anything else.
    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    /// `true`, `false` or `null` (an absent value, as `JSONDecoder` reads an optional), after
    /// any whitespace; nil (no value at all) for anything else.
    mutating func boolean() -> Bool?? {
        skipWhitespace()
        if literal("true") { return .some(true) }
        if literal("false") { return .some(false) }
        if literal("null") { return .some(nil) }
        return nil
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Skips whitespace and takes `byte` if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
