/// A rate drawn on a bar of coloured reference bands, with a marker at the value.
///
/// ```swift
/// RateGauge(id: "recovery", title: "Recovery rate", value: 0.132, reference: .recoveryRate).html(format)
/// // 13.2 % — respectable (respectable 10–15 %, top 20 %+)
/// ```
public struct RateGauge: Sendable, Hashable {
    public var id: String
    public var title: String
    /// The rate 0…1; nil before there is a denominator.
    public var value: Double?
    public var reference: RateReference

    /// Creates a gauge.
    public init(id: String, title: String, value: Double?, reference: RateReference) {
        self.id = id
        self.title = title
        self.value = value
        self.reference = reference
    }

    static let width = 320.0, height = 52.0, inset = 6.0, barY = 18.0, barHeight = 12.0

    /// The x position of `rate` on the gauge.
    func position(_ rate: Double) -> Double {
        let maximum = max(reference.scaleMaximum, 1e-9)
        let t = rate.isFinite ? min(1, max(0, rate / maximum)) : 0
        return Self.inset + t * (Self.width - 2 * Self.inset)
    }

    /// The verdict as text: `13.2 % — respectable`.
    public func verdict(_ format: AdminFormat) -> String {
        guard let value, let band = reference.band(for: value) else { return "No data yet" }
        return "\(format.percent(value)) — \(band.label)"
    }

    /// The gauge as a figure (no separate table: the value and the bands are spelled out in the caption).
    public func html(_ format: AdminFormat) -> HTML {
        var parts: [HTML] = []
        for band in reference.bands where band.lower < reference.scaleMaximum {
            let x0 = position(band.lower), x1 = position(min(band.upper, reference.scaleMaximum))
            parts.append(
                """
                <rect class="band \(band.tone.rawValue)" x="\(svg: x0)" y="\(svg: Self.barY)" width="\(svg: max(0, x1 - x0))" height="\(svg: Self.barHeight)">\
                <title>\(band.label): \(format.percent(band.lower, digits: 0))–\(format.percent(min(band.upper, 1), digits: 0))</title></rect>
                """
            )
            if band.lower > 0 {
                parts.append(
                    "<text class=\"tick\" x=\"\(svg: x0)\" y=\"\(svg: Self.barY + Self.barHeight + 14)\" text-anchor=\"middle\">\(format.percent(band.lower, digits: 0))</text>"
                )
            }
        }
        if let value, value.isFinite {
            let x = position(value)
            let anchor = x < 40 ? "start" : x > Self.width - 40 ? "end" : "middle"
            parts.append(
                """
                <line class="marker" x1="\(svg: x)" x2="\(svg: x)" y1="\(svg: Self.barY - 4)" y2="\(svg: Self.barY + Self.barHeight + 4)"></line>\
                <text class="marker-label" x="\(svg: x)" y="\(svg: Self.barY - 7)" text-anchor="\(anchor)">\(format.percent(value))</text>
                """
            )
        } else {
            parts.append("<text class=\"empty\" x=\"\(svg: Self.width / 2)\" y=\"\(svg: Self.barY - 6)\" text-anchor=\"middle\">No data yet</text>")
        }
        let tone = reference.band(for: value)?.tone.rawValue ?? "none"
        return """
            <div class="gauge" id="gauge-\(id)"><svg viewBox="0 0 \(svg: Self.width) \(svg: Self.height)" class="gauge-svg" role="img" \
            aria-label="\(title): \(verdict(format)). Reference: \(reference.caption)."><title>\(title)</title>\
            <desc>\(verdict(format)). Reference: \(reference.caption).</desc>\(parts)</svg>\
            <p class="gauge-caption"><span class="verdict \(tone)">\(verdict(format))</span> <span class="muted">\(reference.caption)</span></p></div>
            """
    }
}
