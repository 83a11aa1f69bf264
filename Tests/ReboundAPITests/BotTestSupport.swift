import Foundation
import HummingbirdTesting
import ReboundCore
import ReboundTesting

/// Real data for the bot's API tests: the e-commerce FAQ (shared/data/faq) as help articles, tagged with the
/// support_intents labels of Benchmarks/answers/faq_intent_map.json, and labelled utterances from
/// shared/data/support_intents. Shipping zones, returns, trust facts and incentive rules have no public
/// dataset: those below are test fixtures, invented for the tests.
enum BotTestSupport {
    static let data = sharedDataURL()

    /// The FAQ as a `POST /v1/knowledge/import?format=json` body: `[{id, title, body, intents, section}]`.
    static func faqImport() throws -> [UInt8] {
        let faq = try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("faq/ecommerce_faq_chatbot_dataset.json")))
        let questions = (faq as? [String: Any])?["questions"] as? [[String: String]] ?? []
        let mapURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/answers/faq_intent_map.json")
        let map = (try JSONSerialization.jsonObject(with: Data(contentsOf: mapURL)) as? [String: Any])?["articles"] as? [String: [String]] ?? [:]
        let articles: [[String: Any]] = questions.enumerated().map { i, entry in
            let question = entry["question"] ?? ""
            return [
                "id": "faq-\(i + 1)", "title": question, "body": entry["answer"] ?? "",
                "section": i < 40 ? "Orders and shipping" : "Account and more",
                "intents": map.filter { $0.value.contains(question) }.map(\.key).sorted(),
            ]
        }
        return [UInt8](try JSONSerialization.data(withJSONObject: articles))
    }

    static var faqQuestionCount: Int {
        let faq = try? JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("faq/ecommerce_faq_chatbot_dataset.json")))
        return ((faq as? [String: Any])?["questions"] as? [Any])?.count ?? 0
    }

    /// The first `perIntent` utterances of each of `intents` from support_intents.
    static func supportExamples(_ intents: Set<String>, perIntent: Int) throws -> [(text: String, intent: String)] {
        let text = try String(contentsOf: data.appendingPathComponent("support_intents/bitext_customer_service_intents_train.csv"), encoding: .utf8)
        var counts: [String: Int] = [:]
        var out: [(String, String)] = []
        for line in text.split(separator: "\n").dropFirst() {
            // flags,utterance,category,intent — utterances with commas are quoted; those are skipped here.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 4, let intent = fields.last.map(String.init), intents.contains(intent), counts[intent, default: 0] < perIntent
            else {
                continue
            }
            counts[intent, default: 0] += 1
            out.append((String(fields[1]), intent))
        }
        return out
    }

    /// Test fixture: a German shop's shipping zones, return policy, trust facts and incentive rules (invented).
    static let facts: JSONValue = [
        "default_locale": "en",
        "shipping": [
            "home_country": "DE", "source": ["title": "Shipping", "url": "https://shop.example/shipping"],
            "zones": [
                [
                    "name": "Germany", "countries": ["DE"], "duties": "none",
                    "rates": [["name": "Standard", "price": 490, "free_above": 5000, "min_days": 1, "max_days": 3]],
                ],
                [
                    "name": "North America", "countries": ["CA", "US"], "duties": "payable_on_delivery",
                    "rates": [["name": "International", "price": 2490, "min_days": 5, "max_days": 10]],
                ],
            ],
        ],
        "returns": [
            "window_days": 30, "window_start": "order", "sale_items_returnable": false, "refunds_allowed": true, "exchanges_allowed": true,
            "source": ["title": "Returns", "url": "https://shop.example/returns"],
        ],
        "trust": [
            "legal_name": "Example Shop GmbH", "address": "Musterstraße 1, 10115 Berlin", "founded_year": 2012,
            "payment_methods": ["PayPal", "Klarna", "Visa"], "source": ["title": "Imprint", "url": "https://shop.example/imprint"],
        ],
        "incentives": [
            "enabled": true, "percent": 10, "max_percent": 10, "once_per_customer": true, "minimum_cart_value": 2000, "valid_for_hours": 48,
        ],
        "seller": ["name": "Example Shop GmbH", "address_lines": ["Musterstraße 1", "10115 Berlin"], "vat_id": "DE123456789"],
    ]

    /// A cart worth `value` cents for `email`, built through the events API.
    static func cartEvent(token: String, email: String?, value: Int64) -> JSONValue {
        var event: [String: JSONValue] = [
            "id": .string("add-\(token)"), "type": "added_to_cart", "anonymous_id": .string("anon-\(token)"),
            "properties": [
                "cart_token": .string(token), "product_id": "p1", "variant_id": "v1", "title": "Linen shirt", "quantity": 1, "price": .int(value),
                "currency": "EUR",
            ],
        ]
        if let email { event["customer"] = ["email": .string(email)] }
        return .object(event)
    }

    /// An order placed through the events API, and its shipment with a tracking link.
    static func orderEvents(number: String, email: String, at: Date) -> [JSONValue] {
        [
            [
                "id": .string("order-\(number)"), "type": "order_placed", "customer": ["email": .string(email)],
                "occurred_at": .string(RFC3339.format(at)),
                "properties": [
                    "order_id": .string("ext-\(number)"), "number": .string("#\(number)"), "total": 5980, "subtotal": 4990, "currency": "EUR",
                    "lines": [
                        ["product_id": "p1", "title": "Linen shirt", "quantity": 1, "price": 2990],
                        ["product_id": "p2", "title": "Belt", "quantity": 1, "price": 2000],
                    ],
                ],
            ],
            [
                "id": .string("shipped-\(number)"), "type": "order_fulfilled", "customer": ["email": .string(email)],
                "occurred_at": .string(RFC3339.format(at.addingTimeInterval(86_400))),
                "properties": [
                    "order_id": .string("ext-\(number)"), "carrier": "DHL", "tracking_number": "00340434161234567890",
                    "tracking_url": "https://www.dhl.de/track?id=00340434161234567890",
                ],
            ],
        ]
    }
}
