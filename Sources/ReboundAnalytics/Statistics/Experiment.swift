import Foundation

/// What one arm of an experiment (a variant or the holdout) saw.
public struct VariantResult: Sendable, Hashable, Codable {
    /// The arm's name, e.g. "B" or "holdout".
    public var name: String
    /// People assigned to the arm (sent the message, or deliberately not sent it in the holdout).
    public var recipients: Int
    /// Recipients who converted (ordered).
    public var conversions: Int
    /// Per-recipient revenue moments (in major units, recipients without an order count as 0), when known.
    public var revenue: SampleMoments?

    /// Creates an arm result.
    public init(name: String, recipients: Int, conversions: Int, revenue: SampleMoments? = nil) {
        self.name = name
        self.recipients = recipients
        self.conversions = conversions
        self.revenue = revenue
    }

    /// conversions / recipients (0 for an empty arm).
    public var conversionRate: Double { recipients > 0 ? Double(conversions) / Double(recipients) : 0 }
}

/// The decision rule of an experiment.
///
/// The verdict is "too little data" while either arm has fewer than `minimumRecipientsPerArm` recipients or fewer than
/// `minimumConversionsTotal` conversions happened in both arms together. Otherwise the pooled two-proportion z-test decides:
/// p < `alpha` → the arm with the higher conversion rate wins; else "not yet significant". The Newcombe interval is reported
/// beside it; at the 95 % level it excludes 0 in almost exactly the same cases.
public struct ExperimentRule: Sendable, Hashable, Codable {
    /// Significance level of the two-sided test. Default 0.05.
    public var alpha: Double
    /// Minimum recipients in each arm before any verdict. Default 100.
    public var minimumRecipientsPerArm: Int
    /// Minimum conversions across both arms before any verdict. Default 10.
    public var minimumConversionsTotal: Int

    /// Creates a rule.
    public init(alpha: Double = 0.05, minimumRecipientsPerArm: Int = 100, minimumConversionsTotal: Int = 10) {
        self.alpha = alpha
        self.minimumRecipientsPerArm = minimumRecipientsPerArm
        self.minimumConversionsTotal = minimumConversionsTotal
    }

    /// The rule in one sentence, for the dashboard.
    public var statement: String {
        "verdict when each arm has ≥ \(minimumRecipientsPerArm) recipients and ≥ \(minimumConversionsTotal) conversions in total; "
            + "two-sided pooled z-test of conversion rates at alpha \(alpha)"
    }
}

/// The plain-language outcome of an experiment.
public enum ExperimentVerdict: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Below the minimum sample; `needed` is the rule's minimum per arm.
    case tooLittleData(needed: Int)
    /// Enough data, but p ≥ alpha.
    case notYetSignificant
    /// The variant converts significantly better than the holdout.
    case variantWins(String)
    /// The holdout converts significantly better than the variant.
    case holdoutWins(String)

    public var description: String {
        switch self {
        case .tooLittleData(let needed): "too little data (n < \(needed) per arm)"
        case .notYetSignificant: "not yet significant"
        case .variantWins(let name): "\(name) wins"
        case .holdoutWins(let name): "\(name) wins"
        }
    }
}

/// A variant compared against the holdout.
public struct ExperimentComparison: Sendable, Hashable, Codable {
    /// The variant arm.
    public var variant: VariantResult
    /// The holdout (control) arm.
    public var holdout: VariantResult
    /// Conversion rate of variant − holdout.
    public var absoluteLift: Double
    /// absoluteLift / holdout rate; nil when the holdout rate is 0.
    public var relativeLift: Double?
    /// 95 % (or the rule's level) Wald interval of the difference.
    public var waldInterval: ConfidenceInterval
    /// Newcombe hybrid score interval of the difference (preferred).
    public var newcombeInterval: ConfidenceInterval
    /// Pooled z statistic.
    public var z: Double
    /// Two-sided p-value of the z-test.
    public var pValue: Double
    /// Welch comparison of revenue per recipient, when both arms carry revenue moments.
    public var revenuePerRecipient: WelchComparison?
    /// The verdict under `rule`.
    public var verdict: ExperimentVerdict
    /// The rule the verdict applied.
    public var rule: ExperimentRule

    /// Compares `variant` against `holdout`.
    ///
    /// ```swift
    /// let result = ExperimentComparison(
    ///     variant: VariantResult(name: "B", recipients: 2000, conversions: 130),
    ///     holdout: VariantResult(name: "holdout", recipients: 2000, conversions: 100))
    /// result.verdict.description  // "B wins" (p = 0.0416)
    /// ```
    public init(variant: VariantResult, holdout: VariantResult, rule: ExperimentRule = ExperimentRule()) {
        precondition(variant.recipients > 0 && holdout.recipients > 0, "both arms need recipients")
        precondition(variant.conversions <= variant.recipients && holdout.conversions <= holdout.recipients, "conversions exceed recipients")
        self.variant = variant
        self.holdout = holdout
        self.rule = rule
        let confidence = 1 - rule.alpha
        absoluteLift = variant.conversionRate - holdout.conversionRate
        relativeLift = holdout.conversionRate > 0 ? absoluteLift / holdout.conversionRate : nil
        let counts = (variant.conversions, variant.recipients, holdout.conversions, holdout.recipients)
        waldInterval = ProportionInterval.waldDifference(
            successes1: counts.0,
            trials1: counts.1,
            successes2: counts.2,
            trials2: counts.3,
            confidence: confidence
        )
        newcombeInterval = ProportionInterval.newcombeDifference(
            successes1: counts.0,
            trials1: counts.1,
            successes2: counts.2,
            trials2: counts.3,
            confidence: confidence
        )
        (z, pValue) = ProportionInterval.twoProportionZTest(successes1: counts.0, trials1: counts.1, successes2: counts.2, trials2: counts.3)
        if let a = variant.revenue, let b = holdout.revenue {
            revenuePerRecipient = WelchComparison(a, b, confidence: confidence)
        } else {
            revenuePerRecipient = nil
        }
        if min(variant.recipients, holdout.recipients) < rule.minimumRecipientsPerArm
            || variant.conversions + holdout.conversions < rule.minimumConversionsTotal
        {
            verdict = .tooLittleData(needed: rule.minimumRecipientsPerArm)
        } else if pValue >= rule.alpha {
            verdict = .notYetSignificant
        } else {
            verdict = absoluteLift > 0 ? .variantWins(variant.name) : .holdoutWins(holdout.name)
        }
    }
}
