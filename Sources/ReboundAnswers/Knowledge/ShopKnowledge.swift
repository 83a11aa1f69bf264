import Foundation

/// Everything the bot may answer from for one shop: articles, catalogue, shipping zones,
/// return policy, trust facts, incentive rules and synonyms.
///
/// Build it once per shop (it indexes the articles) and share it; it is an immutable value.
/// ```swift
/// let knowledge = ShopKnowledge(
///     shop: ShopProfile(id: "acme", name: "Acme", currency: "EUR"),
///     articles: try KnowledgeImport.markdownFolder(at: "help").articles,
///     shipping: shipping, returns: returns,
///     synonyms: [.english: ["parcel": ["package"]], .german: ["paket": ["sendung"]]]
/// )
/// ```
public struct ShopKnowledge: Sendable {
    public var shop: ShopProfile
    public let articles: [KnowledgeArticle]
    public var catalogue: [CatalogueProduct]
    public var shipping: ShippingPolicy?
    public var returns: ReturnPolicy?
    public var trust: TrustFacts?
    public var incentives: IncentiveRules?
    /// Per language: a word or phrase → words added to a question that contains it.
    public let synonyms: [TextLanguage: [String: [String]]]

    /// One BM25 index per analyser language, over the articles of that language.
    let indexes: [TextLanguage: LanguageIndex]
    /// Article positions by the intents they are tagged with.
    let articlesByIntent: [IntentExample.Label: [Int]]

    struct LanguageIndex: Sendable {
        let base: KnowledgeBase
        /// `articles` position of each indexed document.
        let positions: [Int]
    }

    public init(
        shop: ShopProfile,
        articles: [KnowledgeArticle] = [],
        catalogue: [CatalogueProduct] = [],
        shipping: ShippingPolicy? = nil,
        returns: ReturnPolicy? = nil,
        trust: TrustFacts? = nil,
        incentives: IncentiveRules? = nil,
        synonyms: [TextLanguage: [String: [String]]] = [:],
        bm25: BM25Index.Configuration = .init()
    ) {
        self.shop = shop
        self.articles = articles
        self.catalogue = catalogue
        self.shipping = shipping
        self.returns = returns
        self.trust = trust
        self.incentives = incentives
        self.synonyms = synonyms
        var indexes: [TextLanguage: LanguageIndex] = [:]
        for language in TextLanguage.allCases {
            // Articles in other locales (fr, it, …) are listed on help pages but not indexed: there is no analyser for them.
            let positions = articles.indices.filter { articles[$0].language == language }
            guard !positions.isEmpty else { continue }
            let documents = positions.map { i in
                // The title counts twice: it states what the article answers, the body may mention other things in passing.
                KnowledgeDocument(
                    id: articles[i].id,
                    title: articles[i].title + "\n" + articles[i].title,
                    body: articles[i].plainText,
                    language: language
                )
            }
            let base = KnowledgeBase(documents: documents, configuration: .init(bm25: bm25, synonyms: synonyms))
            indexes[language] = LanguageIndex(base: base, positions: positions)
        }
        self.indexes = indexes
        var byIntent: [IntentExample.Label: [Int]] = [:]
        for (i, article) in articles.enumerated() {
            for intent in article.intents { byIntent[intent, default: []].append(i) }
        }
        articlesByIntent = byIntent
    }

    /// The article with `id` (in `locale`'s language when there are translations), if any.
    public func article(_ id: KnowledgeDocument.ID, locale: String? = nil) -> KnowledgeArticle? {
        let candidates = articles.filter { $0.id == id }
        if let locale, let exact = candidates.first(where: { $0.locale.lowercased() == locale.lowercased() }) { return exact }
        if let locale, let language = TextLanguage(localeIdentifier: locale), let same = candidates.first(where: { $0.language == language }) {
            return same
        }
        return candidates.first
    }

    /// Articles tagged with `intent`, in the language when given.
    public func articles(forIntent intent: IntentExample.Label, language: TextLanguage? = nil) -> [KnowledgeArticle] {
        (articlesByIntent[intent] ?? []).map { articles[$0] }.filter { language == nil || $0.language == language }
    }
}
