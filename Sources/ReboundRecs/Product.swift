/// A product that can be recommended: its internal id and what the recommenders need to know about it.
///
/// Prices are integer minor units (pence, cents) of the shop's currency.
public struct Product: Sendable, Hashable, Identifiable {
    /// Dense internal product id, assigned by ``ProductCatalog`` (0, 1, 2, … in first-seen order).
    public struct ID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public init(_ rawValue: Int32) { self.rawValue = rawValue }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
        public var description: String { "#\(rawValue)" }
        /// The id as an array index.
        @inlinable public var index: Int { Int(rawValue) }
    }

    public var id: ID
    public var category: Category.ID?
    /// Unit price in minor units.
    public var price: Int
    /// Units in stock; `0` or less means out of stock.
    public var stock: Int

    public init(id: ID, category: Category.ID? = nil, price: Int = 0, stock: Int = 1) {
        self.id = id
        self.category = category
        self.price = price
        self.stock = stock
    }

    /// Whether at least one unit is in stock.
    public var isInStock: Bool { stock > 0 }
}

/// Namespace for product categories.
public enum Category {
    /// A category id as the shop names it.
    public struct ID: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
        public var description: String { rawValue }
    }
}

/// Namespace for customers.
public enum Customer {
    /// A customer id as the shop names it.
    public struct ID: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
        public var description: String { rawValue }
    }
}
