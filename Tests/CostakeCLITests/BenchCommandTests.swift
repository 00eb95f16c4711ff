import CostakeTestSupport
import Foundation
import Testing

/// `costake bench` end to end on the smallest network it seeds (1,000 devices, one second a
/// scenario): every scenario runs without an error answer, and the network it leaves (seeded in
/// bulk, then driven by telemetry, signed transactions from 64 clients at once and a block
/// close) passes `costake ledger verify`, the read model included. No figure of speed is checked.
/// The two databases run one after the other: each case loads both cores for seconds.
@Suite("costake bench", .serialized)
struct BenchCommandTests {
    @Test(arguments: StoreKind.allCases)
    func everyScenarioRunsAndLeavesALedgerThatVerifies(kind: StoreKind) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try await kind.freshLocation()
        let json = directory.appendingPathComponent("bench.json").path
        let binary = try costakeBinary()
        let bench = try await onOwnThread { try runWithStatus(binary, [
            "bench", "--database", database, "--devices", "1000", "--seconds", "1", "--json", json,
            "--scenarios", "seed,startup,marketplace-store,marketplace-http,telemetry,transactions,block-close",
        ]) }
        #expect(bench.status == 0, "\(bench.output) \(bench.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let results = try #require(report["results"] as? [String: [String: Double]])
        #expect(results["seed"]?["devices"] == 1_000)
        #expect(results["startup"]?["seconds_to_healthz"] != nil)
        for scenario in ["marketplace-store", "marketplace-http", "telemetry"] {
            #expect(results[scenario]?["errors"] == 0, "\(scenario): \(results[scenario] ?? [:])")
            #expect((results[scenario]?["requests"] ?? 0) > 0, "\(scenario): \(results[scenario] ?? [:])")
        }
        let transactions = try #require(results["transactions"])
        #expect((transactions["approved"] ?? 0) > 0)
        // The server's writer counted the scenario's write transactions: at least one unit each.
        #expect((transactions["write_transactions"] ?? 0) > 0 && (transactions["units_per_write_transaction"] ?? 0) >= 1, "\(transactions)")
        // On 1,000 devices the 50 keyed owners' 400 co-stakers come round again within seconds: a
        // later co-stake finds the claim cap reached or its offer taken, the only refusals allowed.
        let refusals = Set(transactions.keys.filter { $0.hasPrefix("refused ") })
        #expect(refusals.isSubset(of: ["refused co_stake claim_cap_reached", "refused co_stake offer_not_open"]), "\(transactions)")
        #expect((report["notes"] as? [String: Any])?.isEmpty ?? true, "unexpected answers: \(report["notes"] ?? "")")
        #expect(results["block-close"]?["eligible_devices"] == 1_000)
        let verify = try await onOwnThread { try runWithStatus(binary, ["ledger", "verify", "--database", database]) }
        #expect(verify.status == 0, "\(verify.output) \(verify.errors)")
        #expect(verify.output.contains("deposited + minted - burned = held: yes"))
        #expect(verify.output.contains("marketplace read model: 1300 offers, equal to the offers, devices and telemetry"))

        // A second close needs a new seed, and the error says how to get one on this database.
        let again = try await onOwnThread { try runWithStatus(binary, ["bench", "--database", database, "--scenarios", "block-close"]) }
        let startOver = kind == .postgres ? "run again on a new, empty database (--reseed cannot empty a PostgreSQL one)" : "run again with --reseed"
        #expect(again.status != 0 && again.errors.contains("is already closed: \(startOver)"), "\(again.output) \(again.errors)")
        if kind == .postgres {
            // --reseed cannot empty a PostgreSQL database: it is refused, not ignored.
            let reseed = try await onOwnThread { try runWithStatus(binary, ["bench", "--database", database, "--reseed", "--scenarios", "seed"]) }
            #expect(reseed.status != 0 && reseed.errors.contains("--reseed cannot empty a PostgreSQL database, and \(database) holds a seeded network"),
                    "\(reseed.output) \(reseed.errors)")
        }
    }
}
