/// A balanced set of postings not yet written: the store gives it its sequence number and hash.
public struct JournalDraft: Sendable, Hashable {
    /// What caused it: a transaction type (`stake`), `deposit`, `block`, `slash`, ...
    public let kind: String
    /// The cause's identifier: a transaction signature, a block height, a slash id.
    public let reference: String
    public let at: Timestamp
    public let postings: [Posting]

    /// Creates a draft; the postings must sum to exactly zero.
    public init(kind: String, reference: String, at: Timestamp, postings: [Posting]) throws(CostakeError) {
        var sum: Int64 = 0
        for posting in postings {
            let (next, overflow) = sum.addingReportingOverflow(posting.delta)
            guard !overflow else { throw CostakeError(.arithmeticOverflow, "journal entry overflows") }
            sum = next
        }
        guard sum == 0 else {
            throw CostakeError(.internalError, "unbalanced journal entry \(kind) \(reference): postings sum to \(sum)")
        }
        self.kind = kind
        self.reference = reference
        self.at = at
        self.postings = postings
    }
}

/// A written journal entry: numbered, hash-chained and append-only.
public struct JournalEntry: Sendable, Hashable {
    public let sequence: Int64
    public let kind: String
    public let reference: String
    public let at: Timestamp
    public let postings: [Posting]
    /// The hash of the entry before (32 zero bytes for the first).
    public let previousHash: [UInt8]
    /// SHA-256 over `previousHash` followed by `canonicalBytes`.
    public let hash: [UInt8]

    public init(sequence: Int64, kind: String, reference: String, at: Timestamp, postings: [Posting],
                previousHash: [UInt8], hash: [UInt8]) {
        self.sequence = sequence
        self.kind = kind
        self.reference = reference
        self.at = at
        self.postings = postings
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash that precedes the first entry.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    /// The exact bytes hashed for an entry: one field per line, then one line per posting
    /// (`account delta`), in order. Any change to any of them changes the hash.
    public static func canonicalBytes(sequence: Int64, kind: String, reference: String, at: Timestamp,
                                      postings: [Posting]) -> [UInt8] {
        var text = "costake-journal-v1\n\(sequence)\n\(at.seconds)\n\(kind)\n\(reference)\n\(postings.count)\n"
        for posting in postings { text += "\(posting.account.key) \(posting.delta)\n" }
        return Array(text.utf8)
    }

    public var canonicalBytes: [UInt8] {
        JournalEntry.canonicalBytes(sequence: sequence, kind: kind, reference: reference, at: at, postings: postings)
    }
}
