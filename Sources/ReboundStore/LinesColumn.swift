import ReboundCore

/// Cart and order lines as JSON text, written and read through `JSONValue` (the Codable route is several times
/// slower and lines are written for every cart change). Keys are the ones `Codable` would use.
enum LinesColumn {
    static func encode(_ lines: [CartLine]) -> String {
        JSONValue.array(
            lines.map { line in
                var object: [String: JSONValue] = [
                    "productID": .string(line.productID), "quantity": .int(Int64(line.quantity)), "price": .int(line.price),
                ]
                if let variant = line.variantID { object["variantID"] = .string(variant) }
                if let title = line.title { object["title"] = .string(title) }
                return .object(object)
            }
        ).jsonText
    }

    static func cartLines(_ text: String) throws -> [CartLine] {
        guard case .array(let items) = try JSONValue.parse(text) else { throw StoreError(.invalid, "stored lines are not an array") }
        return try items.map { item in
            guard let product = item["productID"]?.stringValue, let quantity = item["quantity"]?.int64Value, let price = item["price"]?.int64Value
            else { throw StoreError(.invalid, "a stored cart line lacks productID, quantity or price") }
            return CartLine(
                productID: product,
                variantID: item["variantID"]?.stringValue,
                title: item["title"]?.stringValue,
                quantity: Int(quantity),
                price: price
            )
        }
    }
}
