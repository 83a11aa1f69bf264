import ArgumentParser
import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore

extension Bench {
    /// `rebound bench dashboard`: Benchmark B8, the dashboard's reads over a bulk-loaded shop (Benchmarks/dashboard).
    struct Dashboard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "B8: dashboard latency over the rollups (and the raw scan) for the date ranges in a file.",
            discussion: """
                rebound bench dashboard --database b8.sqlite --prepare            (migrate, create the shop, print its id)
                rebound bench dashboard --database b8.sqlite --shop ID --ranges ranges.txt --rebuild
                Each line of the ranges file is "first-day last-day" (days of the shop's zone, inclusive, 2011-03-01 2011-03-31).
                The rollups are built for the shop's zone (--rebuild, or the first read after a change of zone).
                """
        )

        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Migrate, create the benchmark shop, print its id and stop.") var prepare = false
        @Option(help: "The time zone of the shop --prepare creates (IANA name).") var timeZone = "UTC"
        @Option(help: "The shop's id.") var shop: String?
        @Option(help: "File of date ranges, one \"first last\" per line.") var ranges: String?
        @Flag(help: "Rebuild the rollups first (after a bulk load) and time it.") var rebuild = false
        @Option(help: "How many ranges to also answer with the raw scan (slow).") var rawRuns = 10

        func run() async throws {
            if prepare {
                guard TimeZone(identifier: timeZone) != nil else { throw ValidationError("unknown time zone \(timeZone)") }
                let timeZone = self.timeZone
                let id = try await Database.withStore(db.location, logger: db.logger()) { store in
                    try await ShopAdmin.createShop(name: "b8", currency: Currency(rawValue: "GBP")!, timeZone: timeZone, store: store, now: Date())
                        .shop
                        .id.rawValue
                }
                print("shop_id\t\(id)")
                return
            }
            guard let shop, let ranges else { throw ValidationError("give --prepare, or --shop and --ranges") }
            let lines = try String(contentsOfFile: ranges, encoding: .utf8).split(separator: "\n")
            let engineName = db.location.hasPrefix("postgres") ? "postgres" : "sqlite"
            let rawRuns = self.rawRuns
            let rebuild = self.rebuild
            try await Database.withStore(db.location, logger: db.logger()) { store in
                guard let found = try await store.shop(id: Shop.ID(shop)) else { throw StoreError.notFound("shop \(shop)") }
                let zone = TimeZone(identifier: found.timeZone) ?? TimeZone(identifier: "UTC")!
                let periods = try lines.compactMap { line -> ReportPeriod? in
                    let parts = line.split(separator: " ").map(String.init)
                    guard parts.count == 2 else { return nil }
                    return try ReportPeriod.parse(from: parts[0], to: parts[1], days: nil, compare: "1", timeZone: zone, now: Date())
                }
                if rebuild {
                    let began = ContinuousClock.now
                    let days = try await store.rebuildDashboardRollups(shopID: found.id)
                    print("\(engineName)\trebuild_s\t\(String(format: "%.1f", (ContinuousClock.now - began) / .seconds(1)))\t\(days) days")
                }
                func measure(_ name: String, _ list: [ReportPeriod], _ body: (ReportPeriod) async throws -> Void) async throws {
                    var times: [Double] = []
                    for period in list {
                        let began = ContinuousClock.now
                        try await body(period)
                        times.append((ContinuousClock.now - began) / .milliseconds(1))
                    }
                    guard !times.isEmpty else { return }
                    times.sort()
                    func percentile(_ p: Double) -> Double { times[min(times.count - 1, max(0, Int((p * Double(times.count)).rounded(.up)) - 1))] }
                    print(
                        String(
                            format: "%@\t%@\tn=%d\tp50_ms=%.2f\tp95_ms=%.2f\tmax_ms=%.2f",
                            engineName,
                            name,
                            times.count,
                            percentile(0.5),
                            percentile(0.95),
                            times.last ?? 0
                        )
                    )
                }
                // One warm-up pass, as a page view after a restart would not be measured either.
                for period in periods.prefix(3) {
                    _ = try await DashboardReport.load(store: store, shop: found, period: period, now: period.to).export(.json)
                }
                // Every figure of the page, then one question at a time as the peer times them (the page reads them
                // all in one pass).
                let reads: [(name: String, metrics: Set<String>?)] =
                    [("rollup_data", nil)] + DashboardData.sections.map { ("question_\($0.name)", $0.metrics) }
                for (name, metrics) in reads {
                    try await measure(name, periods) { period in
                        _ = try await store.dashboardData(
                            shopID: found.id,
                            from: period.from,
                            to: period.to,
                            dayStart: period.dayStart,
                            days: period.days,
                            now: period.to,
                            metrics: metrics
                        )
                    }
                }
                try await measure("page_json_with_compare", periods) { period in
                    _ = try await DashboardReport.load(store: store, shop: found, period: period, now: period.to).export(.json)
                }
                try await measure("raw_scan_data", Array(periods.prefix(rawRuns))) { period in
                    _ = try await store.recomputeDashboardData(
                        shopID: found.id,
                        from: period.from,
                        to: period.to,
                        dayStart: period.dayStart,
                        days: period.days
                    )
                }
            }
        }
    }
}
