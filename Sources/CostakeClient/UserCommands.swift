import CostakeCore
import CostakeCrypto
import Foundation

/// The library side of the user transactions: `stake`, `unstake`, `withdraw`, `offer create`,
/// `offer retract`, `co-stake`, `rewards claim` and `slash appeal`. Each returns what to print.
public enum UserCommands {
    public static func stake(device: String, amount: String, context: ClientContext) async throws -> String {
        try await Transactions.run(.stake(device: Parse.device(device), amount: Parse.amount(amount)), context: context)
    }

    public static func unstake(position: String, amount: String?, context: ClientContext) async throws -> String {
        let amount = try amount.map(Parse.amount)
        return try await Transactions.run(.unstake(position: Parse.position(position), amount: amount), context: context)
    }

    public static func withdraw(position: String, context: ClientContext) async throws -> String {
        try await Transactions.run(.withdraw(position: Parse.position(position)), context: context)
    }

    public static func createOffer(device: String, amount: String, rewardShareBps: Int, context: ClientContext) async throws -> String {
        let action = Action.createOffer(device: try Parse.device(device), requestedAmount: try Parse.amount(amount), rewardShareBps: rewardShareBps)
        return try await Transactions.run(action, context: context)
    }

    public static func retractOffer(_ offer: String, context: ClientContext) async throws -> String {
        try await Transactions.run(.retractOffer(offer: Parse.offer(offer)), context: context)
    }

    public static func claimRewards(context: ClientContext) async throws -> String {
        try await Transactions.run(.claimRewards, context: context)
    }

    public static func appealSlash(_ slash: String, context: ClientContext) async throws -> String {
        try await Transactions.run(.appealSlash(slash: Parse.slash(slash)), context: context)
    }

    /// Takes an offer on the terms the API shows for it. `confirm` is asked with those terms
    /// first (nil: `--yes`); a no sends nothing.
    public static func coStake(offer: String, context: ClientContext, confirm: ((String) -> Bool)?) async throws -> String {
        let id = try Parse.offer(offer)
        let terms = try await context.api.get("/v1/offers/\(id)").decode(API.Offer.self)
        if let confirm, !confirm(coStakeQuestion(terms)) {
            throw ClientError(.declined, "Not co-staked: nothing was sent.")
        }
        let action = Action.coStake(offer: id, requestedAmount: try Parse.amount(terms.requestedAmount), rewardShareBps: terms.rewardShareBps)
        return try await Transactions.run(action, context: context)
    }

    /// The terms a co-staker agrees to, then the question.
    static func coStakeQuestion(_ offer: API.Offer) -> String {
        let lines = keyValueLines([
            ("offer", offer.offerId + (offer.status == "open" ? "" : " (\(offer.status))")),
            ("device", "\(offer.deviceId) (\(offer.model) ×\(offer.processors))"),
            ("you stake", Show.io(offer.requestedAmount) + " of the requirement of " + Show.io(offer.requirement)),
            ("you receive", Show.percent(bps: Int64(offer.rewardShareBps)) + " of the device's block rewards"),
            ("estimated", Show.io(offer.estimatedRewardPerWeek, decimals: 2) + " per week, APR " + Show.percent(bps: offer.estimatedAprBps)),
            ("reliability", Show.optional(offer.reliability)),
            ("slashes", String(offer.slashCount)),
            ("leaving", "7 days waiting without rewards, then 14 days cooling, then withdraw"),
        ])
        return "The offer's terms:\n" + lines + "\nCo-stake on these terms? [y/N] "
    }
}

/// The library side of `costake wallet`: key files in the Solana CLI format.
public enum WalletCommands {
    /// Writes a new random key; refuses to replace an existing file unless `force`.
    public static func new(path: String, force: Bool, json: Bool) throws -> String {
        let key = Keypair()
        try KeyFile.write(key, to: path, overwrite: force)
        if json { return JSONText.object(["address": key.address.text, "keypair": path]) }
        return "Wrote a new key to \(path) (mode 0600). Keep it secret: it is the only way to move this account's IO.\naddress: \(key.address)"
    }

    /// The key file's address and where it is.
    public static func show(path: String, json: Bool) throws -> String {
        let key = try KeyFile.read(path)
        if json { return JSONText.object(["address": key.address.text, "keypair": path]) }
        return keyValueLines([("address", key.address.text), ("keypair", path)])
    }

    /// Only the address (for `$(costake wallet address)`).
    public static func address(path: String, json: Bool) throws -> String {
        let key = try KeyFile.read(path)
        return json ? JSONText.object(["address": key.address.text]) : key.address.text
    }
}

/// JSON text the client writes itself (sorted keys, so that shapes and order are stable).
enum JSONText {
    static func object(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(fields), as: UTF8.self)
    }

    static func data(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(value)
    }
}
