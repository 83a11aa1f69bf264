import Foundation

/// The Gamma-Gamma model of average transaction value (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").
///
/// A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ); γ is called `v` here, as in `lifetimes`.
/// Fit it on customers with at least one repeat purchase, using the mean value of their repeat purchases.
public struct GammaGammaModel: Sendable, Hashable, Codable {
    /// Shape of the transaction values.
    public var p: Double
    /// Shape of the customer-level rate ν.
    public var q: Double
    /// Scale (γ) of the customer-level rate ν.
    public var v: Double

    /// Creates a model from known parameters.
    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// Log density of the observed mean value `meanValue` over `count` transactions (note, equation 3 in log form).
    public func logLikelihood(count x: Int, meanValue m: Double) -> Double {
        let x = Double(x)
        return lgamma(p * x + q) - lgamma(p * x) - lgamma(q) + q * log(v) + (p * x - 1) * log(m) + p * x * log(x)
            - (p * x + q) * log(x * m + v)
    }

    /// E[M | x, m̄ₓ] = p(γ + x·m̄ₓ) / (px + q − 1); with x = 0 the population mean pγ/(q − 1). Needs q > 1.
    public func conditionalExpectedValue(count x: Int, meanValue m: Double) -> Double {
        let x = Double(x)
        return p * (v + x * m) / (p * x + q - 1)
    }

    /// The result of a maximum-likelihood fit.
    public struct Fit: Sendable, Hashable {
        /// The fitted model.
        public var model: GammaGammaModel
        /// Σ log-likelihood at the optimum.
        public var logLikelihood: Double
        /// Nelder–Mead iterations used.
        public var iterations: Int
    }

    /// Fits p, q, v by maximum likelihood (Nelder–Mead on log-parameters from 1, 1, 1) over customers with
    /// `frequency > 0` and a positive mean repeat value; others are skipped.
    public static func fit(_ customers: [RepeatPurchaseSummary], minimizer: NelderMead = NelderMead()) throws -> Fit {
        let used = customers.filter { $0.frequency > 0 && $0.meanRepeatValue > 0 }
        guard !used.isEmpty else { throw AnalyticsError(.emptyInput, "Gamma-Gamma needs customers with repeat purchases") }
        let n = Double(used.count)
        let result = minimizer.minimize([0, 0, 0]) { w in
            let model = GammaGammaModel(p: exp(w[0]), q: exp(w[1]), v: exp(w[2]))
            return -used.reduce(0) { $0 + model.logLikelihood(count: $1.frequency, meanValue: $1.meanRepeatValue) } / n
        }
        guard result.value.isFinite else { throw AnalyticsError(.didNotConverge, "Gamma-Gamma likelihood is not finite at the optimum") }
        let w = result.point
        return Fit(model: GammaGammaModel(p: exp(w[0]), q: exp(w[1]), v: exp(w[2])), logLikelihood: -result.value * n, iterations: result.iterations)
    }
}

/// Predicted customer value from BG/NBD and Gamma-Gamma together.
public struct CustomerValuePrediction: Sendable, Hashable, Codable {
    /// Expected purchases (purchase days) in the horizon.
    public var expectedPurchases: Double
    /// P(alive) now.
    public var probabilityAlive: Double
    /// Expected value of one future purchase.
    public var expectedPurchaseValue: Double
    /// expectedPurchases × expectedPurchaseValue (undiscounted; horizons are months, not years).
    public var expectedValue: Double

    /// Predicts one customer over `days`.
    public init(summary: RepeatPurchaseSummary, days: Double, purchases: BGNBDModel, value: GammaGammaModel) {
        expectedPurchases = purchases.conditionalExpectedPurchases(summary, days: days)
        probabilityAlive = purchases.probabilityAlive(summary)
        expectedPurchaseValue = value.conditionalExpectedValue(count: summary.frequency, meanValue: summary.meanRepeatValue)
        expectedValue = expectedPurchases * expectedPurchaseValue
    }
}
