import Foundation

/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// Lower bound.
    public var lower: Double
    /// Upper bound.
    public var upper: Double

    /// Creates an interval from its bounds.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies inside the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// Confidence intervals for proportions and for differences of two proportions.
public enum ProportionInterval {
    /// The Wilson score interval for `successes` out of `trials` (Wilson 1927; Newcombe 1998 method 3, no continuity correction).
    public static func wilson(successes: Int, trials: Int, confidence: Double = 0.95) -> ConfidenceInterval {
        precondition(trials > 0 && successes >= 0 && successes <= trials, "need 0 ≤ successes ≤ trials, trials > 0")
        let z = NormalDistribution.quantile(1 - (1 - confidence) / 2)
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let centre = p + z2 / (2 * n)
        let spread = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let denominator = 1 + z2 / n
        // At 0 or n successes the bound is exactly 0 or 1; computing it leaves rounding noise.
        let lower = successes == 0 ? 0 : max(0, (centre - spread) / denominator)
        let upper = successes == trials ? 1 : min(1, (centre + spread) / denominator)
        return ConfidenceInterval(lower: lower, upper: upper)
    }

    /// The Wald interval of p₁ − p₂: d ± z·√(p₁q₁/n₁ + p₂q₂/n₂). Simple, but too narrow for small counts or rates near 0.
    public static func waldDifference(successes1: Int, trials1: Int, successes2: Int, trials2: Int, confidence: Double = 0.95) -> ConfidenceInterval {
        let z = NormalDistribution.quantile(1 - (1 - confidence) / 2)
        let p1 = Double(successes1) / Double(trials1), p2 = Double(successes2) / Double(trials2)
        let se = (p1 * (1 - p1) / Double(trials1) + p2 * (1 - p2) / Double(trials2)).squareRoot()
        return ConfidenceInterval(lower: p1 - p2 - z * se, upper: p1 - p2 + z * se)
    }

    /// Newcombe's hybrid score interval of p₁ − p₂ (Newcombe 1998, method 10), built from the two Wilson intervals.
    ///
    /// Example from the paper: 56/70 − 48/80 gives 0.0524 … 0.3339.
    public static func newcombeDifference(successes1: Int, trials1: Int, successes2: Int, trials2: Int, confidence: Double = 0.95)
        -> ConfidenceInterval
    {
        let p1 = Double(successes1) / Double(trials1), p2 = Double(successes2) / Double(trials2)
        let w1 = wilson(successes: successes1, trials: trials1, confidence: confidence)
        let w2 = wilson(successes: successes2, trials: trials2, confidence: confidence)
        let d = p1 - p2
        let lower = d - ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let upper = d + ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        return ConfidenceInterval(lower: lower, upper: upper)
    }

    /// The pooled two-proportion z statistic for p₁ − p₂ and its two-sided p-value. Returns z = 0, p = 1 when the pooled rate is 0 or 1.
    public static func twoProportionZTest(successes1: Int, trials1: Int, successes2: Int, trials2: Int) -> (z: Double, pValue: Double) {
        let n1 = Double(trials1), n2 = Double(trials2)
        let pooled = Double(successes1 + successes2) / (n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard se > 0 else { return (0, 1) }
        let z = (Double(successes1) / n1 - Double(successes2) / n2) / se
        return (z, min(1, 2 * NormalDistribution.survival(abs(z))))
    }
}
