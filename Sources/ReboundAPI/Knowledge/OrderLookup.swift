import Foundation
import ReboundAnswers
import ReboundCore
import ReboundStore

/// Finds a shop's order by the number a shopper typed and checks the email with ``OrderVerifier``.
///
/// A wrong email and an unknown number give the same result, by design; callers rate-limit attempts.
struct OrderLookup {
    let store: Store

    /// The stored orders with this number, as the bot and portal show them.
    func candidates(shopID: Shop.ID, number: String) async throws -> [(order: Order, record: OrderRecord)] {
        var out: [(order: Order, record: OrderRecord)] = []
        for order in try await store.ordersForLookup(shopID: shopID, number: number) {
            out.append((order, try await record(order, shopID: shopID)))
        }
        return out
    }

    func verify(shopID: Shop.ID, number: String, email: String) async throws -> OrderContext {
        let found = try await candidates(shopID: shopID, number: number).map(\.record)
        switch OrderVerifier.verify(orderNumber: number, email: email, candidates: found) {
        case .verified(let record): return .verified(record)
        case .notVerified: return .verificationFailed
        }
    }

    /// The order a signed link names (its number as ``OrderVerifier/normalizedNumber(_:)`` writes it), unverified.
    func order(shopID: Shop.ID, normalizedNumber: String) async throws -> (order: Order, record: OrderRecord)? {
        try await candidates(shopID: shopID, number: normalizedNumber).first {
            OrderVerifier.normalizedNumber($0.record.number) == normalizedNumber
        }
    }

    /// The order with its shipments from the event log.
    func record(_ order: Order, shopID: Shop.ID) async throws -> OrderRecord {
        var events: [StoredEvent] = []
        for type in [EventType.orderFulfilled, "order_delivered"] {
            events += try await store.events(shopID: shopID, filter: .init(type: type, customerID: order.customerID), limit: 500)
        }
        return KnowledgeMapping.order(order, events: events)
    }
}
