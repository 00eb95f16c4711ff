// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "costake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "costake", targets: ["costake"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // The domain: amounts, addresses, devices, positions, offers, the rules and the ledger. Foundation only.
        .target(name: "CostakeCore"),
        // Ed25519 signatures, SHA-256 hash chaining, key files.
        .target(name: "CostakeCrypto", dependencies: [
            "CostakeCore",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The storage protocol every database implements, and the journal verifier.
        .target(name: "CostakeStorage", dependencies: ["CostakeCore", "CostakeCrypto"]),
        // The embedded SQLite store (GRDB, WAL).
        .target(name: "CostakeSQLite", dependencies: [
            "CostakeStorage",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's own C functions, to bind the rows a save writes by the thousand directly.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The PostgreSQL store (PostgresNIO): several servers on one database.
        .target(name: "CostakePostgres", dependencies: [
            "CostakeStorage",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Application services: signed transaction processing, ledger verification, CLI functions.
        .target(name: "CostakeApp", dependencies: [
            "CostakeCore", "CostakeCrypto", "CostakeStorage", "CostakeSQLite", "CostakePostgres",
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ]),
        // The JSON API and the web app: Hummingbird controllers over the application services,
        // pages rendered from view models by Mustache templates, static CSS and JavaScript.
        .target(name: "CostakeHTTP", dependencies: [
            "CostakeApp",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Web/Templates"), .copy("Web/Static")]),
        // The command-line client: the API over HTTP, Solana-format key files, signing, tables.
        .target(name: "CostakeClient", dependencies: ["CostakeCore", "CostakeCrypto"]),
        .executableTarget(name: "costake", dependencies: [
            "CostakeApp",
            "CostakeHTTP",
            "CostakeClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Shared by the test targets: a throw-away network with signed-transaction helpers.
        .target(name: "CostakeTestSupport", dependencies: ["CostakeApp", "CostakePostgres"], path: "Tests/Support"),
        .testTarget(name: "CostakeCoreTests", dependencies: ["CostakeCore", "CostakeTestSupport"]),
        .testTarget(name: "CostakeCryptoTests", dependencies: ["CostakeCrypto"]),
        .testTarget(name: "CostakeStorageTests", dependencies: ["CostakeTestSupport"]),
        .testTarget(name: "CostakeAppTests", dependencies: ["CostakeTestSupport"]),
        .testTarget(name: "CostakeHTTPTests", dependencies: [
            "CostakeTestSupport", "CostakeHTTP",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "CostakeCLITests", dependencies: ["CostakeTestSupport", "CostakeClient"]),
    ],
    swiftLanguageModes: [.v6]
)
