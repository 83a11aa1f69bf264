import Foundation

/// `/help/{shop}/articles/{id}`: one article.
public struct HelpArticleView: Sendable, Hashable {
    public var shop: ShopProfile
    public var locale: String
    public var paths: HelpPaths
    public var article: KnowledgeArticle
    /// Other articles of the same section.
    public var related: [HelpArticleLink]

    /// The article `id` in `locale`, or nil when the shop has no such article.
    public init?(knowledge: ShopKnowledge, id: KnowledgeDocument.ID, locale: String, paths: HelpPaths) {
        guard let article = knowledge.article(id, locale: locale) else { return nil }
        shop = knowledge.shop
        self.locale = article.locale
        self.paths = paths
        self.article = article
        related = knowledge.articles
            .filter { $0.id != article.id && $0.locale == article.locale && $0.section != nil && $0.section == article.section }
            .prefix(5)
            .map { HelpArticleLink(title: $0.title, url: paths.article($0.id), excerpt: HelpCenterView.excerpt($0.plainText)) }
    }
}
