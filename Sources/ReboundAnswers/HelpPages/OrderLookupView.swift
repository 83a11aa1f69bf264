import Foundation

/// The self-service order lookup: order number and email.
public struct OrderLookupView: Sendable, Hashable {
    public var shop: ShopProfile
    public var locale: String
    public var paths: HelpPaths
    /// Values to show again after a failed attempt.
    public var orderNumber: String
    public var email: String
    /// The last attempt did not verify. The page says the same whether the number or the email was wrong.
    public var failed: Bool
    /// A token the server checks on POST.
    public var csrfToken: String?

    public init(
        shop: ShopProfile,
        locale: String,
        paths: HelpPaths,
        orderNumber: String = "",
        email: String = "",
        failed: Bool = false,
        csrfToken: String? = nil
    ) {
        self.shop = shop
        self.locale = locale
        self.paths = paths
        self.orderNumber = orderNumber
        self.email = email
        self.failed = failed
        self.csrfToken = csrfToken
    }
}
