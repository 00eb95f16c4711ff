import CostakeApp
import CostakeCore
import CostakeStorage
import Hummingbird

/// A split of a whole between the owner's side and the co-staker's, for a two-sided bar.
public struct Split {
    public let leftLabel: String
    public let rightLabel: String
    /// The left part's width in percent, for the bar's CSS.
    public let leftPercent: Int

    public init(left: String, leftAmount: Amount, right: String, rightAmount: Amount) {
        let total = leftAmount.baseUnits + rightAmount.baseUnits
        let leftBps = total > 0 ? leftAmount.baseUnits * 10_000 / total : 0
        leftPercent = Int(leftBps / 100)
        leftLabel = "\(left): \(Display.io(leftAmount)) IO (\(Display.percent(bps: leftBps)))"
        rightLabel = "\(right): \(Display.io(rightAmount)) IO (\(Display.percent(bps: total > 0 ? 10_000 - leftBps : 0)))"
    }

    public init(shareLeft left: String, right: String, rightBps: Int64) {
        leftPercent = Int((10_000 - rightBps) / 100)
        leftLabel = "\(left) (\(Display.percent(bps: 10_000 - rightBps)))"
        rightLabel = "\(right) (\(Display.percent(bps: rightBps)))"
    }
}

/// The offer summary (`/offers/{id}`, the shareable link): what a co-staker puts in and gets,
/// and the Co-stake action signed by the connected wallet.
struct OfferPage {
    let layout: Layout
    let offerID: String
    let deviceID: String
    let model: String
    let processors: Int
    let status: String
    let isOpen: Bool
    let closedReason: String?
    let contribution: Split
    let rewards: Split
    let requested: String
    let requestedWire: String
    let requirement: String
    let shareBps: Int
    let share: String
    let perBlock: String
    let perWeek: String
    let apr: String
    let formula: String
    let reliability: String
    let slashCount: Int
    let link: String
    let disabledReason: String?
    let describe: String

    static func load(_ request: Request, id: OfferID, services: NetworkServices) async throws -> OfferPage {
        let viewer = Viewer(request)
        guard let offer = try await services.store.offer(id) else { throw CostakeError(.offerNotFound, "No offer has the id \(id).") }
        guard let device = try await services.store.device(offer.deviceID) else { throw CostakeError(.deviceNotFound, "No device \(offer.deviceID).") }
        let estimate = try await services.queries.estimate(offer)
        let requirement = services.rules.requirement(of: device)
        let ownerPart = (try? requirement.subtracting(offer.requestedAmount)) ?? .zero
        let slashes = try await services.store.slashes(on: device.id).filter { $0.state != .overturned }.count
        let taker = try await TakeCheck.taker(viewer.account, services: services)
        let share = Display.percent(bps: Int64(offer.rewardShare.value))
        return OfferPage(
            layout: Layout(title: "Co-Staking with \(device.model) ×\(device.processors)", path: "/offers", viewer: viewer, services: services),
            offerID: id.description, deviceID: device.id.description, model: device.model, processors: device.processors,
            status: offer.status.rawValue, isOpen: offer.status == .open, closedReason: offer.closedReason?.rawValue,
            contribution: Split(left: "Device owner", leftAmount: ownerPart, right: "You", rightAmount: offer.requestedAmount),
            rewards: Split(shareLeft: "Device owner", right: "You", rightBps: Int64(offer.rewardShare.value)),
            requested: Display.io(offer.requestedAmount), requestedWire: offer.requestedAmount.wireForm,
            requirement: Display.io(requirement), shareBps: offer.rewardShare.value, share: share,
            perBlock: Display.io(estimate.perBlock), perWeek: Display.io(estimate.perWeek),
            apr: Display.percent(bps: estimate.aprBps), formula: RewardEstimate.formula,
            reliability: (try await services.store.telemetry(device.id)?.reliability).map { "\($0)%" } ?? "— (under 24 h of telemetry)",
            slashCount: slashes, link: "/offers/\(id)",
            disabledReason: TakeCheck.reason(offer: offer, device: device, taker: taker),
            describe: "Co-stake \(Display.io(offer.requestedAmount)) IO of your balance on the \(device.model) ×\(device.processors) "
                + "(device \(device.id)) for \(share) of its block rewards, under offer \(id).")
    }
}
