public import Foundation
public import ReboundCore
public import ReboundStore

/// The full recount behind `rebound recs build`: every order of the shop (cancelled ones left out), counted into
/// product and pair basket counts that replace the stored ones, then the rules derived at the shop's thresholds.
public enum RecsModelBuilder {
    public struct Summary: Sendable, Hashable {
        public var orders: Int
        public var baskets: Int
        public var products: Int
        public var pairs: Int
        public var rules: Int
    }

    /// - Parameter progress: the fraction done, 0…1: reading orders is the first half, writing counts the second.
    public static func build(store: Store, shopID: Shop.ID, now: Date, progress: (@Sendable (Double) -> Void)? = nil) async throws -> Summary {
        let total = max(1, try await store.orderCount(shopID: shopID))
        var after: (Date, String)?
        var orders = 0
        var read: [String] = []
        var baskets: Int64 = 0
        var items: [String: Int64] = [:]
        var pairs: [String: [String: Int64]] = [:]
        while true {
            let page = try await store.recsBaskets(shopID: shopID, after: after, limit: 2000)
            read += page.map(\.orderID)
            for basket in page where !basket.cancelled && !basket.products.isEmpty {
                baskets += 1
                let sorted = basket.products.sorted()
                for (index, a) in sorted.enumerated() {
                    items[a, default: 0] += 1
                    for b in sorted[(index + 1)...] { pairs[a, default: [:]][b, default: 0] += 1 }
                }
            }
            orders += page.count
            progress?(0.5 * Double(orders) / Double(total))
            guard let last = page.last, page.count == 2000 else { break }
            after = (last.createdAt, last.orderID)
        }
        let pairList = pairs.flatMap { a, partners in partners.map { (a, $0.key, $0.value) } }
        let rules = try await store.replaceRecommendationCounts(
            shopID: shopID,
            baskets: baskets,
            items: items.map { ($0.key, $0.value) },
            pairs: pairList,
            countedOrders: read,
            now: now,
            progress: { progress?(0.5 + 0.5 * $0) }
        )
        progress?(1)
        return Summary(orders: orders, baskets: Int(baskets), products: items.count, pairs: pairList.count, rules: rules)
    }
}
