/// The addresses of a shop's public help pages and self-service portal, under `/help/{shop}`.
public struct HelpPaths: Sendable, Hashable {
    public var shop: String
    /// Prefix before `/help`, for a server mounted under a path.
    public var prefix: String
    /// A signed token proving the shopper verified the order; carried by every order link (`?t=`), since the
    /// portal keeps no session.
    public var orderToken: String?

    public init(shop: String, prefix: String = "", orderToken: String? = nil) {
        self.shop = shop
        self.prefix = prefix
        self.orderToken = orderToken
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
    public func order(_ number: String) -> String { orderBase(number) + tokenQuery }
    public func returnRequest(_ number: String) -> String { orderBase(number) + "/return" + tokenQuery }
    public func invoice(_ number: String) -> String { orderBase(number) + "/invoice" + tokenQuery }

    func orderBase(_ number: String) -> String { orders + "/" + HTMLEscaping.urlComponent(OrderVerifier.normalizedNumber(number)) }
    var tokenQuery: String { orderToken.map { "?t=" + HTMLEscaping.urlComponent($0) } ?? "" }
}
