import Foundation

/// The BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
///
/// While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with
/// probability p ~ Beta(a, b). Time is in days here (any unit works if used consistently).
///
/// ```swift
/// let model = try BGNBDModel.fit(summaries)
/// model.conditionalExpectedPurchases(summary, days: 92)
/// ```
public struct BGNBDModel: Sendable, Hashable, Codable {
    /// Gamma shape of the purchase rate.
    public var r: Double
    /// Gamma rate (scale of time) of the purchase rate.
    public var alpha: Double
    /// Beta parameter of the dropout probability.
    public var a: Double
    /// Beta parameter of the dropout probability.
    public var b: Double

    /// Creates a model from known parameters.
    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// The log-likelihood of one customer (paper, equation 6):
    /// L = B(a, b+x)/B(a, b) · Γ(r+x)αʳ/Γ(r) · [(α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+tₓ)^−(r+x)].
    public func logLikelihood(_ c: RepeatPurchaseSummary) -> Double {
        let x = Double(c.frequency)
        let a1 = lgamma(r + x) - lgamma(r) + r * log(alpha)
        let a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x)
        let a3 = -(r + x) * log(alpha + c.age)
        guard c.frequency > 0 else { return a1 + a2 + a3 }
        let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + c.recency)
        let m = max(a3, a4)
        return a1 + a2 + m + log(exp(a3 - m) + exp(a4 - m))
    }

    /// Σ log-likelihood over customers.
    public func logLikelihood(_ customers: [RepeatPurchaseSummary]) -> Double {
        customers.reduce(0) { $0 + logLikelihood($1) }
    }

    /// P(alive | x, tₓ, T) (paper, equation 13).
    public func probabilityAlive(_ c: RepeatPurchaseSummary) -> Double {
        guard c.frequency > 0 else { return 1 }
        let x = Double(c.frequency)
        return 1 / (1 + a / (b + x - 1) * exp((r + x) * (log(alpha + c.age) - log(alpha + c.recency))))
    }

    /// E[Y(t) | x, tₓ, T]: expected purchases in the next `days` (paper, equation 10, with ₂F₁).
    public func conditionalExpectedPurchases(_ c: RepeatPurchaseSummary, days t: Double) -> Double {
        let x = Double(c.frequency), T = c.age
        let hyper = SpecialFunctions.hypergeometric2F1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
        let front = (a + b + x - 1) / (a - 1)
        let bracket = 1 - exp((r + x) * log((alpha + T) / (alpha + T + t))) * hyper
        let denominator =
            c.frequency > 0 ? 1 + a / (b + x - 1) * exp((r + x) * (log(alpha + T) - log(alpha + c.recency))) : 1
        return front * bracket / denominator
    }

    /// E[X(t)] for a new customer over `days` (paper, equation 9).
    public func expectedPurchases(days t: Double) -> Double {
        let hyper = SpecialFunctions.hypergeometric2F1(r, b, a + b - 1, t / (alpha + t))
        return (a + b - 1) / (a - 1) * (1 - exp(r * log(alpha / (alpha + t))) * hyper)
    }

    /// The result of a maximum-likelihood fit.
    public struct Fit: Sendable, Hashable {
        /// The fitted model.
        public var model: BGNBDModel
        /// Σ log-likelihood at the optimum.
        public var logLikelihood: Double
        /// Nelder–Mead iterations used.
        public var iterations: Int
    }

    /// Fits r, α, a, b by maximum likelihood: Nelder–Mead on the log-parameters (so they stay positive), starting at 1, 1, 1, 1.
    /// - Throws: `AnalyticsError.emptyInput` without customers, `.didNotConverge` if the optimum is not finite.
    public static func fit(_ customers: [RepeatPurchaseSummary], minimizer: NelderMead = NelderMead()) throws -> Fit {
        guard !customers.isEmpty else { throw AnalyticsError(.emptyInput, "BG/NBD needs at least one customer") }
        let n = Double(customers.count)
        let result = minimizer.minimize([0, 0, 0, 0]) { p in
            -BGNBDModel(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3])).logLikelihood(customers) / n
        }
        guard result.value.isFinite else { throw AnalyticsError(.didNotConverge, "BG/NBD likelihood is not finite at the optimum") }
        let p = result.point
        let model = BGNBDModel(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3]))
        return Fit(model: model, logLikelihood: -result.value * n, iterations: result.iterations)
    }
}
