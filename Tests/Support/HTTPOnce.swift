import CostakeApp
import Foundation

/// One HTTP/1.1 request on a connection of its own, read to the end of the stream: what the
/// tests that drive a `costake serve` process send. No HTTP library and no child process.
enum HTTPOnce {
    static func send(port: Int, method: String, path: String, body: String?, token: String?,
                     timeoutSeconds: Int = 120) throws -> (status: Int, body: String) {
        let fd = try HTTPLoad.connectLoopback(port: port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        let payload = Array((body ?? "").utf8)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(payload.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + payload
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw SupportError("\(method) \(path): send failed (errno \(errno))") }
            sent += n
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw SupportError("\(method) \(path): no full answer (errno \(errno)) after \(received.count) bytes") }
            received.append(contentsOf: chunk[0..<n])
        }
        return try parse(received, "\(method) \(path)")
    }

    /// The status and body of a whole response (`Content-Length`, chunked, or to the end).
    static func parse(_ bytes: [UInt8], _ what: String) throws -> (status: Int, body: String) {
        guard let split = bytes.indices.dropLast(3).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }) else {
            throw SupportError("\(what): the answer has no complete head (\(bytes.count) bytes)")
        }
        let lines = String(decoding: bytes[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw SupportError("\(what): no status line in \(lines.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        var rest = Array(bytes[(split + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var body: [UInt8] = []
            while let end = rest.indices.dropLast().first(where: { rest[$0] == 13 && rest[$0 + 1] == 10 }),
                  let size = Int(String(decoding: rest[..<end], as: UTF8.self).split(separator: ";").first ?? "", radix: 16), size > 0 {
                guard rest.count >= end + 2 + size else { throw SupportError("\(what): a chunk is cut short") }
                body += rest[(end + 2)..<(end + 2 + size)]
                rest = Array(rest[min(rest.count, end + 4 + size)...])
            }
            rest = body
        } else if let length = headers["content-length"].flatMap({ Int($0) }) {
            guard rest.count >= length else { throw SupportError("\(what): \(rest.count) of \(length) body bytes") }
            rest = Array(rest[..<length])
        }
        return (status, String(decoding: rest, as: UTF8.self))
    }
}
