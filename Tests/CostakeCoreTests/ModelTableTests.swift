import CostakeCore
import Testing

/// SPEC §3: the model table's defaults and `requirement = 200 IO × max(1, multiplier) × processors`.
@Suite("Model table")
struct ModelTableTests {
    /// One row of the SPEC §3 table: multiplier in hundredths (1.25 is 125) and pool.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let hundredths: Int
        let pool: RewardPool?
        var testDescription: String { "\(name): \(hundredths) \(pool?.rawValue ?? "none")" }
    }

    static let enterprise: [Row] = [
        ("B200", 3000), ("H200", 1200), ("H100 80GB HBM3", 1000), ("H100 PCIe", 1000), ("A100 80GB PCIe", 500),
        ("A100-SXM4-80GB", 500), ("A100-PCIE-40GB", 200), ("L40S", 300), ("RTX 4090", 125), ("RTX 4090 D", 125),
    ].map { Row(name: $0.0, hundredths: $0.1, pool: .enterprise) }

    static let community: [Row] = [
        ("M3", 100), ("M4", 100), ("M3 Pro", 125), ("M4 Pro", 125), ("M3 Max", 150), ("M4 Max", 150),
        ("RTX 3060", 75), ("RTX 3060 Ti", 75), ("RTX 3070", 100), ("RTX 3070 Ti", 100), ("RTX 3080", 150),
        ("RTX 3080 Ti", 175), ("RTX 3090", 175), ("RTX 3090 Ti", 200), ("RTX 4060", 100), ("RTX 4060 Ti", 100),
        ("RTX 4070", 150), ("RTX 4070 Ti", 250), ("RTX 4080", 275), ("L4", 25), ("RTX 4000", 75),
        ("RTX 4000 SFF Ada", 100), ("RTX 5000", 150), ("RTX 5000 Ada", 300), ("RTX 6000 Ada", 450),
        ("RTX A4000", 150), ("RTX A5000", 150), ("RTX A6000", 200), ("Tesla T4", 50), ("V100", 75),
    ].map { Row(name: $0.0, hundredths: $0.1, pool: .community) }

    static let earnNothing: [Row] = [
        "M2 Max", "M2 Pro", "M2 Ultra", "A10", "A10G", "A16", "A40", "GTX 1080 Ti", "RTX 2080 Ti", "RTX 3050", "RTX 3050 Ti",
    ].map { Row(name: $0, hundredths: 0, pool: nil) }

    static let rows = enterprise + community + earnNothing

    @Test("every row of the SPEC §3 table is in the standard table", arguments: rows)
    func row(row: Row) throws {
        let model = try #require(ModelTable.standard.model(named: row.name))
        #expect(model.name == row.name)
        #expect(model.multiplierHundredths == row.hundredths)
        #expect(model.pool == row.pool)
        #expect(model.earns == (row.hundredths > 0))
    }

    @Test("the standard table has exactly the 51 models of SPEC §3")
    func noOtherModels() {
        #expect(Self.rows.count == 51)
        #expect(Set(ModelTable.standard.models.keys) == Set(Self.rows.map(\.name)))
        #expect(ModelTable.standard.baseRequirement == Amount(io: 200))
    }

    @Test("names are exact: no near matches", arguments: ["H100", "h100 80gb hbm3", "RTX4090", "M2", "M1", "", "L4 "])
    func unknownModels(name: String) {
        #expect(ModelTable.standard.model(named: name) == nil)
    }

    @Test("the SPEC §3 requirement examples", arguments: [
        ("H100 80GB HBM3", 8, Int64(16_000)),
        ("RTX 4070", 4, 1_200),
        ("L4", 4, 800),
    ])
    func specExamples(model name: String, processors: Int, io: Int64) throws {
        let model = try #require(ModelTable.standard.model(named: name))
        #expect(ModelTable.standard.requirement(for: model, processors: processors) == Amount(io: io))
    }

    @Test("requirement = 200 IO × max(1, multiplier) × processors", arguments: [
        ("B200", 1, Int64(6_000_00000000)),
        ("B200", 64, 384_000_00000000),
        ("RTX 4090", 1, 250_00000000),
        ("RTX 4090", 3, 750_00000000),
        ("RTX 4080", 1, 550_00000000),
        ("RTX 3080 Ti", 7, 2_450_00000000),
        ("M3", 1, 200_00000000),
        ("Tesla T4", 2, 400_00000000),      // 0.5 → 1
        ("RTX 3060", 3, 600_00000000),      // 0.75 → 1
        ("L4", 1, 200_00000000),            // 0.25 → 1
        ("RTX 6000 Ada", 2, 1_800_00000000),
        ("H200", 64, 153_600_00000000),
    ])
    func requirement(model name: String, processors: Int, baseUnits: Int64) throws {
        let model = try #require(ModelTable.standard.model(named: name))
        #expect(ModelTable.standard.requirement(for: model, processors: processors).baseUnits == baseUnits)
    }

    @Test("a zero-multiplier model needs 200 IO per processor (max(1, m))", arguments: [
        ("A10", 1, Int64(200)), ("RTX 3050", 3, 600), ("M2 Ultra", 64, 12_800), ("GTX 1080 Ti", 2, 400),
    ])
    func zeroMultiplier(model name: String, processors: Int, io: Int64) throws {
        let model = try #require(ModelTable.standard.model(named: name))
        #expect(!model.earns)
        #expect(model.pool == nil)
        #expect(ModelTable.standard.requirement(for: model, processors: processors) == Amount(io: io))
    }

    @Test("a zero multiplier never has a pool, even if one is given")
    func zeroMultiplierHasNoPool() {
        let model = DeviceModel(name: "X", multiplierHundredths: 0, pool: .community)
        #expect(model.pool == nil)
        #expect(!model.earns)
    }

    @Test("multipliers are shown as decimal text", arguments: [
        (1000, "10"), (125, "1.25"), (75, "0.75"), (150, "1.5"), (25, "0.25"), (50, "0.5"), (0, "0"), (3000, "30"),
        (105, "1.05"),
    ])
    func multiplierText(hundredths: Int, text: String) {
        #expect(DeviceModel(name: "X", multiplierHundredths: hundredths, pool: .community).multiplierText == text)
    }

    @Test("the table is sorted enterprise, community, then models that earn nothing")
    func sortedOrder() {
        let sorted = ModelTable.standard.sorted
        #expect(sorted.count == 51)
        #expect(sorted.prefix(10).allSatisfy { $0.pool == .enterprise })
        #expect(sorted.dropFirst(10).prefix(30).allSatisfy { $0.pool == .community })
        #expect(sorted.suffix(11).allSatisfy { $0.pool == nil })
        #expect(sorted.first?.name == "A100 80GB PCIe")
        #expect(sorted.last?.name == "RTX 3050 Ti")
    }
}
