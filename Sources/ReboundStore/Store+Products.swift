import Foundation
public import ReboundCore
import SQLKit

extension Store {
    static func saveProduct(_ product: Product, shopID: Shop.ID, in db: any SQLDatabase) async throws {
        let shop = shopID.rawValue
        try await db.raw(
            """
            INSERT INTO products (shop_id, id, title, category, url, image_url, status, updated_at)
            VALUES (\(bind: shop), \(bind: product.id.rawValue), \(bind: product.title), \(bind: product.category), \(bind: product.url),
                \(bind: product.imageURL), \(bind: product.status), \(bind: product.updatedAt.epochMilliseconds))
            ON CONFLICT (shop_id, id) DO UPDATE SET title = excluded.title, category = excluded.category, url = excluded.url,
                image_url = excluded.image_url, status = excluded.status, updated_at = excluded.updated_at
            """
        ).run()
        for variant in product.variants {
            try await db.raw(
                """
                INSERT INTO variants (shop_id, id, product_id, title, sku, price, currency, stock)
                VALUES (\(bind: shop), \(bind: variant.id.rawValue), \(bind: product.id.rawValue), \(bind: variant.title), \(bind: variant.sku),
                    \(bind: variant.price.minorUnits), \(bind: variant.price.currency.rawValue), \(bind: variant.stock.map(Int64.init)))
                ON CONFLICT (shop_id, id) DO UPDATE SET product_id = excluded.product_id, title = excluded.title, sku = excluded.sku,
                    price = excluded.price, currency = excluded.currency, stock = excluded.stock
                """
            ).run()
        }
    }

    /// Inserts or updates products with their variants.
    public func saveProducts(_ products: [Product], shopID: Shop.ID) async throws {
        try await write { db in
            for product in products { try await Store.saveProduct(product, shopID: shopID, in: db) }
        }
    }

    public struct ProductFilter: Sendable {
        public var category: String?
        public var query: String?
        public init(category: String? = nil, query: String? = nil) {
            self.category = category
            self.query = query
        }
    }

    /// Products ordered by id, keyset-paged.
    public func products(shopID: Shop.ID, filter: ProductFilter, after: String?, limit: Int) async throws -> Page<Product> {
        try await read { db in
            var query = SQLQueryString(
                "SELECT id, title, category, url, image_url, status, updated_at FROM products WHERE shop_id = \(bind: shopID.rawValue)"
            )
            if let category = filter.category { query += " AND category = \(bind: category)" }
            if let text = filter.query { query += " AND LOWER(title) LIKE \(bind: "%" + text.lowercased() + "%")" }
            if let after { query += " AND id > \(bind: after)" }
            query += " ORDER BY id LIMIT \(bind: limit + 1)"
            var products = try await db.raw(query).all().map { row in
                Product(
                    id: Product.ID(try row.string("id")),
                    title: try row.string("title"),
                    category: try row.optionalString("category"),
                    url: try row.optionalString("url"),
                    imageURL: try row.optionalString("image_url"),
                    status: try row.string("status"),
                    updatedAt: try row.date("updated_at")
                )
            }
            let hasMore = products.count > limit
            products = Array(products.prefix(limit))
            let ids = products.map(\.id.rawValue)
            if !ids.isEmpty {
                var variants: [String: [Variant]] = [:]
                for row in try await db.raw(
                    """
                    SELECT id, product_id, title, sku, price, currency, stock FROM variants
                    WHERE shop_id = \(bind: shopID.rawValue) AND product_id IN (\(binds: ids)) ORDER BY id
                    """
                ).all() {
                    let currency = Currency(rawValue: try row.string("currency")) ?? .eur
                    variants[try row.string("product_id"), default: []].append(
                        Variant(
                            id: Variant.ID(try row.string("id")),
                            title: try row.string("title"),
                            sku: try row.optionalString("sku"),
                            price: Money(minorUnits: try row.int("price"), currency: currency),
                            stock: try row.optionalInt("stock").map { Int($0) }
                        )
                    )
                }
                for index in products.indices { products[index].variants = variants[products[index].id.rawValue] ?? [] }
            }
            return Page(items: products, nextCursor: hasMore ? products.last?.id.rawValue : nil)
        }
    }
}
