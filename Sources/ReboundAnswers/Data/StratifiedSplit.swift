/// A deterministic stratified split, reproducible in any language.
///
/// Rule: a SplitMix64 generator seeded with `seed`; labels in ascending (byte-wise) order; for each
/// label, the positions of its examples in file order are Fisher–Yates shuffled (for i from last
/// down to 1: j = next() % (i + 1), swap) and the first `round(count × fraction)` go to the held-out part.
public enum StratifiedSplit {
    /// The default seed of every split in this module.
    public static let defaultSeed: UInt64 = 20_240_601

    /// Positions (ascending) of the held-out part.
    public static func heldOut(labels: [IntentExample.Label], fraction: Double, seed: UInt64 = defaultSeed) -> [Int] {
        var rng = SplitMix64(seed: seed)
        var byLabel: [IntentExample.Label: [Int]] = [:]
        for (i, label) in labels.enumerated() { byLabel[label, default: []].append(i) }
        var out: [Int] = []
        for label in byLabel.keys.sorted(by: { Array($0.rawValue.utf8).lexicographicallyPrecedes(Array($1.rawValue.utf8)) }) {
            var idx = byLabel[label]!
            var i = idx.count - 1
            while i > 0 {
                let j = Int(rng.next() % UInt64(i + 1))
                idx.swapAt(i, j)
                i -= 1
            }
            let k = Int((Double(idx.count) * fraction).rounded(.toNearestOrAwayFromZero))
            out.append(contentsOf: idx.prefix(k))
        }
        return out.sorted()
    }

    /// Splits examples into (kept, held out), each in original order.
    public static func split(_ examples: [IntentExample], fraction: Double, seed: UInt64 = defaultSeed) -> (
        kept: [IntentExample], heldOut: [IntentExample]
    ) {
        let held = Set(heldOut(labels: examples.map(\.label), fraction: fraction, seed: seed))
        var kept: [IntentExample] = []
        var out: [IntentExample] = []
        for (i, e) in examples.enumerated() {
            if held.contains(i) { out.append(e) } else { kept.append(e) }
        }
        return (kept, out)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and easy to reproduce elsewhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
