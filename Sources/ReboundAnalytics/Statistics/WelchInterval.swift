import Foundation

/// Sufficient statistics of a per-recipient value (revenue per recipient): count, sum and sum of squares.
public struct SampleMoments: Sendable, Hashable, Codable {
    /// Number of recipients (including those with value 0).
    public var count: Int
    /// Σ value.
    public var sum: Double
    /// Σ value².
    public var sumOfSquares: Double

    /// Creates the moments from their sums.
    public init(count: Int, sum: Double, sumOfSquares: Double) {
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
    }

    /// Moments of a list of values.
    public init(values: [Double]) {
        self.init(count: values.count, sum: values.reduce(0, +), sumOfSquares: values.reduce(0) { $0 + $1 * $1 })
    }

    /// Σ value / count.
    public var mean: Double { count > 0 ? sum / Double(count) : 0 }
    /// The sample variance (n − 1 denominator), 0 below two values.
    public var variance: Double {
        guard count > 1 else { return 0 }
        return max(0, (sumOfSquares - sum * sum / Double(count)) / Double(count - 1))
    }
}

/// Welch's unequal-variance t comparison of two means.
public struct WelchComparison: Sendable, Hashable, Codable {
    /// mean₁ − mean₂.
    public var difference: Double
    /// Standard error of the difference.
    public var standardError: Double
    /// Welch–Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double
    /// t = difference / standardError.
    public var t: Double
    /// Two-sided p-value.
    public var pValue: Double
    /// Confidence interval of the difference.
    public var interval: ConfidenceInterval

    /// Compares sample 1 against sample 2. Returns nil when either sample has fewer than two values or both variances are 0.
    public init?(_ sample1: SampleMoments, _ sample2: SampleMoments, confidence: Double = 0.95) {
        guard sample1.count > 1, sample2.count > 1 else { return nil }
        let a = sample1.variance / Double(sample1.count), b = sample2.variance / Double(sample2.count)
        let se = (a + b).squareRoot()
        guard se > 0 else { return nil }
        let df = (a + b) * (a + b) / (a * a / Double(sample1.count - 1) + b * b / Double(sample2.count - 1))
        let distribution = StudentTDistribution(degreesOfFreedom: df)
        difference = sample1.mean - sample2.mean
        standardError = se
        degreesOfFreedom = df
        t = difference / se
        pValue = min(1, 2 * distribution.cdf(-abs(t)))
        let q = distribution.quantile(1 - (1 - confidence) / 2)
        interval = ConfidenceInterval(lower: difference - q * se, upper: difference + q * se)
    }
}
