import Foundation
public import ReboundCore

/// Builds the URLs that put a cart back together on the shop's platform.
public enum RestoreLinks {
    /// A Shopify cart permalink, `https://shop.example/cart/123:2,456:1`, with `?discount=CODE` when given.
    /// Lines without a variant id are left out: permalinks need variants.
    public static func shopify(storeURL: String, lines: [CartLine], discountCode: String? = nil, extraQuery: [(String, String)] = []) -> String {
        let items = lines.filter { $0.quantity > 0 }.compactMap { line in line.variantID.map { "\(pathEscape($0)):\(line.quantity)" } }
        var url = trimmedBase(storeURL) + "/cart/" + items.joined(separator: ",")
        var query = extraQuery
        if let discountCode { query.insert(("discount", discountCode), at: 0) }
        if !query.isEmpty { url += "?" + query.map { queryEscape($0.0) + "=" + queryEscape($0.1) }.joined(separator: "&") }
        return url
    }

    /// WooCommerce add-to-cart URLs, `https://shop.example/?add-to-cart=123&quantity=2`, one per line:
    /// WooCommerce core adds one product per request, so a multi-line cart is restored by following them in turn
    /// (the generic restore endpoint does that).
    public static func wooCommerce(storeURL: String, lines: [CartLine]) -> [String] {
        lines.filter { $0.quantity > 0 }.map { line in
            var url = trimmedBase(storeURL) + "/?add-to-cart=" + queryEscape(line.variantID ?? line.productID) + "&quantity=\(line.quantity)"
            if let variant = line.variantID, variant != line.productID { url += "&variation_id=" + queryEscape(variant) }
            return url
        }
    }

    /// Rebound's own restore endpoint: `{base}/r/{token}`; it verifies the token and redirects to the platform URL.
    public static func generic(baseURL: String, token: String) -> String {
        trimmedBase(baseURL) + "/r/" + token
    }

    static func trimmedBase(_ url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func queryEscape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s }
    static func pathEscape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s }
}
