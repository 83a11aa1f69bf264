public import ReboundCore

/// The ready-made flows. `POST /v1/flows {"template": id, ...overrides}` starts from one of these and merges the
/// overrides with ``FlowDocument/applying(overrides:)``.
///
/// Template keys (`cart_recovery.help`, …) name message templates the channels render; every cart message carries
/// the restore link and a "questions? chat with us" link.
public enum FlowTemplates {
    /// Template ids, in the order they are listed to users.
    public static let ids = [
        "cart_recovery", "cart_recovery_72h", "sms_cart", "checkout_abandoned", "browse_abandoned", "welcome", "post_purchase", "win_back",
        "loyalty_tier", "vip_cart",
    ]

    /// Every template.
    public static var all: [FlowDocument] { ids.compactMap(template) }

    /// The template with `id`; `nil` when there is none.
    public static func template(_ id: String) -> FlowDocument? {
        switch id {
        case "cart_recovery": cartRecovery
        case "cart_recovery_72h": cartRecovery72h
        case "sms_cart": smsCart
        case "checkout_abandoned": checkoutAbandoned
        case "browse_abandoned": browseAbandoned
        case "welcome": welcome
        case "post_purchase": postPurchase
        case "win_back": winBack
        case "loyalty_tier": loyaltyTier
        case "vip_cart": vipCart
        default: nil
        }
    }

    /// The template `id` with `overrides` merged in (the request body of `POST /v1/flows` less `template`).
    public static func apply(_ id: String, overrides: [String: JSONValue] = [:]) throws(FlowDocumentError) -> FlowDocument {
        guard let base = template(id) else {
            throw FlowDocumentError(issues: [FlowIssue(path: "template", message: "unknown template '\(id)'; known: \(ids.joined(separator: ", "))")])
        }
        return try base.applying(overrides: overrides)
    }

    /// Builds a flow from a `POST /v1/flows` body: `{"template": id, ...overrides}` or a whole flow document.
    public static func document(fromRequest body: JSONValue) throws(FlowDocumentError) -> FlowDocument {
        if let id = body["template"]?.stringValue {
            return try apply(id, overrides: body.objectValue ?? [:])
        }
        return try FlowDocument(jsonValue: body)
    }

    static func send(_ id: String, _ type: FlowStepType, _ template: String) -> FlowStep {
        FlowStep.templated(id, type, template: template)
    }

    static func field(_ name: String, _ op: ConditionOperator, _ value: JSONValue) -> FlowCondition {
        FlowCondition.when(name, op, value)
    }
}

extension FlowDocument {
    /// The template with `id` merged with `overrides`; see ``FlowTemplates``.
    public static func template(_ id: String, overrides: [String: JSONValue] = [:]) throws(FlowDocumentError) -> FlowDocument {
        try FlowTemplates.apply(id, overrides: overrides)
    }
}
