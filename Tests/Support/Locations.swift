import Foundation

extension StoreKind {
    /// Where a new, empty database of this kind lives: a SQLite file path, or the URL of a
    /// PostgreSQL database created for the caller. `costake serve --database` takes either.
    public func freshLocation() async throws -> String {
        switch self {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("costake-\(UUID().uuidString).sqlite").path
        case .postgres:
            let (admin, name, _) = try await Self.newPostgresDatabase()
            // The admin URL with the new database's name (and its password, if any, kept).
            guard var url = URLComponents(string: admin) else { throw SupportError("COSTAKE_TEST_POSTGRES_URL is not a URL: \(admin)") }
            url.path = "/" + name
            return url.string!
        }
    }
}
