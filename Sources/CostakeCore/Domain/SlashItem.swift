/// What one slash took from one position: returned to it when the slash is overturned.
public struct SlashItem: Sendable, Hashable {
    public let slashID: SlashID
    public let positionID: PositionID
    public let staker: Address
    public let principal: Amount
    public let rewards: Amount

    public init(slashID: SlashID, positionID: PositionID, staker: Address, principal: Amount, rewards: Amount) {
        self.slashID = slashID
        self.positionID = positionID
        self.staker = staker
        self.principal = principal
        self.rewards = rewards
    }
}
