import Foundation

extension StoreKind {
    /// Where a new, empty database of this kind lives: a SQLite file path, or a PostgreSQL URL
    /// of a database created for the caller. `costake serve --database` takes either.
    public func freshLocation() async throws -> String {
        switch self {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("costake-\(UUID().uuidString).sqlite").path
        }
    }
}
