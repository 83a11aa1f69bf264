public import Foundation

/// The set of distinct products bought in one order.
public struct Basket: Sendable, Hashable, Identifiable {
    /// The order (invoice) id as the shop names it.
    public struct ID: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }
    }

    public var id: ID
    /// Distinct products, sorted ascending by id.
    public private(set) var items: [Product.ID]
    /// Date of the order (its first kept line).
    public var date: Date
    public var customer: Customer.ID?

    /// Creates a basket; `items` are de-duplicated and sorted.
    public init(id: ID, items: some Sequence<Product.ID>, date: Date, customer: Customer.ID? = nil) {
        self.id = id
        self.items = Array(Set(items)).sorted()
        self.date = date
        self.customer = customer
    }

    /// Whether the basket contains `product` (binary search).
    public func contains(_ product: Product.ID) -> Bool {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid] < product { low = mid + 1 } else { high = mid }
        }
        return low < items.count && items[low] == product
    }
}
