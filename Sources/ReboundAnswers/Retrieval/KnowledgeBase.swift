/// A shop's searchable knowledge: documents in English and German behind one BM25 index.
///
/// Documents are analysed in their own language; German compounds are split into known parts
/// (both in documents and in questions), and the shop's synonyms expand questions.
/// ```swift
/// let kb = KnowledgeBase(documents: [
///     KnowledgeDocument(id: "shipping", title: "Versandkosten", body: "Der Versand kostet 4,90 €.", language: .german),
/// ])
/// kb.search("Was kostet der Versand?", language: .german).first?.id  // "shipping"
/// ```
public struct KnowledgeBase: Sendable {
    /// How a knowledge base analyses and scores.
    public struct Configuration: Sendable {
        public var bm25: BM25Index.Configuration
        /// Synonyms per language: term or phrase → terms or phrases added to the question.
        public var synonyms: [TextLanguage: [String: [String]]]
        /// Split German compounds into known parts.
        public var splitsCompounds: Bool
        /// Characters of a question past this are ignored.
        public var maximumQuestionLength: Int

        public init(
            bm25: BM25Index.Configuration = .init(),
            synonyms: [TextLanguage: [String: [String]]] = [:],
            splitsCompounds: Bool = true,
            maximumQuestionLength: Int = 2_000
        ) {
            self.bm25 = bm25
            self.synonyms = synonyms
            self.splitsCompounds = splitsCompounds
            self.maximumQuestionLength = maximumQuestionLength
        }
    }

    /// A document that answers a question, with its BM25 score.
    public struct Hit: Sendable, Hashable {
        public let id: KnowledgeDocument.ID
        public let score: Float
    }

    public let configuration: Configuration
    public let documents: [KnowledgeDocument]
    public let index: BM25Index
    private let analyzers: [TextLanguage: TextAnalyzer]
    private let splitters: [TextLanguage: CompoundSplitter]
    private let synonymMaps: [TextLanguage: SynonymMap]

    public init(documents: [KnowledgeDocument], configuration: Configuration = .init()) {
        self.configuration = configuration
        self.documents = documents
        var analyzers: [TextLanguage: TextAnalyzer] = [:]
        for language in TextLanguage.allCases { analyzers[language] = TextAnalyzer(language: language) }
        self.analyzers = analyzers
        var synonymMaps: [TextLanguage: SynonymMap] = [:]
        for (language, map) in configuration.synonyms { synonymMaps[language] = SynonymMap(map, analyzer: analyzers[language]!) }
        self.synonymMaps = synonymMaps

        var terms = documents.map { analyzers[$0.language]!.terms(in: $0.title + "\n" + $0.body) }
        var splitters: [TextLanguage: CompoundSplitter] = [:]
        if configuration.splitsCompounds {
            let german = analyzers[.german]!
            var vocabulary = Set<String>()
            for (i, doc) in documents.enumerated() where doc.language == .german { vocabulary.formUnion(terms[i]) }
            let splitter = CompoundSplitter(vocabulary: vocabulary, analyzer: german)
            splitters[.german] = splitter
            for (i, doc) in documents.enumerated() where doc.language == .german {
                terms[i] = Self.addingCompoundParts(text: doc.title + "\n" + doc.body, analyzer: german, splitter: splitter)
            }
        }
        self.splitters = splitters
        index = BM25Index(documents: terms, configuration: configuration.bm25)
    }

    /// The query terms for a question: analysed, compounds split, synonyms added.
    public func queryTerms(_ question: String, language: TextLanguage) -> [String] {
        queryTerms(question, language: language, expandingSynonyms: true)
    }

    /// The query terms, with or without the shop's synonyms (coverage counts only the shopper's own words).
    func queryTerms(_ question: String, language: TextLanguage, expandingSynonyms: Bool) -> [String] {
        let text = String(question.prefix(configuration.maximumQuestionLength))
        let analyzer = analyzers[language]!
        var terms: [String]
        if let splitter = splitters[language] {
            terms = Self.addingCompoundParts(text: text, analyzer: analyzer, splitter: splitter)
        } else {
            terms = analyzer.terms(in: text)
        }
        if expandingSynonyms, let synonyms = synonymMaps[language] { terms = synonyms.expand(terms) }
        return terms
    }

    /// The best `limit` documents for a question; empty when nothing matches.
    public func search(_ question: String, language: TextLanguage = .english, limit: Int = 10) -> [Hit] {
        var buffer = BM25Index.ScoreBuffer(documentCount: index.documentCount)
        return search(question, language: language, limit: limit, buffer: &buffer)
    }

    /// Like ``search(_:language:limit:)`` with a reusable score buffer.
    public func search(_ question: String, language: TextLanguage, limit: Int, buffer: inout BM25Index.ScoreBuffer) -> [Hit] {
        let ids = index.termIDs(for: queryTerms(question, language: language))
        return index.search(termIDs: ids, limit: limit, buffer: &buffer).map { Hit(id: documents[$0.document].id, score: $0.score) }
    }

    /// Each word's term, followed by the stems of its parts when it is a compound of known parts.
    static func addingCompoundParts(text: String, analyzer: TextAnalyzer, splitter: CompoundSplitter) -> [String] {
        var out: [String] = []
        for word in WordSplitter.words(in: text, maximumWords: analyzer.configuration.maximumWords) {
            guard let term = analyzer.term(forWord: word) else { continue }
            out.append(term)
            if let parts = splitter.split(TextFolding.fold(word)) { out.append(contentsOf: parts) }
        }
        return out
    }
}
