public import Foundation

/// Baskets together with the catalog that names their products.
public struct BasketSet: Sendable {
    public var catalog: ProductCatalog
    /// Baskets in the order their first line was seen.
    public var baskets: [Basket]

    public init(catalog: ProductCatalog, baskets: [Basket]) {
        self.catalog = catalog
        self.baskets = baskets
    }

    /// Builds baskets from raw order lines.
    ///
    /// Lines of one order are grouped by ``OrderLine/orderID`` (they need not be adjacent); lines that
    /// `rules` rejects are dropped, and orders left with no product are dropped too.
    /// ```swift
    /// let set = BasketSet(lines: lines, rules: .onlineRetail)
    /// ```
    public init(lines: some Sequence<OrderLine>, rules: BasketRules, catalog: ProductCatalog = ProductCatalog()) {
        var catalog = catalog
        var order: [Basket.ID] = []
        var pending: [Basket.ID: (items: [Product.ID], date: Date, customer: Customer.ID?)] = [:]
        for line in lines where !rules.isCancellation(line) && rules.isProduct(line.productCode) {
            let product = catalog.intern(line.productCode)
            if pending[line.orderID] == nil {
                order.append(line.orderID)
                pending[line.orderID] = ([product], line.date, line.customer)
            } else {
                pending[line.orderID]!.items.append(product)
            }
        }
        self.catalog = catalog
        self.baskets = order.map { id in
            let entry = pending[id]!
            return Basket(id: id, items: entry.items, date: entry.date, customer: entry.customer)
        }
    }

    /// Splits the baskets into those dated before `date` and those on or after it.
    public func split(at date: Date) -> (before: [Basket], onOrAfter: [Basket]) {
        var before: [Basket] = []
        var after: [Basket] = []
        for basket in baskets {
            if basket.date < date { before.append(basket) } else { after.append(basket) }
        }
        return (before, after)
    }
}
