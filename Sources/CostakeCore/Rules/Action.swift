/// A user transaction of SPEC §5 with its parameters, as signed.
public enum Action: Sendable, Hashable {
    case stake(device: DeviceID, amount: Amount)
    case createOffer(device: DeviceID, requestedAmount: Amount, rewardShareBps: Int)
    case retractOffer(offer: OfferID)
    case coStake(offer: OfferID, requestedAmount: Amount, rewardShareBps: Int)
    case unstake(position: PositionID, amount: Amount?)
    case withdraw(position: PositionID)
    case claimRewards
    case appealSlash(slash: SlashID)

    /// The wire name of the transaction type.
    public var type: TransactionType {
        switch self {
        case .stake: return .stake
        case .createOffer: return .createOffer
        case .retractOffer: return .retractOffer
        case .coStake: return .coStake
        case .unstake: return .unstake
        case .withdraw: return .withdraw
        case .claimRewards: return .claimRewards
        case .appealSlash: return .appealSlash
        }
    }

    /// What the rules of this action read, for `signer`.
    public func scope(signer: Address) -> Scope {
        var scope = Scope()
        scope.accounts = [signer]
        switch self {
        case .stake(let device, _), .createOffer(let device, _, _): scope.devices = [device]
        case .retractOffer(let offer): scope.offers = [offer]
        case .coStake(let offer, _, _): scope.offers = [offer]; scope.coStakesOf = [signer]
        case .unstake(let position, _), .withdraw(let position): scope.positions = [position]
        case .claimRewards: scope.rewardsOf = [signer]
        case .appealSlash(let slash): scope.slashes = [slash]
        }
        return scope
    }
}

/// The transaction types of SPEC §5, by wire name.
public enum TransactionType: String, Sendable, Codable, CaseIterable {
    case stake
    case createOffer = "create_offer"
    case retractOffer = "retract_offer"
    case coStake = "co_stake"
    case unstake
    case withdraw
    case claimRewards = "claim_rewards"
    case appealSlash = "appeal_slash"
}

/// What an approved transaction reports back (the `result` object of the API).
public enum TransactionResult: Sendable, Hashable {
    case position(PositionID)
    case offer(OfferID)
    case unstaked(position: PositionID, state: PositionState, returned: Amount)
    case amount(Amount)
    case slash(SlashID, SlashState)

    /// The result as wire fields (all strings).
    public var fields: [String: String] {
        switch self {
        case .position(let id): return ["position_id": id.description]
        case .offer(let id): return ["offer_id": id.description]
        case .unstaked(let id, let state, let returned):
            return ["position_id": id.description, "state": state.rawValue, "returned": returned.wireForm]
        case .amount(let amount): return ["amount": amount.wireForm]
        case .slash(let id, let state): return ["slash_id": id.description, "state": state.rawValue]
        }
    }
}

extension WorkingSet {
    /// Applies a user transaction signed by `signer`, or throws the first rule it breaks.
    public mutating func apply(_ action: Action, signer: Address) throws(CostakeError) -> TransactionResult {
        switch action {
        case .stake(let device, let amount): return try stake(amount, on: device, signer: signer)
        case .createOffer(let device, let amount, let bps):
            return try createOffer(on: device, requestedAmount: amount, rewardShareBps: bps, signer: signer)
        case .retractOffer(let offer): return try retractOffer(offer, signer: signer)
        case .coStake(let offer, let amount, let bps):
            return try coStake(offer, requestedAmount: amount, rewardShareBps: bps, signer: signer)
        case .unstake(let position, let amount): return try unstake(position, amount: amount, signer: signer)
        case .withdraw(let position): return try withdraw(position, signer: signer)
        case .claimRewards: return try claimRewards(signer: signer)
        case .appealSlash(let slash): return try appealSlash(slash, signer: signer)
        }
    }
}
