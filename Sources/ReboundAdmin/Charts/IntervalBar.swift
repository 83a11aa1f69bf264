/// An estimate with its confidence interval on an axis through zero, e.g. an experiment's lift over the holdout.
///
/// Green when the whole interval is above zero, red when below, grey when it straddles zero (not significant).
public struct IntervalBar: Sendable, Hashable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// The shared axis, so that bars in one table line up; must contain 0.
    public var domain: ClosedRange<Double>
    /// What is measured, for the accessible label.
    public var label: String

    /// Creates an interval bar.
    public init(estimate: Double, lower: Double, upper: Double, domain: ClosedRange<Double>, label: String) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.domain = domain
        self.label = label
    }

    static let width = 220.0, height = 28.0, inset = 6.0

    /// A symmetric domain around zero that holds every interval, with a little room; ±1 pp at least.
    public static func sharedDomain(_ intervals: [(lower: Double, upper: Double)]) -> ClosedRange<Double> {
        let reach = intervals.flatMap { [abs($0.lower), abs($0.upper)] }.filter(\.isFinite).max() ?? 0
        let padded = max(0.01, reach * 1.1)
        return -padded...padded
    }

    func position(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, value.isFinite else { return Self.width / 2 }
        let t = min(1, max(0, (value - domain.lowerBound) / span))
        return Self.inset + t * (Self.width - 2 * Self.inset)
    }

    var tone: String { lower > 0 ? "up" : upper < 0 ? "down" : "flat" }

    /// The bar as inline SVG.
    public func html(_ format: AdminFormat) -> HTML {
        let x0 = position(lower), x1 = position(upper), zero = position(0), mid = Self.height / 2
        let text =
            "\(label): \(format.percentagePoints(estimate)) (95 % interval \(format.percentagePoints(lower)) to \(format.percentagePoints(upper)))"
        return """
            <svg class="interval \(tone)" viewBox="0 0 \(svg: Self.width) \(svg: Self.height)" role="img" aria-label="\(text)"><title>\(text)</title>\
            <line class="axis" x1="\(svg: Self.inset)" x2="\(svg: Self.width - Self.inset)" y1="\(svg: mid)" y2="\(svg: mid)"></line>\
            <line class="zero" x1="\(svg: zero)" x2="\(svg: zero)" y1="2" y2="\(svg: Self.height - 2)"></line>\
            <rect class="ci" x="\(svg: x0)" y="\(svg: mid - 5)" width="\(svg: max(1, x1 - x0))" height="10" rx="5"></rect>\
            <circle class="estimate" cx="\(svg: position(estimate))" cy="\(svg: mid)" r="4.5"></circle></svg>
            """
    }
}
