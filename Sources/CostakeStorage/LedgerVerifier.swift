import CostakeCore
import CostakeCrypto

/// Replays the journal from its first entry: recomputes every hash of the chain, checks that
/// every entry balances and that sequence numbers have no gap, rebuilds every balance from the
/// postings and compares it with what the store holds.
public struct LedgerVerifier: Sendable {
    public let store: any CostakeStore
    public var pageSize = 2_000

    public init(store: any CostakeStore) { self.store = store }

    /// The totals when everything agrees, or the first mismatch. The store's state is read
    /// first, in one snapshot (`ledgerState()`), and the journal replayed up to the head it
    /// names: entries committed while the replay runs come after that head and are not read, so
    /// a verification of a live network compares one moment with itself.
    public func verify() async throws -> Result<LedgerTotals, LedgerMismatch> {
        try await verify(against: store.ledgerState())
    }

    /// Replays the journal through `state.head` and compares it with `state`.
    public func verify(against state: LedgerState) async throws -> Result<LedgerTotals, LedgerMismatch> {
        var replay = JournalReplay()
        var after: Int64 = 0
        while after < state.head.sequence {
            let page = try await store.journal(after: after, limit: Int(min(Int64(pageSize), state.head.sequence - after)))
            for entry in page {
                if let mismatch = replay.apply(entry) { return .failure(mismatch) }
            }
            guard let last = page.last else { break }
            after = last.sequence
        }
        guard state.head.sequence == replay.sequence, state.head.hash == replay.hash else {
            return .failure(.headMismatch(recorded: state.head.sequence, journal: replay.sequence))
        }
        // Entries past the head in the same snapshot were added outside the store.
        guard state.journalEnd == state.head.sequence else {
            return .failure(.headMismatch(recorded: state.head.sequence, journal: state.journalEnd))
        }
        if let mismatch = replay.firstBalanceMismatch(state.balances) { return .failure(mismatch) }
        let accrued = replay.balances[.accrued] ?? 0
        guard state.accrued == accrued else { return .failure(.accruedMismatch(journal: accrued, positions: state.accrued)) }
        return .success(replay.totals)
    }
}

/// The running state of a journal replay; also used incrementally by the simulation.
public struct JournalReplay: Sendable {
    public private(set) var sequence: Int64 = 0
    public private(set) var hash = JournalEntry.genesisHash
    public private(set) var balances: [LedgerAccount: Int64] = [:]
    public private(set) var postingCount = 0
    /// The last entry that touched each account, to say where a mismatch comes from.
    private var lastTouched: [LedgerAccount: Int64] = [:]

    public init() {}

    /// Checks and applies the next entry; returns the mismatch when it does not fit.
    public mutating func apply(_ entry: JournalEntry) -> LedgerMismatch? {
        guard entry.sequence == sequence + 1 else {
            return .gap(expected: sequence + 1, found: entry.sequence)
        }
        guard entry.previousHash == hash else { return .brokenChain(sequence: entry.sequence) }
        guard JournalHash.recompute(entry, previous: hash) == entry.hash else {
            return .hashMismatch(sequence: entry.sequence)
        }
        var sum: Int64 = 0
        for posting in entry.postings {
            let (next, overflow) = sum.addingReportingOverflow(posting.delta)
            guard !overflow else { return .unbalanced(sequence: entry.sequence, sum: nil) }
            sum = next
        }
        guard sum == 0 else { return .unbalanced(sequence: entry.sequence, sum: sum) }
        for posting in entry.postings {
            let balance = balances[posting.account, default: 0] + posting.delta
            balances[posting.account] = balance == 0 ? nil : balance
            lastTouched[posting.account] = entry.sequence
            if balance < 0, !posting.account.isSource {
                return .negative(account: posting.account, balance: balance, sequence: entry.sequence)
            }
        }
        postingCount += entry.postings.count
        sequence = entry.sequence
        hash = entry.hash
        return nil
    }

    /// The first account (in journal order) whose stored balance differs from the replay.
    public func firstBalanceMismatch(_ stored: [LedgerAccount: Int64]) -> LedgerMismatch? {
        let accounts = Set(stored.keys).union(balances.keys)
        let mismatches = accounts.filter { stored[$0, default: 0] != balances[$0, default: 0] }
            .sorted { (lastTouched[$0] ?? .max, $0.key) < (lastTouched[$1] ?? .max, $1.key) }
        return mismatches.first.map {
            .balanceMismatch(account: $0, journal: balances[$0, default: 0], stored: stored[$0, default: 0],
                             lastSequence: lastTouched[$0])
        }
    }

    public var totals: LedgerTotals {
        var totals = LedgerTotals(entries: sequence, postings: postingCount, headHash: hash.hex)
        for (account, balance) in balances {
            switch account {
            case .deposits: totals.deposited = -balance
            case .emission: totals.minted = -balance
            case .burned: totals.burned = balance
            case .carry: totals.carried += balance
            case .escrow: totals.escrowed += balance
            case .available: totals.available += balance
            case .principal: totals.staked += balance
            case .rewards, .accrued: totals.unclaimed += balance
            }
        }
        return totals
    }
}

/// What a verified ledger adds up to.
public struct LedgerTotals: Sendable, Hashable {
    public var entries: Int64
    public var postings: Int
    public var headHash: String
    public var deposited: Int64 = 0
    public var minted: Int64 = 0
    public var burned: Int64 = 0
    public var carried: Int64 = 0
    public var escrowed: Int64 = 0
    public var available: Int64 = 0
    public var staked: Int64 = 0
    public var unclaimed: Int64 = 0

    /// Everything held: available + staked + unclaimed + escrowed + carried.
    public var held: Int64 { available + staked + unclaimed + escrowed + carried }

    public var report: String {
        let a = { (v: Int64) in Amount(baseUnits: v).wireForm }
        return """
        ledger verified: \(entries) journal entries, \(postings) postings, chain head \(headHash)
          deposited  \(a(deposited)) IO
          minted     \(a(minted)) IO
          burned     \(a(burned)) IO
          held       \(a(held)) IO = available \(a(available)) + staked \(a(staked)) + unclaimed \(a(unclaimed)) + escrowed \(a(escrowed)) + carried \(a(carried))
          deposited + minted - burned = held: \(deposited + minted - burned == held ? "yes" : "NO")
        """
    }
}

/// The first thing in the journal or the balances that does not agree.
public enum LedgerMismatch: Error, Sendable, Hashable, CustomStringConvertible {
    case gap(expected: Int64, found: Int64)
    case brokenChain(sequence: Int64)
    case hashMismatch(sequence: Int64)
    case unbalanced(sequence: Int64, sum: Int64?)
    case negative(account: LedgerAccount, balance: Int64, sequence: Int64)
    case headMismatch(recorded: Int64, journal: Int64)
    case balanceMismatch(account: LedgerAccount, journal: Int64, stored: Int64, lastSequence: Int64?)
    /// The `accrued` account against what the active positions earned since their settlement.
    case accruedMismatch(journal: Int64, positions: Int64)

    /// The journal position the mismatch is found at.
    public var sequence: Int64? {
        switch self {
        case .gap(let expected, _): return expected
        case .brokenChain(let s), .hashMismatch(let s), .unbalanced(let s, _), .negative(_, _, let s): return s
        case .headMismatch(_, let journal): return journal
        case .balanceMismatch(_, _, _, let last): return last
        case .accruedMismatch: return nil
        }
    }

    public var description: String {
        switch self {
        case .gap(let expected, let found):
            return "journal entry \(expected) is missing (the next entry found is \(found))"
        case .brokenChain(let s):
            return "journal entry \(s): its previous hash is not the hash of entry \(s - 1) (an entry was removed, reordered or rewritten)"
        case .hashMismatch(let s):
            return "journal entry \(s): its hash does not match its contents (the entry or its postings were altered)"
        case .unbalanced(let s, let sum):
            return "journal entry \(s): postings do not balance (sum \(sum.map(String.init) ?? "overflows"))"
        case .negative(let account, let balance, let s):
            return "journal entry \(s): \(account) goes negative (\(Amount(baseUnits: balance)) IO)"
        case .headMismatch(let recorded, let journal):
            return "the recorded journal head is entry \(recorded) but the journal ends at entry \(journal) (entries were added or removed)"
        case .balanceMismatch(let account, let journal, let stored, let last):
            let place = last.map { "last changed by journal entry \($0)" } ?? "never posted to"
            return "\(account): journal says \(Amount(baseUnits: journal)) IO, store holds \(Amount(baseUnits: stored)) IO (\(place))"
        case .accruedMismatch(let journal, let positions):
            return "accrued: journal says \(Amount(baseUnits: journal)) IO, the active positions earned \(Amount(baseUnits: positions)) IO since their last settlement"
        }
    }
}
