/// Model evaluation helpers: exact AUC and a deterministic stratified split.
public enum ModelEvaluation {
    /// The area under the ROC curve, exactly, by ranks (Mann–Whitney U / (n₊·n₋)); tied scores get their average rank.
    /// Returns nil unless both classes are present.
    public static func auc(scores: [Double], labels: [Bool]) -> Double? {
        precondition(scores.count == labels.count, "one label per score")
        let positives = labels.filter { $0 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            // Ranks start+1 … end+1 share their average.
            let averageRank = Double(start + end + 2) / 2
            for k in start...end where labels[order[k]] { rankSumPositive += averageRank }
            start = end + 1
        }
        let p = Double(positives), n = Double(negatives)
        return (rankSumPositive - p * (p + 1) / 2) / (p * n)
    }

    /// Splits row indices into train and test, stratified by label.
    ///
    /// Rule: the indices of each class (in row order) are shuffled by Fisher–Yates driven by SplitMix64(`seed`), first the
    /// `false` class then the `true` class from the same generator; the first `round(count · testFraction)` of each go to test.
    /// Both lists are returned in ascending order.
    public static func stratifiedSplit(labels: [Bool], testFraction: Double, seed: UInt64) -> (train: [Int], test: [Int]) {
        var generator = SplitMix64(seed: seed)
        var train: [Int] = [], test: [Int] = []
        for label in [false, true] {
            var indices = labels.indices.filter { labels[$0] == label }
            if indices.count > 1 {
                for i in stride(from: indices.count - 1, to: 0, by: -1) {
                    let j = Int(generator.next() % UInt64(i + 1))
                    indices.swapAt(i, j)
                }
            }
            let testCount = Int((Double(indices.count) * testFraction).rounded())
            test += indices.prefix(testCount)
            train += indices.dropFirst(testCount)
        }
        return (train.sorted(), test.sorted())
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny deterministic generator, the same on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
