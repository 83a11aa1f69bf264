import Foundation
import ReboundChannels
import ReboundCore

/// Applies the channel part of `PATCH /v1/settings` (`email`, `sms`, `slack_webhook_url`, `webhook_url`, `branding`)
/// to the stored channel settings, checking each value the way it will be used: the SMTP URL parses, the sender is
/// an address, the DKIM key is an RSA key, the SMS sender is E.164. Secrets left out of a patch keep their value.
enum ChannelSettingsPatch {
    static let keys: Set<String> = [
        "email", "sms", "slack_webhook_url", "webhook_url", "webhook_events", "branding", "platform_api", "meta", "widget",
    ]

    static func apply(_ patch: [String: JSONValue], to current: ChannelSettings) -> (ChannelSettings, [ProblemDetails.FieldError]) {
        var settings = current
        var errors: [ProblemDetails.FieldError] = []
        func fail(_ field: String, _ detail: String) { errors.append(.init(field: field, detail: detail)) }

        if let value = patch["email"] {
            switch value {
            case .null: settings.email = nil
            case .object(let object):
                let smtpURL = object["smtp_url"]?.stringValue ?? current.email?.smtpURL
                let from = object["from"]?.stringValue ?? current.email?.from
                if let smtpURL {
                    do { _ = try SMTPConfiguration(url: smtpURL) } catch { fail("email.smtp_url", "\(error.message)") }
                } else {
                    fail("email.smtp_url", "is required, e.g. smtp://user:pass@mail.example.com:587")
                }
                if let from {
                    do { _ = try EmailAddress.parse(from) } catch { fail("email.from", "must be an address like Shop <shop@example.com>") }
                } else {
                    fail("email.from", "is required, e.g. Shop <shop@example.com>")
                }
                var replyTo = current.email?.replyTo
                if let reply = object["reply_to"] {
                    replyTo = reply.stringValue
                    if let text = replyTo, (try? EmailAddress.parse(text)) == nil { fail("email.reply_to", "must be an email address") }
                }
                var dkim = current.email?.dkim
                switch object["dkim"] {
                case .null?: dkim = nil
                case .object(let d)?:
                    let domain = d["domain"]?.stringValue ?? dkim?.domain
                    let selector = d["selector"]?.stringValue ?? dkim?.selector
                    let pem = d["private_key_pem"]?.stringValue ?? dkim?.privateKeyPEM
                    if let domain, let selector, let pem {
                        do {
                            _ = try DKIMSigner(domain: domain, selector: selector, privateKeyPEM: pem)
                            dkim = .init(domain: domain, selector: selector, privateKeyPEM: pem)
                        } catch {
                            fail("email.dkim.private_key_pem", "is not a usable RSA private key (PEM): \(error)")
                        }
                    } else {
                        fail("email.dkim", "needs domain, selector and private_key_pem")
                    }
                case nil: break
                default: fail("email.dkim", "must be an object or null")
                }
                if let smtpURL, let from { settings.email = .init(smtpURL: smtpURL, from: from, replyTo: replyTo, dkim: dkim) }
            default: fail("email", "must be an object or null")
            }
        }

        if let value = patch["sms"] {
            switch value {
            case .null: settings.sms = nil
            case .object(let object):
                let provider = object["provider"]?.stringValue ?? current.sms?.provider ?? "twilio"
                if provider != "twilio" { fail("sms.provider", "must be twilio (any provider speaking Twilio's Messages API)") }
                let baseURL = object["base_url"]?.stringValue ?? current.sms?.baseURL ?? "https://api.twilio.com"
                if URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0) }) != true { fail("sms.base_url", "must be an http(s) URL") }
                let sid = object["account_sid"]?.stringValue ?? current.sms?.accountSID
                let token = object["auth_token"]?.stringValue ?? current.sms?.authToken
                let from = object["from"]?.stringValue ?? current.sms?.from
                if sid?.isEmpty ?? true { fail("sms.account_sid", "is required") }
                if token?.isEmpty ?? true { fail("sms.auth_token", "is required") }
                if let from {
                    let alphanumeric =
                        from.count <= 11 && from.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && from.contains { $0.isLetter }
                    if !alphanumeric, (try? PhoneNumber(e164: from)) == nil {
                        fail("sms.from", "must be an E.164 number like +4915112345678 or an alphanumeric sender id")
                    }
                } else {
                    fail("sms.from", "is required")
                }
                var help = current.sms?.helpText
                if let h = object["help_text"] { help = h.stringValue }
                if let sid, let token, let from {
                    settings.sms = .init(provider: provider, baseURL: baseURL, accountSID: sid, authToken: token, from: from, helpText: help)
                }
            default: fail("sms", "must be an object or null")
            }
        }

        for key in ["slack_webhook_url", "webhook_url"] {
            guard let value = patch[key] else { continue }
            var url: String?
            switch value {
            case .null: url = nil
            case .string(let text):
                guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                    fail(key, "must be an http(s) URL")
                    continue
                }
                url = text
            default:
                fail(key, "must be a URL or null")
                continue
            }
            if key == "slack_webhook_url" { settings.slackWebhookURL = url } else { settings.webhookURL = url }
        }

        if let value = patch["webhook_events"] {
            if case .array(let items) = value, items.allSatisfy({ $0.stringValue?.isEmpty == false }) {
                settings.webhookEvents = items.compactMap(\.stringValue)
            } else {
                fail("webhook_events", "must be an array of event types")
            }
        }

        if let value = patch["platform_api"] {
            switch value {
            case .null: settings.platformAPI = nil
            case .object(let o):
                let kind = o["kind"]?.stringValue ?? current.platformAPI?.kind
                let base = o["base_url"]?.stringValue ?? current.platformAPI?.baseURL
                var api = ChannelSettings.PlatformAPI(kind: kind ?? "", baseURL: base ?? "")
                api.accessToken = o["access_token"]?.stringValue ?? current.platformAPI?.accessToken
                api.consumerKey = o["consumer_key"]?.stringValue ?? current.platformAPI?.consumerKey
                api.consumerSecret = o["consumer_secret"]?.stringValue ?? current.platformAPI?.consumerSecret
                if URL(string: api.baseURL)?.host == nil { fail("platform_api.base_url", "must be the shop's URL") }
                switch kind {
                case "shopify":
                    if api.accessToken?.isEmpty ?? true { fail("platform_api.access_token", "is required for Shopify (Admin API access token)") }
                case "woocommerce":
                    if api.consumerKey?.isEmpty ?? true { fail("platform_api.consumer_key", "is required for WooCommerce") }
                    if api.consumerSecret?.isEmpty ?? true { fail("platform_api.consumer_secret", "is required for WooCommerce") }
                default: fail("platform_api.kind", "must be shopify or woocommerce")
                }
                settings.platformAPI = api
            default: fail("platform_api", "must be an object or null")
            }
        }

        if let value = patch["meta"] {
            switch value {
            case .null: settings.meta = nil
            case .object(let o):
                let secret = o["app_secret"]?.stringValue ?? current.meta?.appSecret
                let token = o["verify_token"]?.stringValue ?? current.meta?.verifyToken
                if secret?.isEmpty ?? true { fail("meta.app_secret", "is required (it checks X-Hub-Signature-256)") }
                if token?.isEmpty ?? true { fail("meta.verify_token", "is required (it answers the webhook handshake)") }
                var meta = ChannelSettings.Meta(appSecret: secret ?? "", verifyToken: token ?? "")
                meta.pageAccessToken = o["page_access_token"]?.stringValue ?? current.meta?.pageAccessToken
                meta.pageID = o["page_id"]?.stringValue ?? current.meta?.pageID
                meta.whatsappToken = o["whatsapp_token"]?.stringValue ?? current.meta?.whatsappToken
                meta.phoneNumberID = o["phone_number_id"]?.stringValue ?? current.meta?.phoneNumberID
                meta.graphBaseURL = o["graph_base_url"]?.stringValue ?? current.meta?.graphBaseURL ?? meta.graphBaseURL
                if URL(string: meta.graphBaseURL)?.host == nil { fail("meta.graph_base_url", "must be a URL") }
                settings.meta = meta
            default: fail("meta", "must be an object or null")
            }
        }

        if let value = patch["widget"] {
            let problems = WidgetSettings.validate(value)
            for problem in problems { fail("widget." + problem.field, problem.detail) }
            if problems.isEmpty { settings.widget = value == .null ? nil : value }
        }

        if let value = patch["branding"] {
            guard case .object(let object) = value else {
                fail("branding", "must be an object")
                return (settings, errors)
            }
            for (key, field) in object.sorted(by: { $0.key < $1.key }) {
                let text = field.stringValue
                if field != .null, text == nil { fail("branding.\(key)", "must be a string or null") }
                switch key {
                case "logo_url": settings.branding.logoURL = text
                case "primary_color":
                    if let text, !(text.hasPrefix("#") && [4, 7].contains(text.count) && text.dropFirst().allSatisfy(\.isHexDigit)) {
                        fail("branding.primary_color", "must be a CSS hex colour like #0a7d5a")
                    }
                    settings.branding.primaryColor = text
                case "address": settings.branding.address = text
                case "store_url":
                    if let text, URL(string: text)?.host == nil { fail("branding.store_url", "must be a URL like https://shop.example") }
                    settings.branding.storeURL = text
                case "platform":
                    if let text, !["shopify", "woocommerce", "generic"].contains(text) {
                        fail("branding.platform", "must be shopify, woocommerce or generic")
                    }
                    settings.branding.platform = text
                default: fail("branding.\(key)", "is not a branding setting; known: address, logo_url, platform, primary_color, store_url")
                }
            }
        }
        return (settings, errors)
    }
}
