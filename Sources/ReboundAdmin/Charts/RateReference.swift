/// Reference bands a rate is judged against, e.g. recovery rate: 10–15 % respectable, 20 %+ top.
public struct RateReference: Sendable, Hashable {
    /// How a band reads.
    public enum Tone: String, Sendable, Hashable {
        case poor, fair, good, top
    }

    /// A range of the rate with its verdict.
    public struct Band: Sendable, Hashable {
        public var lower: Double
        public var upper: Double
        /// The verdict shown for a value in the band ("respectable").
        public var label: String
        public var tone: Tone

        /// Creates a band over `lower ..< upper`.
        public init(lower: Double, upper: Double, label: String, tone: Tone) {
            self.lower = lower
            self.upper = upper
            self.label = label
            self.tone = tone
        }
    }

    /// Bands in increasing order, together covering `0 ..< scaleMaximum`.
    public var bands: [Band]
    /// The right end of the gauge (values beyond it are drawn at the end).
    public var scaleMaximum: Double
    /// The reference in words, shown beside the gauge ("respectable 10–15 %, top 20 %+").
    public var caption: String

    /// Creates a reference.
    public init(bands: [Band], scaleMaximum: Double, caption: String) {
        self.bands = bands
        self.scaleMaximum = scaleMaximum
        self.caption = caption
    }

    /// The band `value` falls in (the last band for values past the scale).
    public func band(for value: Double?) -> Band? {
        guard let value, value.isFinite else { return nil }
        return bands.first { value >= $0.lower && value < $0.upper } ?? (value >= (bands.last?.lower ?? 0) ? bands.last : bands.first)
    }
}

extension RateReference {
    /// Recovered out of abandoned carts: respectable 10–15 %, top performers 20 %+.
    public static let recoveryRate = RateReference(
        bands: [
            Band(lower: 0, upper: 0.10, label: "below reference", tone: .poor),
            Band(lower: 0.10, upper: 0.15, label: "respectable", tone: .fair),
            Band(lower: 0.15, upper: 0.20, label: "good", tone: .good),
            Band(lower: 0.20, upper: 1, label: "top performer", tone: .top),
        ],
        scaleMaximum: 0.30,
        caption: "respectable 10–15 %, top 20 %+"
    )

    /// Opens of cart emails out of sent: reference 40–50 %.
    public static let emailOpenRate = RateReference(
        bands: [
            Band(lower: 0, upper: 0.40, label: "below reference", tone: .poor),
            Band(lower: 0.40, upper: 0.50, label: "on reference", tone: .good),
            Band(lower: 0.50, upper: 1, label: "above reference", tone: .top),
        ],
        scaleMaximum: 0.70,
        caption: "reference 40–50 %"
    )

    /// Clicks in cart emails out of sent: reference 20–25 %.
    public static let emailClickRate = RateReference(
        bands: [
            Band(lower: 0, upper: 0.20, label: "below reference", tone: .poor),
            Band(lower: 0.20, upper: 0.25, label: "on reference", tone: .good),
            Band(lower: 0.25, upper: 1, label: "above reference", tone: .top),
        ],
        scaleMaximum: 0.40,
        caption: "reference 20–25 %"
    )

    /// Cart visitors who chatted: target 5–15 %.
    public static let chatEngagement = RateReference(
        bands: [
            Band(lower: 0, upper: 0.05, label: "below target", tone: .poor),
            Band(lower: 0.05, upper: 0.15, label: "on target", tone: .good),
            Band(lower: 0.15, upper: 1, label: "above target", tone: .top),
        ],
        scaleMaximum: 0.25,
        caption: "target 5–15 % of cart visitors"
    )

    /// Questions answered without an agent: target 30–50 %.
    public static let deflectionRate = RateReference(
        bands: [
            Band(lower: 0, upper: 0.30, label: "below target", tone: .poor),
            Band(lower: 0.30, upper: 0.50, label: "on target", tone: .good),
            Band(lower: 0.50, upper: 1.0001, label: "above target", tone: .top),
        ],
        scaleMaximum: 0.80,
        caption: "target 30–50 %"
    )

    /// A single target such as SLA compliance ≥ 90 %.
    public static func atLeast(_ target: Double, scaleMaximum: Double = 1, caption: String? = nil) -> RateReference {
        RateReference(
            bands: [
                Band(lower: 0, upper: target, label: "below target", tone: .poor),
                Band(lower: target, upper: max(target, scaleMaximum) + 0.0001, label: "on target", tone: .good),
            ],
            scaleMaximum: scaleMaximum,
            caption: caption ?? "target ≥ \(Int((target * 100).rounded())) %"
        )
    }
}
