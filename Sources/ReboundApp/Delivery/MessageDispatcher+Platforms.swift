import Foundation
import ReboundChannels
import ReboundCore
import ReboundPlatforms
import ReboundStore

/// Effects on the shop's platform: a code issued by a flow is created in Shopify (price rule + discount code) or
/// WooCommerce (coupon), so the checkout accepts it.
extension MessageDispatcher {
    func pushDiscount(_ message: MessageRecord, shop: Shop, settings: ChannelSettings, customer: Customer?, now: Date) async throws
        -> Store.DispatchOutcome
    {
        guard let api = settings.platformAPI else { return .parked(status: "issued", detail: "no platform connection: the code lives in Rebound") }
        guard let record = try await store.discountCode(shopID: shop.id, messageKey: message.key) else {
            return .failed(error: "no code was issued for this step")
        }
        let value: DiscountValue
        switch record.kind {
        case "percent": value = .percent(Int(record.value ?? 0))
        case "fixed": value = .fixedAmount(record.value ?? 0)
        default: value = .freeShipping
        }
        let request = DiscountCodeRequest(
            code: record.code,
            ruleID: (record.flowID ?? "rebound") + "." + (message.step ?? "discount"),
            value: value,
            currency: shop.currency.rawValue,
            minimumSubtotal: record.minimumCart,
            startsAt: now,
            expiresAt: record.expiresAt,
            customerEmail: customer?.email
        )
        let platform: any DiscountPlatform
        switch api.kind {
        case "shopify":
            platform = ShopifyDiscountPlatform(configuration: .init(shopURL: api.baseURL, accessToken: api.accessToken ?? ""))
        case "woocommerce":
            platform = WooCommerceDiscountPlatform(
                configuration: .init(siteURL: api.baseURL, consumerKey: api.consumerKey ?? "", consumerSecret: api.consumerSecret ?? "")
            )
        default:
            return .failed(error: "unknown platform \(api.kind)")
        }
        do {
            let issued = try await platform.createCode(request)
            try await store.markDiscountPushed(shopID: shop.id, code: record.code, platformID: issued.platformCodeID)
            return .sent(providerID: issued.platformCodeID, subject: record.code, at: now)
        } catch let error as PlatformError {
            if error.isTransient {
                if let wait = error.retryAfter, message.attempts < configuration.maxAttempts {
                    return .retry(at: now.addingTimeInterval(Double(wait.components.seconds) + 1), error: "\(error)")
                }
                return failure(.init(.transientFailure, "\(error)"), attempts: message.attempts, now: now)
            }
            return .failed(error: "\(api.kind): \(error)")
        }
    }
}

extension MessageDispatcher {
    /// An agent's answer in a Messenger, Instagram or WhatsApp conversation, through Meta's Send API.
    func sendSocial(_ message: MessageRecord, shop: Shop, settings: ChannelSettings, now: Date) async throws -> Store.DispatchOutcome {
        guard let meta = settings.meta else { return .parked(status: "intended", detail: "not sent: Meta messaging is not configured") }
        guard let thread = message.recipient, let colon = thread.firstIndex(of: ":") else { return .failed(error: "no recipient") }
        let recipient = String(thread[thread.index(after: colon)...])
        let text = (try? JSONValue.parse(message.detail ?? ""))?["text"]?.stringValue ?? ""
        let sender: any SocialMessageSender
        switch message.channel {
        case "whatsapp":
            guard let token = meta.whatsappToken, let phone = meta.phoneNumberID else {
                return .parked(status: "intended", detail: "not sent: no WhatsApp token or phone number id")
            }
            sender = WhatsAppCloudClient(configuration: .init(accessToken: token, phoneNumberID: phone, baseURL: meta.graphBaseURL))
        default:
            guard let token = meta.pageAccessToken else { return .parked(status: "intended", detail: "not sent: no page access token") }
            sender = MessengerSendClient(
                configuration: .init(pageAccessToken: token, pageID: meta.pageID, baseURL: meta.graphBaseURL),
                platform: message.channel == "instagram" ? .instagram : .messenger
            )
        }
        do {
            let receipt = try await sender.sendText(text, to: recipient)
            return .sent(providerID: receipt.messageID, subject: nil, at: now)
        } catch let error as PlatformError {
            return error.isTransient
                ? failure(.init(.transientFailure, "\(error)"), attempts: message.attempts, now: now) : .failed(error: "\(message.channel): \(error)")
        }
    }
}
