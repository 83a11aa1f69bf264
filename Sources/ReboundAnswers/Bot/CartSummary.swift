import Foundation

/// The shopper's cart as the bot sees it: for incentive rules, free-shipping gaps and hand-over summaries.
public struct CartSummary: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var title: String
        public var variantTitle: String?
        public var quantity: Int
        public var unitPrice: MoneyAmount
        public var productID: String?

        public init(title: String, variantTitle: String? = nil, quantity: Int, unitPrice: MoneyAmount, productID: String? = nil) {
            self.title = title
            self.variantTitle = variantTitle
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.productID = productID
        }
    }

    public var lines: [Line]
    public var subtotal: MoneyAmount

    public init(lines: [Line], subtotal: MoneyAmount) {
        self.lines = lines
        self.subtotal = subtotal
    }

    /// Units in the cart.
    public var itemCount: Int { lines.reduce(0) { $0 + max(0, $1.quantity) } }

    /// One line for an agent: `3 items, €89.97: Linen Shirt (M) × 2, Belt × 1`.
    public func summary(_ language: TextLanguage) -> String {
        let items = lines.map { line in
            let variant = line.variantTitle.map { " (\($0))" } ?? ""
            return "\(line.title)\(variant) × \(line.quantity)"
        }
        let count = language == .german ? "\(itemCount) Artikel" : "\(itemCount) item\(itemCount == 1 ? "" : "s")"
        return "\(count), \(subtotal.formatted(language))" + (items.isEmpty ? "" : ": " + items.joined(separator: ", "))
    }
}
