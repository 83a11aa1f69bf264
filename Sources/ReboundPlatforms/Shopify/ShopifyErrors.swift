import Foundation

/// Reads the `errors` member of a Shopify REST Admin error body, which is a string (`{"errors":"Not Found"}`), a list,
/// or an object of field → messages (`{"errors":{"code":["must be unique. Please try a different code."]}}`),
/// as in the PriceRule and DiscountCode reference examples
/// (https://shopify.dev/docs/api/admin-rest/2024-10/resources/pricerule, 422 example).
enum ShopifyErrors {
    /// `"code must be unique. Please try a different code."`; the raw body when there is no `errors` member.
    static func describe(_ body: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let errors = object["errors"] else {
            let text = String(decoding: body.prefix(500), as: UTF8.self)
            return text.isEmpty ? "no error details" : text
        }
        return describe(errors)
    }

    private static func describe(_ errors: Any) -> String {
        if let text = errors as? String { return text }
        if let list = errors as? [Any] { return list.map(describe).joined(separator: "; ") }
        if let fields = errors as? [String: Any] {
            return fields.keys.sorted().map { key in
                let messages = fields[key].map(describe) ?? ""
                return key == "base" ? messages : "\(key) \(messages)"
            }.joined(separator: "; ")
        }
        return "\(errors)"
    }

    /// Whether a 422 says the code is already taken, so the code may exist from an earlier attempt.
    static func isDuplicateCode(_ body: [UInt8]) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let fields = object["errors"] as? [String: Any], let messages = fields["code"]
        else { return false }
        return describe(messages).localizedCaseInsensitiveContains("unique")
            || describe(messages).localizedCaseInsensitiveContains("taken")
    }

    /// The error for a non-2xx REST answer.
    static func error(_ response: PlatformHTTP.Response) -> PlatformError {
        PlatformError.httpStatus(response.status, service: "Shopify", detail: describe(response.body), retryAfter: response.retryAfter)
    }
}
