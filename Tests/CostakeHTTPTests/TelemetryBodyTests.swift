import CostakeHTTP
import Foundation
import NIOCore
import Testing

/// The telemetry route's fast reader (`TelemetryBody`) reads exactly what `JSONDecoder` reads
/// from the bodies it accepts, and leaves every other body to `JSONDecoder`.
@Suite("Telemetry body reader")
struct TelemetryBodyTests {
    static let id = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"

    static func decoded(_ text: String) -> [TelemetryBody.Event]? {
        try? JSONDecoder().decode(TelemetryBody.Events.self, from: Data(text.utf8)).events
    }

    static func fast(_ text: String) -> [TelemetryBody.Event]? {
        TelemetryBody.events(in: ByteBuffer(string: text))
    }

    @Test(arguments: [
        #"{"events":[]}"#,
        #"{"events":[{"device_id":"\#(id)","at":"2026-01-01T00:00:00Z","status":"up","pow_ok":true}]}"#,
        #"{"events":[{"device_id":"\#(id)","at":"2026-01-01T00:00:00Z","status":"down"},{"status":"up","at":"2026-01-01T00:10:00Z","device_id":"\#(id)","hired":false,"pow_ok":null}]}"#,
        " \n{ \"events\" :\t[ { \"device_id\" : \"x\" , \"at\" : \"y\" , \"status\" : \"sideways\" , \"hired\" : true } ] }\r\n ",
        #"{"events":[{"device_id":"not a uuid","at":"yesterday","status":"UP","pow_ok":false,"hired":null}]}"#,
    ])
    func theUsualShapeIsReadAsJSONDecoderReadsIt(_ body: String) throws {
        let fast = try #require(Self.fast(body), "the fast reader takes \(body)")
        #expect(fast == Self.decoded(body))
        #expect(try TelemetryBody.decode(ByteBuffer(string: body)) == fast)
    }

    @Test(arguments: [
        #"{"events":[{"device_id":"6f1c\u0032a9e","at":"t","status":"up"}]}"#,   // an escape
        #"{"events":[{"device_id":"é","at":"t","status":"up"}]}"#,                // not ASCII
        #"{"events":[{"device_id":"d","at":"t","status":"up","extra":1}]}"#,      // another member
        #"{"events":[{"device_id":"d","at":"t","status":"up","status":"down"}]}"#, // a duplicate
        #"{"events":[{"device_id":"d","at":"t","status":"up","pow_ok":1}]}"#,     // a number
        #"{"events":[{"device_id":"d","at":"t","status":"up","pow_ok":"true"}]}"#,
        #"{"events":[{"device_id":"d","at":"t"}]}"#,                              // a field missing
        #"{"events":[{"device_id":"d","at":"t","status":"up"}],"more":[]}"#,
        #"{"events":[{"device_id":"d","at":"t","status":"up"}]} x"#,              // trailing data
        #"{"events":[{"device_id":"d","at":"t","status":"up"},]}"#,
        #"{"events":{}}"#, #"[]"#, "", #"{"events":[{"device_id":null,"at":"t","status":"up"}]}"#,
    ])
    func everyOtherBodyIsLeftToJSONDecoder(_ body: String) throws {
        #expect(Self.fast(body) == nil)
        let decoded = Self.decoded(body)
        #expect((try? TelemetryBody.decode(ByteBuffer(string: body))) == decoded)
    }

    /// Ten thousand bodies, each the usual body with a few bytes changed, removed or added: the
    /// fast reader never takes one that `JSONDecoder` reads differently or refuses.
    @Test func aBodyTheFastReaderTakesIsReadTheSameByJSONDecoder() {
        let base = Array(#"{"events":[{"device_id":"\#(Self.id)","at":"2026-01-01T00:00:00Z","status":"up","pow_ok":true,"hired":null},{"status":"down","at":"t","device_id":"d","hired":false}]}"#.utf8)
        let alphabet = Array(#"{}[]:,"\ ntrue false null 01é"#.utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var taken = 0, differing: [String] = []
        for _ in 0..<10_000 {
            var bytes = base
            for _ in 0...next(3) {
                let at = next(bytes.count + 1)
                switch next(3) {
                case 0 where at < bytes.count: bytes.remove(at: at)
                case 1 where at < bytes.count: bytes[at] = alphabet[next(alphabet.count)]
                default: bytes.insert(alphabet[next(alphabet.count)], at: at)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let fast = TelemetryBody.events(in: ByteBuffer(bytes: bytes)) else { continue }
            taken += 1
            if fast != (try? JSONDecoder().decode(TelemetryBody.Events.self, from: Data(bytes)).events) { differing.append(text) }
        }
        #expect(differing.isEmpty, "read differently: \(differing.prefix(5))")
        // Some changed bodies stay valid (whitespace, another value): the property was tried.
        #expect(taken > 100, "\(taken) changed bodies taken")
    }
}
