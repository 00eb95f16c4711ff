import CostakeCore
import Foundation
import Hummingbird
import Synchronization

/// At most `count` requests per `seconds`, as a token bucket: a burst of `count`, then one
/// more every `seconds / count`.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public let count: Int
    public let seconds: Int64

    public init(_ count: Int, per seconds: Int64) {
        self.count = count
        self.seconds = seconds
    }

    /// Reads `COUNT/SECONDS` (`120/60`); `off` is nil.
    public static func parse(_ text: String) -> RateLimit?? {
        if text == "off" { return .some(nil) }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let count = Int(parts[0]), let seconds = Int64(parts[1]), count > 0, seconds > 0 else { return nil }
        return .some(RateLimit(count, per: seconds))
    }

    public var description: String { "\(count) per \(seconds) s" }
}

/// The abuse limits of `costake serve` (SPEC has none; issue 9): signed transactions per
/// signer address and per client IP, and faucet requests per client IP. Each server process
/// counts on its own, so N servers behind a balancer allow up to N times as much.
public struct RateLimits: Sendable {
    public var transactionsPerAddress: RateLimit? = RateLimit(120, per: 60)
    public var transactionsPerIP: RateLimit? = RateLimit(1_200, per: 60)
    public var faucetPerIP: RateLimit? = RateLimit(10, per: 3_600)

    public init() {}

    /// No limits at all (benchmarks, load tests).
    public static let off: RateLimits = {
        var limits = RateLimits()
        limits.transactionsPerAddress = nil
        limits.transactionsPerIP = nil
        limits.faucetPerIP = nil
        return limits
    }()
}

/// Token buckets by key (an address or an IP). Thread-safe; forgets full buckets when it
/// holds many keys, so a flood of distinct keys cannot grow it without bound.
final class RateLimiter: Sendable {
    private struct Bucket { var tokens: Double; var updated: ContinuousClock.Instant }

    let limit: RateLimit
    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock = ContinuousClock()

    init(_ limit: RateLimit) { self.limit = limit }

    /// Takes one token for `key`; nil when allowed, else the whole seconds until one is free.
    func take(_ key: String) -> Int? {
        let now = clock.now
        let rate = Double(limit.count) / Double(limit.seconds)
        return buckets.withLock { buckets in
            if buckets.count > 100_000 { forgetFull(&buckets, now: now, rate: rate) }
            var bucket = buckets[key] ?? Bucket(tokens: Double(limit.count), updated: now)
            let elapsed = (now - bucket.updated).inSeconds
            bucket.tokens = min(Double(limit.count), bucket.tokens + elapsed * rate)
            bucket.updated = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }

    private func forgetFull(_ buckets: inout [String: Bucket], now: ContinuousClock.Instant, rate: Double) {
        let full = Double(limit.count)
        buckets = buckets.filter { _, bucket in
            bucket.tokens + (now - bucket.updated).inSeconds * rate < full
        }
    }
}

/// The limiters a server uses, built from its `RateLimits`.
struct RateLimiters: Sendable {
    let perAddress: RateLimiter?
    let perIP: RateLimiter?
    let faucetPerIP: RateLimiter?

    init(_ limits: RateLimits) {
        perAddress = limits.transactionsPerAddress.map(RateLimiter.init)
        perIP = limits.transactionsPerIP.map(RateLimiter.init)
        faucetPerIP = limits.faucetPerIP.map(RateLimiter.init)
    }

    /// Throws 429 `rate_limited` with `Retry-After` when `limiter` has no token for `key`.
    static func check(_ limiter: RateLimiter?, _ key: String?, what: String) throws {
        guard let limiter, let key, let wait = limiter.take(key) else { return }
        var error = APIError(status: .tooManyRequests, code: .rateLimited,
                             message: "Too many \(what): at most \(limiter.limit.count) every \(limiter.limit.seconds) seconds. Nothing was changed; try again in \(wait) seconds.")
        error.headers[.retryAfter] = String(wait)
        throw error
    }

    /// The signer named in a `{"message", "signature"}` body, if it can be read (an unreadable
    /// body is refused by the processor, after the per-IP limit).
    static func signer(of body: [UInt8]) -> String? {
        guard let envelope = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let message = envelope["message"] as? String,
              let fields = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any] else { return nil }
        return fields["signer"] as? String
    }
}
