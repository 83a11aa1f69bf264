import Foundation
import ReboundAnalytics
import Testing

@Suite struct RollupTests {
    static func events(count: Int, seed: UInt64) -> [AnalyticsEvent] {
        var generator = SplitMix64(seed: seed)
        let kinds = AnalyticsEvent.Kind.allCases
        let devices: [String?] = ["mobile", "desktop", "tablet", nil]
        let categories: [String?] = ["jewellery", "grocery", nil]
        return (0..<count).map { i in
            let kind = kinds[Int(generator.next() % UInt64(kinds.count))]
            return AnalyticsEvent(
                kind,
                at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i) * 37),
                device: devices[Int(generator.next() % 4)],
                category: categories[Int(generator.next() % 3)],
                step: kind.rawValue.hasPrefix("message") ? Int(generator.next() % 3) + 1 : nil,
                responseSeconds: kind == .firstResponse ? Double(generator.next() % 7_200) / 10 : nil
            )
        }
    }

    @Test func figuresByHand() {
        let t = Date(timeIntervalSince1970: 0)
        var events: [AnalyticsEvent] = []
        for _ in 0..<10 { events.append(AnalyticsEvent(.productViewed, at: t)) }
        for device in ["mobile", "mobile", "mobile", "mobile", "desktop"] { events.append(AnalyticsEvent(.cartCreated, at: t, device: device)) }
        for device in ["mobile", "mobile", "mobile", "desktop"] { events.append(AnalyticsEvent(.cartAbandoned, at: t, device: device)) }
        events.append(AnalyticsEvent(.cartRecovered, at: t, device: "mobile"))
        events.append(AnalyticsEvent(.checkoutStarted, at: t))
        events.append(AnalyticsEvent(.orderPlaced, at: t))
        for _ in 0..<4 { events.append(AnalyticsEvent(.messageSent, at: t, step: 1)) }
        events.append(AnalyticsEvent(.messageOpened, at: t, step: 1))
        events.append(AnalyticsEvent(.messageOpened, at: t, step: 1))
        events.append(AnalyticsEvent(.messageClicked, at: t, step: 1))
        for seconds in [30.0, 45.2, 60, 119, 600] { events.append(AnalyticsEvent(.firstResponse, at: t, responseSeconds: seconds)) }
        var accumulator = DashboardAccumulator()
        events.forEach { accumulator.add($0) }
        let f = accumulator.figures
        #expect(f.abandonmentRate == Ratio(4, of: 5) && f.abandonmentRate.value == 0.8)
        #expect(f.recoveryRate.value == 0.25)
        #expect(f.abandonmentByDevice["mobile"] == Ratio(3, of: 4) && f.abandonmentByDevice["desktop"] == Ratio(1, of: 1))
        #expect(f.abandonmentByCategory["unknown"] == Ratio(4, of: 5))
        #expect(f.funnel == DashboardFigures.Funnel(viewed: 10, carted: 5, checkout: 1, ordered: 1))
        #expect(f.messageSteps[1]?.openRate.value == 0.5 && f.messageSteps[1]?.clickRate.value == 0.25)
        // Seconds rounded up: 30, 46, 60, 119, 600; nearest rank p50 = 3rd, p90 = 5th.
        #expect(f.firstResponse == DashboardFigures(events: events).firstResponse)
        #expect(f.firstResponse.p50 == 60 && f.firstResponse.p90 == 600 && f.firstResponse.count == 5)
        #expect(f == DashboardFigures(events: events))
    }

    @Test func incrementalEqualsBatch() {
        let events = Self.events(count: 5_000, seed: 2024)
        let batch = DashboardFigures(events: events)
        // One accumulator per "day" of 500 events, merged in a shuffled order.
        var days = stride(from: 0, to: events.count, by: 500).map { start in
            var day = DashboardAccumulator()
            events[start..<min(start + 500, events.count)].forEach { day.add($0) }
            return day
        }
        var generator = SplitMix64(seed: 1)
        days.shuffle(using: &generator)
        let merged = days.reduce(DashboardAccumulator()) { $0.merged(with: $1) }
        #expect(merged.figures == batch)
        var single = DashboardAccumulator()
        events.forEach { single.add($0) }
        #expect(single == merged)
        #expect(batch.cartsCreated > 0 && batch.firstResponse.count > 0)
    }

    @Test func emptyAccumulator() throws {
        let f = DashboardAccumulator().figures
        #expect(f.abandonmentRate.value == nil && f.firstResponse.p99 == nil)
        let stored = try JSONEncoder().encode(DashboardAccumulator().merged(with: DashboardAccumulator()))
        #expect(try JSONDecoder().decode(DashboardAccumulator.self, from: stored) == DashboardAccumulator())
    }
}
