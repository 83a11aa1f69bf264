/// Numbers written into SVG attributes.
enum SVGNumber {
    /// At most two decimals, no trailing zeros, `0` for NaN and infinities, never `-0`.
    ///
    /// Charts must render the same bytes for the same data (tests compare output), and a single `nan` in a path makes
    /// browsers drop the whole shape, so every coordinate goes through here.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -1e9), 1e9)
        let hundredths = Int64((clamped * 100).rounded())
        if hundredths == 0 { return "0" }
        let magnitude = hundredths.magnitude
        var text = (hundredths < 0 ? "-" : "") + String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }
}
