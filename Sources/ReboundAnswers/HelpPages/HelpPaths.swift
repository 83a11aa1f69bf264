/// The addresses of a shop's public help pages and self-service portal, under `/help/{shop}`.
public struct HelpPaths: Sendable, Hashable {
    public var shop: String
    /// Prefix before `/help`, for a server mounted under a path.
    public var prefix: String

    public init(shop: String, prefix: String = "") {
        self.shop = shop
        self.prefix = prefix
    }

    /// `/help/{shop}`: the article list.
    public var home: String { prefix + "/help/" + HTMLEscaping.urlComponent(shop) }
    public func article(_ id: KnowledgeDocument.ID) -> String { home + "/articles/" + HTMLEscaping.urlComponent(id.rawValue) }
    /// The search page; with a query, its results.
    public func search(_ query: String? = nil) -> String {
        guard let query, !query.isEmpty else { return home + "/search" }
        return home + "/search?q=" + HTMLEscaping.urlComponent(query)
    }
    /// The order lookup form (GET shows it, POST checks number and email).
    public var orders: String { home + "/orders" }
    public func order(_ number: String) -> String { orders + "/" + HTMLEscaping.urlComponent(OrderVerifier.normalizedNumber(number)) }
    public func returnRequest(_ number: String) -> String { order(number) + "/return" }
    public func invoice(_ number: String) -> String { order(number) + "/invoice" }
}
