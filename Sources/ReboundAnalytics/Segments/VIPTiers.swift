/// Loyalty tiers by net spend thresholds.
///
/// A customer is in the highest tier whose `minimumSpendMinor` their spend reaches; below the first threshold, in none.
public struct VIPTiers: Sendable, Hashable, Codable {
    /// One tier.
    public struct Tier: Sendable, Hashable, Codable {
        /// Display name, e.g. "Gold".
        public var name: String
        /// Net spend in minor units from which the tier applies.
        public var minimumSpendMinor: Int64

        /// Creates a tier.
        public init(name: String, minimumSpendMinor: Int64) {
            self.name = name
            self.minimumSpendMinor = minimumSpendMinor
        }
    }

    /// Tiers in ascending threshold order.
    public let tiers: [Tier]

    /// Creates tiers; they are sorted by threshold.
    public init(_ tiers: [Tier]) {
        self.tiers = tiers.sorted { $0.minimumSpendMinor < $1.minimumSpendMinor }
    }

    /// Silver from 500.00, Gold from 1,000.00, Platinum from 2,500.00 (minor units of the shop currency).
    public static let standard = VIPTiers([
        Tier(name: "Silver", minimumSpendMinor: 50_000), Tier(name: "Gold", minimumSpendMinor: 100_000),
        Tier(name: "Platinum", minimumSpendMinor: 250_000),
    ])

    /// The tier for a net spend, or nil below the first threshold.
    public func tier(forSpendMinor spend: Int64) -> Tier? {
        tiers.last { spend >= $0.minimumSpendMinor }
    }

    /// The segment rule selecting exactly the customers of the named tier (nil for an unknown name).
    public func rule(forTier name: String) -> SegmentRule? {
        guard let index = tiers.firstIndex(where: { $0.name == name }) else { return nil }
        var conditions = [SegmentRule.condition(SegmentCondition(.spend, .gte, .integer(tiers[index].minimumSpendMinor)))]
        if index + 1 < tiers.count {
            conditions.append(.condition(SegmentCondition(.spend, .lt, .integer(tiers[index + 1].minimumSpendMinor))))
        }
        return .all(conditions)
    }
}
