import CostakeApp
import CostakeCore
import CostakeStorage
import Hummingbird

/// One owned device on the owner's page: stake against requirement, what is cooling and
/// withdrawable, and the actions its state allows, each with the reason when it does not.
struct OwnedDevice {
    let deviceID: String
    let name: String
    let model: String
    let processors: Int
    let status: String
    let sufficient: Bool
    let staked: String
    let requirement: String
    let cooling: String
    let coolingCountdown: String?
    let withdrawable: [PositionRow]
    let overflow: String
    let overflowWire: String
    let hasOverflow: Bool
    let ownerPositionID: String?
    let ownerActive: String
    let stakeBlocked: String?
    let offerID: String?
    let offerOpen: Bool
    let offerActive: Bool
    let offerSummary: String?
    let canCreateOffer: Bool
    let createOfferBlocked: String?
    let unstakeLines: [String]
    let fullUnstakeBlocked: String?

    init(_ device: Device, body: Wire.DeviceBody, positions: [Position], earns: Bool, now: Timestamp) {
        deviceID = body.device_id
        name = body.name
        model = body.model
        processors = body.processors
        status = body.status
        sufficient = body.sufficient
        let owner = positions.map { p -> Position in var a = p; a.advance(to: now); return a }.filter { $0.role == .owner }
        let active = owner.first { $0.state == .active }
        let coolingPositions = owner.filter { $0.state == .cooling }
        staked = Display.io(wire: body.counted_stake)
        requirement = Display.io(wire: body.requirement)
        cooling = Display.io(Amount(baseUnits: coolingPositions.reduce(0) { $0 + $1.amount.baseUnits }))
        coolingCountdown = coolingPositions.compactMap(\.coolingEndsAt).min().map { Display.countdown(from: now, to: $0) }
        withdrawable = owner.filter { $0.state == .withdrawable }.map { PositionRow($0, model: device.model, now: now) }
        overflow = Display.io(wire: body.overflow)
        overflowWire = body.overflow
        hasOverflow = ((try? Amount(wire: body.overflow)) ?? .zero).isPositive
        ownerPositionID = active?.id.description
        ownerActive = Display.io(active?.amount ?? .zero)
        stakeBlocked = device.status == .terminated ? "The device is terminated"
            : coolingPositions.isEmpty ? nil : "Your stake is cooling; stake again once it is withdrawn"
        offerID = body.offer?.offer_id
        offerOpen = body.offer?.status == "open"
        offerActive = body.offer?.status == "active"
        offerSummary = body.offer.map {
            "\(Display.io(wire: $0.requested_amount)) IO requested for \(Display.percent(bps: Int64($0.reward_share_bps))) of rewards (\($0.status))"
        }
        createOfferBlocked = !earns ? "This model earns no rewards"
            : device.status == .terminated ? "The device is terminated"
            : body.offer != nil ? "The device already has an offer" : nil
        canCreateOffer = createOfferBlocked == nil
        let activeText = Display.io(active?.amount ?? .zero)
        unstakeLines = [
            "Up to \(overflow) IO (the overflow) returns to your balance at once, with no cooldown.",
            "More than \(overflow) IO, or nothing entered, unstakes all \(activeText) IO: 14 days of cooling, and the device stops counting it at once.",
            "The most you can unstake is \(activeText) IO.",
        ]
        fullUnstakeBlocked = body.hired ? "The device is hired: only the overflow can be withdrawn now"
            : offerOpen ? "Retract the open offer before a full unstake" : nil
    }
}

/// Manage Your Stake & Devices (`/manage`): the connected owner's devices with the
/// sufficient/insufficient filter, search and model filter (SPEC §11).
struct ManagePage {
    struct Option { let value: String; let label: String; let selected: Bool }

    let layout: Layout
    let address: String?
    let devices: [OwnedDevice]
    let filters: [Option]
    let models: [Option]
    let search: String
    let balances: Balances?

    static func load(_ request: Request, services: NetworkServices) async throws -> ManagePage {
        let viewer = Viewer(request)
        let layout = Layout(title: "Manage Your Stake & Devices", path: "/manage", viewer: viewer, services: services)
        let parameters = request.uri.queryParameters
        let filter = parameters["stake"].map(String.init) ?? ""
        let model = parameters["model"].map(String.init) ?? ""
        let search = (parameters["q"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let filters = [("", "Show all"), ("sufficient", "Sufficient stake"), ("insufficient", "Insufficient stake")]
            .map { Option(value: $0.0, label: $0.1, selected: $0.0 == filter) }
        guard let address = viewer.account else {
            return ManagePage(layout: layout, address: nil, devices: [], filters: filters, models: [], search: search, balances: nil)
        }
        let owned = try await services.store.devices(ownedBy: address)
        let presenter = Presenter(services: services)
        let now = services.clock.now()
        var devices: [OwnedDevice] = []
        for device in owned {
            if !model.isEmpty && device.model != model { continue }
            if !search.isEmpty && !device.id.description.localizedCaseInsensitiveContains(search)
                && !device.name.localizedCaseInsensitiveContains(search) { continue }
            let body = try await presenter.device(device.id)
            if filter == "sufficient" && !body.sufficient || filter == "insufficient" && body.sufficient { continue }
            let positions = try await services.store.positions(on: device.id)
            devices.append(OwnedDevice(device, body: body, positions: positions,
                                       earns: services.rules.model(of: device)?.earns ?? false, now: now))
        }
        let models = Set(owned.map(\.model)).sorted()
        return ManagePage(
            layout: layout, address: address.text, devices: devices, filters: filters,
            models: [Option(value: "", label: "All models", selected: model.isEmpty)]
                + models.map { Option(value: $0, label: $0, selected: $0 == model) },
            search: search, balances: Balances(try await presenter.account(address)))
    }
}

import Foundation
