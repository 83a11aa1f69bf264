public import Foundation

/// Which open cart an order closes.
public enum OrderMatching {
    /// The best cart for `order` among `candidates`: by cart or checkout token first, else the customer's
    /// most recent open cart whose products the order contains.
    public static func cart(for order: Order, among candidates: [Cart]) -> Cart? {
        let open = candidates.filter { !$0.state.isClosed }
        if let token = order.cartToken, let match = open.first(where: { $0.token == token }) { return match }
        if let token = order.checkoutToken,
            let match = open.first(where: { $0.checkoutToken == token || $0.token == token })
        {
            return match
        }
        guard let customerID = order.customerID else { return nil }
        let ordered = Set(order.lines.compactMap(\.productID))
        return
            open
            .filter { $0.customerID == customerID && !$0.isEmpty }
            .filter { cart in !ordered.isDisjoint(with: cart.lines.map(\.productID)) }
            .max(by: { $0.lastActivityAt < $1.lastActivityAt })
    }

    /// Closes the cart for the order. An order on an abandoned cart is a conversion after abandonment;
    /// attribution to a message (flows) later upgrades it to `recovered`.
    public static func close(_ cart: inout Cart, with order: Order, now: Date) {
        cart.state = .converted
        cart.convertedAt = order.placedAt
        cart.orderID = order.id
        cart.updatedAt = now
        if cart.customerID == nil { cart.customerID = order.customerID }
    }
}
