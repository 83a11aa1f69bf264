public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    // MARK: Settings

    public func recsSettings(shopID: Shop.ID) async throws -> RecsSettings {
        try await read { db in try await Store.recsSettings(shopID: shopID, in: db) }
    }

    static func recsSettings(shopID: Shop.ID, in db: any SQLDatabase) async throws -> RecsSettings {
        guard let row = try await db.raw("SELECT document FROM recs_settings WHERE shop_id = \(bind: shopID.rawValue)").first() else {
            return RecsSettings()
        }
        return try JSONColumn.decode(RecsSettings.self, from: try row.string("document"))
    }

    /// Saves the settings and re-derives the rules when the thresholds changed.
    public func saveRecsSettings(_ settings: RecsSettings, shopID: Shop.ID, now: Date) async throws {
        try await write { db in
            let before = try await Store.recsSettings(shopID: shopID, in: db)
            try await db.raw(
                """
                INSERT INTO recs_settings (shop_id, min_support, min_confidence, document, updated_at)
                VALUES (\(bind: shopID.rawValue), \(bind: settings.minSupport), \(bind: settings.minConfidence),
                    \(bind: JSONColumn.encode(settings)), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id) DO UPDATE SET min_support = excluded.min_support, min_confidence = excluded.min_confidence,
                    document = excluded.document, updated_at = excluded.updated_at
                """
            ).run()
            if before.minSupport != settings.minSupport || before.minConfidence != settings.minConfidence {
                _ = try await Store.deriveRules(shopID: shopID, settings: settings, in: db)
            }
        }
    }

    // MARK: Counting

    /// Orders after the keyset `(createdAt, id)`, oldest first, as baskets of distinct product ids.
    public func recsBaskets(shopID: Shop.ID, after: (Date, String)?, limit: Int) async throws -> [RecsBasket] {
        try await read { db in
            var query = SQLQueryString("SELECT id, lines, created_at, cancelled_at FROM orders WHERE shop_id = \(bind: shopID.rawValue)")
            if let after {
                let ms = after.0.epochMilliseconds
                query += " AND (created_at > \(bind: ms) OR (created_at = \(bind: ms) AND id > \(bind: after.1)))"
            }
            query += " ORDER BY created_at, id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map(Store.basket(from:))
        }
    }

    static func basket(from row: any SQLRow) throws -> RecsBasket {
        let lines = try JSONColumn.decode([OrderLine].self, from: try row.string("lines"))
        var seen = Set<String>()
        let products = lines.compactMap(\.productID).filter { seen.insert($0).inserted }
        return RecsBasket(
            orderID: try row.string("id"),
            createdAt: try row.date("created_at"),
            products: products,
            cancelled: try row.optionalInt("cancelled_at") != nil
        )
    }

    /// Folds orders not yet counted into the pair counts and re-derives the rules.
    ///
    /// Runs in the periodic worker, not in the order-ingest transaction, so ingest stays one insert per order. Each
    /// order is marked (`orders.recs_counted_at`) in the transaction that counts it, so nothing is counted twice or
    /// skipped, whatever the order of commits across processes. Orders younger than `settle` wait for the next pass
    /// (the counts of a burst are then written once). Returns the number of orders read.
    @discardableResult
    public func refreshRecommendationCounts(shopID: Shop.ID, now: Date, settle: TimeInterval = 10, batch: Int = 1000) async throws -> Int {
        var total = 0
        while true {
            let counted = try await write { db -> Int in
                let shop = shopID.rawValue
                try await db.raw(
                    """
                    INSERT INTO recs_state (shop_id, baskets, built_at, refreshed_at)
                    VALUES (\(bind: shop), 0, NULL, \(bind: now.epochMilliseconds)) ON CONFLICT (shop_id) DO NOTHING
                    """
                ).run()
                // The update takes the row lock: two processes refreshing one shop take turns.
                try await db.raw("UPDATE recs_state SET refreshed_at = \(bind: now.epochMilliseconds) WHERE shop_id = \(bind: shop)").run()
                let baskets = try await db.raw(
                    """
                    SELECT id, lines, created_at, cancelled_at FROM orders
                    WHERE shop_id = \(bind: shop) AND recs_counted_at IS NULL AND created_at <= \(bind: now.addingTimeInterval(-settle).epochMilliseconds)
                    ORDER BY created_at, id LIMIT \(bind: batch)
                    """
                ).all().map(Store.basket(from:))
                guard !baskets.isEmpty else { return 0 }
                var items: [String: Int64] = [:]
                var pairs: [PairKey: Int64] = [:]
                var counted: Int64 = 0
                for basket in baskets where !basket.cancelled && !basket.products.isEmpty {
                    counted += 1
                    let sorted = basket.products.sorted()
                    for (index, a) in sorted.enumerated() {
                        items[a, default: 0] += 1
                        for b in sorted[(index + 1)...] { pairs[PairKey(a: a, b: b), default: 0] += 1 }
                    }
                }
                try await Store.addCounts(
                    shopID: shopID,
                    items: items.map { ($0.key, $0.value) },
                    pairs: pairs.map { ($0.key.a, $0.key.b, $0.value) },
                    in: db
                )
                try await Store.markCounted(baskets.map(\.orderID), shopID: shopID, now: now, in: db)
                try await db.raw("UPDATE recs_state SET baskets = baskets + \(bind: counted) WHERE shop_id = \(bind: shop)").run()
                if counted > 0 {
                    _ = try await Store.deriveRules(shopID: shopID, settings: try await Store.recsSettings(shopID: shopID, in: db), in: db)
                }
                return baskets.count
            }
            total += counted
            if counted < batch { return total }
        }
    }

    static func markCounted(_ orderIDs: [String], shopID: Shop.ID, now: Date, in db: any SQLDatabase) async throws {
        for chunk in orderIDs.chunked(into: 500) where !chunk.isEmpty {
            try await db.raw(
                """
                UPDATE orders SET recs_counted_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue) AND id IN (\(binds: Array(chunk)))
                """
            ).run()
        }
    }

    struct PairKey: Hashable {
        var a: String
        var b: String
    }

    static func addCounts(shopID: Shop.ID, items: [(String, Int64)], pairs: [(String, String, Int64)], in db: any SQLDatabase) async throws {
        let shop = shopID.rawValue
        for chunk in items.chunked(into: 500) where !chunk.isEmpty {
            var query = SQLQueryString("INSERT INTO recs_item_counts (shop_id, product_id, baskets) VALUES ")
            for (index, item) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += "(\(bind: shop), \(bind: item.0), \(bind: item.1))"
            }
            query += " ON CONFLICT (shop_id, product_id) DO UPDATE SET baskets = recs_item_counts.baskets + excluded.baskets"
            try await db.raw(query).run()
        }
        for chunk in pairs.chunked(into: 500) where !chunk.isEmpty {
            var query = SQLQueryString("INSERT INTO recs_pair_counts (shop_id, product_a, product_b, baskets) VALUES ")
            for (index, pair) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += "(\(bind: shop), \(bind: pair.0), \(bind: pair.1), \(bind: pair.2))"
            }
            query += " ON CONFLICT (shop_id, product_a, product_b) DO UPDATE SET baskets = recs_pair_counts.baskets + excluded.baskets"
            try await db.raw(query).run()
        }
    }

    /// Replaces the shop's counts with a full count (`rebound recs build`) and derives the rules, in one transaction.
    /// - Parameters:
    ///   - pairs: `(a, b, baskets)` with `a < b`.
    ///   - countedOrders: the orders the count read; they are marked counted, and orders that arrived meanwhile are
    ///     left to the worker.
    ///   - progress: called with the fraction of rows written.
    public func replaceRecommendationCounts(
        shopID: Shop.ID,
        baskets: Int64,
        items: [(String, Int64)],
        pairs: [(String, String, Int64)],
        countedOrders: [String],
        now: Date,
        progress: (@Sendable (Double) -> Void)? = nil
    ) async throws -> Int {
        try await write { db in
            let shop = shopID.rawValue
            try await db.raw("DELETE FROM recs_item_counts WHERE shop_id = \(bind: shop)").run()
            try await db.raw("DELETE FROM recs_pair_counts WHERE shop_id = \(bind: shop)").run()
            let step = 5000
            let total = max(1, items.count + pairs.count + countedOrders.count)
            try await Store.addCounts(shopID: shopID, items: items, pairs: [], in: db)
            var written = items.count
            progress?(Double(written) / Double(total))
            for start in stride(from: 0, to: pairs.count, by: step) {
                try await Store.addCounts(shopID: shopID, items: [], pairs: Array(pairs[start..<min(pairs.count, start + step)]), in: db)
                written += min(step, pairs.count - start)
                progress?(Double(written) / Double(total))
            }
            try await db.raw("UPDATE orders SET recs_counted_at = NULL WHERE shop_id = \(bind: shop) AND recs_counted_at IS NOT NULL").run()
            try await Store.markCounted(countedOrders, shopID: shopID, now: now, in: db)
            try await db.raw(
                """
                INSERT INTO recs_state (shop_id, baskets, built_at, refreshed_at)
                VALUES (\(bind: shop), \(bind: baskets), \(bind: now.epochMilliseconds), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id) DO UPDATE SET baskets = excluded.baskets, built_at = excluded.built_at,
                    refreshed_at = excluded.refreshed_at
                """
            ).run()
            return try await Store.deriveRules(shopID: shopID, settings: try await Store.recsSettings(shopID: shopID, in: db), in: db)
        }
    }

    /// Rebuilds `recs_rules` from the counts: both directions of every pair at or above the thresholds.
    static func deriveRules(shopID: Shop.ID, settings: RecsSettings, in db: any SQLDatabase) async throws -> Int {
        let shop = shopID.rawValue
        try await db.raw("DELETE FROM recs_rules WHERE shop_id = \(bind: shop)").run()
        let baskets = try await db.raw("SELECT baskets FROM recs_state WHERE shop_id = \(bind: shop)").first().map { try $0.int("baskets") } ?? 0
        guard baskets > 0 else { return 0 }
        // Support ≥ s ⇔ count ≥ ⌈s·N⌉: an integer bound the (shop_id, baskets) index can range-scan, so only frequent
        // pairs are read. A relative tolerance keeps a pair exactly at the threshold from being lost to rounding.
        let minCount = max(1, Int64((settings.minSupport * Double(baskets) * (1 - 1e-12)).rounded(.up)))
        let minConfidence = settings.minConfidence * (1 - 1e-12)
        for (from, to) in [("product_a", "product_b"), ("product_b", "product_a")] {
            try await db.raw(
                """
                INSERT INTO recs_rules (shop_id, antecedent, consequent, support, confidence, lift, pair_count, antecedent_count,
                    consequent_count, baskets)
                SELECT p.shop_id, p.\(unsafeRaw: from), p.\(unsafeRaw: to), 1.0 * p.baskets / \(bind: baskets), 1.0 * p.baskets / a.baskets,
                    1.0 * p.baskets * \(bind: baskets) / (1.0 * a.baskets * c.baskets), p.baskets, a.baskets, c.baskets, \(bind: baskets)
                FROM recs_pair_counts p
                    JOIN recs_item_counts a ON a.shop_id = p.shop_id AND a.product_id = p.\(unsafeRaw: from)
                    JOIN recs_item_counts c ON c.shop_id = p.shop_id AND c.product_id = p.\(unsafeRaw: to)
                WHERE p.shop_id = \(bind: shop) AND p.baskets >= \(bind: minCount) AND 1.0 * p.baskets / a.baskets >= \(bind: minConfidence)
                """
            ).run()
        }
        return Int(try await db.raw("SELECT COUNT(*) AS n FROM recs_rules WHERE shop_id = \(bind: shop)").first().map { try $0.int("n") } ?? 0)
    }

    // MARK: Reading the model

    public func recsModelState(shopID: Shop.ID) async throws -> RecsModelState {
        try await read { db in
            let shop = shopID.rawValue
            func count(_ table: String) async throws -> Int64 {
                try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE shop_id = \(bind: shop)").first().map { try $0.int("n") } ?? 0
            }
            let state = try await db.raw("SELECT baskets, built_at, refreshed_at FROM recs_state WHERE shop_id = \(bind: shop)").first()
            return RecsModelState(
                baskets: try state?.int("baskets") ?? 0,
                products: try await count("recs_item_counts"),
                pairs: try await count("recs_pair_counts"),
                rules: try await count("recs_rules"),
                builtAt: try state?.optionalDate("built_at"),
                refreshedAt: try state?.optionalDate("refreshed_at")
            )
        }
    }

    /// The rules whose antecedent is one of `products`, best confidence first.
    public func recsRules(shopID: Shop.ID, antecedents products: [String], limit: Int = 500) async throws -> [RecsRule] {
        guard !products.isEmpty else { return [] }
        return try await read { db in
            try await db.raw(
                """
                SELECT antecedent, consequent, support, confidence, lift, pair_count, antecedent_count, consequent_count, baskets
                FROM recs_rules WHERE shop_id = \(bind: shopID.rawValue) AND antecedent IN (\(binds: Array(products.prefix(200))))
                ORDER BY confidence DESC, lift DESC, consequent LIMIT \(bind: limit)
                """
            ).all().map(Store.rule(from:))
        }
    }

    /// All of a shop's rules, best confidence first (inspection and tests).
    public func recsAllRules(shopID: Shop.ID, limit: Int) async throws -> [RecsRule] {
        try await read { db in
            try await db.raw(
                """
                SELECT antecedent, consequent, support, confidence, lift, pair_count, antecedent_count, consequent_count, baskets
                FROM recs_rules WHERE shop_id = \(bind: shopID.rawValue) ORDER BY confidence DESC, lift DESC, antecedent, consequent
                LIMIT \(bind: limit)
                """
            ).all().map(Store.rule(from:))
        }
    }

    static func rule(from row: any SQLRow) throws -> RecsRule {
        RecsRule(
            antecedent: try row.string("antecedent"),
            consequent: try row.string("consequent"),
            support: try row.decode(column: "support", as: Double.self),
            confidence: try row.decode(column: "confidence", as: Double.self),
            lift: try row.decode(column: "lift", as: Double.self),
            pairCount: try row.int("pair_count"),
            antecedentCount: try row.int("antecedent_count"),
            consequentCount: try row.int("consequent_count"),
            baskets: try row.int("baskets")
        )
    }

    /// Baskets counted per product.
    public func recsItemCounts(shopID: Shop.ID, products: [String]) async throws -> [String: Int64] {
        guard !products.isEmpty else { return [:] }
        return try await read { db in
            var result: [String: Int64] = [:]
            for row in try await db.raw(
                "SELECT product_id, baskets FROM recs_item_counts WHERE shop_id = \(bind: shopID.rawValue) AND product_id IN (\(binds: products))"
            ).all() {
                result[try row.string("product_id")] = try row.int("baskets")
            }
            return result
        }
    }

    /// The most-bought products of `category` (every category when `nil`), best first: the fallback for thin history.
    public func recsBestSellers(shopID: Shop.ID, category: String?, limit: Int) async throws -> [String] {
        try await read { db in
            var query = SQLQueryString(
                """
                SELECT i.product_id FROM recs_item_counts i JOIN products p ON p.shop_id = i.shop_id AND p.id = i.product_id
                WHERE i.shop_id = \(bind: shopID.rawValue) AND p.status NOT IN ('archived', 'draft', 'deleted')
                """
            )
            if let category { query += " AND p.category = \(bind: category)" }
            query += " ORDER BY i.baskets DESC, i.product_id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map { try $0.string("product_id") }
        }
    }

    /// Catalogue facts of `ids` (unknown ids are absent).
    public func recsCatalog(shopID: Shop.ID, ids: [String]) async throws -> [String: RecsCatalogItem] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await read { db in
            var items: [String: RecsCatalogItem] = [:]
            for chunk in unique.chunked(into: 400) {
                for row in try await db.raw(
                    """
                    SELECT id, title, category, url, image_url, status FROM products
                    WHERE shop_id = \(bind: shopID.rawValue) AND id IN (\(binds: Array(chunk)))
                    """
                ).all() {
                    let id = try row.string("id")
                    items[id] = RecsCatalogItem(
                        id: id,
                        title: try row.string("title"),
                        category: try row.optionalString("category"),
                        url: try row.optionalString("url"),
                        imageURL: try row.optionalString("image_url"),
                        status: try row.string("status"),
                        variants: []
                    )
                }
                for row in try await db.raw(
                    """
                    SELECT id, product_id, title, price, stock FROM variants
                    WHERE shop_id = \(bind: shopID.rawValue) AND product_id IN (\(binds: Array(chunk))) ORDER BY price, id
                    """
                ).all() {
                    let productID = try row.string("product_id")
                    items[productID]?.variants.append(
                        RecsCatalogItem.Variant(
                            id: try row.string("id"),
                            title: try row.string("title"),
                            price: try row.int("price"),
                            stock: try row.optionalInt("stock")
                        )
                    )
                }
            }
            return items
        }
    }
}
