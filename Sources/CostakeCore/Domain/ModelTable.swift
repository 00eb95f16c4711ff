/// The reward pool a model's devices share in.
public enum RewardPool: String, Sendable, Codable, CaseIterable {
    case enterprise
    case community
}

/// A device model: its reward multiplier (in hundredths, so 1.25 is 125) and pool.
/// A multiplier of 0 means the model earns nothing and cannot take offers.
public struct DeviceModel: Sendable, Hashable, Codable {
    public let name: String
    public let multiplierHundredths: Int
    public let pool: RewardPool?

    public init(name: String, multiplierHundredths: Int, pool: RewardPool?) {
        precondition(multiplierHundredths >= 0, "a multiplier cannot be negative")
        self.name = name
        self.multiplierHundredths = multiplierHundredths
        self.pool = multiplierHundredths == 0 ? nil : pool
    }

    public var earns: Bool { multiplierHundredths > 0 }

    /// The multiplier as decimal text ("10", "1.25", "0.75").
    public var multiplierText: String {
        let whole = multiplierHundredths / 100, cents = multiplierHundredths % 100
        if cents == 0 { return "\(whole)" }
        return cents % 10 == 0 ? "\(whole).\(cents / 10)" : "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }
}

/// The model table (SPEC §3): configuration with the published defaults.
public struct ModelTable: Sendable {
    public let models: [String: DeviceModel]
    /// The base requirement per processor and unit multiplier: 200 IO.
    public let baseRequirement: Amount

    public init(_ models: [DeviceModel], baseRequirement: Amount = Amount(io: 200)) {
        self.models = Dictionary(models.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.baseRequirement = baseRequirement
    }

    public func model(named name: String) -> DeviceModel? { models[name] }

    /// All models, enterprise first, then community, then those that earn nothing; by name within each.
    public var sorted: [DeviceModel] {
        models.values.sorted { a, b in
            let rank: (DeviceModel) -> Int = { $0.pool == .enterprise ? 0 : $0.pool == .community ? 1 : 2 }
            return (rank(a), a.name) < (rank(b), b.name)
        }
    }

    /// `requirement = 200 IO × max(1, multiplier) × processors`, exact in base units.
    public func requirement(for model: DeviceModel, processors: Int) -> Amount {
        let multiplier = Int64(max(100, model.multiplierHundredths))
        return Amount(baseUnits: baseRequirement.baseUnits * multiplier * Int64(processors) / 100)
    }

    /// The defaults of SPEC §3.
    public static let standard: ModelTable = {
        let enterprise: [(String, Int)] = [
            ("B200", 3000), ("H200", 1200), ("H100 80GB HBM3", 1000), ("H100 PCIe", 1000),
            ("A100 80GB PCIe", 500), ("A100-SXM4-80GB", 500), ("A100-PCIE-40GB", 200), ("L40S", 300),
            ("RTX 4090", 125), ("RTX 4090 D", 125),
        ]
        let community: [(String, Int)] = [
            ("M3", 100), ("M4", 100), ("M3 Pro", 125), ("M4 Pro", 125), ("M3 Max", 150), ("M4 Max", 150),
            ("RTX 3060", 75), ("RTX 3060 Ti", 75), ("RTX 3070", 100), ("RTX 3070 Ti", 100), ("RTX 3080", 150),
            ("RTX 3080 Ti", 175), ("RTX 3090", 175), ("RTX 3090 Ti", 200), ("RTX 4060", 100), ("RTX 4060 Ti", 100),
            ("RTX 4070", 150), ("RTX 4070 Ti", 250), ("RTX 4080", 275), ("L4", 25), ("RTX 4000", 75),
            ("RTX 4000 SFF Ada", 100), ("RTX 5000", 150), ("RTX 5000 Ada", 300), ("RTX 6000 Ada", 450),
            ("RTX A4000", 150), ("RTX A5000", 150), ("RTX A6000", 200), ("Tesla T4", 50), ("V100", 75),
        ]
        let none = ["M2 Max", "M2 Pro", "M2 Ultra", "A10", "A10G", "A16", "A40", "GTX 1080 Ti", "RTX 2080 Ti",
                    "RTX 3050", "RTX 3050 Ti"]
        return ModelTable(
            enterprise.map { DeviceModel(name: $0.0, multiplierHundredths: $0.1, pool: .enterprise) }
                + community.map { DeviceModel(name: $0.0, multiplierHundredths: $0.1, pool: .community) }
                + none.map { DeviceModel(name: $0, multiplierHundredths: 0, pool: nil) }
        )
    }()
}
