import Foundation

/// Student's t distribution with `degreesOfFreedom` ν > 0 (need not be an integer, as in Welch's test).
public struct StudentTDistribution: Sendable, Hashable {
    /// ν, the degrees of freedom.
    public let degreesOfFreedom: Double

    /// Creates the distribution; ν must be positive.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The density f(t).
    public func density(_ t: Double) -> Double {
        let v = degreesOfFreedom
        return exp(lgamma((v + 1) / 2) - lgamma(v / 2) - 0.5 * log(v * Double.pi) - (v + 1) / 2 * log1p(t * t / v))
    }

    /// The cumulative distribution P(T ≤ t), through the regularized incomplete beta function.
    ///
    /// Example: `StudentTDistribution(degreesOfFreedom: 10).cdf(2.228139)` ≈ 0.975.
    public func cdf(_ t: Double) -> Double {
        let v = degreesOfFreedom
        let tail = 0.5 * SpecialFunctions.regularizedIncompleteBeta(v / 2, 0.5, v / (v + t * t))
        return t > 0 ? 1 - tail : tail
    }

    /// The quantile: the t with P(T ≤ t) = p, for 0 < p < 1.
    ///
    /// Newton steps from the normal quantile, kept inside a bisection bracket so they cannot diverge in heavy tails.
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "p must be in (0, 1)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        var low = 0.0
        var high = max(1.0, NormalDistribution.quantile(p))
        while cdf(high) < p { high *= 2 }
        var x = min(max(NormalDistribution.quantile(p), low), high)
        for _ in 0..<200 {
            let f = cdf(x) - p
            if f > 0 { high = x } else { low = x }
            var next = x - f / density(x)
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - x) < 1e-14 * max(1, abs(x)) { return next }
            x = next
        }
        return x
    }
}
