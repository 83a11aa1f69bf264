/// The sign-in form.
public struct LoginViewModel: Sendable, Hashable {
    /// Shown above the form; nil on a server with several shops.
    public var shopName: String?
    /// The email typed last time, kept after a failed attempt.
    public var email: String
    /// Why the last attempt failed ("Email or password is wrong."); never says which one.
    public var errorMessage: String?
    /// The pre-session CSRF token (a double-submit cookie value) for the `_csrf` field.
    public var csrfToken: String
    /// Where the form posts.
    public var action: String
    /// Where to go after signing in (kept in a hidden field); only local paths are kept.
    public var next: String?
    public var locale: AdminLocale
    public var cspNonce: String?

    /// Creates the model.
    public init(
        shopName: String? = nil,
        email: String = "",
        errorMessage: String? = nil,
        csrfToken: String,
        action: String = "/admin/login",
        next: String? = nil,
        locale: AdminLocale = .en,
        cspNonce: String? = nil
    ) {
        self.shopName = shopName
        self.email = email
        self.errorMessage = errorMessage
        self.csrfToken = csrfToken
        self.action = action
        self.next = next
        self.locale = locale
        self.cspNonce = cspNonce
    }
}
