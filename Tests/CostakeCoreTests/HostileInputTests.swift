import CostakeCore
import CostakeTestSupport
import Foundation
import Testing

/// Hostile input (issue 9): seeded random and mutated inputs to every parser of outside input —
/// amounts, base58 and addresses, the strict JSON parser and the signed message. None may crash;
/// each either parses or throws a `CostakeError` with a code of its own. Round trips hold.
/// `COSTAKE_FUZZ_CASES` sets the number of cases per test (default 20,000).
@Suite("Hostile input: parsers under random and mutated input")
struct HostileInputTests {
    static var cases: Int { Int(ProcessInfo.processInfo.environment["COSTAKE_FUZZ_CASES"] ?? "") ?? 20_000 }

    static let alphabet = Array("0123456789.-+eE ,_abcXYZ\"{}[]:\\/\u{0}\u{7f}é€😀".unicodeScalars)

    /// A random string over characters that matter to the parsers.
    static func noise(_ random: inout SplitMix64, maxLength: Int = 40) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
        return String(text)
    }

    /// `text` with a few random bytes changed, inserted or removed.
    static func mutate(_ text: String, _ random: inout SplitMix64) -> [UInt8] {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
            default: if at < bytes.count { bytes.remove(at: at) }
            }
        }
        return bytes
    }

    @Test func amountsParseOrRefuseWithInvalidAmount() {
        var random = SplitMix64(seed: 1)
        for _ in 0..<Self.cases {
            let text = Self.noise(&random, maxLength: 24)
            do {
                let amount = try Amount(wire: text)
                #expect(amount.baseUnits >= 0 && amount <= Amount.supplyCap, "\(text)")
                #expect(try Amount(wire: amount.wireForm) == amount, "\(text) → \(amount.wireForm)")
            } catch {
                #expect(error.code == .invalidAmount, "\(text): \(error.code)")
            }
        }
    }

    @Test func everyAmountRoundTripsThroughItsWireForm() throws {
        var random = SplitMix64(seed: 2)
        for _ in 0..<Self.cases {
            let amount = Amount(baseUnits: Int64.random(in: 0...Amount.supplyCap.baseUnits, using: &random))
            #expect(try Amount(wire: amount.wireForm) == amount)
        }
    }

    @Test func base58RoundTripsAndAddressesParseOrRefuse() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<Self.cases {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let leadingZeros = Int.random(in: 0...3, using: &random)
            let data = Array(repeating: 0, count: leadingZeros) + bytes
            #expect(Base58.decode(Base58.encode(data)) == data)
            let text = Bool.random(using: &random) ? Base58.encode(data) : Self.noise(&random, maxLength: 50)
            do {
                let address = try Address(text)
                #expect(Base58.decode(address.text)?.count == 32, "\(text)")
            } catch {
                #expect(error.code == .invalidAddress, "\(text): \(error.code)")
            }
        }
    }

    @Test func theJSONParserParsesOrRefusesWithMalformed() {
        var random = SplitMix64(seed: 4)
        let valid = #"{"network":"n","type":"stake","signer":"x","nonce":"abcdefgh","amount":"1.5","list":[1,2.5e3,true,null,{"k":"\u00e9"}]}"#
        for index in 0..<Self.cases {
            let bytes = index.isMultiple(of: 2) ? Self.mutate(valid, &random) : Array(Self.noise(&random, maxLength: 60).utf8)
            do {
                _ = try JSONValue.parse(bytes)
            } catch {
                #expect(error.code == .malformed, "\(bytes): \(error.code)")
            }
        }
        #expect(throws: CostakeError.self) { try JSONValue.parse(String(repeating: "[", count: 100_000)) }
        #expect(throws: CostakeError.self) { try JSONValue.parse(#"{"a":1,"a":2}"#) }
    }

    /// Mutations of a real signed message: each parses or is refused with one of the codes a
    /// message can be refused with — never a crash, never `internal_error`.
    @Test func signedMessagesParseOrRefuseWithAMessageCode() {
        var random = SplitMix64(seed: 5)
        let signer = Address(publicKey: Array(repeating: 7, count: 32))
        let message = MessageComposer.text(.coStake(offer: OfferID(uuid: UUID()), requestedAmount: Amount(io: 600), rewardShareBps: 7_400),
                                           network: "costake-fuzz", signer: signer, nonce: "nonce-12345678",
                                           expiresAt: Timestamp(seconds: 1_800_000_000))
        #expect((try? TransactionMessage(text: message)) != nil, "the unmutated message parses")
        let allowed: Set<CostakeError.Code> = [.malformed, .invalidAmount, .invalidAddress, .invalidNonce]
        for _ in 0..<Self.cases {
            let text = String(decoding: Self.mutate(message, &random), as: UTF8.self)
            do {
                _ = try TransactionMessage(text: text)
            } catch {
                #expect(allowed.contains(error.code), "\(text): \(error.code) \(error.message)")
            }
        }
    }
}
