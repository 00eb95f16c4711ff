import Foundation

/// `costake operator telemetry import FILE`: telemetry events from JSON lines or CSV, sent to
/// `POST /v1/operator/telemetry` in batches.
public enum TelemetryImport {
    /// Reads the events of a file as JSON object texts. A file whose first line starts with `{`
    /// is JSON lines (each line one event, passed on as written); otherwise CSV with a header
    /// naming the columns `device_id`, `at`, `status` and optionally `pow_ok`, `hired`.
    public static func events(in path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ClientError.localFile("Cannot read the telemetry file \(path).")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = lines.first else { return [] }
        return first.hasPrefix("{") ? try jsonLines(lines, path) : try csvEvents(lines, path)
    }

    static func jsonLines(_ lines: [String], _ path: String) throws -> [String] {
        for (index, line) in lines.enumerated() {
            guard (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any] else {
                throw ClientError.localFile("\(path): line \(index + 1) is not a JSON object: \(line.prefix(80))")
            }
        }
        return lines
    }

    static func csvEvents(_ lines: [String], _ path: String) throws -> [String] {
        let header = lines[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for required in ["device_id", "at", "status"] where !header.contains(required) {
            throw ClientError.localFile("\(path): the CSV header must name device_id, at and status (and may name pow_ok, hired); it has no \(required).")
        }
        return try lines.dropFirst().enumerated().map { index, line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == header.count else {
                throw ClientError.localFile("\(path): line \(index + 2) has \(cells.count) cells; the header has \(header.count).")
            }
            var event: [String: Any] = [:]
            for (name, cell) in zip(header, cells) where !cell.isEmpty {
                switch name {
                case "pow_ok", "hired":
                    guard let flag = ["true": true, "1": true, "false": false, "0": false][cell.lowercased()] else {
                        throw ClientError.localFile("\(path): line \(index + 2): \(name) is true or false, not \(cell).")
                    }
                    event[name] = flag
                default: event[name] = cell
                }
            }
            return String(decoding: try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    /// Sends `events` in batches of `batchSize`, reporting (sent, total) after each; returns the
    /// summary (or, with `--json`, `{"accepted", "rejected"}` over the whole file, rejections
    /// numbered by their place in the file).
    public static func send(_ events: [String], batchSize: Int, context: ClientContext,
                            progress: (Int, Int) -> Void) async throws -> String {
        guard batchSize > 0 else { throw ClientError.usage("--batch-size must be at least 1.") }
        var accepted = 0
        var rejected: [(index: Int, deviceID: String, reason: String)] = []
        progress(0, events.count)
        for start in stride(from: 0, to: events.count, by: batchSize) {
            let batch = events[start..<min(start + batchSize, events.count)]
            let body = Data(("{\"events\":[" + batch.joined(separator: ",") + "]}").utf8)
            let result = try await context.api.send("POST", "/v1/operator/telemetry", json: body, asOperator: true).decode(API.TelemetryResult.self)
            accepted += result.accepted
            rejected += result.rejected.map { (start + $0.index, $0.deviceId, $0.reason) }
            progress(start + batch.count, events.count)
        }
        return summary(accepted: accepted, rejected: rejected, json: context.json)
    }

    static func summary(accepted: Int, rejected: [(index: Int, deviceID: String, reason: String)], json: Bool) -> String {
        if json {
            struct Rejection: Encodable { let index: Int; let device_id: String; let reason: String }
            struct Summary: Encodable { let accepted: Int; let rejected: [Rejection] }
            let value = Summary(accepted: accepted, rejected: rejected.map { Rejection(index: $0.index, device_id: $0.deviceID, reason: $0.reason) })
            return String(decoding: JSONText.data(value), as: UTF8.self)
        }
        let lines = rejected.map { "  event \($0.index + 1) (device \($0.deviceID)): \($0.reason)" }
        return (["accepted \(accepted) events, rejected \(rejected.count)"] + lines).joined(separator: "\n")
    }

    /// A progress bar for standard error: "[########------------]  400/1000 events".
    public static func bar(_ done: Int, _ total: Int, width: Int = 30) -> String {
        let filled = total == 0 ? width : done * width / total
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(done)/\(total) events"
    }
}
