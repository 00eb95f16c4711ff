import CostakeApp
import CostakeCore
import Foundation
import Hummingbird

/// Reward and reliability series (SPEC §10), as JSON or `format=csv`, over `from`–`to`
/// (RFC 3339; default the last 30 days).
struct HistoryRoutes {
    let services: NetworkServices

    struct BlockReward: ResponseEncodable, Codable { let height: Int64; let end: String; let owner_reward: String; let co_staker_reward: String; let total: String; let eligible: Bool }
    struct DayReward: Codable { let day: String; let owner_reward: String; let co_staker_reward: String; let total: String; let blocks: Int }
    struct DeviceRewards: ResponseEncodable, Codable { let device_id: String; let blocks: [BlockReward]; let days: [DayReward] }
    struct AccountRewards: ResponseEncodable, Codable { let address: String; let days: [DayReward] }
    struct Score: Codable { let height: Int64; let end: String; @NullEncoded var score: Int? }
    struct Reliability: ResponseEncodable, Codable { let device_id: String; @NullEncoded var reliability: Int?; let formula: String; let history: [Score] }

    static let formula = "score = round(100 × (0.40·uptime + 0.25·pow + 0.15·stability + 0.20·compliance) × 0.5^s) over the last 168 hours; uptime = up hours / 168; pow = up hours with a valid proof of work (hired hours count) / up hours; stability = 1 − min(1, disconnects / 24); compliance = blocks with sufficient stake / blocks; s = slashes in the last 90 days not overturned; none with under 24 hours of telemetry."

    func register(on router: Router<APIContext>) {
        let v1 = router.group("v1")
        v1.get("devices/:id/rewards") { request, context in
            let id = try DeviceID(text: context.parameters.require("id"), field: "device_id")
            let (from, to) = try range(request.uri.queryParameters)
            guard try await services.store.device(id) != nil else { throw CostakeError(.deviceNotFound, "No device has the id \(id).") }
            let records = try await services.store.deviceBlocks(id, from: from, to: to)
            if try csv(request) { return Response.csv(RewardHistory.blockCSV(records), name: "device-\(id)-rewards.csv") }
            return try Response.encode(DeviceRewards(device_id: id.description, blocks: records.map(block), days: RewardHistory.daily(records).map(day)))
        }
        v1.get("devices/:id/reliability") { request, context in
            let id = try DeviceID(text: context.parameters.require("id"), field: "device_id")
            let (from, to) = try range(request.uri.queryParameters)
            guard try await services.store.device(id) != nil else { throw CostakeError(.deviceNotFound, "No device has the id \(id).") }
            let records = try await services.store.deviceBlocks(id, from: from, to: to)
            if try csv(request) {
                let lines = ["height,block_end,score"] + records.map { "\($0.height),\($0.end),\($0.reliability.map(String.init) ?? "")" }
                return Response.csv(lines.joined(separator: "\n") + "\n", name: "device-\(id)-reliability.csv")
            }
            return try Response.encode(Reliability(device_id: id.description, reliability: try await services.store.telemetry(id)?.reliability,
                                                   formula: Self.formula,
                                                   history: records.map { Score(height: $0.height, end: $0.end.rfc3339, score: $0.reliability) }))
        }
        v1.get("accounts/:address/rewards") { request, context in
            let address = try Address(context.parameters.require("address"))
            let (from, to) = try range(request.uri.queryParameters)
            let days = try await services.queries.accountDaily(address, from: from, to: to)
            if try csv(request) { return Response.csv(RewardHistory.dailyCSV(days), name: "account-\(address)-rewards.csv") }
            return try Response.encode(AccountRewards(address: address.text, days: days.map(day)))
        }
    }

    /// Whether `format=csv` was asked for; `json` (the default) or `csv` only.
    func csv(_ request: Request) throws -> Bool {
        switch request.uri.queryParameters["format"].map(String.init) {
        case nil, "json": return false
        case "csv": return true
        default: throw CostakeError(.malformed, "format is json or csv.")
        }
    }

    func range(_ parameters: Parameters) throws -> (Timestamp, Timestamp) {
        func time(_ name: String) throws -> Timestamp? {
            guard let text = Query.string(parameters, name) else { return nil }
            guard let time = Timestamp(rfc3339: text) else { throw CostakeError(.malformed, "\(name) must be an RFC 3339 time.") }
            return time
        }
        let to = try time("to") ?? services.clock.now().adding(seconds: 1)
        let from = try time("from") ?? to.adding(seconds: -30 * 86_400)
        guard from <= to else { throw CostakeError(.malformed, "from must not be after to.") }
        return (from, to)
    }

    func block(_ r: DeviceBlockRecord) -> BlockReward {
        BlockReward(height: r.height, end: r.end.rfc3339, owner_reward: r.ownerReward.wireForm,
                    co_staker_reward: r.coStakerReward.wireForm, total: r.total.wireForm, eligible: r.eligible)
    }

    func day(_ d: DailyReward) -> DayReward {
        DayReward(day: d.day, owner_reward: d.ownerReward.wireForm, co_staker_reward: d.coStakerReward.wireForm,
                  total: d.total.wireForm, blocks: d.blocks)
    }
}

extension Response {
    static func csv(_ text: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func encode(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
