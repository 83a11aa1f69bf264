/// Maps data values to pixels along one axis, over a domain widened to round tick values.
struct LinearScale: Sendable, Hashable {
    /// The (rounded) data range.
    let lower: Double
    let upper: Double
    /// Round values between `lower` and `upper`, both included.
    let ticks: [Double]
    /// Pixel positions of `lower` and `upper`. For a y axis `rangeStart` is the bottom.
    let rangeStart: Double
    let rangeEnd: Double

    /// A scale over `values` with about `tickCount` round ticks.
    ///
    /// - Parameters:
    ///   - bounds: limits the rounded domain (a CSAT axis never goes past 5); the data decides within them.
    ///   - includeZero: start amounts at 0 so bar and line heights compare honestly; scores fit their data instead.
    init(values: [Double], bounds: ClosedRange<Double>? = nil, includeZero: Bool = true, tickCount: Int = 4, range: (Double, Double)) {
        rangeStart = range.0
        rangeEnd = range.1
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high - low < 1e-12 {
            // A flat series still needs a visible band around it.
            high = low == 0 ? 1 : low + abs(low) * 0.5
            if includeZero { low = min(low, 0) }
        }
        let step = LinearScale.niceStep((high - low) / Double(max(1, tickCount)))
        low = (low / step).rounded(.down) * step
        high = (high / step).rounded(.up) * step
        if let bounds {
            low = max(low, bounds.lowerBound)
            high = min(high, bounds.upperBound)
            if high <= low { (low, high) = (bounds.lowerBound, bounds.upperBound) }
        }
        lower = low
        upper = high
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            // Rounding the tick to the step removes 0.30000000000000004-style noise from labels.
            ticks.append((tick / step).rounded() * step)
            tick += step
        }
        self.ticks = ticks
    }

    /// The pixel position of `value`, clamped into the range so nothing is drawn outside the plot.
    func position(_ value: Double) -> Double {
        guard value.isFinite, upper > lower else { return rangeStart }
        let t = min(1, max(0, (value - lower) / (upper - lower)))
        return rangeStart + t * (rangeEnd - rangeStart)
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where factor * power >= rough * (1 - 1e-9) {
            return factor * power
        }
        return 10 * power
    }
}
