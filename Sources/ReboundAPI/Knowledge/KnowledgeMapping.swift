import Foundation
import ReboundAnswers
import ReboundCore
import ReboundStore

/// Converts between the store's rows and the answer module's values, field by field: ReboundAnswers
/// stays free of other Rebound modules.
enum KnowledgeMapping {
    static func article(_ record: KnowledgeArticleRecord) -> KnowledgeArticle {
        KnowledgeArticle(
            id: KnowledgeDocument.ID(record.id),
            title: record.title,
            body: record.body,
            locale: record.locale,
            url: record.url,
            section: record.section,
            tags: record.tags,
            intents: record.intents.map { IntentExample.Label($0) }
        )
    }

    static func record(_ article: KnowledgeArticle, now: Date) -> KnowledgeArticleRecord {
        KnowledgeArticleRecord(
            id: article.id.rawValue,
            locale: article.locale,
            title: article.title,
            body: article.body,
            url: article.url,
            section: article.section,
            tags: article.tags,
            intents: article.intents.map(\.rawValue),
            updatedAt: now
        )
    }

    static func money(_ money: Money) -> MoneyAmount { MoneyAmount(minorUnits: money.minorUnits, currency: money.currency.rawValue) }

    static func product(_ product: Product) -> CatalogueProduct {
        CatalogueProduct(
            id: product.id.rawValue,
            title: product.title,
            url: product.url,
            tags: product.category.map { [$0] } ?? [],
            variants: product.variants.map { variant in
                // Platforms name variants by their option values joined with " / " (`Blue / M`).
                let options = variant.title == "Default Title" ? [] : variant.title.components(separatedBy: " / ").filter { !$0.isEmpty }
                return CatalogueVariant(
                    id: variant.id.rawValue,
                    title: variant.title,
                    options: options,
                    price: money(variant.price),
                    stock: variant.stock
                )
            }
        )
    }

    static func cart(_ cart: Cart) -> CartSummary {
        let currency = cart.currency.rawValue
        return CartSummary(
            lines: cart.lines.map { line in
                CartSummary.Line(
                    title: line.title ?? line.productID,
                    quantity: line.quantity,
                    unitPrice: MoneyAmount(minorUnits: line.price, currency: currency),
                    productID: line.productID
                )
            },
            subtotal: MoneyAmount(minorUnits: cart.value, currency: currency)
        )
    }

    /// A stored order as the bot and the portal show it, with the shipments its `order_fulfilled` and
    /// `order_delivered` events describe (`tracking_url`, `tracking_number`, `carrier` in their properties).
    ///
    /// Stored orders carry a subtotal and a total but no split of shipping and taxes: the difference is shown as
    /// shipping, and taxes as included.
    static func order(_ order: Order, events: [StoredEvent]) -> OrderRecord {
        let currency = order.total.currency.rawValue
        let own = events.filter { $0.event.properties["order_id"]?.stringValue == order.externalID }
        let delivered = own.filter { $0.event.type == "order_delivered" }.map(\.event.occurredAt).max()
        var shipments = own.filter { $0.event.type == EventType.orderFulfilled }.sorted { $0.seq < $1.seq }.map { stored in
            let p = stored.event.properties
            return Shipment(
                carrier: p["carrier"]?.stringValue,
                trackingNumber: p["tracking_number"]?.stringValue,
                trackingURL: p["tracking_url"]?.stringValue.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil },
                shippedAt: stored.event.occurredAt,
                deliveredAt: delivered
            )
        }
        if shipments.isEmpty, let delivered { shipments = [Shipment(deliveredAt: delivered)] }
        let status: OrderRecord.Status
        if order.cancelledAt != nil {
            status = .cancelled
        } else if delivered != nil {
            status = .delivered
        } else {
            switch order.fulfillmentStatus?.lowercased() {
            case "fulfilled", "shipped", "completed": status = .fulfilled
            case "partial", "partially_fulfilled": status = .partiallyFulfilled
            default: status = shipments.isEmpty ? .unfulfilled : .fulfilled
            }
        }
        let lines = order.lines.enumerated().map { index, line in
            OrderLineItem(
                id: String(index + 1),
                productID: line.productID,
                title: line.title,
                quantity: line.quantity,
                unitPrice: MoneyAmount(minorUnits: line.price, currency: currency)
            )
        }
        let zero = MoneyAmount(minorUnits: 0, currency: currency)
        return OrderRecord(
            number: order.number ?? order.externalID,
            email: order.email ?? "",
            placedAt: order.placedAt,
            status: status,
            shipments: shipments,
            lines: lines,
            subtotal: money(order.subtotal),
            shipping: MoneyAmount(minorUnits: max(0, order.total.minorUnits - order.subtotal.minorUnits), currency: currency),
            tax: zero,
            total: money(order.total),
            taxesIncluded: true
        )
    }
}
