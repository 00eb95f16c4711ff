/// A refusal with a stable machine-readable code and a message a person can act on.
/// Every rule of SPEC.md that fails throws one of these and changes nothing.
public struct CostakeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The error codes clients depend on (SPEC §5, §9 and the API).
    public enum Code: String, Sendable, CaseIterable {
        // Input that cannot be read (400).
        case malformed = "malformed"
        case invalidAmount = "invalid_amount"
        case invalidAddress = "invalid_address"
        case invalidNonce = "invalid_nonce"
        case wrongNetwork = "wrong_network"
        case expired = "expired"
        case expiryTooFar = "expiry_too_far"
        case invalidDevice = "invalid_device"
        case unknownModel = "unknown_model"
        // A signature that does not verify (401).
        case invalidSignature = "invalid_signature"
        // Unknown things (404).
        case deviceNotFound = "device_not_found"
        case offerNotFound = "offer_not_found"
        case positionNotFound = "position_not_found"
        case slashNotFound = "slash_not_found"
        // Rules of SPEC §5 that the transaction breaks (409).
        case notDeviceOwner = "not_device_owner"
        case notPositionOwner = "not_position_owner"
        case ownDevice = "own_device"
        case requestedAmountOutOfRange = "requested_amount_out_of_range"
        case rewardShareOutOfRange = "reward_share_out_of_range"
        case duplicateNonce = "duplicate_nonce"
        case cooldownInProgress = "cooldown_in_progress"
        case deviceTerminated = "device_terminated"
        case insufficientBalance = "insufficient_balance"
        case deviceNotEligible = "device_not_eligible"
        case offerExists = "offer_exists"
        case ownerStakeTooLow = "owner_stake_too_low"
        case offerNotOpen = "offer_not_open"
        case termsMismatch = "terms_mismatch"
        case claimCapReached = "claim_cap_reached"
        case positionNotActive = "position_not_active"
        case retractOfferFirst = "retract_offer_first"
        case deviceHired = "device_hired"
        case notWithdrawable = "not_withdrawable"
        case nothingToClaim = "nothing_to_claim"
        case appealClosed = "appeal_closed"
        case deviceExists = "device_exists"
        case slashResolved = "slash_resolved"
        case faucetTooSoon = "faucet_too_soon"
        // A sum that does not fit in 64 bits: never expected with the supply cap (409).
        case arithmeticOverflow = "arithmetic_overflow"
        // A broken internal invariant: a bug, never the caller's fault (500).
        case internalError = "internal_error"

        /// The HTTP status this code is answered with.
        public var httpStatus: Int {
            switch self {
            case .malformed, .invalidAmount, .invalidAddress, .invalidNonce, .wrongNetwork, .expired,
                 .expiryTooFar, .invalidDevice, .unknownModel:
                return 400
            case .invalidSignature: return 401
            case .deviceNotFound, .offerNotFound, .positionNotFound, .slashNotFound: return 404
            case .internalError: return 500
            default: return 409
            }
        }
    }
}
