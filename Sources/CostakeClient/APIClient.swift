import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One answer of the API: its status and body.
public struct APIResponse: Sendable {
    public let status: Int
    public let body: Data

    /// The body as text (what `--json` prints).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded as `T` (snake_case keys to camelCase properties).
    public func decode<T: Decodable>(_: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: body)
        } catch {
            throw ClientError(.unreachable, "The server's answer is not the costake API's \(T.self): \(text.prefix(200))")
        }
    }
}

/// The costake JSON API over HTTP: GET and POST JSON, the error envelope
/// `{"status":"failed","error":{"code","message"}}` turned into a `ClientError` with its code.
public struct APIClient: Sendable {
    public let server: String
    public let operatorToken: String?
    let transport: any HTTPTransport
    let retry: RetryPolicy

    public init(server: String, operatorToken: String? = nil, transport: any HTTPTransport = URLSessionTransport(),
                retry: RetryPolicy = .standard) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.operatorToken = operatorToken
        self.transport = transport
        self.retry = retry
    }

    /// GET `path` with the query parameters that have a value (retried on network errors: reads are safe).
    public func get(_ path: String, query: [(String, String?)] = []) async throws -> APIResponse {
        try await send(try request("GET", path, query: query), retrying: true)
    }

    /// Sends a JSON body. `retrying` only for requests whose repetition changes nothing (signed
    /// transactions are idempotent); operator calls are sent once.
    public func send(_ method: String, _ path: String, json: Data, asOperator: Bool = false, retrying: Bool = false) async throws -> APIResponse {
        var request = try request(method, path, query: [])
        request.httpBody = json
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if asOperator {
            guard let operatorToken, !operatorToken.isEmpty else {
                throw ClientError.usage("Operator commands need --operator-token or COSTAKE_OPERATOR_TOKEN.")
            }
            request.setValue("Bearer \(operatorToken)", forHTTPHeaderField: "Authorization")
        }
        return try await send(request, retrying: retrying)
    }

    func request(_ method: String, _ path: String, query: [(String, String?)]) throws -> URLRequest {
        guard var components = URLComponents(string: server + path), components.scheme != nil, components.host != nil else {
            throw ClientError.usage("--server must be a URL such as http://127.0.0.1:8080, not \"\(server)\".")
        }
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty { components.queryItems = items }
        guard let url = components.url else { throw ClientError.usage("Cannot build a URL from \(server)\(path).") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return request
    }

    /// Sends the same request again after each network failure, then reads the answer.
    func send(_ request: URLRequest, retrying: Bool) async throws -> APIResponse {
        let delays = retrying ? retry.delays : []
        var attempt = 0
        while true {
            do {
                let (data, response) = try await transport.send(request)
                return try Self.check(APIResponse(status: response.statusCode, body: data))
            } catch let error as ClientError {
                throw error
            } catch where RetryPolicy.isTransient(error) && attempt < delays.count {
                try await Task.sleep(for: delays[attempt])
                attempt += 1
            } catch {
                let attempts = "after \(attempt + 1) attempt\(attempt == 0 ? "" : "s")"
                throw ClientError(.unreachable, "Cannot reach the server at \(server): \(error.localizedDescription) (\(attempts)).")
            }
        }
    }

    /// A 2xx answer as is; the error envelope as a `ClientError` with its code.
    static func check(_ response: APIResponse) throws -> APIResponse {
        guard !(200..<300).contains(response.status) else { return response }
        struct Envelope: Decodable { struct Detail: Decodable { let code: String; let message: String }; let error: Detail }
        let kind: ClientError.Kind = response.status >= 500 ? .unreachable : .refused
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: response.body) else {
            throw ClientError(.unreachable, "The server answered HTTP \(response.status), not the costake API: \(response.text.prefix(200))")
        }
        throw ClientError(kind, envelope.error.message, code: envelope.error.code, body: response.text)
    }
}
