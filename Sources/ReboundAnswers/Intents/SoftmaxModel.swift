/// Multinomial logistic regression over sparse features: `p = softmax(W·x + b)`.
///
/// Trained by stochastic gradient descent on the L2-regularised cross-entropy
/// `Σᵢ −log p(yᵢ|xᵢ) + (λ/2)·n·‖W‖²`, step `η_t = η₀ / (1 + η₀·λ·t)`, examples visited in a
/// seeded shuffle each epoch. Weight decay uses a shared scale factor so a step touches only
/// the rows of the example's features. The final weights are the average of the last epochs'
/// iterates (averaged SGD), which converges more reliably than the last iterate.
struct SoftmaxModel: Sendable {
    struct Configuration: Sendable, Hashable {
        var epochs: Int = 12
        var learningRate: Double = 0.5
        var l2: Double = 1e-5
        /// Average the iterates from this epoch on (0-based); nil for the last iterate.
        var averagingFromEpoch: Int? = 4
        var seed: UInt64 = StratifiedSplit.defaultSeed
        /// Weight examples inversely to their class frequency (normalised to mean 1).
        var balancesClasses: Bool = false
        /// Per-class example weights (multiplied with the balancing weights); empty for all 1.
        var classWeights: [Double] = []
    }

    let classCount: Int
    let featureCount: Int
    /// Row-major: feature f's weights are `weights[f * classCount ..< (f + 1) * classCount]`.
    var weights: [Float]
    var bias: [Float]

    /// Writes W·x + b into `out` (size classCount).
    func scores(ids: [Int32], values: [Float], into out: inout [Float]) {
        let c = classCount
        if out.count != c { out = [Float](repeating: 0, count: c) }
        weights.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { z in
                for k in 0..<c { z[k] = bias[k] }
                for (i, f) in ids.enumerated() where Int(f) < featureCount {
                    VectorMath.axpy(values[i], w.baseAddress! + Int(f) * c, z.baseAddress!, c)
                }
            }
        }
    }

    /// Softmax in place.
    static func softmax(_ z: inout [Float]) {
        guard let m = z.max() else { return }
        var sum: Float = 0
        for k in z.indices {
            let e = Foundation_expf(z[k] - m)
            z[k] = e
            sum += e
        }
        let inv = 1 / sum
        for k in z.indices { z[k] *= inv }
    }

    static func train(_ x: SparseMatrix, labels: [Int], classCount: Int, featureCount: Int, configuration: Configuration) -> SoftmaxModel {
        let c = classCount
        let n = x.rowCount
        var v = [Float](repeating: 0, count: featureCount * c)  // weights = scale · v
        var bias = [Float](repeating: 0, count: c)
        var avgW = [Float](repeating: 0, count: configuration.averagingFromEpoch == nil ? 0 : featureCount * c)
        var avgB = [Float](repeating: 0, count: c)
        var averaged = 0
        var scale: Double = 1
        var rng = SplitMix64(seed: configuration.seed)
        var order = Array(0..<n)
        var z = [Float](repeating: 0, count: c)

        var classWeight = [Float](repeating: 1, count: c)
        if configuration.balancesClasses {
            var counts = [Int](repeating: 0, count: c)
            for y in labels { counts[y] += 1 }
            let present = counts.filter { $0 > 0 }.count
            for k in 0..<c where counts[k] > 0 { classWeight[k] = Float(Double(n) / (Double(present) * Double(counts[k]))) }
        }

        for (k, w) in configuration.classWeights.enumerated() where k < c { classWeight[k] *= Float(w) }
        let lambda = configuration.l2
        let eta0 = configuration.learningRate
        var t: Double = 0
        // Plain pointers: captured arrays would otherwise pay exclusivity checks in the inner loop.
        let labelsP = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, labels.count))
        _ = labelsP.initialize(from: labels)
        let classWeightP = UnsafeMutableBufferPointer<Float>.allocate(capacity: c)
        _ = classWeightP.initialize(from: classWeight)
        defer {
            labelsP.deallocate()
            classWeightP.deallocate()
        }
        // Running average kept lazily: avg += v·scale at the end of each epoch from averagingFromEpoch on.
        for epoch in 0..<configuration.epochs {
            // Seeded Fisher–Yates shuffle.
            var i = n - 1
            while i > 0 {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
                i -= 1
            }
            v.withUnsafeMutableBufferPointer { w in
                x.rowStart.withUnsafeBufferPointer { rowStart in
                    x.columns.withUnsafeBufferPointer { cols in
                        x.values.withUnsafeBufferPointer { vals in
                            z.withUnsafeMutableBufferPointer { zp in
                                bias.withUnsafeMutableBufferPointer { bias in
                                    for r in order {
                                        let lo = rowStart[r], hi = rowStart[r + 1]
                                        let s = Float(scale)
                                        for k in 0..<c { zp[k] = 0 }
                                        let wBase = w.baseAddress!
                                        let zBase = zp.baseAddress!
                                        for p in lo..<hi {
                                            VectorMath.axpy(vals[p], wBase + Int(cols[p]) &* c, zBase, c)
                                        }
                                        var m = -Float.infinity
                                        for k in 0..<c {
                                            zp[k] = zp[k] * s + bias[k]
                                            if zp[k] > m { m = zp[k] }
                                        }
                                        var sum: Float = 0
                                        for k in 0..<c {
                                            let e = Foundation_expf(zp[k] - m)
                                            zp[k] = e
                                            sum += e
                                        }
                                        let y = labelsP[r]
                                        let cw = classWeightP[y]
                                        let inv = 1 / sum
                                        for k in 0..<c { zp[k] *= inv * cw }
                                        zp[y] -= cw
                                        let eta = eta0 / (1 + eta0 * lambda * t)
                                        t += 1
                                        scale *= (1 - eta * lambda)
                                        let step = Float(eta / scale)
                                        for p in lo..<hi {
                                            VectorMath.axpy(-step * vals[p], zBase, wBase + Int(cols[p]) &* c, c)
                                        }
                                        let be = Float(eta)
                                        for k in 0..<c { bias[k] -= be * zp[k] }
                                        if scale < 1e-9 {
                                            let sf = Float(scale)
                                            for q in 0..<w.count { w[q] *= sf }
                                            scale = 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if let from = configuration.averagingFromEpoch, epoch >= from {
                let sf = Float(scale)
                for q in 0..<v.count { avgW[q] += v[q] * sf }
                for k in 0..<c { avgB[k] += bias[k] }
                averaged += 1
            }
        }
        var weights: [Float]
        if averaged > 0 {
            let inv = 1 / Float(averaged)
            for q in 0..<avgW.count { avgW[q] *= inv }
            for k in 0..<c { avgB[k] *= inv }
            weights = avgW
            bias = avgB
        } else {
            let sf = Float(scale)
            weights = v.map { $0 * sf }
        }
        return SoftmaxModel(classCount: c, featureCount: featureCount, weights: weights, bias: bias)
    }
}
