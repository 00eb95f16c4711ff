import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request. The API client talks through this so that tests can put a flaky
/// network between it and a real server.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

/// The transport of the real command: Foundation's URLSession.
public struct URLSessionTransport: HTTPTransport {
    let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.timeoutIntervalForResource = 120
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, http)
    }
}

/// When a request that failed on the network is sent again, and after what pause.
public struct RetryPolicy: Sendable {
    /// The pause before each further attempt; its count is the number of retries.
    public var delays: [Duration]

    public init(delays: [Duration]) { self.delays = delays }

    /// Three retries over about 3.5 seconds.
    public static let standard = RetryPolicy(delays: [.milliseconds(500), .seconds(1), .seconds(2)])
    public static let none = RetryPolicy(delays: [])

    /// Whether an error is a network failure that another attempt may not meet (a refused,
    /// reset or timed-out connection), as opposed to a malformed URL.
    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? URLError else { return false }
        let transient: Set<URLError.Code> = [.cannotConnectToHost, .networkConnectionLost, .timedOut, .notConnectedToInternet,
                                             .cannotFindHost, .dnsLookupFailed, .badServerResponse, .resourceUnavailable]
        return transient.contains(error.code)
    }
}
