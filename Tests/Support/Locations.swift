import CostakePostgres
import Foundation
import Logging

extension StoreKind {
    /// Where a new, empty database of this kind lives: a SQLite file path, or the URL of a
    /// PostgreSQL database created for the caller. `costake serve --database` takes either.
    public func freshLocation() async throws -> String {
        switch self {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("costake-\(UUID().uuidString).sqlite").path
        case .postgres:
            guard let admin = ProcessInfo.processInfo.environment["COSTAKE_TEST_POSTGRES_URL"], var url = URLComponents(string: admin) else {
                throw SupportError("PostgreSQL tests need COSTAKE_TEST_POSTGRES_URL (an admin URL, e.g. from scripts/pg-cluster start DIR)")
            }
            let name = "costake_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            var logger = Logger(label: "costake.test.postgres")
            logger.logLevel = .warning
            try await PostgresStore.createDatabase(name, adminURL: admin, logger: logger)
            url.path = "/" + name
            return url.string!
        }
    }
}
