import CostakeCore
import CostakeStorage
import Foundation
import Hummingbird
import NIOCore

/// Every error answered as `{"status": "failed", "error": {"code", "message"}}` with the
/// status of its code: the one place where errors become HTTP.
public struct APIError: Error, HTTPResponseError {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var headers: HTTPFields = [:]

    public init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public init(_ error: CostakeError) {
        self.init(status: .init(code: error.code.httpStatus), code: error.code.rawValue, message: error.message)
    }

    public static func forbidden(_ message: String) -> APIError {
        APIError(status: .forbidden, code: "forbidden", message: message)
    }

    public static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
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
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as CostakeError {
            throw APIError(error)
        } catch let error as StoreUnavailable {
            context.logger.warning("database unavailable: \(error)")
            var unavailable = APIError(status: .serviceUnavailable, code: "database_unavailable",
                                       message: "The database cannot be reached right now; nothing was changed. Try again in a few seconds.")
            unavailable.headers[.retryAfter] = "5"
            throw unavailable
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "Bodies are limited to 1 MiB.")
        } catch let error as DecodingError {
            throw APIError(status: .badRequest, code: "malformed", message: "The body could not be read: \(Self.describe(error))")
        } catch let error as HTTPError {
            switch error.status {
            case .contentTooLarge: throw APIError(status: .contentTooLarge, code: "body_too_large", message: "Bodies are limited to 1 MiB.")
            case .notFound: throw APIError.notFound("No route \(request.method) \(request.uri.path).")
            case .badRequest: throw APIError(status: .badRequest, code: "malformed", message: error.body ?? "Bad request.")
            default: throw APIError(status: error.status, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
            }
        } catch {
            context.logger.error("unexpected error: \(String(reflecting: error))")
            throw APIError(status: .internalServerError, code: "internal_error", message: "An unexpected error occurred; it has been logged.")
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
