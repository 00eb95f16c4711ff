import CostakeApp
import CostakeCore
import CostakeStorage

/// Builds the wire shapes from domain values and the read-side queries.
struct Presenter {
    let services: NetworkServices

    var now: Timestamp { services.clock.now() }

    func offer(_ offer: Offer, device: Device, reliability: Int?, slashCount: Int) async throws -> Wire.OfferBody {
        let estimate = try await services.queries.estimate(offer, device: device)
        return Wire.OfferBody(
            offer_id: offer.id.description, device_id: device.id.description, model: device.model,
            processors: device.processors, requirement: services.rules.requirement(of: device).wireForm,
            requested_amount: offer.requestedAmount.wireForm, reward_share_bps: offer.rewardShare.value,
            status: offer.status.rawValue, closed_reason: offer.closedReason?.rawValue, reliability: reliability,
            estimated_reward_per_block: estimate.perBlock.wireForm, estimated_reward_per_week: estimate.perWeek.wireForm,
            estimated_apr_bps: estimate.aprBps, slash_count: slashCount, created_at: offer.createdAt.rfc3339,
            link: "/offers/\(offer.id)")
    }

    func offer(_ id: OfferID) async throws -> Wire.OfferBody {
        guard let offer = try await services.store.offer(id) else { throw CostakeError(.offerNotFound, "No offer has the id \(id).") }
        guard let device = try await services.store.device(offer.deviceID) else { throw CostakeError(.deviceNotFound, "No device \(offer.deviceID).") }
        let slashes = try await services.store.slashes(on: device.id).filter { $0.state != .overturned }.count
        return try await self.offer(offer, device: device, reliability: try await services.store.telemetry(device.id)?.reliability,
                                    slashCount: slashes)
    }

    func device(_ id: DeviceID) async throws -> Wire.DeviceBody {
        let store = services.store
        guard let device = try await store.device(id) else { throw CostakeError(.deviceNotFound, "No device has the id \(id).") }
        let now = self.now
        let positions = try await store.positions(on: id)
        let advanced = positions.map { p -> Position in var a = p; a.advance(to: now); return a }
        let stake = StakeStatus(requirement: services.rules.requirement(of: device), positions: advanced.filter { $0.state != .withdrawn })
        let telemetry = try await store.telemetry(id)
        let slashes = try await store.slashes(on: id)
        var slashBodies: [Wire.SlashBody] = []
        for slash in slashes { slashBodies.append(Wire.SlashBody(slash, items: try await store.slashItems(slash.id))) }
        // The checklist of the block in progress, as of now.
        let next = (try await store.lastClosedHeight() ?? -1) + 1
        let eligibility = Eligibility.evaluate(device: device, model: services.rules.model(of: device), telemetry: telemetry,
                                               stake: stake, start: services.schedule.start(of: next),
                                               end: min(services.schedule.end(of: next), now))
        let live = try await store.offers({ var q = OfferQuery(); q.deviceID = id; q.status = .open; return q }()).first?.offer
        let active = try await store.offers({ var q = OfferQuery(); q.deviceID = id; q.status = .active; return q }()).first?.offer
        let slashCount = slashes.filter { $0.state != .overturned }.count
        let offer = try await (live ?? active).asyncMap { try await self.offer($0, device: device, reliability: telemetry?.reliability, slashCount: slashCount) }
        return Wire.DeviceBody(
            device_id: id.description, name: device.name, owner: device.owner.text, model: device.model,
            processors: device.processors, status: device.status.rawValue, hired: device.hired,
            requirement: stake.requirement.wireForm, counted_stake: stake.counted.wireForm, sufficient: stake.isSufficient,
            overflow: stake.overflow.wireForm, reliability: telemetry?.reliability, offer: offer,
            positions: positions.map { Wire.PositionBody($0, now: now) }, slashes: slashBodies,
            eligibility: eligibility.checks.map { Wire.Check(check: $0.name, passed: $0.passed) })
    }

    func account(_ address: Address) async throws -> Wire.Account {
        let now = self.now
        let available = try await services.store.account(address)?.available ?? .zero
        var sums: [PositionState: Int64] = [:]
        var unclaimed: Int64 = 0, lifetime: Int64 = 0, slots = 0
        for position in try await services.store.positions(of: address) {
            var p = position
            p.advance(to: now)
            sums[p.state, default: 0] += p.amount.baseUnits
            unclaimed += p.unclaimedRewards.baseUnits
            lifetime += p.lifetimeRewards.baseUnits
            if p.role == .coStaker && p.state.holdsClaimSlot { slots += 1 }
        }
        let a = { (state: PositionState) in Amount(baseUnits: sums[state] ?? 0).wireForm }
        return Wire.Account(address: address.text, available: available.wireForm, staked: a(.active), waiting: a(.waiting),
                            cooling: a(.cooling), withdrawable: a(.withdrawable),
                            unclaimed_rewards: Amount(baseUnits: unclaimed).wireForm,
                            lifetime_rewards: Amount(baseUnits: lifetime).wireForm, claim_slots_used: slots,
                            claim_slots: services.rules.claimCap)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
