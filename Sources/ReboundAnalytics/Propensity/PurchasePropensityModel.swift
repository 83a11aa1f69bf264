public import Foundation

/// L2-regularised logistic regression from session features to the probability of a purchase.
///
/// Objective (as scikit-learn's `LogisticRegression(C=1/l2)`): Σ log-loss + (l2/2)·‖w‖², intercept not penalised.
/// Trained by Newton's method with a Cholesky solve and backtracking, so training is deterministic. The model is `Codable`
/// (encoder scalings, levels, weights), so the server can store one JSON document per shop.
///
/// ```swift
/// let model = try PurchasePropensityModel.train(rows: rows, labels: labels, schema: .onlineShoppers)
/// let p = model.probability(row)
/// let json = try model.jsonData()
/// ```
public struct PurchasePropensityModel: Sendable, Hashable, Codable {
    /// Training settings.
    public struct Configuration: Sendable, Hashable, Codable {
        /// L2 strength (1/C in scikit-learn terms). Default 1.
        public var l2: Double = 1
        /// Newton iteration cap. Default 100.
        public var maximumIterations: Int = 100
        /// Stop when the largest Newton step is below this. Default 1e-10.
        public var tolerance: Double = 1e-10

        /// The default configuration.
        public init() {}
    }

    /// Feature scaling and levels.
    public var encoder: FeatureEncoder
    /// One weight per encoded position.
    public var weights: [Double]
    /// Intercept (log-odds at the feature means, categories all zero).
    public var intercept: Double

    /// Creates a model from known parts.
    public init(encoder: FeatureEncoder, weights: [Double], intercept: Double) {
        precondition(weights.count == encoder.width, "one weight per encoded feature")
        self.encoder = encoder
        self.weights = weights
        self.intercept = intercept
    }

    /// P(purchase | row).
    public func probability(_ row: FeatureRow) -> Double {
        let x = encoder.encode(row)
        var z = intercept
        for i in 0..<x.count { z += weights[i] * x[i] }
        return Self.sigmoid(z)
    }

    /// The model as JSON (sorted keys, so equal models give equal bytes).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a model written by `jsonData()`.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(Self.self, from: jsonData)
    }

    /// Trains on rows with labels (true = purchased).
    /// - Throws: `AnalyticsError.emptyInput` without rows, `.invalidParameter` when counts differ or one class is missing.
    public static func train(rows: [FeatureRow], labels: [Bool], schema: FeatureSchema, configuration: Configuration = Configuration())
        throws -> PurchasePropensityModel
    {
        guard !rows.isEmpty else { throw AnalyticsError(.emptyInput, "no training rows") }
        guard rows.count == labels.count else { throw AnalyticsError(.invalidParameter, "\(rows.count) rows but \(labels.count) labels") }
        guard labels.contains(true), labels.contains(false) else { throw AnalyticsError(.invalidParameter, "both classes are needed") }
        let encoder = FeatureEncoder(schema: schema, rows: rows)
        // Column 0 is the intercept.
        let x = rows.map { [1.0] + encoder.encode($0) }
        let y = labels.map { $0 ? 1.0 : 0.0 }
        let d = encoder.width + 1
        var w = [Double](repeating: 0, count: d)
        func objective(_ w: [Double]) -> Double {
            var total = 0.0
            for i in 0..<x.count {
                let z = dot(w, x[i])
                // log(1 + e^z) − y·z, stable for large |z|.
                total += max(z, 0) + log1p(exp(-abs(z))) - y[i] * z
            }
            for j in 1..<d { total += 0.5 * configuration.l2 * w[j] * w[j] }
            return total
        }
        var current = objective(w)
        for _ in 0..<configuration.maximumIterations {
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [Double](repeating: 0, count: d * d)
            for i in 0..<x.count {
                let row = x[i]
                let p = sigmoid(dot(w, row))
                let r = p - y[i], s = p * (1 - p)
                for j in 0..<d where row[j] != 0 {
                    gradient[j] += r * row[j]
                    let sj = s * row[j]
                    for k in 0...j where row[k] != 0 { hessian[j * d + k] += sj * row[k] }
                }
            }
            for j in 1..<d {
                gradient[j] += configuration.l2 * w[j]
                hessian[j * d + j] += configuration.l2
            }
            for j in 0..<d { for k in 0..<j { hessian[k * d + j] = hessian[j * d + k] } }
            guard let step = choleskySolve(hessian, gradient, d) else {
                throw AnalyticsError(.didNotConverge, "Hessian is not positive definite")
            }
            var t = 1.0
            var candidate = w
            var value = current
            while t > 1e-8 {
                candidate = (0..<d).map { w[$0] - t * step[$0] }
                value = objective(candidate)
                if value <= current { break }
                t /= 2
            }
            let largest = step.map { abs($0) * t }.max() ?? 0
            w = candidate
            current = value
            if largest < configuration.tolerance { break }
        }
        return PurchasePropensityModel(encoder: encoder, weights: Array(w.dropFirst()), intercept: w[0])
    }

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}

/// Solves A·x = b for a symmetric positive definite row-major A (d × d); nil if A is not positive definite.
func choleskySolve(_ a: [Double], _ b: [Double], _ d: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
        for j in 0...i {
            var sum = a[i * d + j]
            for k in 0..<j { sum -= l[i * d + k] * l[j * d + k] }
            if i == j {
                guard sum > 0 else { return nil }
                l[i * d + i] = sum.squareRoot()
            } else {
                l[i * d + j] = sum / l[j * d + j]
            }
        }
    }
    var z = [Double](repeating: 0, count: d)
    for i in 0..<d {
        var sum = b[i]
        for k in 0..<i { sum -= l[i * d + k] * z[k] }
        z[i] = sum / l[i * d + i]
    }
    var x = [Double](repeating: 0, count: d)
    for i in stride(from: d - 1, through: 0, by: -1) {
        var sum = z[i]
        for k in (i + 1)..<d { sum -= l[k * d + i] * x[k] }
        x[i] = sum / l[i * d + i]
    }
    return x
}
