import CostakeCore
import CostakeCrypto
import Foundation

/// What every client command needs: the API, the output mode and the key file.
public struct ClientContext: Sendable {
    public let api: APIClient
    /// Print the API's JSON instead of tables.
    public let json: Bool
    public let keypairPath: String

    public init(api: APIClient, json: Bool, keypairPath: String) {
        self.api = api
        self.json = json
        self.keypairPath = keypairPath
    }

    /// The signing key of the key file.
    public func key() throws -> Keypair { try KeyFile.read(keypairPath) }

    /// `given`, checked, or else the key file's address.
    public func address(_ given: String?) throws -> Address {
        guard let given else { return try key().address }
        return try Parse.value { () throws(CostakeError) in try Address(given) }
    }

    /// The network's status: its id and its clock (which may be a manual one, far from ours).
    public func status() async throws -> API.Status { try await api.get("/v1/status").decode() }
}

/// Reading command-line values with the core's own checks; a bad one is a usage error.
public enum Parse {
    static func value<T>(_ read: () throws(CostakeError) -> T) throws -> T {
        do { return try read() } catch { throw ClientError.usage(error.message) }
    }

    public static func device(_ text: String) throws -> DeviceID { try value { () throws(CostakeError) in try DeviceID(text: text, field: "device id") } }
    public static func offer(_ text: String) throws -> OfferID { try value { () throws(CostakeError) in try OfferID(text: text, field: "offer id") } }
    public static func position(_ text: String) throws -> PositionID { try value { () throws(CostakeError) in try PositionID(text: text, field: "position id") } }
    public static func slash(_ text: String) throws -> SlashID { try value { () throws(CostakeError) in try SlashID(text: text, field: "slash id") } }
    public static func amount(_ text: String) throws -> Amount { try value { () throws(CostakeError) in try Amount(wire: text) } }

    /// An RFC 3339 time, or a date `YYYY-MM-DD` meaning its midnight UTC.
    public static func time(_ text: String, _ name: String) throws -> String {
        let full = text.count == 10 ? text + "T00:00:00Z" : text
        guard let time = Timestamp(rfc3339: full) else {
            throw ClientError.usage("\(name) must be a date (2026-11-24) or an RFC 3339 time (2026-11-24T20:00:00Z), not \"\(text)\".")
        }
        return time.rfc3339
    }

    /// A duration: seconds, or a number with s, m, h or d ("90m", "7d").
    public static func duration(_ text: String) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let unit = text.last.flatMap { units[$0] }
        guard let number = Int64(unit == nil ? text : String(text.dropLast())), number >= 0 else {
            throw ClientError.usage("A duration is a whole number of seconds or of s, m, h or d (7200, 90m, 2h, 7d), not \"\(text)\".")
        }
        let (seconds, overflow) = number.multipliedReportingOverflow(by: unit ?? 1)
        guard !overflow else { throw ClientError.usage("The duration \(text) is too long.") }
        return seconds
    }
}
