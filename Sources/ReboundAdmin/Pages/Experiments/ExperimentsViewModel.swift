public import Foundation

/// The experiments list: every A/B split and holdout with its arms and verdicts.
public struct ExperimentsViewModel: Sendable, Hashable {
    public var context: AdminContext
    public var experiments: [ExperimentSummary]
    public var source: DataSource
    /// Where "New experiment" leads; nil hides the button.
    public var newExperimentURL: String?

    /// Creates the model.
    public init(context: AdminContext, experiments: [ExperimentSummary], source: DataSource, newExperimentURL: String? = nil) {
        self.context = context
        self.experiments = experiments
        self.source = source
        self.newExperimentURL = newExperimentURL
    }
}

/// One experiment.
public struct ExperimentSummary: Sendable, Hashable {
    public var id: String
    public var name: String
    /// What the experiment tests ("10 % code in the 72 h email vs free shipping").
    public var hypothesis: String?
    /// `running`, `finished`, `draft`, `stopped`.
    public var status: String
    public var startedAt: Date?
    public var endedAt: Date?
    public var arms: [ExperimentArm]
    /// Each variant against the holdout.
    public var comparisons: [ArmComparison]
    /// The decision rule in one sentence (`ExperimentRule.statement`).
    public var rule: String?
    public var detailURL: String?

    /// Creates an experiment summary.
    public init(
        id: String,
        name: String,
        hypothesis: String? = nil,
        status: String,
        startedAt: Date? = nil,
        endedAt: Date? = nil,
        arms: [ExperimentArm],
        comparisons: [ArmComparison],
        rule: String? = nil,
        detailURL: String? = nil
    ) {
        self.id = id
        self.name = name
        self.hypothesis = hypothesis
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.arms = arms
        self.comparisons = comparisons
        self.rule = rule
        self.detailURL = detailURL
    }
}

/// One arm: a variant or the holdout.
public struct ExperimentArm: Sendable, Hashable {
    public var name: String
    public var isHoldout: Bool
    /// People assigned (sent the message, or deliberately not in the holdout).
    public var exposure: Int
    public var conversions: Int
    /// Revenue of the arm's orders, if tracked.
    public var revenue: AdminMoney?

    /// Creates an arm.
    public init(name: String, isHoldout: Bool = false, exposure: Int, conversions: Int, revenue: AdminMoney? = nil) {
        self.name = name
        self.isHoldout = isHoldout
        self.exposure = exposure
        self.conversions = conversions
        self.revenue = revenue
    }

    /// conversions / exposure.
    public var rate: Double? { Proportion(conversions, of: exposure).value }
}

/// A variant compared with the holdout (`ExperimentComparison` in ReboundAnalytics).
public struct ArmComparison: Sendable, Hashable {
    /// The variant's name (matches an `ExperimentArm`).
    public var arm: String
    /// Conversion rate of variant − holdout.
    public var absoluteLift: Double
    /// absoluteLift / holdout rate; nil when the holdout rate is 0.
    public var relativeLift: Double?
    /// 95 % interval of the difference (Newcombe).
    public var lower: Double
    public var upper: Double
    public var pValue: Double
    /// The verdict in words ("B wins", "not yet significant", "too little data (n < 100 per arm)").
    public var verdict: String

    /// Creates a comparison.
    public init(arm: String, absoluteLift: Double, relativeLift: Double?, lower: Double, upper: Double, pValue: Double, verdict: String) {
        self.arm = arm
        self.absoluteLift = absoluteLift
        self.relativeLift = relativeLift
        self.lower = lower
        self.upper = upper
        self.pValue = pValue
        self.verdict = verdict
    }
}
