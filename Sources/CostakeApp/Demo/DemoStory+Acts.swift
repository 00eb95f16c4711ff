import CostakeCore
import CostakeCrypto
import Foundation

/// The single acts of the demo's story, each through a signed transaction or an operator action.
extension DemoStory {
    /// Signs and submits `action`; a refusal is counted, not thrown.
    mutating func submit(_ action: Action, by key: Keypair) async throws -> [String: String]? {
        let text = MessageComposer.text(action, network: processor.network, signer: key.address, nonce: ids.text(),
                                        expiresAt: clock.now().adding(seconds: 300))
        do {
            return try await processor.submit(message: text, signature: key.signBase58(text)).result
        } catch let error as CostakeError {
            summary.refusals[error.code.rawValue, default: 0] += 1
            return nil
        }
    }

    func key(of address: Address) -> Keypair { plan.owners.first { $0.address == address }! }

    mutating func publish(_ index: Int, amount: Amount, bps: Int) async throws {
        let device = plan.devices[index].registration
        if let result = try await submit(.createOffer(device: device.id, requestedAmount: amount, rewardShareBps: bps), by: key(of: device.owner)),
           let id = result["offer_id"] {
            openOffers[index] = try OfferID(text: id, field: "offer_id")
            summary.offers += 1
        }
    }

    mutating func coStakeSome(count: Int) async throws {
        for _ in 0..<count {
            guard let index = openOffers.keys.sorted().randomElement(using: &random),
                  let taker = load.indices.filter({ load[$0] < 2 }).randomElement(using: &random),
                  let offerID = openOffers[index], let offer = try await store.offer(offerID) else { return }
            let action = Action.coStake(offer: offerID, requestedAmount: offer.requestedAmount, rewardShareBps: offer.rewardShare.value)
            if let result = try await submit(action, by: plan.coStakers[taker]), let id = result["position_id"] {
                coStakes.append(CoStake(position: try PositionID(text: id, field: "position_id"), coStaker: taker, device: index))
                load[taker] += 1
                summary.coStakes += 1
            }
            openOffers[index] = nil
        }
    }

    mutating func retract(count: Int) async throws {
        for index in openOffers.keys.sorted().shuffled(using: &random).prefix(count) {
            _ = try await submit(.retractOffer(offer: openOffers[index]!), by: key(of: plan.devices[index].registration.owner))
            openOffers[index] = nil
        }
    }

    /// Owners staked above the requirement take part of the overflow back at once.
    mutating func withdrawOverflow(count: Int) async throws {
        let rich = plan.devices.indices.filter { plan.devices[$0].stake > plan.devices[$0].requirement }.shuffled(using: &random)
        for index in rich.prefix(count) {
            let device = plan.devices[index]
            guard let position = try await store.positions(on: device.registration.id).first(where: { $0.role == .owner && $0.state == .active }) else { continue }
            let overflow = try device.stake.subtracting(device.requirement)
            _ = try await submit(.unstake(position: position.id, amount: try overflow.scaled(by: 1, over: 2)), by: key(of: device.registration.owner))
        }
    }

    /// Co-stakers unstake: their positions wait 7 days, their offers close.
    mutating func leave(count: Int) async throws {
        for _ in 0..<count where !coStakes.isEmpty {
            let stake = coStakes.remove(at: Int.random(in: 0..<coStakes.count, using: &random))
            if try await submit(.unstake(position: stake.position, amount: nil), by: plan.coStakers[stake.coStaker]) != nil {
                vacated.append(stake.device)
            }
        }
    }

    /// Owners unstake in full: into cooling, taking an active co-staker with them when there is one.
    mutating func ownerUnstake(count: Int, withCoStaker: Bool) async throws {
        let busy = Set(coStakes.map(\.device))
        var candidates = plan.devices.indices.filter {
            plan.devices[$0].stake.isPositive && !plan.devices[$0].registration.hired && openOffers[$0] == nil && busy.contains($0) == withCoStaker
        }
        candidates.shuffle(using: &random)
        for index in candidates.prefix(count) {
            let device = plan.devices[index].registration
            guard let position = try await store.positions(on: device.id).first(where: { $0.role == .owner && $0.state == .active }) else { continue }
            if try await submit(.unstake(position: position.id, amount: nil), by: key(of: device.owner)) != nil, withCoStaker {
                coStakes.removeAll { $0.device == index }
            }
        }
    }

    mutating func terminate(count: Int) async throws -> Bool {
        for index in plan.devices.indices.shuffled(using: &random).prefix(count) {
            _ = try await operations.update(plan.devices[index].registration.id, status: .terminated)
            openOffers[index] = nil
        }
        return true
    }

    mutating func claim(share: Int) async throws {
        for key in plan.owners + plan.coStakers where random.chance(share) {
            if try await store.positions(of: key.address).contains(where: { $0.unclaimedRewards.isPositive }) {
                _ = try await submit(.claimRewards, by: key)
            }
        }
    }

    /// Owners whose co-staker left publish a new offer.
    mutating func republish() async throws {
        for index in vacated.prefix(10) {
            guard let terms = plan.devices[index].offer else { continue }
            try await publish(index, amount: terms.amount, bps: min(10_000, terms.bps + 500))
        }
    }

    /// The operator slashes staked devices (5% of principal, 10% of unclaimed rewards).
    mutating func slash(count: Int) async throws {
        let staked = plan.devices.indices.filter { plan.devices[$0].stake.isPositive && plan.devices[$0].earns }.shuffled(using: &random)
        for index in staked.prefix(count) {
            let slash = try await operations.slash(plan.devices[index].registration.id, principalBps: 500, rewardsBps: 1_000,
                                                   reason: "Demo: proof-of-work results did not match the work reported")
            slashed.append((slash.id, index))
            summary.slashes += 1
        }
    }

    mutating func appeal(_ slashes: [SlashID]) async throws {
        for id in slashes {
            guard let entry = slashed.first(where: { $0.slash == id }) else { continue }
            _ = try await submit(.appealSlash(slash: id), by: key(of: plan.devices[entry.device].registration.owner))
        }
    }

    mutating func resolve(_ slashes: [SlashID], _ outcome: SlashOutcome) async throws {
        for id in slashes { _ = try await operations.resolve(id, outcome) }
    }
}
