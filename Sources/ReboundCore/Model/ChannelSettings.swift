import Foundation

/// How a shop's messages leave Rebound: SMTP, SMS provider, Slack, outbound webhooks, and the look of its emails.
///
/// Holds secrets (SMTP password, DKIM key, SMS auth token, Slack URL, signing keys); the API answers
/// ``redacted`` and never these values.
public struct ChannelSettings: Hashable, Sendable, Codable {
    public struct Email: Hashable, Sendable, Codable {
        /// `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (implicit TLS).
        public var smtpURL: String
        /// `Shop <shop@example.com>`.
        public var from: String
        public var replyTo: String?
        public var dkim: DKIM?

        public init(smtpURL: String, from: String, replyTo: String? = nil, dkim: DKIM? = nil) {
            self.smtpURL = smtpURL
            self.from = from
            self.replyTo = replyTo
            self.dkim = dkim
        }

        enum CodingKeys: String, CodingKey {
            case smtpURL = "smtp_url"
            case from
            case replyTo = "reply_to"
            case dkim
        }
    }

    public struct DKIM: Hashable, Sendable, Codable {
        public var domain: String
        public var selector: String
        public var privateKeyPEM: String

        public init(domain: String, selector: String, privateKeyPEM: String) {
            self.domain = domain
            self.selector = selector
            self.privateKeyPEM = privateKeyPEM
        }

        enum CodingKeys: String, CodingKey {
            case domain, selector
            case privateKeyPEM = "private_key_pem"
        }
    }

    public struct SMS: Hashable, Sendable, Codable {
        /// `twilio` (any provider speaking Twilio's Messages API).
        public var provider: String
        public var baseURL: String
        public var accountSID: String
        public var authToken: String
        /// Sender number (E.164) or alphanumeric sender id.
        public var from: String
        /// Answer to `HELP`.
        public var helpText: String?

        public init(provider: String, baseURL: String, accountSID: String, authToken: String, from: String, helpText: String? = nil) {
            self.provider = provider
            self.baseURL = baseURL
            self.accountSID = accountSID
            self.authToken = authToken
            self.from = from
            self.helpText = helpText
        }

        enum CodingKeys: String, CodingKey {
            case provider
            case baseURL = "base_url"
            case accountSID = "account_sid"
            case authToken = "auth_token"
            case from
            case helpText = "help_text"
        }
    }

    /// The shop platform's admin API, to push discount codes and edit orders: Shopify (Admin API access token) or
    /// WooCommerce (REST consumer key and secret).
    public struct PlatformAPI: Hashable, Sendable, Codable {
        /// `shopify` or `woocommerce`.
        public var kind: String
        /// `https://shop.myshopify.com` or the WordPress site URL.
        public var baseURL: String
        public var accessToken: String?
        public var consumerKey: String?
        public var consumerSecret: String?

        public init(kind: String, baseURL: String, accessToken: String? = nil, consumerKey: String? = nil, consumerSecret: String? = nil) {
            self.kind = kind
            self.baseURL = baseURL
            self.accessToken = accessToken
            self.consumerKey = consumerKey
            self.consumerSecret = consumerSecret
        }

        enum CodingKeys: String, CodingKey {
            case kind
            case baseURL = "base_url"
            case accessToken = "access_token"
            case consumerKey = "consumer_key"
            case consumerSecret = "consumer_secret"
        }
    }

    /// Facebook Messenger, Instagram and WhatsApp through Meta's webhooks and Send APIs.
    public struct Meta: Hashable, Sendable, Codable {
        /// Checks `X-Hub-Signature-256`.
        public var appSecret: String
        /// Answers the webhook verification handshake.
        public var verifyToken: String
        public var pageAccessToken: String?
        public var pageID: String?
        public var whatsappToken: String?
        public var phoneNumberID: String?
        /// `https://graph.facebook.com` unless a test or proxy says otherwise.
        public var graphBaseURL: String

        public init(
            appSecret: String,
            verifyToken: String,
            pageAccessToken: String? = nil,
            pageID: String? = nil,
            whatsappToken: String? = nil,
            phoneNumberID: String? = nil,
            graphBaseURL: String = "https://graph.facebook.com"
        ) {
            self.appSecret = appSecret
            self.verifyToken = verifyToken
            self.pageAccessToken = pageAccessToken
            self.pageID = pageID
            self.whatsappToken = whatsappToken
            self.phoneNumberID = phoneNumberID
            self.graphBaseURL = graphBaseURL
        }

        enum CodingKeys: String, CodingKey {
            case appSecret = "app_secret"
            case verifyToken = "verify_token"
            case pageAccessToken = "page_access_token"
            case pageID = "page_id"
            case whatsappToken = "whatsapp_token"
            case phoneNumberID = "phone_number_id"
            case graphBaseURL = "graph_base_url"
        }
    }

    /// What the shop's emails look like.
    public struct Branding: Hashable, Sendable, Codable {
        public var logoURL: String?
        public var primaryColor: String?
        /// Postal address for the footer (legally required in many countries).
        public var address: String?
        /// The storefront, e.g. `https://shop.example`; restore links rebuild carts there.
        public var storeURL: String?
        /// `shopify`, `woocommerce` or `generic`: how a restore link rebuilds the cart.
        public var platform: String?

        public init(logoURL: String? = nil, primaryColor: String? = nil, address: String? = nil, storeURL: String? = nil, platform: String? = nil) {
            self.logoURL = logoURL
            self.primaryColor = primaryColor
            self.address = address
            self.storeURL = storeURL
            self.platform = platform
        }

        enum CodingKeys: String, CodingKey {
            case logoURL = "logo_url"
            case primaryColor = "primary_color"
            case address
            case storeURL = "store_url"
            case platform
        }
    }

    public var email: Email?
    public var sms: SMS?
    public var slackWebhookURL: String?
    /// Where `notify_webhook` steps without their own URL post.
    public var webhookURL: String?
    public var branding: Branding
    public var platformAPI: PlatformAPI?
    public var meta: Meta?
    /// The storefront script's tactics as the shop set them (see docs/widget.md); defaults fill the rest.
    public var widget: JSONValue?
    /// Event types posted to ``webhookURL`` as they happen (e.g. `cart_abandoned`, `order_placed`).
    public var webhookEvents: [String]
    /// Signs restore, click, open and unsubscribe links (base64url, made when the shop first needs it).
    public var linkKey: String?
    /// Signs outbound webhooks (`X-Rebound-Signature`).
    public var webhookSecret: String?

    public init(
        email: Email? = nil,
        sms: SMS? = nil,
        slackWebhookURL: String? = nil,
        webhookURL: String? = nil,
        branding: Branding = Branding(),
        platformAPI: PlatformAPI? = nil,
        meta: Meta? = nil,
        webhookEvents: [String] = [],
        linkKey: String? = nil,
        webhookSecret: String? = nil
    ) {
        self.platformAPI = platformAPI
        self.meta = meta
        self.webhookEvents = webhookEvents
        self.email = email
        self.sms = sms
        self.slackWebhookURL = slackWebhookURL
        self.webhookURL = webhookURL
        self.branding = branding
        self.linkKey = linkKey
        self.webhookSecret = webhookSecret
    }

    enum CodingKeys: String, CodingKey {
        case email, sms
        case slackWebhookURL = "slack_webhook_url"
        case webhookURL = "webhook_url"
        case branding
        case platformAPI = "platform_api"
        case meta
        case widget
        case webhookEvents = "webhook_events"
        case linkKey = "link_key"
        case webhookSecret = "webhook_secret"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        email = try c.decodeIfPresent(Email.self, forKey: .email)
        sms = try c.decodeIfPresent(SMS.self, forKey: .sms)
        slackWebhookURL = try c.decodeIfPresent(String.self, forKey: .slackWebhookURL)
        webhookURL = try c.decodeIfPresent(String.self, forKey: .webhookURL)
        branding = try c.decodeIfPresent(Branding.self, forKey: .branding) ?? Branding()
        platformAPI = try c.decodeIfPresent(PlatformAPI.self, forKey: .platformAPI)
        meta = try c.decodeIfPresent(Meta.self, forKey: .meta)
        widget = try c.decodeIfPresent(JSONValue.self, forKey: .widget)
        webhookEvents = try c.decodeIfPresent([String].self, forKey: .webhookEvents) ?? []
        linkKey = try c.decodeIfPresent(String.self, forKey: .linkKey)
        webhookSecret = try c.decodeIfPresent(String.self, forKey: .webhookSecret)
    }

    /// The settings as the API shows them: which secrets are set, never their values.
    public var redacted: JSONValue {
        var email: JSONValue = .null
        if let e = self.email {
            var object: [String: JSONValue] = [
                "smtp_url": .string(Self.redactURL(e.smtpURL)),
                "from": .string(e.from),
                "reply_to": e.replyTo.map(JSONValue.string) ?? .null,
                "configured": true,
            ]
            object["dkim"] =
                e.dkim.map { .object(["domain": .string($0.domain), "selector": .string($0.selector), "private_key_set": true]) } ?? .null
            email = .object(object)
        }
        let sms: JSONValue =
            self.sms.map { s in
                .object([
                    "provider": .string(s.provider), "base_url": .string(s.baseURL), "account_sid": .string(s.accountSID),
                    "from": .string(s.from), "help_text": s.helpText.map(JSONValue.string) ?? .null, "auth_token_set": true,
                    "configured": true,
                ])
            } ?? .null
        return .object([
            "email": email,
            "sms": sms,
            "slack_webhook_configured": .bool(slackWebhookURL != nil),
            "webhook_url": webhookURL.map(JSONValue.string) ?? .null,
            "webhook_events": .array(webhookEvents.map(JSONValue.string)),
            "widget": widget ?? .object([:]),
            "platform_api": platformAPI.map { .object(["kind": .string($0.kind), "base_url": .string($0.baseURL), "credentials_set": true]) }
                ?? .null,
            "meta": meta.map { m in
                .object([
                    "page_id": m.pageID.map(JSONValue.string) ?? .null, "phone_number_id": m.phoneNumberID.map(JSONValue.string) ?? .null,
                    "graph_base_url": .string(m.graphBaseURL), "app_secret_set": true, "messenger": .bool(m.pageAccessToken != nil),
                    "whatsapp": .bool(m.whatsappToken != nil),
                ])
            } ?? .null,
            "branding": .object([
                "logo_url": branding.logoURL.map(JSONValue.string) ?? .null,
                "primary_color": branding.primaryColor.map(JSONValue.string) ?? .null,
                "address": branding.address.map(JSONValue.string) ?? .null,
                "store_url": branding.storeURL.map(JSONValue.string) ?? .null,
                "platform": branding.platform.map(JSONValue.string) ?? .null,
            ]),
        ])
    }

    /// `smtp://user:secret@host:587` → `smtp://user:***@host:587`.
    public static func redactURL(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url.range(of: "@", options: .backwards),
            at.lowerBound > schemeEnd.upperBound
        else { return url }
        let credentials = url[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
    }
}
