import CostakeCore
import Crypto

/// SHA-256 hash chaining of the journal.
public enum JournalHash {
    /// SHA-256 over the previous entry's hash followed by the entry's canonical bytes.
    public static func chain(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: canonical)
        return Array(hasher.finalize())
    }

    /// Seals a draft as entry number `sequence` after `previous`.
    public static func seal(_ draft: JournalDraft, sequence: Int64, previous: [UInt8]) -> JournalEntry {
        let canonical = JournalEntry.canonicalBytes(sequence: sequence, kind: draft.kind, reference: draft.reference,
                                                    at: draft.at, postings: draft.postings)
        return JournalEntry(sequence: sequence, kind: draft.kind, reference: draft.reference, at: draft.at,
                            postings: draft.postings, previousHash: previous,
                            hash: chain(previous: previous, canonical: canonical))
    }

    /// Recomputes an entry's hash from its fields and the given previous hash.
    public static func recompute(_ entry: JournalEntry, previous: [UInt8]) -> [UInt8] {
        chain(previous: previous, canonical: entry.canonicalBytes)
    }

    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hex: String { map { String($0, radix: 16).leftPadded(2) }.joined() }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
