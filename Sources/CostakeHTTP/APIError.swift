import CostakeCore
import CostakeStorage
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Every error answered as `{"status": "failed", "error": {"code", "message"}}` with the
/// status of its code: the one place where errors become HTTP.
public struct APIError: Error, HTTPResponseError {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var headers: HTTPFields = [:]

    /// The codes only the HTTP layer answers with; the domain's are `CostakeError.Code`. The
    /// OpenAPI document's `ErrorCode` enum is tested to hold exactly these and the domain's.
    public enum HTTPCode: String, CaseIterable, Sendable {
        case unauthorized, forbidden, notFound = "not_found", transactionNotFound = "transaction_not_found"
        case methodNotAllowed = "method_not_allowed"
        case clockNotManual = "clock_not_manual", databaseUnavailable = "database_unavailable"
        case bodyTooLarge = "body_too_large", rateLimited = "rate_limited"
    }

    public init(status: HTTPResponse.Status, code: HTTPCode, message: String) {
        self.init(status: status, rawCode: code.rawValue, message: message)
    }

    init(status: HTTPResponse.Status, code: CostakeError.Code, message: String) {
        self.init(status: status, rawCode: code.rawValue, message: message)
    }

    fileprivate init(status: HTTPResponse.Status, rawCode: String, message: String) {
        self.status = status
        self.code = rawCode
        self.message = message
    }

    public init(_ error: CostakeError) {
        self.init(status: .init(code: error.code.httpStatus), rawCode: error.code.rawValue, message: error.message)
    }

    public static func forbidden(_ message: String) -> APIError {
        APIError(status: .forbidden, code: .forbidden, message: message)
    }

    public static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: .notFound, message: message)
    }

    struct Body: Encodable {
        struct Detail: Encodable { let code: String; let message: String }
        let status = "failed"
        let error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(Body(error: Body.Detail(code: code, message: message)))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every thrown error into an `APIError`: domain refusals keep their code, unreadable
/// input is `malformed` (400), an oversized body 413, anything else a logged 500.
public struct ErrorMapping<Context: RequestContext>: RouterMiddleware {
    /// The routes, to tell a wrong method on a known path (405, with `Allow`) from a path
    /// that does not exist (404). Filled once every route is registered.
    let routes: RouteTable

    public init(routes: RouteTable = RouteTable()) { self.routes = routes }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as CostakeError {
            throw APIError(error)
        } catch let error as StoreUnavailable {
            context.logger.warning("database unavailable: \(error)")
            var unavailable = APIError(status: .serviceUnavailable, code: .databaseUnavailable,
                                       message: "The database cannot be reached right now; nothing was changed. Try again in a few seconds.")
            unavailable.headers[.retryAfter] = "5"
            throw unavailable
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: .bodyTooLarge, message: "Bodies are limited to 1 MiB, telemetry batches to 16 MiB; nothing was changed.")
        } catch let error as DecodingError {
            throw APIError(status: .badRequest, code: .malformed, message: "The body could not be read: \(Self.describe(error))")
        } catch let error as HTTPError {
            switch error.status {
            case .contentTooLarge: throw APIError(status: .contentTooLarge, code: .bodyTooLarge, message: "Bodies are limited to 1 MiB, telemetry batches to 16 MiB; nothing was changed.")
            case .notFound:
                let allowed = routes.methods(for: request.uri.path)
                guard !allowed.isEmpty else { throw APIError.notFound("No route \(request.method) \(request.uri.path).") }
                let list = allowed.map(\.rawValue).joined(separator: ", ")
                var error = APIError(status: .methodNotAllowed, code: .methodNotAllowed,
                                     message: "\(request.uri.path) does not answer \(request.method); it answers \(list).")
                error.headers[.allow] = list
                throw error
            case .badRequest: throw APIError(status: .badRequest, code: .malformed, message: error.body ?? "Bad request.")
            default: throw APIError(status: error.status, rawCode: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
            }
        } catch {
            context.logger.error("unexpected error: \(String(reflecting: error))")
            throw APIError(status: .internalServerError, code: .internalError, message: "An unexpected error occurred; it has been logged.")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "the field \(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default: return "invalid JSON"
        }
    }
}

/// The router's paths and their methods, matched segment by segment (`{name}` captures one).
public final class RouteTable: Sendable {
    private let table = Mutex<[(segments: [String], method: HTTPRequest.Method)]>([])

    public init() {}

    /// Records the router's routes; call once they are all registered.
    public func fill(from router: Router<some RequestContext>) {
        let rows = router.routes.map { route in
            (segments: route.path.components.map(\.description), method: route.method)
        }
        table.withLock { $0 = rows }
    }

    /// The methods `path` answers, sorted; empty when no route has this path.
    public func methods(for path: String) -> [HTTPRequest.Method] {
        let given = path.split(separator: "/", omittingEmptySubsequences: true)
        let methods = table.withLock { rows in
            rows.filter { row in
                row.segments.count == given.count && zip(row.segments, given).allSatisfy { pattern, segment in
                    pattern.hasPrefix(":") || pattern.hasPrefix("{") || pattern == "*" || pattern == segment
                }
            }.map(\.method)
        }
        return Set(methods).sorted { $0.rawValue < $1.rawValue }
    }
}
