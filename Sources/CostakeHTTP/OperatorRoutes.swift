import CostakeApp
import CostakeCore
import Foundation
import Hummingbird

/// The operator API (bearer token): devices, telemetry, deposits, slashes and the manual clock.
struct OperatorRoutes {
    let services: NetworkServices
    var presenter: Presenter { Presenter(services: services) }

    struct NewDevice: Decodable { let device_id: String?; let name: String?; let owner: String; let model: String; let processors: Int; let status: String?; let hired: Bool? }
    struct DevicePatch: Decodable { let status: String?; let hired: Bool? }
    struct Deposit: Decodable { let account: String; let amount: String; let reference: String? }
    struct NewSlash: Decodable { let device_id: String; let principal_bps: Int; let rewards_bps: Int; let reason: String }
    struct Resolution: Decodable { let outcome: String }
    struct ClockAdvance: Decodable { let advance_seconds: Int64 }

    func register(on router: Router<APIContext>) {
        let group = router.group("v1/operator").add(middleware: OperatorAuth(token: services.operatorToken))
        group.post("devices") { request, context in
            let body = try await request.decode(as: NewDevice.self, context: context)
            let registration = DeviceRegistration(
                id: try body.device_id.map { text throws(CostakeError) in try DeviceID(text: text, field: "device_id") } ?? IdentifierSource.random.make(),
                name: body.name ?? "\(body.model) rig", owner: try Address(body.owner), model: body.model, processors: body.processors,
                status: try body.status.map(Self.status) ?? .down, hired: body.hired ?? false)
            let device = try await services.operatorActions.register(registration)
            return EditedResponse(status: .created, response: try await presenter.device(device.id))
        }
        group.patch("devices/:id") { request, context in
            let id = try DeviceID(text: context.parameters.require("id"), field: "device_id")
            let body = try await request.decode(as: DevicePatch.self, context: context)
            _ = try await services.operatorActions.update(id, status: try body.status.map(Self.status), hired: body.hired)
            return try await presenter.device(id)
        }
        group.post("telemetry") { request, context in
            // Batches of 10,000 events are about 1.2 MB: this route takes up to 16 MiB.
            let buffer = try await request.body.collect(upTo: Self.telemetryBodyLimit)
            // The usual shape is read directly; any other body goes to JSONDecoder, which
            // accepts or refuses it as it always has (see TelemetryBody).
            let body = try TelemetryBody.decode(buffer)
            var events: [TelemetryEvent] = []
            var rejected: [Wire.TelemetryResult.Rejection] = []
            var indexOf: [Int] = []
            for (index, event) in body.enumerated() {
                guard let id = try? DeviceID(text: event.device_id, field: "device_id"), let at = Timestamp(rfc3339: event.at),
                      let status = TelemetryStatus(rawValue: event.status) else {
                    rejected.append(.init(index: index, device_id: event.device_id, reason: "device_id must be a UUID, at an RFC 3339 time, status up or down"))
                    continue
                }
                indexOf.append(index)
                events.append(TelemetryEvent(deviceID: id, at: at, status: status, powOK: event.pow_ok, hired: event.hired))
            }
            // Events that could not even be read are counted here; the rest by the ingest.
            services.metrics.telemetry(accepted: 0, rejected: rejected.count)
            let result = try await services.operatorActions.ingest(events)
            rejected += result.rejected.map { .init(index: indexOf[$0.index], device_id: $0.deviceID, reason: $0.reason) }
            return Wire.TelemetryResult(accepted: result.accepted, rejected: rejected.sorted { $0.index < $1.index })
        }
        group.post("deposits") { request, context in
            let body = try await request.decode(as: Deposit.self, context: context)
            let address = try Address(body.account)
            _ = try await services.operatorActions.deposit(try Amount(wire: body.amount), to: address, reference: body.reference)
            return try await presenter.account(address)
        }
        group.post("slashes") { request, context in
            let body = try await request.decode(as: NewSlash.self, context: context)
            let slash = try await services.operatorActions.slash(try DeviceID(text: body.device_id, field: "device_id"),
                                                                 principalBps: body.principal_bps, rewardsBps: body.rewards_bps, reason: body.reason)
            return EditedResponse(status: .created, response: Wire.SlashBody(slash, items: try await services.store.slashItems(slash.id)))
        }
        group.post("slashes/:id/resolve") { request, context in
            let id = try SlashID(text: context.parameters.require("id"), field: "slash_id")
            let body = try await request.decode(as: Resolution.self, context: context)
            guard let outcome = SlashOutcome(rawValue: body.outcome) else { throw CostakeError(.malformed, "outcome is upheld or overturned.") }
            let slash = try await services.operatorActions.resolve(id, outcome)
            return Wire.SlashBody(slash, items: try await services.store.slashItems(id))
        }
        group.post("clock") { request, context in
            guard let clock = services.manualClock else {
                throw APIError(status: .conflict, code: .clockNotManual, message: "The clock moves only on a server run with --clock manual.")
            }
            let body = try await request.decode(as: ClockAdvance.self, context: context)
            guard (0...(366 * 86_400)).contains(body.advance_seconds) else {
                throw CostakeError(.malformed, "advance_seconds is from 0 to one year (31622400).")
            }
            let now = try await services.demo?.advance(clock, seconds: body.advance_seconds) ?? clock.advance(seconds: body.advance_seconds)
            try await services.store.setSetting("manual_clock", String(now.seconds))
            try await services.blocks.closeDue()
            return Wire.Clock(now: now.rfc3339, last_block: try await services.store.lastClosedHeight())
        }
    }

    static func status(_ text: String) throws -> DeviceStatus {
        guard let status = DeviceStatus(rawValue: text) else {
            throw CostakeError(.malformed, "status is one of \(DeviceStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return status
    }
}

extension OperatorRoutes {
    /// The body limit of `POST /v1/operator/telemetry` (every other body: 1 MiB).
    static let telemetryBodyLimit = 16 << 20
}

/// Refuses operator calls without the configured bearer token (compared in constant time):
/// 401 `unauthorized` with `WWW-Authenticate`; 403 `forbidden` when the server has no token.
struct OperatorAuth<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { throw APIError.forbidden("The operator API is disabled: the server has no operator token.") }
        let given = request.headers[.authorization] ?? ""
        guard given.hasPrefix("Bearer "), Self.constantTimeEqual(Array(given.utf8.dropFirst(7)), Array(token.utf8)) else {
            var error = APIError(status: .unauthorized, code: .unauthorized,
                                 message: given.isEmpty ? "The operator API needs the header Authorization: Bearer <operator token>."
                                                        : "The operator token given is not this server's; nothing was changed.")
            error.headers[.wwwAuthenticate] = #"Bearer realm="costake operator""#
            throw error
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
