import Foundation

/// What the bot does with a message whose intent the model recognised.
public enum IntentRoute: String, Sendable, Hashable, Codable {
    /// Answer from the articles (those tagged with the intent first).
    case answer
    /// Needs the shopper's order: ask for number and email, then answer from the order.
    case verifyOrder
    /// Always a human (complaints, explicit requests for an agent).
    case handoff
    /// The shop's return policy facts, else the articles.
    case returnPolicy
    /// Delivery times from the shipping zones, else the articles.
    case deliveryTime
    /// Shipping methods and prices from the shipping zones, else the articles.
    case shippingOptions

    /// Routes for the intents of the Bitext customer-service set (`support_intents`); unlisted intents are answered from articles.
    public static let bitextDefaults: [IntentExample.Label: IntentRoute] = [
        "track_order": .verifyOrder,
        "contact_human_agent": .handoff,
        "complaint": .handoff,
        "check_refund_policy": .returnPolicy,
        "delivery_period": .deliveryTime,
        "delivery_options": .shippingOptions,
    ]
}

/// What a rule recognised in a message before (or instead of) the intent model.
public enum BotTopic: String, Sendable, Hashable, Codable, CaseIterable {
    case humanRequest
    case orderStatus
    case priceObjection
    case shippingCost
    case shippingCountry
    case deliveryTime
    case trust
    case returns
    case product

    /// The intent label reported for each topic, aligned with the Bitext intents where one fits.
    public static let bitextLabels: [BotTopic: IntentExample.Label] = [
        .humanRequest: "contact_human_agent",
        .orderStatus: "track_order",
        .priceObjection: "price_objection",
        .shippingCost: "delivery_options",
        .shippingCountry: "delivery_options",
        .deliveryTime: "delivery_period",
        .trust: "trust",
        .returns: "check_refund_policy",
        .product: "product_question",
    ]
}
