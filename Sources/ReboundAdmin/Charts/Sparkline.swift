/// A word-sized trend line for KPI tiles: no axes, the last value marked.
public struct Sparkline: Sendable, Hashable {
    public var values: [Double]
    /// What the values are, for the accessible label ("Abandoned carts per day").
    public var label: String
    public var style: ValueStyle

    /// Creates a sparkline.
    public init(values: [Double], label: String, style: ValueStyle) {
        self.values = values
        self.label = label
        self.style = style
    }

    static let width = 120.0, height = 32.0, padding = 3.0

    /// The points in the 120 × 32 box; empty below two values, where a trend means nothing.
    func points() -> [(x: Double, y: Double)] {
        let measured = values.map { $0.isFinite ? $0 : 0 }
        guard measured.count >= 2 else { return [] }
        let y = LinearScale(values: measured, includeZero: false, tickCount: 1, range: (Self.height - Self.padding, Self.padding))
        let step = (Self.width - 2 * Self.padding) / Double(measured.count - 1)
        return measured.enumerated().map { (x: Self.padding + Double($0) * step, y: y.position($1)) }
    }

    /// The sparkline as inline SVG; its label says first, last, lowest and highest value.
    public func html(_ format: AdminFormat) -> HTML {
        let points = points()
        guard let last = points.last, let first = values.first, let final = values.last else {
            return
                "<svg class=\"spark\" viewBox=\"0 0 \(svg: Self.width) \(svg: Self.height)\" role=\"img\" aria-label=\"\(label): no data yet\"><title>\(label): no data yet</title></svg>"
        }
        let description =
            "\(label): from \(style.label(first, format)) to \(style.label(final, format)); "
            + "lowest \(style.label(values.min(), format)), highest \(style.label(values.max(), format))"
        let polyline = points.map { SVGNumber.format($0.x) + "," + SVGNumber.format($0.y) }.joined(separator: " ")
        return """
            <svg class="spark" viewBox="0 0 \(svg: Self.width) \(svg: Self.height)" role="img" aria-label="\(description)">\
            <title>\(description)</title><polyline points="\(polyline)"></polyline>\
            <circle cx="\(svg: last.x)" cy="\(svg: last.y)" r="2.5"></circle></svg>
            """
    }
}
