/// A device's stake as SPEC §4 counts it.
public struct StakeStatus: Sendable, Hashable {
    public let requirement: Amount
    public let ownerActive: Amount
    public let coStakerActive: Amount
    public let coStakerWaiting: Amount
    /// Owner and co-staker positions in `cooling`.
    public let cooling: Amount

    public init(requirement: Amount, positions: some Sequence<Position>) {
        var ownerActive: Int64 = 0, coActive: Int64 = 0, coWaiting: Int64 = 0, cooling: Int64 = 0
        for position in positions {
            switch (position.role, position.state) {
            case (.owner, .active): ownerActive += position.amount.baseUnits
            case (.coStaker, .active): coActive += position.amount.baseUnits
            case (.coStaker, .waiting): coWaiting += position.amount.baseUnits
            case (_, .cooling): cooling += position.amount.baseUnits
            default: break
            }
        }
        self.requirement = requirement
        self.ownerActive = Amount(baseUnits: ownerActive)
        self.coStakerActive = Amount(baseUnits: coActive)
        self.coStakerWaiting = Amount(baseUnits: coWaiting)
        self.cooling = Amount(baseUnits: cooling)
    }

    /// Owner active + co-staker active + co-staker waiting.
    public var counted: Amount {
        Amount(baseUnits: ownerActive.baseUnits + coStakerActive.baseUnits + coStakerWaiting.baseUnits)
    }

    /// Counted stake ≥ requirement.
    public var isSufficient: Bool { counted >= requirement }

    /// max(0, min(owner active, owner active + co-staker active − requirement)); stake in
    /// `waiting` never creates overflow.
    public var overflow: Amount {
        let surplus = ownerActive.baseUnits + coStakerActive.baseUnits - requirement.baseUnits
        return Amount(baseUnits: max(0, min(ownerActive.baseUnits, surplus)))
    }
}

extension WorkingSet {
    /// The device, or `device_not_found`.
    public func device(_ id: DeviceID) throws(CostakeError) -> Device {
        guard let device = devices[id] else { throw CostakeError(.deviceNotFound, "No device has the id \(id).") }
        return device
    }

    public func offer(_ id: OfferID) throws(CostakeError) -> Offer {
        guard let offer = offers[id] else { throw CostakeError(.offerNotFound, "No offer has the id \(id).") }
        return offer
    }

    public func position(_ id: PositionID) throws(CostakeError) -> Position {
        guard let position = positions[id] else { throw CostakeError(.positionNotFound, "No position has the id \(id).") }
        return position
    }

    public func slash(_ id: SlashID) throws(CostakeError) -> Slash {
        guard let slash = slashes[id] else { throw CostakeError(.slashNotFound, "No slash has the id \(id).") }
        return slash
    }

    /// The device's positions that are not withdrawn (its whole context must be loaded).
    public func positions(on device: DeviceID) -> [Position] {
        precondition(scope.devices.contains(device), "device \(device) context not loaded")
        // One array, sized once: a block close asks for every device's.
        guard let ids = positionsByDevice[device] else { return [] }
        var live: [Position] = []
        live.reserveCapacity(ids.count)
        for id in ids {
            if let position = positions[id], position.state != .withdrawn { live.append(position) }
        }
        return live
    }

    public func stakeStatus(of device: Device) -> StakeStatus {
        StakeStatus(requirement: rules.requirement(of: device), positions: positions(on: device.id))
    }

    /// The device's `open` or `active` offer, if any.
    public func liveOffer(on device: DeviceID) -> Offer? {
        precondition(scope.devices.contains(device), "device \(device) context not loaded")
        return (offersByDevice[device] ?? []).compactMap { offers[$0] }.first { $0.status.isLive }
    }

    /// How many of the claim cap's slots the co-staker uses (`active` and `waiting` positions).
    public func claimSlotsUsed(by staker: Address) -> Int {
        precondition(scope.coStakesOf.contains(staker), "co-stakes of \(staker) not loaded")
        return positions.values.filter { $0.staker == staker && $0.role == .coStaker && $0.state.holdsClaimSlot }.count
    }

    func requireOwner(_ device: Device, _ signer: Address) throws(CostakeError) {
        guard device.owner == signer else {
            throw CostakeError(.notDeviceOwner, "Only the owner of device \(device.id) may do this; \(signer) is not its owner.")
        }
    }

    func requireStaker(_ position: Position, _ signer: Address) throws(CostakeError) {
        guard position.staker == signer else {
            throw CostakeError(.notPositionOwner, "Only the staker of position \(position.id) may do this; \(signer) did not stake it.")
        }
    }
}
