import Foundation
import ReboundCore
import ReboundStore

extension Importer {
    func importOrders(_ rows: [(line: Int, values: [String: String])], into summary: inout Summary, progress: @Sendable (Double) -> Void) async throws
    {
        // Lines of one order may be spread over several rows; keep file order of first appearance.
        var order: [String] = []
        var grouped: [String: (lines: [OrderLine], first: [String: String], taken: Int)] = [:]
        for (index, row) in rows.enumerated() {
            if index % 5000 == 0 { progress(Double(index) / Double(max(rows.count, 1)) * 0.3) }
            if let reason = structural(row.values) {
                summary.refused.append(.init(line: row.line, reason: reason))
                continue
            }
            guard let orderID = value(row.values, "order_id") else {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "order_id")) is empty"))
                continue
            }
            guard let productID = value(row.values, "product_id") else {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "product_id")) is empty"))
                continue
            }
            guard let quantityText = value(row.values, "quantity"), let quantity = Int(quantityText) else {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "quantity")) is not a whole number"))
                continue
            }
            guard quantity > 0 else {
                summary.refused.append(
                    .init(line: row.line, reason: "quantity is not positive (a return or cancellation, not an order line): \(quantity)")
                )
                continue
            }
            guard let priceText = value(row.values, "price"), let price = price(priceText), price >= 0 else {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "price")) is not a price: '\(value(row.values, "price") ?? "")'"))
                continue
            }
            if let placed = value(row.values, "placed_at"), date(placed) == nil {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "placed_at")) is not a date: '\(placed)'"))
                continue
            }
            let line = OrderLine(
                productID: productID,
                variantID: value(row.values, "variant_id"),
                title: value(row.values, "title") ?? productID,
                quantity: quantity,
                price: price
            )
            if grouped[orderID] == nil {
                order.append(orderID)
                grouped[orderID] = ([], row.values, 0)
            }
            grouped[orderID]!.lines.append(line)
            grouped[orderID]!.taken += 1
        }
        var snapshots: [OrderSnapshot] = []
        for orderID in order {
            guard let entry = grouped[orderID] else { continue }
            let first = entry.first
            let total = entry.lines.reduce(Int64(0)) { $0 + $1.price * Int64($1.quantity) }
            let email = value(first, "email")
            let externalCustomer = value(first, "customer_id")
            let identity = CustomerIdentity(email: email, phone: value(first, "phone"), externalID: externalCustomer)
            let placedAt = value(first, "placed_at").flatMap(date) ?? now
            let orderCurrency = value(first, "currency").flatMap(Currency.init(rawValue:)) ?? currency
            let snapshot = OrderSnapshot(
                order: Order(
                    id: .random(prefix: "ord"),
                    externalID: orderID,
                    email: identity.email,
                    lines: entry.lines,
                    subtotal: Money(minorUnits: total, currency: orderCurrency),
                    total: Money(minorUnits: total, currency: orderCurrency),
                    source: "import",
                    placedAt: placedAt
                ),
                customer: identity.isEmpty ? nil : CustomerSnapshot(identity: identity, country: value(first, "country"))
            )
            snapshots.append(snapshot)
            summary.rowsTaken += entry.taken
        }
        // Commit in batches so a long import shows progress and keeps transactions short.
        for (index, batch) in snapshots.chunked(500).enumerated() {
            summary.created += try await store.importOrders(batch, shop: shop, now: now)
            progress(0.3 + 0.7 * Double(min((index + 1) * 500, snapshots.count)) / Double(max(snapshots.count, 1)))
        }
        progress(1)
    }

    func importCustomers(_ rows: [(line: Int, values: [String: String])], into summary: inout Summary, progress: @Sendable (Double) -> Void)
        async throws
    {
        var snapshots: [CustomerSnapshot] = []
        for row in rows {
            if let reason = structural(row.values) {
                summary.refused.append(.init(line: row.line, reason: reason))
                continue
            }
            let email = value(row.values, "email")
            if let email, CustomerIdentity.normalizedEmail(email) == nil {
                summary.refused.append(.init(line: row.line, reason: "'\(email)' is not an email address"))
                continue
            }
            let identity = CustomerIdentity(email: email, phone: value(row.values, "phone"), externalID: value(row.values, "customer_id"))
            guard !identity.isEmpty else {
                summary.refused.append(.init(line: row.line, reason: "has no email, phone or customer_id"))
                continue
            }
            func consent(_ field: String) -> Consent? {
                guard let text = value(row.values, field)?.lowercased() else { return nil }
                return Consent(granted: ["true", "yes", "1", "subscribed"].contains(text), source: "import", at: now)
            }
            let tags = (value(row.values, "tags") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            snapshots.append(
                CustomerSnapshot(
                    identity: identity,
                    firstName: value(row.values, "first_name"),
                    lastName: value(row.values, "last_name"),
                    locale: value(row.values, "locale"),
                    country: value(row.values, "country"),
                    tags: tags,
                    emailConsent: consent("email_consent"),
                    smsConsent: consent("sms_consent")
                )
            )
            summary.rowsTaken += 1
        }
        for (index, batch) in snapshots.chunked(500).enumerated() {
            summary.created += try await store.importCustomers(batch, shopID: shop.id, now: now)
            progress(Double(min((index + 1) * 500, snapshots.count)) / Double(max(snapshots.count, 1)))
        }
        progress(1)
    }

    func importProducts(_ rows: [(line: Int, values: [String: String])], into summary: inout Summary, progress: @Sendable (Double) -> Void)
        async throws
    {
        var products: [String: Product] = [:]
        var order: [String] = []
        for row in rows {
            if let reason = structural(row.values) {
                summary.refused.append(.init(line: row.line, reason: reason))
                continue
            }
            guard let productID = value(row.values, "product_id") else {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "product_id")) is empty"))
                continue
            }
            guard let title = value(row.values, "title") else {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "title")) is empty"))
                continue
            }
            guard let priceText = value(row.values, "price"), let price = price(priceText), price >= 0 else {
                summary.refused.append(.init(line: row.line, reason: "\(column(for: "price")) is not a price"))
                continue
            }
            var stock: Int?
            if let text = value(row.values, "stock") {
                guard let parsed = Int(text) else {
                    summary.refused.append(.init(line: row.line, reason: "stock '\(text)' is not a whole number"))
                    continue
                }
                stock = parsed
            }
            let variant = Variant(
                id: Variant.ID(value(row.values, "variant_id") ?? productID),
                title: value(row.values, "variant_title") ?? "Default",
                sku: value(row.values, "sku"),
                price: Money(minorUnits: price, currency: currency),
                stock: stock
            )
            if products[productID] == nil {
                order.append(productID)
                products[productID] = Product(
                    id: Product.ID(productID),
                    title: title,
                    category: value(row.values, "category"),
                    url: value(row.values, "url"),
                    imageURL: value(row.values, "image_url"),
                    updatedAt: now
                )
            }
            products[productID]!.variants.removeAll { $0.id == variant.id }
            products[productID]!.variants.append(variant)
            summary.rowsTaken += 1
        }
        let list = order.compactMap { products[$0] }
        for (index, batch) in list.chunked(500).enumerated() {
            try await store.saveProducts(Array(batch), shopID: shop.id)
            progress(Double(min((index + 1) * 500, list.count)) / Double(max(list.count, 1)))
        }
        summary.created = list.count
        progress(1)
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
