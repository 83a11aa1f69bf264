/// A link to an article in a list, with a short excerpt.
public struct HelpArticleLink: Sendable, Hashable {
    public var title: String
    public var url: String
    public var excerpt: String

    public init(title: String, url: String, excerpt: String) {
        self.title = title
        self.url = url
        self.excerpt = excerpt
    }
}

/// `/help/{shop}`: the shop's articles in one locale, grouped by section.
public struct HelpCenterView: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        public var title: String
        public var articles: [HelpArticleLink]
    }

    public var shop: ShopProfile
    public var locale: String
    public var paths: HelpPaths
    public var sections: [Section]

    /// Articles of `locale`'s language (all articles when none is in it), by section in first-seen
    /// order; articles without a section come last under "General".
    public init(knowledge: ShopKnowledge, locale: String, paths: HelpPaths) {
        shop = knowledge.shop
        self.locale = locale
        self.paths = paths
        let articles = HelpCenterView.articles(of: knowledge, locale: locale)
        var order: [String] = []
        var bySection: [String: [HelpArticleLink]] = [:]
        let general = PageText(locale: locale).general
        for article in articles {
            let section = article.section?.trimmingWhitespaceAndNewlines().isEmpty == false ? article.section! : general
            if bySection[section] == nil { order.append(section) }
            bySection[section, default: []].append(
                HelpArticleLink(title: article.title, url: paths.article(article.id), excerpt: HelpCenterView.excerpt(article.plainText))
            )
        }
        if let i = order.firstIndex(of: general) { order.append(order.remove(at: i)) }
        sections = order.map { Section(title: $0, articles: bySection[$0]!) }
    }

    /// The articles shown for `locale`: its exact locale, else its language, else every article.
    static func articles(of knowledge: ShopKnowledge, locale: String) -> [KnowledgeArticle] {
        let exact = knowledge.articles.filter { $0.locale.lowercased() == locale.lowercased() }
        if !exact.isEmpty { return exact }
        let prefix = String(locale.lowercased().prefix(2))
        let sameLanguage = knowledge.articles.filter { $0.locale.lowercased().hasPrefix(prefix) }
        return sameLanguage.isEmpty ? knowledge.articles : sameLanguage
    }

    static func excerpt(_ text: String, length: Int = 160) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return ShopKnowledge.cut(flat, to: length)
    }
}
