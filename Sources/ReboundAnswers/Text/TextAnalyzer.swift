/// Turns text into index terms: lower-case, split into words, drop stop words, stem, fold.
///
/// ```swift
/// let analyzer = TextAnalyzer(language: .german)
/// analyzer.terms(in: "Wie hoch sind die Versandkosten?")  // ["hoch", "versandkost"]
/// ```
public struct TextAnalyzer: Sendable, Hashable {
    /// How an analyzer treats words.
    public struct Configuration: Sendable, Hashable {
        /// Drop the language's stop words.
        public var removesStopWords: Bool
        /// Apply the language's Snowball stemmer.
        public var stems: Bool
        /// Words past this many are ignored, so an enormous input costs bounded time.
        public var maximumWords: Int

        public init(removesStopWords: Bool = true, stems: Bool = true, maximumWords: Int = 1_024) {
            self.removesStopWords = removesStopWords
            self.stems = stems
            self.maximumWords = maximumWords
        }
    }

    public let language: TextLanguage
    public let configuration: Configuration
    private let stopWords: Set<String>

    public init(language: TextLanguage, configuration: Configuration = .init()) {
        self.language = language
        self.configuration = configuration
        self.stopWords = configuration.removesStopWords ? StopWords.words(for: language) : []
    }

    /// The terms of `text`, in order, duplicates kept.
    public func terms(in text: String) -> [String] {
        var out: [String] = []
        for word in WordSplitter.words(in: text, maximumWords: configuration.maximumWords) {
            if let term = term(forWord: word) { out.append(term) }
        }
        return out
    }

    /// The term of one lower-case word, or nil for a stop word.
    public func term(forWord word: String) -> String? {
        let folded = TextFolding.fold(word)
        if stopWords.contains(folded) { return nil }
        return stem(folded: folded, original: word)
    }

    /// Stems an already folded word (the original spelling helps the German stemmer).
    func stem(folded: String, original: String? = nil) -> String {
        guard configuration.stems else { return folded }
        switch language {
        case .english:
            return EnglishStemmer.stem(folded)
        case .german:
            return TextFolding.fold(GermanStemmer.stem(original ?? folded))
        }
    }
}
