import Foundation

/// `/help/{shop}/search?q=…`: articles for a query.
public struct HelpSearchView: Sendable, Hashable {
    public var shop: ShopProfile
    public var locale: String
    public var paths: HelpPaths
    public var query: String
    public var results: [HelpArticleLink]

    /// Searches the articles of `locale`'s language; the query is cut to 200 characters.
    public init(knowledge: ShopKnowledge, query: String, locale: String, paths: HelpPaths, limit: Int = 10) {
        shop = knowledge.shop
        self.locale = locale
        self.paths = paths
        let cut = String(query.prefix(200))
        self.query = cut
        let language = TextLanguage(localeIdentifier: locale) ?? .english
        results = knowledge.searchArticles(cut, language: language, limit: limit).map { match in
            HelpArticleLink(
                title: match.article.title,
                url: paths.article(match.article.id),
                excerpt: HelpCenterView.excerpt(knowledge.passage(of: match.article, for: cut, maximumLength: 240), length: 240)
            )
        }
    }
}
