/// Per-shop synonyms applied to a query: each key's terms add the terms of its synonyms.
///
/// ```swift
/// let synonyms = SynonymMap(["parcel": ["package", "shipment"]], analyzer: TextAnalyzer(language: .english))
/// synonyms.expand(["parcel", "lost"])  // ["parcel", "lost", "packag", "shipment"]
/// ```
public struct SynonymMap: Sendable {
    private var entries: [(key: [String], terms: [String])] = []

    /// Analyses keys and values with `analyzer`, so they are written as plain words or phrases.
    public init(_ map: [String: [String]], analyzer: TextAnalyzer) {
        for key in map.keys.sorted() {
            let keyTerms = analyzer.terms(in: key)
            guard !keyTerms.isEmpty else { continue }
            var terms: [String] = []
            for value in map[key] ?? [] {
                for term in analyzer.terms(in: value) where !terms.contains(term) { terms.append(term) }
            }
            if !terms.isEmpty { entries.append((keyTerms, terms)) }
        }
    }

    /// Whether there are no synonyms.
    public var isEmpty: Bool { entries.isEmpty }

    /// `terms` followed by the synonym terms of every key found in it (as a contiguous run), without repeats.
    public func expand(_ terms: [String]) -> [String] {
        guard !entries.isEmpty else { return terms }
        var out = terms
        var added = Set(terms)
        for entry in entries where contains(terms, run: entry.key) {
            for term in entry.terms where !added.contains(term) {
                added.insert(term)
                out.append(term)
            }
        }
        return out
    }

    private func contains(_ terms: [String], run: [String]) -> Bool {
        guard run.count <= terms.count else { return false }
        for i in 0...(terms.count - run.count) where terms[i..<(i + run.count)].elementsEqual(run) { return true }
        return false
    }
}
