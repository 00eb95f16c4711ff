import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Latencies of one scenario and what they add up to.
public struct LatencySummary: Sendable, Codable {
    public let count: Int
    public let errors: Int
    public let seconds: Double
    public let perSecond: Double
    public let p50ms: Double
    public let p95ms: Double
    public let p99ms: Double
    public let maxms: Double
    /// Statuses other than the expected ones, with their counts (for the notes).
    public let unexpected: [String: Int]

    public init(latencies: [Double], errors: Int, seconds: Double, unexpected: [String: Int] = [:]) {
        let sorted = latencies.sorted()
        func quantile(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)] * 1_000
        }
        count = sorted.count
        self.errors = errors
        self.seconds = seconds
        perSecond = seconds > 0 ? Double(sorted.count) / seconds : 0
        p50ms = quantile(0.50)
        p95ms = quantile(0.95)
        p99ms = quantile(0.99)
        maxms = (sorted.last ?? 0) * 1_000
        self.unexpected = unexpected
    }
}

/// One HTTP/1.1 request the load generator sends.
public struct LoadRequest: Sendable {
    public let method: String
    public let path: String
    public let body: [UInt8]?
    public let headers: [(String, String)]

    public init(method: String = "GET", path: String, body: [UInt8]? = nil, headers: [(String, String)] = []) {
        self.method = method
        self.path = path
        self.body = body
        self.headers = headers
    }

    var bytes: [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: costake\r\nConnection: keep-alive\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + (body ?? [])
    }
}

/// A closed-loop HTTP load generator over plain keep-alive sockets: `connections` threads,
/// each with its own connection, each sending its next request as soon as the answer to the
/// last one has been read in full. Measures each request from the first byte sent to the
/// last byte read. No HTTP library: nothing between the measurement and the socket.
public enum HTTPLoad {
    public struct Response: Sendable {
        public let status: Int
        public let body: [UInt8]
    }

    /// A TCP connection to 127.0.0.1:`port`, as a file descriptor the caller closes.
    public static func connectLoopback(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoadError("socket() failed (errno \(errno))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let failure = errno
            close(fd)
            throw LoadError("cannot connect to 127.0.0.1:\(port) (errno \(failure))")
        }
        return fd
    }

    /// A connection to 127.0.0.1:`port` that reads whole responses (Content-Length bodies).
    public final class Connection {
        let fd: Int32
        var buffer: [UInt8] = []

        public init(port: Int) throws {
            fd = try HTTPLoad.connectLoopback(port: port)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }

        deinit { close(fd) }

        public func send(_ request: LoadRequest) throws -> Response {
            let bytes = request.bytes
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw LoadError("send failed (errno \(errno))") }
                sent += n
            }
            return try readResponse()
        }

        func fill() throws {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw LoadError("the server closed the connection") }
            buffer.append(contentsOf: chunk[0..<n])
        }

        func readResponse() throws -> Response {
            let separator: [UInt8] = [13, 10, 13, 10]
            var headerEnd: Int?
            while headerEnd == nil {
                if buffer.count >= 4 {
                    for index in 0...(buffer.count - 4) where buffer[index] == 13 && Array(buffer[index..<index + 4]) == separator {
                        headerEnd = index
                        break
                    }
                }
                if headerEnd == nil { try fill() }
            }
            let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
            let lines = head.split(separator: "\r\n")
            let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
            var length = 0
            for line in lines.dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == "content-length" {
                    length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            let bodyStart = headerEnd! + 4
            while buffer.count < bodyStart + length { try fill() }
            let body = Array(buffer[bodyStart..<bodyStart + length])
            buffer.removeFirst(bodyStart + length)
            return Response(status: status, body: body)
        }
    }

    /// Runs `body(worker)` on `count` threads of their own (each blocks on its socket, so they
    /// are threads, not tasks) and waits for all; rethrows the first error any of them threw.
    public static func workers(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        final class Failure: @unchecked Sendable {
            let lock = NSLock()
            var error: (any Error)?
        }
        let failure = Failure()
        let done = DispatchGroup()
        for worker in 0..<count {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                do { try body(worker) } catch {
                    failure.lock.lock(); if failure.error == nil { failure.error = error }; failure.lock.unlock()
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        done.wait()
        if let error = failure.error { throw error }
    }

    /// Runs `connections` closed loops for `seconds`; `next(worker, sequence)` gives each
    /// worker's next request, `accept` says which statuses count as answered.
    public static func run(port: Int, connections: Int, seconds: Double,
                           next: @escaping @Sendable (Int, Int) -> LoadRequest,
                           accept: @escaping @Sendable (Int) -> Bool = { $0 == 200 }) throws -> LatencySummary {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var latencies: [Double] = []
            var errors = 0
            var unexpected: [String: Int] = [:]
        }
        let results = Results()
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        try workers(connections) { worker in
            var local: [Double] = []
            var errors = 0
            var unexpected: [String: Int] = [:]
            defer {
                results.lock.lock()
                results.latencies += local
                results.errors += errors
                results.unexpected.merge(unexpected, uniquingKeysWith: +)
                results.lock.unlock()
            }
            let connection = try Connection(port: port)
            var sequence = 0
            while Date() < deadline {
                let request = next(worker, sequence)
                sequence += 1
                let began = DispatchTime.now().uptimeNanoseconds
                let response = try connection.send(request)
                local.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
                if !accept(response.status) {
                    errors += 1
                    let code = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
                        .flatMap { ($0["error"] as? [String: Any])?["code"] as? String } ?? ""
                    unexpected["\(response.status) \(code)", default: 0] += 1
                }
            }
        }
        return LatencySummary(latencies: results.latencies, errors: results.errors,
                              seconds: Date().timeIntervalSince(start), unexpected: results.unexpected)
    }
}

public struct LoadError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
