/// Splits German compounds into parts that a vocabulary knows.
///
/// `versandkosten` → `versand` + `kosten` when the stems `versand` and `kost` are known.
/// Linking `s`/`es`/`n`/`en` between parts (Fugenelemente) is accepted.
public struct CompoundSplitter: Sendable {
    /// Stems (as produced by `analyzer`) that may be parts.
    public let vocabulary: Set<String>
    public let analyzer: TextAnalyzer
    /// The shortest part, in characters.
    public let minimumPartLength: Int

    public init(vocabulary: Set<String>, analyzer: TextAnalyzer, minimumPartLength: Int = 3) {
        self.vocabulary = vocabulary
        self.analyzer = analyzer
        self.minimumPartLength = max(2, minimumPartLength)
    }

    /// The stems of the parts of a folded word, or nil when it is not a compound of known parts.
    ///
    /// Prefers the split with the fewest parts, then the longest first part.
    public func split(_ word: String) -> [String]? {
        let chars = Array(word)
        let n = chars.count
        guard n >= 2 * minimumPartLength, n <= 64 else { return nil }
        // best[i]: fewest-part segmentation of chars[i...], as stems.
        var best: [[String]?] = Array(repeating: nil, count: n + 1)
        best[n] = []
        for start in stride(from: n - minimumPartLength, through: 0, by: -1) {
            var choice: [String]?
            var end = n
            while end - start >= minimumPartLength {
                if let rest = best[end], let stem = knownStem(chars[start..<end], isLast: end == n) {
                    // Skip the whole word as a single part: that is not a split.
                    if !(start == 0 && end == n) && (choice == nil || rest.count + 1 < choice!.count) {
                        choice = [stem] + rest
                    }
                }
                // A linking element after a non-final part: part + s/es/n/en + rest.
                for link in ["s", "es", "n", "en"] where end < n {
                    let l = link.count
                    guard end - l - start >= minimumPartLength,
                        String(chars[(end - l)..<end]) == link,
                        let rest = best[end],
                        let stem = knownStem(chars[start..<(end - l)], isLast: false)
                    else { continue }
                    if choice == nil || rest.count + 1 < choice!.count { choice = [stem] + rest }
                }
                end -= 1
            }
            best[start] = choice
        }
        guard let parts = best[0], parts.count >= 2 else { return nil }
        return parts
    }

    private func knownStem(_ part: ArraySlice<Character>, isLast: Bool) -> String? {
        let text = String(part)
        let stem = analyzer.stem(folded: text)
        if vocabulary.contains(stem) { return stem }
        if !isLast && vocabulary.contains(text) { return text }
        return nil
    }
}
