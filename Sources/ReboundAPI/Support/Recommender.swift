public import Foundation
public import ReboundCore
import ReboundFlows
public import ReboundStore

/// Picks the products to recommend from the shop's learned pair rules, its add-on rules and, when history is thin,
/// the best sellers of the same category. Reads through the store; the ranking itself is ``rank(_:)``.
///
/// A candidate's score is `Σ weight(anchor) · confidence(anchor → candidate)` over the anchors (the product, the
/// cart's products, or the customer's purchases); ties go to the higher lift, then the product id. Anchors, products
/// already in the cart or bought, and products that are unknown, archived, draft, deleted or out of stock are never
/// recommended.
public struct Recommender: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// What to recommend for.
    public struct Request: Sendable {
        /// Products the recommendation is about, with their weights.
        public var anchors: [String: Double]
        /// Never recommended (the cart, the customer's purchases).
        public var excluded: Set<String>
        /// The cart's lines with variants, for upgrades.
        public var cartLines: [CartLine]
        public var placement: String
        public var limit: Int

        public init(anchors: [String: Double], excluded: Set<String> = [], cartLines: [CartLine] = [], placement: String, limit: Int) {
            self.anchors = anchors
            self.excluded = excluded.union(anchors.keys)
            self.cartLines = cartLines
            self.placement = placement
            self.limit = limit
        }
    }

    /// One recommended product.
    public struct Item: Sendable, Hashable {
        /// `bought_together`, `add_on`, `upgrade`, `category_best_seller` or `best_seller`.
        public var reason: String
        public var product: RecsCatalogItem
        public var variant: RecsCatalogItem.Variant
        public var confidence: Double?
        public var lift: Double?
        /// The shop's label of an add-on rule ("Don't forget batteries").
        public var label: String?
        /// The cart line an upgrade replaces.
        public var replacesVariant: String?
    }

    public struct Result: Sendable {
        public var items: [Item]
        /// `rules` when learned or shop rules produced an item, else `fallback`.
        public var source: String { items.contains { ["bought_together", "add_on", "upgrade"].contains($0.reason) } ? "rules" : "fallback" }
    }

    public func recommend(shopID: Shop.ID, _ request: Request) async throws -> Result {
        let settings = try await store.recsSettings(shopID: shopID)
        let anchors = Array(request.anchors.keys)
        let anchorFacts = try await store.recsCatalog(shopID: shopID, ids: anchors)
        var items: [Item] = []
        var taken = request.excluded

        func add(_ item: Item) {
            guard items.count < request.limit, !taken.contains(item.product.id) else { return }
            taken.insert(item.product.id)
            items.append(item)
        }

        // 1. The shop's add-on rules (cart only): batteries with the torch, gift wrap with anything.
        if request.placement == "cart" {
            let categories = Set(anchorFacts.values.compactMap(\.category))
            let rules = try await store.recsAddonRules(shopID: shopID).filter { rule in
                rule.triggerKind == "product" ? request.anchors[rule.triggerValue] != nil : categories.contains(rule.triggerValue)
            }
            let facts = try await store.recsCatalog(shopID: shopID, ids: rules.flatMap(\.addons))
            for rule in rules {
                for id in rule.addons {
                    guard let product = facts[id], product.isAvailable, let variant = product.cheapestInStock else { continue }
                    add(Item(reason: "add_on", product: product, variant: variant, label: rule.label))
                }
            }
            // 2. Upgrades: a dearer variant of a product in the cart, where the shop allows it.
            if settings.allowUpgrades {
                for line in request.cartLines {
                    guard let product = anchorFacts[line.productID], product.isAvailable, items.count < request.limit else { continue }
                    let current = product.variants.first { $0.id == line.variantID }?.price ?? line.price
                    guard
                        let better = product.variants.filter({ $0.isInStock && $0.price > current && $0.id != line.variantID }).min(by: {
                            $0.price < $1.price
                        })
                    else { continue }
                    // An upgrade names a product already in the cart: it is not subject to `taken`.
                    items.append(Item(reason: "upgrade", product: product, variant: better, replacesVariant: line.variantID))
                }
            }
        }

        // 3. Learned rules.
        let rules = try await store.recsRules(shopID: shopID, antecedents: anchors)
        var scores: [String: (score: Double, lift: Double, confidence: Double)] = [:]
        for rule in rules where !taken.contains(rule.consequent) {
            let weight = request.anchors[rule.antecedent] ?? 0
            var entry = scores[rule.consequent] ?? (0, 0, 0)
            entry.score += weight * rule.confidence
            entry.lift = max(entry.lift, rule.lift)
            entry.confidence = max(entry.confidence, rule.confidence)
            scores[rule.consequent] = entry
        }
        let ranked = scores.sorted { a, b in
            if a.value.score != b.value.score { return a.value.score > b.value.score }
            if a.value.lift != b.value.lift { return a.value.lift > b.value.lift }
            return a.key < b.key
        }
        let candidateFacts = try await store.recsCatalog(shopID: shopID, ids: ranked.prefix(request.limit * 4 + 20).map { $0.key })
        for (id, entry) in ranked {
            guard items.count < request.limit else { break }
            guard let product = candidateFacts[id], product.isAvailable, let variant = product.cheapestInStock else { continue }
            add(Item(reason: "bought_together", product: product, variant: variant, confidence: entry.confidence, lift: entry.lift))
        }

        // 4. Thin history: best sellers of the anchors' categories (most frequent first), then of the whole shop.
        if items.count < request.limit {
            var categoryCounts: [String: Int] = [:]
            for fact in anchorFacts.values { if let category = fact.category { categoryCounts[category, default: 0] += 1 } }
            let categories = categoryCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Optional($0.key) } + [nil]
            for category in categories where items.count < request.limit {
                let ids = try await store.recsBestSellers(shopID: shopID, category: category, limit: request.limit * 3 + taken.count)
                let facts = try await store.recsCatalog(shopID: shopID, ids: ids)
                for id in ids {
                    guard let product = facts[id], product.isAvailable, let variant = product.cheapestInStock else { continue }
                    add(Item(reason: category == nil ? "best_seller" : "category_best_seller", product: product, variant: variant))
                }
            }
        }
        return Result(items: items)
    }

    /// Whether `subject` (a visitor or customer id) is in the holdout of `placement`: deterministic, the same on
    /// every process and after restarts.
    public static func inHoldout(placement: String, subject: String?, percent: Int) -> Bool {
        guard let subject, !subject.isEmpty, percent > 0 else { return false }
        return StableHash.bucket("recs:\(placement):\(subject)", buckets: 100) < UInt64(min(100, percent))
    }

    /// Anchors from a customer's orders: each product weighs `0.5^(age / 90 days)` per order that holds it.
    public func purchaseAnchors(shopID: Shop.ID, customerID: Customer.ID, now: Date) async throws -> [String: Double] {
        let orders = try await store.orders(shopID: shopID, filter: .init(customerID: customerID), cursor: nil, limit: 200).items
        var weights: [String: Double] = [:]
        for order in orders where order.cancelledAt == nil {
            let age = max(0, now.timeIntervalSince(order.placedAt))
            let weight = pow(0.5, age / (90 * 86_400))
            for product in Set(order.lines.compactMap(\.productID)) { weights[product, default: 0] += weight }
        }
        return weights
    }

    /// `recommendation_shown` events, one per item, or one `recommendation_holdout` event when `items` is nil.
    public static func exposureEvents(
        placement: String,
        items: [Item]?,
        visitor: String?,
        currency: String,
        now: Date
    ) -> [Event] {
        guard let items else {
            return [
                Event(
                    id: Event.ID.random(prefix: "rec"),
                    type: "recommendation_holdout",
                    anonymousID: visitor,
                    occurredAt: now,
                    properties: ["placement": .string(placement)]
                )
            ]
        }
        return items.enumerated().map { position, item in
            Event(
                id: Event.ID.random(prefix: "rec"),
                type: "recommendation_shown",
                anonymousID: visitor,
                occurredAt: now,
                properties: [
                    "placement": .string(placement), "product_id": .string(item.product.id), "variant_id": .string(item.variant.id),
                    "position": .int(Int64(position)), "price": .int(item.variant.price), "currency": .string(currency),
                    "reason": .string(item.reason),
                ]
            )
        }
    }

    /// The JSON of one item.
    public static func json(_ item: Item, currency: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "product_id": .string(item.product.id), "variant_id": .string(item.variant.id), "title": .string(item.product.title),
            "variant_title": .string(item.variant.title), "price": .int(item.variant.price), "currency": .string(currency),
            "url": item.product.url.map(JSONValue.string) ?? .null, "image_url": item.product.imageURL.map(JSONValue.string) ?? .null,
            "category": item.product.category.map(JSONValue.string) ?? .null, "reason": .string(item.reason),
        ]
        if let confidence = item.confidence { object["confidence"] = .double(confidence) }
        if let lift = item.lift { object["lift"] = .double(lift) }
        if let label = item.label { object["label"] = .string(label) }
        if let replaces = item.replacesVariant { object["replaces_variant_id"] = .string(replaces) }
        return .object(object)
    }
}
