import Foundation
import ReboundCore
import ReboundFlows

/// The storefront script's tactics: what a shop may set (`PATCH /v1/settings {"widget": {...}}`) and the
/// configuration each visitor gets (`GET /v1/widget/config`), with defaults and a deterministic holdout per tactic.
enum WidgetSettings {
    /// Tactic → fields it takes, with their JSON kinds.
    static let tactics: [String: [String: String]] = [
        "proactive_chat": ["delay_seconds": "int", "text": "string", "risk_timing": "bool"],
        "exit_intent": ["code": "string", "text": "string", "period_days": "int"],
        "welcome_back": ["text": "string"],
        "support_badge": [:],
        "shipping_info": ["estimate": "string", "return_policy": "string"],
        "free_shipping_bar": [:],
        "social_proof": ["min_count": "int", "hours": "int"],
        "addons": ["items": "array"],
        "faq_bot": [:],
    ]

    /// Problems in a `widget` patch, by path below `widget`.
    static func validate(_ value: JSONValue) -> [(field: String, detail: String)] {
        if value == .null { return [] }
        guard case .object(let object) = value else { return [("(value)", "must be an object")] }
        var problems: [(String, String)] = []
        for (key, entry) in object.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "reply_promise":
                if entry.stringValue == nil { problems.append((key, "must be a string")) }
            case "business_hours":
                problems += BusinessHours.problems(entry).map { ("business_hours." + $0.0, $0.1) }
            case "tactics":
                guard case .object(let tactics) = entry else {
                    problems.append((key, "must be an object of tactics"))
                    continue
                }
                for (name, settings) in tactics.sorted(by: { $0.key < $1.key }) {
                    guard let fields = Self.tactics[name] else {
                        problems.append(("tactics.\(name)", "is not a tactic; known: " + Self.tactics.keys.sorted().joined(separator: ", ")))
                        continue
                    }
                    guard case .object(let given) = settings else {
                        problems.append(("tactics.\(name)", "must be an object"))
                        continue
                    }
                    for (field, fieldValue) in given.sorted(by: { $0.key < $1.key }) {
                        let path = "tactics.\(name).\(field)"
                        switch field {
                        case "enabled":
                            if fieldValue.boolValue == nil { problems.append((path, "must be true or false")) }
                        case "holdout_percent":
                            if !(0...90).contains(fieldValue.int64Value ?? -1) { problems.append((path, "must be 0 to 90")) }
                        default:
                            guard let kind = fields[field] else {
                                problems.append((path, "is not a field of \(name)"))
                                continue
                            }
                            let ok: Bool =
                                switch kind {
                                case "int": (fieldValue.int64Value ?? -1) >= 0
                                case "string": fieldValue.stringValue.map { $0.count <= 500 } ?? false
                                case "bool": fieldValue.boolValue != nil
                                default: fieldValue.arrayValue != nil
                                }
                            if !ok {
                                problems.append(
                                    (
                                        path,
                                        "must be \(kind == "int" ? "a whole number ≥ 0" : kind == "bool" ? "true or false" : "a" + (kind == "string" ? " string of at most 500 characters" : "n array"))"
                                    )
                                )
                            }
                        }
                    }
                }
            default:
                problems.append((key, "is not a widget setting; known: business_hours, reply_promise, tactics"))
            }
        }
        return problems
    }

    /// The configuration for one visitor on one page.
    /// `hours` are those of the queue a chat from this page goes to (its team's, else the shop's); nil is always open.
    static func configuration(shop: Shop, channels: ChannelSettings, visitor: String, agentsOnline: Bool, hours: BusinessHours?, now: Date)
        -> JSONValue
    {
        // Off hours nobody is online, whatever the sockets say: the widget promises a reply and offers a callback.
        let open = hours?.isOpen(at: now) ?? true
        let agentsOnline = agentsOnline && open
        let german = MessageComposer.defaultLocale(shop) == "de"
        let own = channels.widget?["tactics"]
        func text(_ en: String, _ de: String) -> JSONValue { .string(german ? de : en) }
        var defaults: [String: [String: JSONValue]] = [
            "proactive_chat": ["enabled": true, "delay_seconds": 45, "text": text("Questions about your cart?", "Fragen zu Ihrem Warenkorb?")],
            "exit_intent": [
                "enabled": false, "period_days": 7,
                "text": text("Wait! Here is something for your order", "Moment! Ein kleines Dankeschön für Ihre Bestellung"),
            ],
            "welcome_back": ["enabled": true, "text": text("Welcome back! Any questions?", "Willkommen zurück! Noch Fragen?")],
            "support_badge": ["enabled": true],
            "shipping_info": ["enabled": false],
            "free_shipping_bar": ["enabled": .bool(shop.settings.freeShippingThreshold != nil)],
            "social_proof": ["enabled": true, "min_count": 5, "hours": 24],
            "addons": ["enabled": false, "items": []],
            "faq_bot": ["enabled": true],
        ]
        // A code makes exit intent worth showing; shipping facts make the shipping line.
        if own?["exit_intent"]?["code"]?.stringValue != nil { defaults["exit_intent"]?["enabled"] = true }
        if own?["shipping_info"]?["estimate"] != nil || own?["shipping_info"]?["return_policy"] != nil {
            defaults["shipping_info"]?["enabled"] = true
        }
        if own?["addons"]?["items"]?.arrayValue?.isEmpty == false { defaults["addons"]?["enabled"] = true }
        var tactics: [String: JSONValue] = [:]
        for (name, base) in defaults {
            var merged = base
            if case .object(let given)? = own?[name] { for (key, value) in given { merged[key] = value } }
            if name == "free_shipping_bar", let threshold = shop.settings.freeShippingThreshold { merged["threshold"] = .int(threshold) }
            let holdout = UInt64(max(0, merged["holdout_percent"]?.int64Value ?? 0))
            merged["holdout_percent"] = nil
            let inHoldout = holdout > 0 && StableHash.bucket("widget:\(name):\(visitor)", buckets: 100) < holdout
            merged["variant"] = .string(inHoldout ? "holdout" : "on")
            tactics[name] = .object(merged)
        }
        let promise =
            channels.widget?["reply_promise"]?.stringValue
            ?? (german ? "Wir antworten innerhalb von 2 Stunden" : "We usually reply within 2 hours")
        return .object([
            "shop": .object([
                "name": .string(shop.name), "locale": .string(german ? "de" : "en"), "currency": .string(shop.currency.rawValue),
                "colors": .object(["primary": .string(channels.branding.primaryColor ?? "#1a73e8"), "text": "#ffffff"]),
            ]),
            "status": .object(["agents_online": .bool(agentsOnline), "open": .bool(open), "reply_promise": .string(promise)]),
            "tactics": .object(tactics),
        ])
    }
}
