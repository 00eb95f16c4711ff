import CostakeCore
import Testing

/// SPEC §9: the signed message is read by a strict parser, so what is verified is exactly what
/// the signer saw. Everything it refuses is `malformed`.
@Suite("Strict JSON parser")
struct JSONValueTests {
    @Test("parses an object with every kind of value")
    func parsesObject() throws {
        let value = try JSONValue.parse(#" { "a" : "x", "b" : [1, true, false, null, {}, []], "c": {"d": -2.5e-3} } "#)
        #expect(value == .object([
            "a": .string("x"),
            "b": .array([.number("1"), .bool(true), .bool(false), .null, .object([:]), .array([])]),
            "c": .object(["d": .number("-2.5e-3")]),
        ]))
    }

    @Test("duplicate keys are malformed", arguments: [
        #"{"a":1,"a":1}"#,
        #"{"a":1,"b":2,"a":"x"}"#,
        #"{"a":1,"\u0061":2}"#,                   // the same key once decoded
        #"{"outer":{"k":true,"k":false}}"#,       // nested
        #"[{"k":1},{"k":1,"k":2}]"#,
    ])
    func rejectsDuplicateKeys(text: String) {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .malformed)
    }

    @Test("the same key in sibling objects is fine")
    func siblingKeys() throws {
        #expect(try JSONValue.parse(#"[{"k":1},{"k":2}]"#)
            == .array([.object(["k": .number("1")]), .object(["k": .number("2")])]))
    }

    @Test("trailing data is malformed", arguments: [
        "{} {}", "{}x", "1 2", #""a""b""#, "[1]]", "{}}", "true false", "null,", "{}\u{0}",
    ])
    func rejectsTrailingData(text: String) {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .malformed)
    }

    @Test("surrounding whitespace is allowed")
    func whitespace() throws {
        #expect(try JSONValue.parse(" \t\r\n{}\n ") == .object([:]))
    }

    @Test("nesting up to 32 levels is accepted", arguments: [
        nested(arrays: 32, innermost: ""),
        nested(arrays: 32, innermost: "1"),
        nestedObjects(32, innermost: "{}"),
        nestedObjects(32, innermost: #"{"k":"v"}"#),
    ])
    func acceptsDepth32(text: String) throws {
        _ = try JSONValue.parse(text)
    }

    @Test("nesting deeper than 32 levels is malformed", arguments: [
        nested(arrays: 33, innermost: ""),
        nested(arrays: 33, innermost: "1"),
        nested(arrays: 1000, innermost: ""),
        nestedObjects(33, innermost: "{}"),
    ])
    func rejectsDepth33(text: String) {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .malformed)
    }

    @Test("lone surrogates are malformed", arguments: [
        #""\uD800""#, #""\udbff""#, #""\uDC00""#, #""\uDFFF""#, #""\uD800x""#, #""\uD800\u0041""#,
        #""\uD800\uD800""#, #""\uDC00\uD800""#, #""\uD83D\n""#,
    ])
    func rejectsLoneSurrogates(text: String) {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .malformed)
    }

    @Test("escapes are decoded", arguments: [
        (#""\"""#, "\""),
        (#""\\""#, "\\"),
        (#""\/""#, "/"),
        (#""\b\f\n\r\t""#, "\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u00E9""#, "Aéé"),
        (#""\u20AC""#, "€"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""a\u0000b""#, "a\u{0}b"),
        (#""plain é 😀""#, "plain é 😀"),
        (#""""#, ""),
    ])
    func decodesEscapes(text: String, expected: String) throws {
        #expect(try JSONValue.parse(text) == .string(expected))
    }

    @Test("bad strings are malformed", arguments: [
        #""\x""#, #""\u12""#, #""\u12G4""#, #""abc"#, "\"a\u{01}b\"", "\"a\nb\"", "\"a\tb\"", #""\"#,
    ])
    func rejectsBadStrings(text: String) {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .malformed)
    }

    @Test("invalid UTF-8 in a string is malformed")
    func rejectsInvalidUTF8() {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
        #expect(error?.code == .malformed)
        let truncated = #expect(throws: CostakeError.self) { try JSONValue.parse([0x22, 0xC3, 0x22]) }
        #expect(truncated?.code == .malformed)
    }

    @Test("numbers are kept as their literal text", arguments: [
        "0", "-0", "7400", "1.50", "-12.000", "1e400", "2E+5", "3e-7", "0.1",
        "123456789012345678901234567890", "0.00000001",
    ])
    func keepsNumberText(text: String) throws {
        #expect(try JSONValue.parse(text) == .number(text))
        #expect(try JSONValue.parse("[\(text)]") == .array([.number(text)]))
    }

    @Test("malformed numbers are rejected", arguments: [
        "01", "-01", "00", "007", "00.5",      // leading zeros
        "+1", ".5", "1.", "-", "1e", "1e+", "--1", "0x10", "NaN", "Infinity", "1.2.3",
    ])
    func rejectsNumbers(text: String) {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .malformed)
    }

    @Test("other malformed documents are rejected", arguments: [
        "", "   ", "tru", "nul", "True", "[1,]", #"{"a":1,}"#, "[1 2]", #"{"a" 1}"#, #"{a:1}"#, "{'a':1}",
        "[", "{", #"{"a":"#, "]",
    ])
    func rejectsMalformed(text: String) {
        let error = #expect(throws: CostakeError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .malformed)
    }
}

/// `arrays` nested arrays around `innermost`: nested(arrays: 2, innermost: "1") is "[[1]]".
private func nested(arrays: Int, innermost: String) -> String {
    String(repeating: "[", count: arrays) + innermost + String(repeating: "]", count: arrays)
}

/// `levels` nested objects, the deepest being `innermost`: nestedObjects(2, innermost: "{}") is {"k":{}}.
private func nestedObjects(_ levels: Int, innermost: String) -> String {
    String(repeating: #"{"k":"#, count: levels - 1) + innermost + String(repeating: "}", count: levels - 1)
}
