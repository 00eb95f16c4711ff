/// Writes the message text of SPEC §9 for an action: what the CLI, the web wallet and the
/// tests sign. Fields are in a fixed order; the parser accepts any order.
public enum MessageComposer {
    public static func text(_ action: Action, network: String, signer: Address, nonce: String,
                            expiresAt: Timestamp) -> String {
        var fields: [(String, String)] = [
            ("network", quoted(network)), ("type", quoted(action.type.rawValue)), ("signer", quoted(signer.text)),
            ("nonce", quoted(nonce)), ("expires_at", quoted(expiresAt.rfc3339)),
        ]
        fields += parameters(action)
        return "{" + fields.map { "\(quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    static func parameters(_ action: Action) -> [(String, String)] {
        switch action {
        case .stake(let device, let amount):
            return [("device_id", quoted(device.description)), ("amount", quoted(amount.wireForm))]
        case .createOffer(let device, let amount, let bps):
            return [("device_id", quoted(device.description)), ("requested_amount", quoted(amount.wireForm)),
                    ("reward_share_bps", String(bps))]
        case .retractOffer(let offer):
            return [("offer_id", quoted(offer.description))]
        case .coStake(let offer, let amount, let bps):
            return [("offer_id", quoted(offer.description)), ("requested_amount", quoted(amount.wireForm)),
                    ("reward_share_bps", String(bps))]
        case .unstake(let position, let amount):
            return [("position_id", quoted(position.description))] + (amount.map { [("amount", quoted($0.wireForm))] } ?? [])
        case .withdraw(let position):
            return [("position_id", quoted(position.description))]
        case .claimRewards:
            return []
        case .appealSlash(let slash):
            return [("slash_id", quoted(slash.description))]
        }
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
