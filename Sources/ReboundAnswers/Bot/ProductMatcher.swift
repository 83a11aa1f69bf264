import Foundation

/// Finds the product a question is about and the variant options it names (size, colour).
///
/// A product is mentioned when at least half of the distinctive words of its title appear in the
/// question (folded, plural `s` ignored); the best share wins, ties go to the longer title.
/// Option values match as whole words; colours match across English and German (`blue` = `blau`),
/// sizes across spellings (`medium` = `M`). A one-letter size counts only when written as a capital
/// (`M`) or right after "size"/"Größe", so "I'm" does not ask for size M.
struct ProductMatcher: Sendable {
    struct Match: Sendable {
        var product: CatalogueProduct
        /// Variants having every option the question named; all variants when it named none.
        var variants: [CatalogueVariant]
        /// Option values the question named, as the catalogue spells them.
        var requestedOptions: [String]
        /// The question named options no variant has together.
        var optionsNotFound: Bool
    }

    let products: [CatalogueProduct]

    func match(_ question: String, contextProductID: String?) -> Match? {
        let words = PhraseMatcher(question).words.map(Self.singular)
        let wordSet = Set(words)
        var best: (product: CatalogueProduct, share: Double, length: Int)?
        for product in products {
            let titleWords = Self.distinctive(product.title)
            guard !titleWords.isEmpty else { continue }
            let hits = titleWords.filter { wordSet.contains($0) }.count
            let share = Double(hits) / Double(titleWords.count)
            guard hits > 0, share >= 0.5 else { continue }
            if best == nil || share > best!.share || (share == best!.share && titleWords.count > best!.length) {
                best = (product, share, titleWords.count)
            }
        }
        let product = best?.product ?? contextProductID.flatMap { id in products.first { $0.id == id } }
        guard let product else { return nil }
        return variants(of: product, question: question, words: words)
    }

    func variants(of product: CatalogueProduct, question: String, words: [String]) -> Match {
        let capitals = Set(question.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        var requested: [String] = []
        var optionValues: [String] = []
        for variant in product.variants {
            for option in variant.options where !optionValues.contains(option) { optionValues.append(option) }
        }
        for option in optionValues where Self.mentions(option, words: words, capitals: capitals) {
            requested.append(option)
        }
        // A size or colour the product does not come in ("the t-shirt in large?" when it comes in Small and Medium).
        let known = Set(
            optionValues.flatMap { option -> [String] in
                let folded = WordSplitter.words(in: TextFolding.fold(option)).map(Self.singular)
                return folded + folded.flatMap { Self.aliases[$0] ?? [] }
            }
        )
        let missing = words.enumerated().filter { index, word in
            guard Self.aliases[word] != nil, !known.contains(word) else { return false }
            if word.count == 1 { return capitals.contains(word.uppercased()) || index > 0 && ["size", "grosse", "gr"].contains(words[index - 1]) }
            return true
        }.map { $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
        if !missing.isEmpty {
            return Match(product: product, variants: product.variants, requestedOptions: requested + missing, optionsNotFound: true)
        }
        guard !requested.isEmpty else { return Match(product: product, variants: product.variants, requestedOptions: [], optionsNotFound: false) }
        // Keep the options that narrow within one option dimension: "blue M" wants both.
        let exact = product.variants.filter { v in requested.allSatisfy { v.options.contains($0) } }
        if !exact.isEmpty { return Match(product: product, variants: exact, requestedOptions: requested, optionsNotFound: false) }
        let partial = product.variants.filter { v in requested.contains { v.options.contains($0) } }
        return Match(product: product, variants: partial, requestedOptions: requested, optionsNotFound: true)
    }

    static func mentions(_ option: String, words: [String], capitals: Set<String>) -> Bool {
        let folded = TextFolding.fold(option)
        let optionWords = WordSplitter.words(in: folded).map(singular)
        guard !optionWords.isEmpty else { return false }
        var candidates: [[String]] = [optionWords]
        if optionWords.count == 1 {
            for alias in aliases[optionWords[0]] ?? [] { candidates.append([alias]) }
        }
        for candidate in candidates {
            for start in words.indices where start + candidate.count <= words.count {
                guard Array(words[start..<(start + candidate.count)]) == candidate else { continue }
                if candidate.count == 1, candidate[0].count == 1 {
                    // One letter: only as a capital, or right after a size word.
                    let afterSizeWord = start > 0 && ["size", "grosse", "gr"].contains(words[start - 1])
                    if !(capitals.contains(candidate[0].uppercased()) || afterSizeWord) { continue }
                }
                return true
            }
        }
        return false
    }

    /// Title words that identify a product: folded, without stop words and one-letter words.
    static func distinctive(_ title: String) -> [String] {
        let stop = StopWords.words(for: .english).union(StopWords.words(for: .german))
        var out: [String] = []
        for w in WordSplitter.words(in: TextFolding.fold(title)) where w.count > 1 && !stop.contains(w) {
            let s = singular(w)
            if !out.contains(s) { out.append(s) }
        }
        return out
    }

    /// `shirts` → `shirt`, `sunglasses` stays (a word ending in `ss`).
    static func singular(_ word: String) -> String {
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { return String(word.dropLast()) }
        return word
    }

    /// Colours in both languages and size spellings, each mapping to its equivalents (folded).
    static let aliases: [String: [String]] = {
        let groups: [[String]] = [
            ["blue", "blau"], ["black", "schwarz"], ["white", "weiss"], ["red", "rot"], ["green", "grun"], ["grey", "gray", "grau"],
            ["yellow", "gelb"], ["pink", "rosa"], ["brown", "braun"], ["purple", "lila", "violett"], ["orange"], ["beige"],
            ["navy", "marine", "dunkelblau"], ["silver", "silber"], ["gold"], ["small", "s", "klein"], ["medium", "m", "mittel"],
            ["large", "l", "gross"], ["x large", "xl", "extra large"], ["xx large", "xxl"], ["x small", "xs", "extra small"],
        ]
        var table: [String: [String]] = [:]
        for group in groups {
            for word in group where !word.contains(" ") { table[word] = group.filter { $0 != word && !$0.contains(" ") } }
        }
        return table
    }()
}
