/// The dashboard's headline figures, computed exactly from counts.
public struct DashboardFigures: Sendable, Hashable, Codable {
    /// Carts at each funnel stage.
    public struct Funnel: Sendable, Hashable, Codable {
        public var viewed: Int
        public var carted: Int
        public var checkout: Int
        public var ordered: Int

        /// Creates a funnel.
        public init(viewed: Int, carted: Int, checkout: Int, ordered: Int) {
            self.viewed = viewed
            self.carted = carted
            self.checkout = checkout
            self.ordered = ordered
        }
    }

    /// Open and click rates of one flow step (each out of messages sent).
    public struct StepRates: Sendable, Hashable, Codable {
        public var openRate: Ratio
        public var clickRate: Ratio
    }

    /// First response time percentiles in whole seconds (nearest-rank; nil without responses).
    public struct ResponsePercentiles: Sendable, Hashable, Codable {
        public var count: Int
        public var p50: Int?
        public var p90: Int?
        public var p99: Int?

        init(count: Int, p50: Int?, p90: Int?, p99: Int?) {
            self.count = count
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
        }

        /// Percentiles of a histogram of whole seconds → count.
        init(histogram: [Int: Int]) {
            let total = histogram.values.reduce(0, +)
            let sorted = histogram.sorted { $0.key < $1.key }
            func percentile(_ p: Int) -> Int? {
                guard total > 0 else { return nil }
                // Nearest rank: the smallest value whose cumulative count reaches ⌈p · n / 100⌉.
                let rank = max(1, (p * total + 99) / 100)
                var cumulative = 0
                for (value, count) in sorted {
                    cumulative += count
                    if cumulative >= rank { return value }
                }
                return sorted.last?.key
            }
            count = total
            p50 = percentile(50)
            p90 = percentile(90)
            p99 = percentile(99)
        }
    }

    public var cartsCreated: Int
    public var cartsAbandoned: Int
    public var cartsRecovered: Int
    /// Abandoned carts by device, out of carts created on that device.
    public var abandonmentByDevice: [String: Ratio]
    /// Abandoned carts by category, out of carts created in that category.
    public var abandonmentByCategory: [String: Ratio]
    /// viewed → carted → checkout → ordered.
    public var funnel: Funnel
    /// Rates per flow step.
    public var messageSteps: [Int: StepRates]
    /// First response time percentiles.
    public var firstResponse: ResponsePercentiles

    /// Abandoned carts out of carts created.
    public var abandonmentRate: Ratio { Ratio(cartsAbandoned, of: cartsCreated) }
    /// Recovered carts out of abandoned carts.
    public var recoveryRate: Ratio { Ratio(cartsRecovered, of: cartsAbandoned) }
}

extension DashboardFigures {
    /// Recomputes the figures from the raw log in one pass, without an accumulator (the reference for rollup tests and
    /// for rebuilding summary rows).
    public init(events: [AnalyticsEvent]) {
        func count(_ kind: AnalyticsEvent.Kind) -> Int { events.filter { $0.kind == kind }.count }
        func slices(_ key: (AnalyticsEvent) -> String) -> [String: Ratio] {
            let carts = events.filter { $0.kind == .cartCreated || $0.kind == .cartAbandoned || $0.kind == .cartRecovered }
            return Dictionary(grouping: carts, by: key).mapValues { group in
                Ratio(group.filter { $0.kind == .cartAbandoned }.count, of: group.filter { $0.kind == .cartCreated }.count)
            }
        }
        let messageEvents = events.filter { [.messageSent, .messageOpened, .messageClicked].contains($0.kind) }
        let steps = Dictionary(grouping: messageEvents) { $0.step ?? 0 }.mapValues { group in
            let sent = group.filter { $0.kind == .messageSent }.count
            return StepRates(
                openRate: Ratio(group.filter { $0.kind == .messageOpened }.count, of: sent),
                clickRate: Ratio(group.filter { $0.kind == .messageClicked }.count, of: sent)
            )
        }
        let waits = events.filter { $0.kind == .firstResponse }.compactMap(\.responseSeconds).map(DashboardAccumulator.bucket).sorted()
        func rank(_ p: Int) -> Int? { waits.isEmpty ? nil : waits[max(1, Int((Double(p * waits.count) / 100).rounded(.up))) - 1] }
        self.init(
            cartsCreated: count(.cartCreated),
            cartsAbandoned: count(.cartAbandoned),
            cartsRecovered: count(.cartRecovered),
            abandonmentByDevice: slices { $0.device ?? "unknown" },
            abandonmentByCategory: slices { $0.category ?? "unknown" },
            funnel: Funnel(
                viewed: count(.productViewed),
                carted: count(.cartCreated),
                checkout: count(.checkoutStarted),
                ordered: count(.orderPlaced)
            ),
            messageSteps: steps,
            firstResponse: ResponsePercentiles(count: waits.count, p50: rank(50), p90: rank(90), p99: rank(99))
        )
    }
}
