import Foundation

/// Special functions used by the distributions and the BG/NBD model.
public enum SpecialFunctions {
    /// Natural log of the gamma function, ln Γ(x), for x > 0.
    public static func logGamma(_ x: Double) -> Double {
        lgamma(x)
    }

    /// Natural log of the beta function, ln B(a, b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
    ///
    /// Continued fraction (modified Lentz), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where it converges faster.
    public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        precondition(a > 0 && b > 0, "a and b must be positive")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = a * log(x) + b * log1p(-x) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(a, b, x) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b
    }

    private static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }

    /// The Gaussian hypergeometric function ₂F₁(a, b; c; z) for |z| < 1, by its power series.
    ///
    /// The series is summed until a term no longer changes the sum in the 16th digit (at most 100,000 terms).
    /// BG/NBD only needs 0 ≤ z < 1 with z = t / (α + T + t), where the series converges well.
    public static func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        precondition(abs(z) < 1, "the series needs |z| < 1")
        var term = 1.0
        var sum = 1.0
        for j in 0..<100_000 {
            let j = Double(j)
            term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z
            sum += term
            if abs(term) <= 1e-16 * abs(sum) { break }
        }
        return sum
    }
}
