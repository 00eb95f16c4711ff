import Foundation

/// A device to register (`POST /v1/operator/devices`).
public struct DeviceRegistration: Encodable, Sendable {
    public var device_id: String?
    public var name: String?
    public var owner: String
    public var model: String
    public var processors: Int
    public var status: String?
    public var hired: Bool?

    public init(owner: String, model: String, processors: Int) {
        self.owner = owner
        self.model = model
        self.processors = processors
    }
}

/// The library side of `costake operator …` (bearer token). Operator calls are sent once:
/// unlike signed transactions, a deposit sent twice would credit twice.
public enum OperatorCommands {
    public static func addDevice(_ device: DeviceRegistration, context: ClientContext) async throws -> String {
        let response = try await context.api.send("POST", "/v1/operator/devices", json: JSONText.data(device), asOperator: true)
        return try await deviceOutput(response, context: context)
    }

    public static func setDevice(_ id: String, status: String?, hired: Bool?, context: ClientContext) async throws -> String {
        guard status != nil || hired != nil else { throw ClientError.usage("Give --status or --hired (or both).") }
        struct Patch: Encodable { let status: String?; let hired: Bool? }
        let path = "/v1/operator/devices/\(try Parse.device(id))"
        let response = try await context.api.send("PATCH", path, json: JSONText.data(Patch(status: status, hired: hired)), asOperator: true)
        return try await deviceOutput(response, context: context)
    }

    static func deviceOutput(_ response: APIResponse, context: ClientContext) async throws -> String {
        if context.json { return response.text }
        return OfferCommands.deviceText(try response.decode(API.Device.self), now: try await context.status().now)
    }

    /// Credits IO to an account (tokens entering the system).
    public static func deposit(_ amount: String, to address: String, reference: String?, context: ClientContext) async throws -> String {
        struct Deposit: Encodable { let account: String; let amount: String; let reference: String? }
        let body = Deposit(account: try context.address(address).text, amount: try Parse.amount(amount).wireForm, reference: reference)
        let response = try await context.api.send("POST", "/v1/operator/deposits", json: JSONText.data(body), asOperator: true)
        return context.json ? response.text : AccountCommands.accountLines(try response.decode(API.Account.self))
    }

    public static func slash(device: String, principalBps: Int, rewardsBps: Int, reason: String, context: ClientContext) async throws -> String {
        struct NewSlash: Encodable { let device_id: String; let principal_bps: Int; let rewards_bps: Int; let reason: String }
        let body = NewSlash(device_id: try Parse.device(device).description, principal_bps: principalBps, rewards_bps: rewardsBps, reason: reason)
        let response = try await context.api.send("POST", "/v1/operator/slashes", json: JSONText.data(body), asOperator: true)
        return try await slashOutput(response, context: context)
    }

    /// Rules on a slash: `upheld` burns the escrow, `overturned` returns it.
    public static func resolve(_ slash: String, outcome: String, context: ClientContext) async throws -> String {
        let path = "/v1/operator/slashes/\(try Parse.slash(slash))/resolve"
        let response = try await context.api.send("POST", path, json: JSONText.data(["outcome": outcome]), asOperator: true)
        return try await slashOutput(response, context: context)
    }

    static func slashOutput(_ response: APIResponse, context: ClientContext) async throws -> String {
        if context.json { return response.text }
        let slash = try response.decode(API.Slash.self)
        let now = try await context.status().now
        return keyValueLines([
            ("slash", slash.slashId), ("device", slash.deviceId), ("state", slash.state), ("reason", slash.reason),
            ("fractions", "principal \(Show.percent(bps: Int64(slash.principalBps))), rewards \(Show.percent(bps: Int64(slash.rewardsBps)))"),
            ("taken", "\(Show.io(slash.amounts.total)) (principal \(Show.io(slash.amounts.principal)), rewards \(Show.io(slash.amounts.rewards)))"),
            ("appeal until", Show.dateWithCountdown(slash.appealDeadline, now: now)),
        ])
    }

    /// Moves a manual clock forward; the server closes every block that falls due.
    public static func advanceClock(_ duration: String, context: ClientContext) async throws -> String {
        let seconds = try Parse.duration(duration)
        let response = try await context.api.send("POST", "/v1/operator/clock", json: JSONText.data(["advance_seconds": seconds]), asOperator: true)
        if context.json { return response.text }
        let clock = try response.decode(API.Clock.self)
        return keyValueLines([("now", Show.localDate(clock.now)), ("last block", Show.optional(clock.lastBlock))])
    }
}
