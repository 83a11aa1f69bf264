import Foundation

/// Matches folded word patterns against a message: the small rule language of ``QuestionSignals``.
///
/// A pattern is words separated by spaces, written folded (`zu teuer`, `ruckgabe*`): a word ending
/// in `*` matches any word starting with it (German compounds: `versandkost*`), `_` matches any one word.
struct PhraseMatcher: Sendable {
    let words: [String]

    init(_ text: String, maximumWords: Int = 300) {
        words = WordSplitter.words(in: TextFolding.fold(text), maximumWords: maximumWords)
    }

    /// Whether any pattern occurs as a contiguous run of words.
    func contains(any patterns: [String]) -> Bool {
        patterns.contains { firstMatch($0) != nil }
    }

    /// The position of the first occurrence of `pattern`.
    func firstMatch(_ pattern: String) -> Int? {
        let tokens = pattern.split(separator: " ").map(String.init)
        guard !tokens.isEmpty, tokens.count <= words.count else { return nil }
        outer: for start in 0...(words.count - tokens.count) {
            for (k, token) in tokens.enumerated() where !Self.word(words[start + k], matches: token) { continue outer }
            return start
        }
        return nil
    }

    /// Whether a word of `first` is followed within `distance` words by a word of `second`.
    func near(_ first: [String], _ second: [String], within distance: Int) -> Bool {
        for (i, w) in words.enumerated() where first.contains(where: { Self.word(w, matches: $0) }) {
            let end = min(words.count, i + 1 + distance)
            if i + 1 < end, words[(i + 1)..<end].contains(where: { v in second.contains(where: { Self.word(v, matches: $0) }) }) {
                return true
            }
        }
        return false
    }

    /// Whether any word matches one of `tokens`.
    func containsWord(_ tokens: [String]) -> Bool {
        words.contains { w in tokens.contains { Self.word(w, matches: $0) } }
    }

    static func word(_ word: String, matches token: String) -> Bool {
        if token == "_" { return true }
        if token.hasSuffix("*") { return word.hasPrefix(token.dropLast()) }
        return word == token
    }
}
