import Foundation

extension ShopKnowledge {
    /// An article found for a question.
    public struct ArticleMatch: Sendable, Hashable {
        public let article: KnowledgeArticle
        public let score: Float
        /// Share (0…1) of the question's words, weighted by idf, that the article contains; words
        /// the shop's articles never use count fully against it. A synonym found in the article
        /// stands in for the word it expands.
        public let coverage: Double
        /// Jaccard overlap (0…1) of the question's words and the title's words; ranks articles of equal coverage.
        public let titleOverlap: Double
    }

    /// Articles of `language` for `question`, best first: by coverage plus half the title overlap, then BM25 score.
    ///
    /// - Parameter among: only these articles (for instance those tagged with the predicted intent).
    public func searchArticles(
        _ question: String,
        language: TextLanguage,
        limit: Int = 5,
        among: Set<KnowledgeDocument.ID>? = nil
    ) -> [ArticleMatch] {
        guard let index = indexes[language], limit > 0 else { return [] }
        let base = index.base
        let expanded = base.queryTerms(question, language: language)
        let own = Set(base.queryTerms(question, language: language, expandingSynonyms: false))
        let ids = base.index.termIDs(for: expanded)
        var buffer = BM25Index.ScoreBuffer(documentCount: base.index.documentCount)
        // Rerank a wider set than asked for, so an article whose title is the question beats a longer one that repeats its words.
        let hits = base.index.search(termIDs: ids, limit: among == nil ? max(limit, 10) : base.index.documentCount, buffer: &buffer)
        let analyzer = TextAnalyzer(language: language)
        // The weight of a word no article uses: the idf of a term with document frequency 0.
        let unknownWeight = BM25Index.idf(documentFrequency: 0, documentCount: base.index.documentCount)
        let filler = Self.fillerTerms[language] ?? []
        var denominator = 0.0
        for term in own where !filler.contains(term) {
            denominator += base.index.termID(term).map { Double(base.index.idf[Int($0)]) } ?? unknownWeight
        }
        var out: [ArticleMatch] = []
        for hit in hits {
            let article = articles[index.positions[hit.document]]
            if let among, !among.contains(article.id) { continue }
            var covered = 0.0
            for term in Set(expanded) where !filler.contains(term) {
                guard let id = base.index.termID(term), base.index.score(termIDs: [id], document: hit.document) > 0 else { continue }
                covered += Double(base.index.idf[Int(id)])
            }
            let coverage = denominator > 0 ? min(1, covered / denominator) : 0
            let title = Set(analyzer.terms(in: article.title)).subtracting(filler)
            let asked = own.subtracting(filler)
            let union = title.union(asked).count
            let titleOverlap = union == 0 ? 0 : Double(title.intersection(asked).count) / Double(union)
            out.append(ArticleMatch(article: article, score: hit.score, coverage: coverage, titleOverlap: titleOverlap))
        }
        out.sort { a, b in
            let ra = a.coverage + 0.5 * a.titleOverlap, rb = b.coverage + 0.5 * b.titleOverlap
            return ra != rb ? ra > rb : a.score > b.score
        }
        return Array(out.prefix(limit))
    }

    /// Words of requests rather than topics ("could you help me check …"), stemmed. They still
    /// score in BM25 but do not count for or against coverage, so politeness does not lower confidence.
    static let fillerTerms: [TextLanguage: Set<String>] = {
        let words: [TextLanguage: String] = [
            .english: """
            help helping need needs want wanted like know tell inform information info check checking see find possible way get \
            getting try trying assist assistance hi hello hey thanks thank question ask asking wonder wondering show look looking \
            give let able u pls plz ok okay hey guys sir madam problem issue issues something anything someone somebody
            """,
            .german: """
            hilfe helfen brauche brauchen mochte mochten wissen sagen information informationen infos prufen sehen finden \
            hallo danke frage fragen zeigen geben gerne mal bitte problem moglich weiss
            """,
        ]
        var out: [TextLanguage: Set<String>] = [:]
        for (language, list) in words {
            let analyzer = TextAnalyzer(language: language, configuration: .init(removesStopWords: false))
            out[language] = Set(analyzer.terms(in: list))
        }
        return out
    }()

    /// The part of `article` that answers `question`: the whole text when short, else the paragraph
    /// sharing most question words (with the next one when it is very short), cut at a sentence end.
    public func passage(of article: KnowledgeArticle, for question: String, maximumLength: Int = 700) -> String {
        let paragraphs = MarkdownText.paragraphs(article.body)
        let whole = paragraphs.joined(separator: "\n\n")
        if whole.count <= maximumLength || paragraphs.count <= 1 { return Self.cut(whole, to: maximumLength) }
        let analyzer = TextAnalyzer(language: article.language ?? .english)
        let wanted = Set(analyzer.terms(in: question))
        var best = 0
        var bestScore = -1
        for (i, paragraph) in paragraphs.enumerated() {
            let score = Set(analyzer.terms(in: paragraph)).intersection(wanted).count
            if score > bestScore {
                best = i
                bestScore = score
            }
        }
        var text = paragraphs[best]
        if text.count < 120, best + 1 < paragraphs.count { text += "\n\n" + paragraphs[best + 1] }
        return Self.cut(text, to: maximumLength)
    }

    /// `text` cut to `length` characters at the last sentence end (or word break) before it.
    static func cut(_ text: String, to length: Int) -> String {
        guard text.count > length else { return text }
        let head = String(text.prefix(length))
        if let end = head.lastIndex(where: { $0 == "." || $0 == "!" || $0 == "?" }), head.distance(from: head.startIndex, to: end) > length / 2 {
            return String(head[...end])
        }
        if let space = head.lastIndex(of: " ") { return String(head[..<space]) + " …" }
        return head + " …"
    }
}
