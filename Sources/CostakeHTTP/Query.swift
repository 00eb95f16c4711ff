import CostakeCore
import CostakeStorage
import Foundation
import Hummingbird

/// Reading query parameters strictly: a bad value is a 400 naming the parameter.
enum Query {
    static func string(_ parameters: Parameters, _ name: String) -> String? {
        parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func optionalInt(_ parameters: Parameters, _ name: String) throws -> Int64? {
        guard let text = string(parameters, name) else { return nil }
        guard let value = Int64(text) else { throw CostakeError(.malformed, "\(name) must be a whole number, not \"\(text.prefix(40))\".") }
        return value
    }

    static func optionalInt(_ parameters: Parameters, _ name: String, range: ClosedRange<Int64>) throws -> Int64? {
        guard let given = try optionalInt(parameters, name) else { return nil }
        guard range.contains(given) else { throw CostakeError(.malformed, "\(name) must be from \(range.lowerBound) to \(range.upperBound).") }
        return given
    }

    static func int(_ parameters: Parameters, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let given = try optionalInt(parameters, name) else { return value }
        guard range.contains(Int(given)) else { throw CostakeError(.malformed, "\(name) must be from \(range.lowerBound) to \(range.upperBound).") }
        return Int(given)
    }

    static func amount(_ parameters: Parameters, _ name: String) throws -> Amount? {
        try string(parameters, name).map { text throws(CostakeError) in try Amount(wire: text) }
    }

    static func offerQuery(_ parameters: Parameters) throws -> OfferQuery {
        var query = OfferQuery()
        query.model = string(parameters, "model")
        query.deviceID = try string(parameters, "device_id").map { text throws(CostakeError) in try DeviceID(text: text, field: "device_id") }
        query.minAmount = try amount(parameters, "min_amount")
        query.maxAmount = try amount(parameters, "max_amount")
        query.minReliability = try optionalInt(parameters, "min_reliability", range: 0...100).map(Int.init)
        query.minRewardShareBps = try optionalInt(parameters, "min_reward_share_bps", range: 0...10_000).map(Int.init)
        if let status = string(parameters, "status") {
            guard let value = OfferStatus(rawValue: status) else { throw CostakeError(.malformed, "status is open, active or closed.") }
            query.status = value
        }
        if let sort = string(parameters, "sort") {
            guard let value = OfferQuery.Sort(rawValue: sort) else {
                throw CostakeError(.malformed, "sort is one of \(OfferQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.sort = value
        }
        if let order = string(parameters, "order") {
            guard order == "asc" || order == "desc" else { throw CostakeError(.malformed, "order is asc or desc.") }
            query.descending = order == "desc"
        }
        query.limit = try int(parameters, "limit", default: 50, range: 1...200)
        if let cursor = string(parameters, "cursor") { query.after = try decodeCursor(cursor) }
        return query
    }

    /// An opaque cursor: the last row's sort value and offer id, base64url-encoded.
    static func cursor(value: Int64, offer: OfferID) -> String {
        Data("\(value):\(offer)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decodeCursor(_ text: String) throws -> (value: Int64, offer: OfferID) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 200, let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8),
              let colon = plain.lastIndex(of: ":"), let value = Int64(plain[..<colon]),
              let offer = try? OfferID(text: String(plain[plain.index(after: colon)...]), field: "cursor") else {
            throw CostakeError(.malformed, "The cursor is not one this server gave out.")
        }
        return (value, offer)
    }
}

extension Query {
    /// Query strings are read strictly: a parameter given twice or holding a control character
    /// is a 400, and so is an empty one unless `allowEmpty` (the web pages' forms send fields left blank as empty values,
    /// read as absent; on the JSON API leaving a parameter out is the way to say "no value").
    static func checkStrict(_ request: Request, allowEmpty: Bool) throws {
        var seen = Set<Substring>()
        for (name, value) in request.uri.queryParameters {
            guard seen.insert(name).inserted else {
                throw CostakeError(.malformed, "The query parameter \(name.prefix(40)) is given more than once.")
            }
            if !allowEmpty && value.isEmpty {
                throw CostakeError(.malformed, "The query parameter \(name.prefix(40)) is empty; leave it out instead.")
            }
            if PlainText.hasControlCharacter(String(name)) || PlainText.hasControlCharacter(String(value)) {
                throw CostakeError(.malformed, "The query parameter \(name.prefix(40).unicodeScalars.filter { $0.value >= 0x20 }) holds a control character.")
            }
        }
    }
}

/// `Query.checkStrict` for the JSON API (`/v1/...`); the web pages check inside their own
/// error handling, so that they answer with an HTML page.
/// A request whose method the path does not answer is left to the 405 of `ErrorMapping`.
struct StrictQuery<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.query != nil, request.uri.path.hasPrefix("/v1/"), routes.methods(for: request.uri.path).contains(request.method) {
            try Query.checkStrict(request, allowEmpty: false)
        }
        return try await next(request, context)
    }
}
