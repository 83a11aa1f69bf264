/// Money in the fakes: decimal strings with two places, as Shopify and WooCommerce write them.
enum FakeMoney {
    static func cents(_ text: String?) -> Int64? {
        guard let text, !text.isEmpty else { return nil }
        var s = Substring(text)
        var negative = false
        if s.first == "-" {
            negative = true
            s = s.dropFirst()
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, let units = Int64(whole) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1].prefix(2)) : ""
        while fraction.count < 2 { fraction += "0" }
        guard let hundredths = Int64(fraction) else { return nil }
        let value = units * 100 + hundredths
        return negative ? -value : value
    }

    static func string(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
