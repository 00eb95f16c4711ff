import CostakeApp
import CostakeCore
import CostakeStorage
import Hummingbird

/// The create-offer wizard (`/manage/devices/{id}/offer`): 1. the contribution asked of the
/// co-staker, 2. the reward share, 3. the summary, signed as `create_offer`. Each step is a
/// plain form (it works without JavaScript up to the signature), checked against SPEC §5
/// before the next step, with the error beside its field.
struct OfferWizardPage {
    struct Step { let number: Int; let label: String; let done: Bool; let current: Bool }

    let layout: Layout
    let deviceID: String
    let deviceName: String
    let model: String
    let processors: Int
    let steps: [Step]
    let step1: Bool
    let step2: Bool
    let step3: Bool
    let amount: String
    let amountWire: String
    let amountError: String?
    let maximum: String
    let minimum: String?
    let shareText: String
    let shareBps: Int
    let shareError: String?
    let contribution: Split?
    let rewards: Split?
    let perBlock: String
    let basisUnits: Int64
    let blocksPerWeek: Int64
    let backHref: String
    let describe: String

    static func load(_ request: Request, id: DeviceID, services: NetworkServices) async throws -> OfferWizardPage {
        let viewer = Viewer(request)
        guard let device = try await services.store.device(id) else { throw CostakeError(.deviceNotFound, "No device has the id \(id).") }
        let parameters = request.uri.queryParameters
        let requirement = services.rules.requirement(of: device)
        let maximum = (try? requirement.scaled(by: 1, over: 2)) ?? .zero
        let now = services.clock.now()
        var ownerActive: Int64 = 0
        for stored in try await services.store.positions(on: id) where stored.role == .owner {
            var position = stored
            position.advance(to: now)
            if position.state == .active { ownerActive += position.amount.baseUnits }
        }
        let minimum = Amount(baseUnits: max(1, requirement.baseUnits - ownerActive))

        var step = Int(parameters["step"].map(String.init) ?? "1") ?? 1
        let amountText = Query.string(parameters, "amount") ?? ""
        var amountError: String?
        var amount: Amount?
        if step >= 2 {
            amount = try? Amount(wire: amountText)
            if amount == nil { amountError = "Enter an amount in IO, such as 640 or 12.5." }
            else if let a = amount, !a.isPositive || a > maximum {
                amountError = "The amount must be more than 0 and at most \(Display.io(maximum)) IO (50% of the requirement)."
            } else if let a = amount, a < minimum {
                amountError = "With \(Display.io(Amount(baseUnits: ownerActive))) IO of your own stake active, ask for at least "
                    + "\(Display.io(minimum)) IO, so that a taken offer leaves the device sufficient (or stake more first)."
            }
            if amountError != nil { step = 1 }
        }
        let shareText = Query.string(parameters, "share") ?? "50"
        var shareError: String?
        let bps = Display.basisPoints(percent: shareText)
        if step >= 3 {
            if bps == nil { shareError = "Enter a percentage such as 25 or 12.5." }
            else if let b = bps, b < 500 || b > 10_000 { shareError = "The share must be from 5% to 100%." }
            if shareError != nil { step = 2 }
        }
        let shareBps = bps.flatMap { (500...10_000).contains($0) ? $0 : nil } ?? 5_000
        let estimate = RewardEstimate.make(deviceRewardPerBlock: device.rewardBasis, rewardShare: BasisPoints(shareBps),
                                           requested: amount ?? maximum, blocksPerWeek: services.schedule.blocks(in: 7 * 86_400))
        let labels = ["Co-Staking Contribution", "Block Rewards Sharing", "Summary"]
        let requested = amount ?? maximum
        return OfferWizardPage(
            layout: Layout(title: "Co-Staking Offer", path: "/manage", viewer: viewer, services: services),
            deviceID: id.description, deviceName: device.name, model: device.model, processors: device.processors,
            steps: labels.enumerated().map { Step(number: $0.offset + 1, label: $0.element, done: $0.offset + 1 < step, current: $0.offset + 1 == step) },
            step1: step == 1, step2: step == 2, step3: step >= 3,
            amount: amountText.isEmpty ? maximum.wireForm : amountText, amountWire: requested.wireForm, amountError: amountError,
            maximum: Display.io(maximum), minimum: minimum > Amount(baseUnits: 1) ? Display.io(minimum) : nil,
            shareText: shareText, shareBps: shareBps, shareError: shareError,
            contribution: Split(left: "Your contribution", leftAmount: (try? requirement.subtracting(requested)) ?? .zero,
                                right: "Co-staker's contribution", rightAmount: requested),
            rewards: Split(shareLeft: "You", right: "Co-staker", rightBps: Int64(shareBps)),
            perBlock: Display.io(estimate.perBlock), basisUnits: device.rewardBasis.baseUnits,
            blocksPerWeek: services.schedule.blocks(in: 7 * 86_400), backHref: "/manage",
            describe: "Publish an offer on your \(device.model) ×\(device.processors) (device \(id)): a co-staker puts in "
                + "\(Display.io(requested)) IO and receives \(Display.percent(bps: Int64(shareBps))) of the device's block rewards.")
    }
}

import Foundation
