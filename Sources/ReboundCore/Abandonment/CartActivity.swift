import Foundation

/// How a cart event changes a cart. Pure: the caller loads the cart, applies, and stores the result.
public enum CartActivity {
    /// Event types that touch a cart.
    public static let types: Set<String> = [
        EventType.addedToCart, EventType.removedFromCart, EventType.viewedCart, EventType.cartUpdated, EventType.startedCheckout,
    ]

    public struct Context: Sendable {
        public var shopCurrency: Currency
        public var customerID: Customer.ID?
        public var newCartID: @Sendable () -> Cart.ID

        public init(shopCurrency: Currency, customerID: Customer.ID?, newCartID: @escaping @Sendable () -> Cart.ID) {
            self.shopCurrency = shopCurrency
            self.customerID = customerID
            self.newCartID = newCartID
        }
    }

    /// The cart token an event refers to, if it is a cart event.
    public static func cartToken(of event: Event) -> String? {
        guard types.contains(event.type) else { return nil }
        return event.string("cart_token") ?? event.string("checkout_token")
    }

    /// Applies one cart event. Returns `nil` when the event does not name a cart.
    public static func apply(_ event: Event, to existing: Cart?, context: Context) -> Cart? {
        guard let token = cartToken(of: event) else { return nil }
        let at = event.occurredAt
        let currency = event.string("currency").flatMap(Currency.init(rawValue:)) ?? existing?.currency ?? context.shopCurrency
        var cart =
            existing
            ?? Cart(id: context.newCartID(), token: token, currency: currency, createdAt: at)

        // Activity after the cart closed or was abandoned opens a new episode.
        switch cart.state {
        case .active:
            break
        case .abandoned:
            cart.state = .active
            cart.episode += 1
            cart.abandonedAt = nil
        case .converted, .recovered, .expired:
            cart.state = .active
            cart.episode += 1
            cart.lines = []
            cart.abandonedAt = nil
            cart.convertedAt = nil
            cart.recoveredAt = nil
            cart.expiredAt = nil
            cart.orderID = nil
            cart.kind = .cart
            cart.checkoutToken = nil
        }

        if cart.customerID == nil, let customerID = context.customerID {
            cart.customerID = customerID
        }
        if context.customerID != nil || event.customer?.isEmpty == false {
            cart.hasContact = true
        }
        if cart.anonymousID == nil { cart.anonymousID = event.anonymousID }
        if let device = event.string("device") { cart.device = device }
        if let url = event.string("restore_url") ?? event.string("cart_url") { cart.restoreURL = url }
        if existing == nil { cart.currency = currency }

        switch event.type {
        case EventType.addedToCart:
            if let line = line(from: event.properties) {
                add(line, to: &cart)
            }
        case EventType.removedFromCart:
            if let productID = event.string("product_id") {
                let key = productID + "/" + (event.string("variant_id") ?? "")
                let quantity = event.int("quantity").map { Int(clamping: $0) }
                remove(key: key, quantity: quantity, from: &cart)
            }
        case EventType.viewedCart, EventType.cartUpdated:
            if let lines = lines(from: event.properties["lines"]) { cart.lines = lines }
        case EventType.startedCheckout:
            cart.kind = .checkout
            if let checkoutToken = event.string("checkout_token") { cart.checkoutToken = checkoutToken }
            if let lines = lines(from: event.properties["lines"]) { cart.lines = lines }
        default:
            break
        }

        cart.updatedAt = max(cart.updatedAt, at)
        cart.lastActivityAt = max(cart.lastActivityAt, at)
        return cart
    }

    static func add(_ line: CartLine, to cart: inout Cart) {
        if let index = cart.lines.firstIndex(where: { $0.itemKey == line.itemKey }) {
            cart.lines[index].quantity += line.quantity
            cart.lines[index].price = line.price
            if let title = line.title { cart.lines[index].title = title }
        } else {
            cart.lines.append(line)
        }
    }

    static func remove(key: String, quantity: Int?, from cart: inout Cart) {
        guard let index = cart.lines.firstIndex(where: { $0.itemKey == key }) else { return }
        if let quantity, quantity < cart.lines[index].quantity {
            cart.lines[index].quantity -= quantity
        } else {
            cart.lines.remove(at: index)
        }
    }

    /// A cart line from event properties: `product_id`, `variant_id`, `quantity` (default 1), `price` in minor units.
    public static func line(from properties: [String: JSONValue]) -> CartLine? {
        guard let productID = properties["product_id"]?.stringValue, !productID.isEmpty else { return nil }
        let quantity = Int(clamping: properties["quantity"]?.int64Value ?? 1)
        guard quantity > 0, quantity <= 10_000 else { return nil }
        let price = properties["price"]?.int64Value ?? 0
        guard price >= 0 else { return nil }
        return CartLine(
            productID: productID,
            variantID: properties["variant_id"]?.stringValue,
            title: properties["title"]?.stringValue,
            quantity: quantity,
            price: price
        )
    }

    /// All lines of a `lines` array; `nil` when there is no array.
    public static func lines(from value: JSONValue?) -> [CartLine]? {
        guard let array = value?.arrayValue else { return nil }
        var result: [CartLine] = []
        for item in array {
            guard let object = item.objectValue, let line = line(from: object) else { continue }
            var cart = Cart(id: "x", token: "x", lines: result, currency: .eur, createdAt: .distantPast)
            add(line, to: &cart)
            result = cart.lines
        }
        return result
    }
}
