public import Foundation

/// What every signed-in page needs besides its own data: who is signed in, for which shop, the CSRF token, the clock.
public struct AdminContext: Sendable, Hashable {
    /// A one-off message at the top of the page ("Segment saved").
    public struct Notice: Sendable, Hashable {
        public enum Tone: String, Sendable, Hashable {
            case info, success, warning, error
        }

        public var text: String
        public var tone: Tone

        /// Creates a notice.
        public init(_ text: String, tone: Tone = .info) {
            self.text = text
            self.tone = tone
        }
    }

    public var shopName: String
    public var agentName: String
    public var agentEmail: String?
    /// The session's CSRF token: written into `<meta name="csrf-token">` and into every POST form as `_csrf`.
    public var csrfToken: String
    /// The highlighted navigation entry.
    public var section: AdminSection
    public var format: AdminFormat
    /// The time the page is rendered for; relative times and SLA timers count from it.
    public var now: Date
    /// Where the admin is mounted.
    public var basePath: String
    /// The logout form's action.
    public var logoutURL: String
    /// A Content-Security-Policy nonce for the page's `<style>` and `<script>`; pass the one in the response header.
    public var cspNonce: String?
    /// The period form shown in the page header; nil on pages without a period.
    public var dateRange: DateRangeSelection?
    public var notice: Notice?
    /// Open conversations waiting for an agent, shown as a badge on "Inbox".
    public var inboxBadge: Int?

    /// Creates a context.
    public init(
        shopName: String,
        agentName: String,
        agentEmail: String? = nil,
        csrfToken: String,
        section: AdminSection,
        format: AdminFormat = AdminFormat(),
        now: Date,
        basePath: String = "/admin",
        logoutURL: String = "/admin/logout",
        cspNonce: String? = nil,
        dateRange: DateRangeSelection? = nil,
        notice: Notice? = nil,
        inboxBadge: Int? = nil
    ) {
        self.shopName = shopName
        self.agentName = agentName
        self.agentEmail = agentEmail
        self.csrfToken = csrfToken
        self.section = section
        self.format = format
        self.now = now
        self.basePath = basePath
        self.logoutURL = logoutURL
        self.cspNonce = cspNonce
        self.dateRange = dateRange
        self.notice = notice
        self.inboxBadge = inboxBadge
    }

    /// The hidden `_csrf` field every POST form carries.
    public var csrfField: HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrfToken)\">" }

    /// The path of a section.
    public func path(_ section: AdminSection) -> String {
        let base = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
        return section.pathComponent.isEmpty ? base : base + "/" + section.pathComponent
    }
}
