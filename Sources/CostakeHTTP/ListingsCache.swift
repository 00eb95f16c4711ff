import Hummingbird
import Synchronization

/// Marketplace pages as encoded, kept while the store's listings version stands.
///
/// A page is a function of the query and of the rows a listing shows (offers, devices,
/// slashes, reliability scores); every unit of work that changes one of those counts up the
/// version in the same database transaction (`Changes.changesListings`). A page is kept only
/// when the version read before it was built is still the version after, so it is the page
/// of that version; it is served while a fresh reading of the version gives the same number,
/// on this server or any other sharing the database. A new version drops every kept page.
final class ListingsCache: Sendable {
    private struct State {
        var version: Int64 = -1
        var pages: [String: ByteBuffer] = [:]
    }

    private let state = Mutex(State())
    /// Pages kept at most (distinct queries); past it the pages kept so far are dropped.
    static let capacity = 2_048

    /// The page kept for `key` at exactly `version`.
    func page(_ key: String, at version: Int64) -> ByteBuffer? {
        state.withLock { $0.version == version ? $0.pages[key] : nil }
    }

    /// Keeps `page` for `key` at `version`, unless a later version has been seen.
    func keep(_ page: ByteBuffer, for key: String, at version: Int64) {
        state.withLock { state in
            if version > state.version {
                state = State(version: version)
            }
            guard version == state.version else { return }
            if state.pages.count >= Self.capacity { state.pages.removeAll(keepingCapacity: true) }
            state.pages[key] = page
        }
    }
}
