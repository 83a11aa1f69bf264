public import Foundation
import Hummingbird
public import Logging
import ReboundAPI
import ReboundCore
import ReboundStore

/// `rebound demo`: a demo shop with real products and simulated shoppers on an accelerated clock.
public enum DemoRunner {
    public struct Options: Sendable {
        public var database: String
        public var port: Int
        public var speed: Double
        /// Real seconds to run; `nil` runs until Ctrl-C.
        public var duration: Double?
        public var sharedData: URL
        public var shoppersPerSecond: Double

        public init(database: String, port: Int, speed: Double, duration: Double?, sharedData: URL, shoppersPerSecond: Double = 4) {
            self.database = database
            self.port = port
            self.speed = speed
            self.duration = duration
            self.sharedData = sharedData
            self.shoppersPerSecond = shoppersPerSecond
        }
    }

    public static func run(_ options: Options, logger: Logger, say: @escaping @Sendable (String) -> Void) async throws {
        let realStart = Date()
        let speed = options.speed
        // The demo's own time: `speed` simulated seconds per real second.
        let clock = WallClock(now: { realStart.addingTimeInterval(Date().timeIntervalSince(realStart) * speed) })
        let data = try DemoData.load(sharedData: options.sharedData)
        let engine = try await Database.engine(for: options.database, logger: logger)
        let store = Store(engine: engine, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            try await store.migrate(now: clock.now())
            let created = try await ShopAdmin.createShop(
                name: "Rebound Demo Gifts", currency: .gbp, timeZone: "Europe/London",
                settings: ShopSettings(cartAbandonAfterSeconds: 3600, checkoutAbandonAfterSeconds: 3600, browseAbandonAfterSeconds: 1800, freeShippingThreshold: 5000),
                store: store, now: clock.now())
            let shop = created.shop
            let simulator = DemoSimulator(data: data, store: store, shop: shop)
            try await simulator.seed(now: clock.now(), progress: say)
            let base = "http://127.0.0.1:\(options.port)"
            say("""

                Rebound demo: shop "\(shop.name)" (\(shop.id)), clock running \(Int(speed))× (1 simulated hour = \(Int(3600 / speed)) s).
                Carts are abandoned after 1 simulated hour without activity. Try, while it runs:
                  curl -s -H 'Authorization: Bearer \(created.apiKey)' '\(base)/v1/carts?state=abandoned' | head -c 600
                  curl -s \(base)/metrics | grep rebound_
                API key: \(created.apiKey)
                Stop with Ctrl-C.

                """)
            var configuration = ReboundConfiguration(database: options.database, port: options.port, workerInterval: .milliseconds(250))
            configuration.host = "127.0.0.1"
            let app = ReboundApplication.make(configuration: configuration, store: store, wallClock: clock, logger: logger)
            group.addTask { try await app.runService() }
            group.addTask {
                var random = SystemRandomNumberGenerator()
                var number = 0
                var tally = DemoSimulator.Tally()
                var lastReport = Date()
                while !Task.isCancelled {
                    let now = clock.now()
                    let arrivals = Int(options.shoppersPerSecond / 4) + (Double.random(in: 0..<1, using: &random) < (options.shoppersPerSecond / 4).truncatingRemainder(dividingBy: 1) ? 1 : 0)
                    for _ in 0..<arrivals {
                        number += 1
                        let visit = try await simulator.visit(number: number, now: now, random: &random)
                        tally.shoppers += visit.shoppers
                        tally.carts += visit.carts
                        tally.orders += visit.orders
                    }
                    if Date().timeIntervalSince(lastReport) >= 5 {
                        lastReport = Date()
                        let counts = try await store.cartCounts(shopID: shop.id)
                        let formatter = DateFormatter()
                        formatter.dateFormat = "HH:mm"
                        formatter.timeZone = TimeZone(identifier: shop.timeZone)
                        say(
                            "[sim \(formatter.string(from: now))] shoppers \(tally.shoppers), orders \(tally.orders) | carts: active \(counts[.active] ?? 0), abandoned \(counts[.abandoned] ?? 0), converted \(counts[.converted] ?? 0), expired \(counts[.expired] ?? 0)"
                        )
                    }
                    try await Task.sleep(for: .milliseconds(250))
                }
            }
            if let duration = options.duration {
                group.addTask {
                    try await Task.sleep(for: .seconds(duration))
                    throw CancellationError()
                }
            }
            do {
                // The first task to finish (Ctrl-C ends the app; --duration ends the timer) stops the demo.
                _ = try await group.next()
            } catch is CancellationError {
            }
            group.cancelAll()
            let counts = try await store.cartCounts(shopID: shop.id)
            say("demo stopped: carts abandoned \(counts[.abandoned] ?? 0), converted \(counts[.converted] ?? 0), active \(counts[.active] ?? 0)")
        }
    }
}
