import ReboundAdmin
import Testing

@Suite struct ChartTests {
    let format = AdminFormat()

    @Test func barWidthsAreProportionalToValues() throws {
        let chart = BarChart(
            id: "b",
            title: "Revenue",
            bars: [.init(label: "A", value: 40), .init(label: "B", value: 20), .init(label: "C", value: 10), .init(label: "D", value: 0)],
            style: .count
        )
        let html = chart.html(format).rendered
        let widths = Markup.tags("rect", classPrefix: "bar", in: html).compactMap { Markup.number("width", of: $0) }
        #expect(widths.count == 4)
        #expect(abs(widths[0] - 2 * widths[1]) < 0.02)
        #expect(abs(widths[1] - 2 * widths[2]) < 0.02)
        #expect(widths[3] == 0)
        let box = try #require(Markup.viewBox(html))
        let xs = Markup.tags("rect", classPrefix: "bar", in: html).compactMap { Markup.number("x", of: $0) }
        for (x, width) in zip(xs, widths) { #expect(x + width <= box.width) }
    }

    @Test func ratesDrawOnAFixedScaleWithAReferenceLine() throws {
        let chart = BarChart(id: "d", title: "By device", bars: [.init(label: "Mobile", value: 0.5)], style: .percent, maximum: 1, reference: 0.7019)
        let html = chart.html(format).rendered
        let bar = try #require(Markup.tags("rect", classPrefix: "bar", in: html).first)
        let line = try #require(Markup.tags("line", classPrefix: "reference", in: html).first)
        let width = try #require(Markup.number("width", of: bar))
        let x = try #require(Markup.number("x", of: bar))
        let referenceX = try #require(Markup.number("x1", of: line))
        // The reference sits at 70.19 % of the scale that puts 50 % at `width`.
        #expect(abs((referenceX - x) / width - 0.7019 / 0.5) < 0.001)
        #expect(html.contains("World average") == false)
        #expect(html.contains("Reference 70.2\u{202F}%"))
    }

    @Test func emptyChartsSayNoDataYetAndNeverNaN() {
        let charts: [HTML] = [
            BarChart(id: "e1", title: "Empty", bars: [], style: .percent).html(format),
            BarChart(id: "e2", title: "Zeros", bars: [.init(label: "A", value: 0)], style: .count).html(format),
            LineChart(id: "e3", title: "Empty", labels: [], current: [], style: .count).html(format),
            LineChart(id: "e4", title: "Gaps", labels: ["a", "b"], current: [nil, nil], previous: [nil, nil], style: .percent).html(format),
            FunnelChart(id: "e5", title: "Funnel", steps: [.init(label: "Viewed", count: 0), .init(label: "Ordered", count: 0)]).html(format),
            StackedBarChart(id: "e6", title: "Tickets", labels: ["Mon"], layers: [.init(name: "A", values: [0])]).html(format),
            RateGauge(id: "e7", title: "Recovery", value: nil, reference: .recoveryRate).html(format),
            Sparkline(values: [], label: "Trend", style: .count).html(format),
        ]
        for chart in charts {
            let text = chart.rendered
            #expect(text.lowercased().contains("no data yet"))
            // Swift prints non-finite doubles as "nan", "-nan", "inf"; none may reach an attribute or a label.
            for bad in ["NaN", "\"nan", "nan\"", " nan", "\"inf", "inf\"", "-inf", ">nan", ">inf"] {
                #expect(!text.contains(bad), "\(bad) in \(text)")
            }
        }
    }

    @Test func linePointsStayInsideTheViewBox() throws {
        let values: [Double?] = [0.12, 0.5, nil, 0.31, 1.7, -0.2, 0.9]
        let chart = LineChart(
            id: "l",
            title: "Rate",
            labels: (1...7).map { "D\($0)" },
            current: values,
            previous: [0.1, 0.2, 0.3, 0.2, 0.1, 0.2, 0.3],
            style: .percent,
            target: 0.4
        )
        let html = chart.html(format).rendered
        let box = try #require(Markup.viewBox(html))
        let dots = Markup.tags("circle", classPrefix: "dot", in: html)
        #expect(dots.count == 6, "one dot per measured value, none for the gap")
        for dot in dots {
            let cx = try #require(Markup.number("cx", of: dot)), cy = try #require(Markup.number("cy", of: dot))
            #expect((0...box.width).contains(cx) && (0...box.height).contains(cy))
        }
        let paths = Markup.captures("<path class=\"line s-current\" d=\"([^\"]+)\"", in: html)
        let path = try #require(paths.first)
        #expect(path.filter { $0 == "M" }.count == 2, "the gap lifts the pen")
        let numbers = path.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
        for (index, number) in numbers.enumerated() {
            #expect(number >= 0 && number <= (index % 2 == 0 ? box.width : box.height))
        }
        #expect(html.contains("s-previous"))
        #expect(html.contains("<title id=\"chart-l-title\">Rate</title>"))
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("aria-label=\"Rate. This period: from 12.0"))
        #expect(html.contains("<details class=\"chart-data\">"))
    }

    @Test func lineChartBoundsKeepScoresInRange() throws {
        let chart = LineChart(
            id: "csat",
            title: "CSAT",
            labels: ["a", "b", "c"],
            current: [4.4, 4.9, 4.6],
            style: .decimal(digits: 1),
            target: 4.5,
            domain: 1...5
        )
        let html = chart.html(format).rendered
        let ticks = Markup.captures("<text class=\"tick\" x=\"48\"[^>]*>([^<]+)</text>", in: html)
        #expect(ticks.first.flatMap(Double.init) ?? 0 >= 4, "the axis fits the data instead of starting at 1: \(ticks)")
        #expect(ticks.last == "5")
    }

    @Test func funnelShowsStepConversions() throws {
        let funnel = FunnelChart(
            id: "f",
            title: "Funnel",
            steps: [
                .init(label: "Viewed", count: 1000), .init(label: "Carted", count: 400), .init(label: "Checkout", count: 200),
                .init(label: "Ordered", count: 150),
            ]
        )
        #expect(funnel.stepConversion(1) == 0.4)
        #expect(funnel.stepConversion(3) == 0.75)
        #expect(funnel.overallConversion(3) == 0.15)
        let html = funnel.html(format).rendered
        #expect(html.contains("↓ 40.0\u{202F}%"))
        #expect(html.contains("↓ 75.0\u{202F}%"))
        let widths = Markup.tags("rect", classPrefix: "bar funnel-bar", in: html).compactMap { Markup.number("width", of: $0) }
        #expect(widths.count == 4)
        #expect(abs(widths[1] / widths[0] - 0.4) < 0.001)
        #expect(abs(widths[3] / widths[0] - 0.15) < 0.001)
    }

    @Test func stackedSegmentsAddUpToTheColumnTotal() throws {
        let chart = StackedBarChart(
            id: "s",
            title: "Tickets",
            labels: ["Mon", "Tue"],
            layers: [.init(name: "WISMO", values: [3, 6]), .init(name: "Returns", values: [1, 2])]
        )
        let html = chart.html(format).rendered
        let heights = Markup.tags("rect", classPrefix: "seg", in: html).compactMap { Markup.number("height", of: $0) }
        #expect(heights.count == 4)
        // Monday (3 + 1) is half of Tuesday (6 + 2).
        let monday = heights[0] + heights[1], tuesday = heights[2] + heights[3]
        #expect(abs(tuesday - 2 * monday) < 0.05)
        #expect(html.contains("key c1"))
        #expect(chart.html(format).rendered.contains("<th scope=\"col\" class=\"num\">Total</th>"))
    }

    @Test func gaugePlacesTheMarkerAndNamesTheBand() throws {
        let gauge = RateGauge(id: "r", title: "Recovery rate", value: 0.132, reference: .recoveryRate)
        #expect(gauge.verdict(format) == "13.2\u{202F}% — respectable")
        #expect(RateReference.recoveryRate.band(for: 0.25)?.label == "top performer")
        #expect(RateReference.recoveryRate.band(for: 0.05)?.tone == .poor)
        #expect(RateReference.recoveryRate.band(for: 2)?.tone == .top)
        let html = gauge.html(format).rendered
        let marker = try #require(Markup.tags("line", classPrefix: "marker", in: html).first)
        let x = try #require(Markup.number("x1", of: marker))
        // 0.132 of a 0–30 % scale drawn from 6 to 314.
        #expect(abs(x - (6 + 0.132 / 0.30 * 308)) < 0.01)
        #expect(html.contains("aria-label=\"Recovery rate: 13.2\u{202F}% — respectable. Reference: respectable 10–15 %, top 20 %+.\""))
        let over = RateGauge(id: "o", title: "x", value: 0.9, reference: .recoveryRate).html(format).rendered
        let overX = try #require(Markup.tags("line", classPrefix: "marker", in: over).first.flatMap { Markup.number("x1", of: $0) })
        #expect(overX <= 320, "values past the scale stay on the gauge")
    }

    @Test func sparklineFitsItsBox() throws {
        let html = Sparkline(values: [3, 9, 1, 4, 12], label: "Carts", style: .count).html(format).rendered
        let points = try #require(Markup.captures("points=\"([^\"]+)\"", in: html).first)
        for pair in points.split(separator: " ") {
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            #expect(xy.count == 2 && (0...120).contains(xy[0]) && (0...32).contains(xy[1]))
        }
        #expect(html.contains("aria-label=\"Carts: from 3 to 12; lowest 1, highest 12\""))
    }

    @Test func intervalBarTones() {
        let domain = IntervalBar.sharedDomain([(lower: -0.01, upper: 0.03)])
        #expect(abs(domain.upperBound - 0.033) < 1e-9 && domain.lowerBound == -domain.upperBound)
        #expect(
            IntervalBar(estimate: 0.02, lower: 0.007, upper: 0.035, domain: domain, label: "B").html(format).rendered.contains(
                "class=\"interval up\""
            )
        )
        #expect(
            IntervalBar(estimate: 0.0, lower: -0.01, upper: 0.01, domain: domain, label: "B").html(format).rendered.contains(
                "class=\"interval flat\""
            )
        )
        #expect(
            IntervalBar(estimate: -0.02, lower: -0.03, upper: -0.001, domain: domain, label: "B").html(format).rendered.contains(
                "class=\"interval down\""
            )
        )
    }

    @Test func outputIsDeterministic() {
        let a = AdminPages.dashboard(Samples.dashboard()).rendered
        let b = AdminPages.dashboard(Samples.dashboard()).rendered
        #expect(a == b)
    }
}
