/// An error page: the HTML face of an RFC 9457 problem (title, detail, status).
///
/// Also shown to shoppers who open an expired or tampered restore link, so it works without a signed-in agent.
public struct ProblemViewModel: Sendable, Hashable {
    /// A link offered as the way out.
    public struct Action: Sendable, Hashable {
        public var title: String
        public var url: String

        /// Creates an action.
        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    public var status: Int
    public var title: String
    public var detail: String
    /// Tone of the page: `friendly` for shoppers (no status code, warm words), `technical` for agents.
    public var friendly: Bool
    public var action: Action?
    /// The shop's name in the header of shopper-facing pages.
    public var shopName: String?
    /// When set, the page is rendered inside the admin shell (navigation, agent).
    public var context: AdminContext?
    /// A reference to quote to support (the request id), never an error dump.
    public var reference: String?
    public var locale: AdminLocale
    public var cspNonce: String?

    /// Creates a problem page.
    public init(
        status: Int,
        title: String,
        detail: String,
        friendly: Bool = false,
        action: Action? = nil,
        shopName: String? = nil,
        context: AdminContext? = nil,
        reference: String? = nil,
        locale: AdminLocale = .en,
        cspNonce: String? = nil
    ) {
        self.status = status
        self.title = title
        self.detail = detail
        self.friendly = friendly
        self.action = action
        self.shopName = shopName
        self.context = context
        self.reference = reference
        self.locale = locale
        self.cspNonce = cspNonce
    }
}

extension ProblemViewModel {
    /// For a shopper whose restore or tracking link has expired (HTTP 410).
    public static func expiredLink(shopName: String?, shopURL: String?, locale: AdminLocale = .en) -> ProblemViewModel {
        let german = locale == .de
        return ProblemViewModel(
            status: 410,
            title: german ? "Dieser Link ist abgelaufen" : "This link has expired",
            detail: german
                ? "Links in unseren E-Mails gelten aus Sicherheitsgründen nur eine Zeit lang. Ihr Warenkorb ist vielleicht noch da – schauen Sie einfach im Shop vorbei."
                : "For your security, links in our emails only work for a while. Your cart may still be waiting for you in the shop.",
            friendly: true,
            action: shopURL.map { Action(title: german ? "Zum Shop" : "Continue to the shop", url: $0) },
            shopName: shopName,
            locale: locale
        )
    }

    /// For a link whose signature does not match (edited or cut off when copied) (HTTP 400).
    public static func invalidLink(shopName: String?, shopURL: String?, locale: AdminLocale = .en) -> ProblemViewModel {
        let german = locale == .de
        return ProblemViewModel(
            status: 400,
            title: german ? "Dieser Link funktioniert nicht" : "This link doesn't work",
            detail: german
                ? "Der Link ist unvollständig oder wurde verändert. Öffnen Sie ihn bitte direkt aus der E-Mail oder gehen Sie zum Shop."
                : "The link is incomplete or was changed, perhaps while copying it. Please open it straight from the email, or go to the shop.",
            friendly: true,
            action: shopURL.map { Action(title: german ? "Zum Shop" : "Continue to the shop", url: $0) },
            shopName: shopName,
            locale: locale
        )
    }
}
