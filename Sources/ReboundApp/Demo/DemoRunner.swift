public import Foundation
import Hummingbird
public import Logging
import ReboundAPI
import ReboundCore
import ReboundFlows
import ReboundStore
import ServiceLifecycle
import UnixSignals

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
        do {
            try await run(options, engine: engine, store: store, clock: clock, data: data, logger: logger, say: say)
        } catch {
            try? await engine.shutdown()
            throw error
        }
        try await engine.shutdown()
    }

    static func run(
        _ options: Options,
        engine: any DatabaseEngine,
        store: Store,
        clock: WallClock,
        data: DemoData,
        logger: Logger,
        say: @escaping @Sendable (String) -> Void
    ) async throws {
        let speed = options.speed
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await engine.run() }
            try await store.migrate(now: clock.now())
            let created = try await ShopAdmin.createShop(
                name: "Rebound Demo Gifts",
                currency: .gbp,
                timeZone: "Europe/London",
                settings: ShopSettings(
                    cartAbandonAfterSeconds: 3600,
                    checkoutAbandonAfterSeconds: 3600,
                    browseAbandonAfterSeconds: 1800,
                    freeShippingThreshold: 5000
                ),
                store: store,
                now: clock.now()
            )
            let shop = created.shop
            let simulator = DemoSimulator(data: data, store: store, shop: shop)
            try await simulator.seed(now: clock.now(), progress: say)
            // The ready-made recovery flows, as a shop owner would turn them on.
            for template in ["cart_recovery", "checkout_abandoned", "browse_abandoned", "vip_cart"] {
                try await FlowLibrary.save(try FlowTemplates.apply(template), shopID: shop.id, store: store, now: clock.now())
            }
            say("flows on: cart_recovery, checkout_abandoned, browse_abandoned, vip_cart")
            let base = "http://127.0.0.1:\(options.port)"
            say(
                """

                Rebound demo: shop "\(shop.name)" (\(shop.id)), clock running \(Int(speed))× (1 simulated hour = \(Int(3600 / speed)) s).
                Carts are abandoned after 1 simulated hour without activity. Try, while it runs:
                  curl -s -H 'Authorization: Bearer \(created.apiKey)' '\(base)/v1/carts?state=abandoned' | head -c 600
                  curl -s -H 'Authorization: Bearer \(created.apiKey)' '\(base)/v1/messages?status=intended' | head -c 600
                  curl -s \(base)/metrics | grep rebound_
                API key: \(created.apiKey)
                Stop with Ctrl-C.

                """
            )
            var configuration = ReboundConfiguration(database: options.database, port: options.port, workerInterval: .milliseconds(250))
            configuration.host = "127.0.0.1"
            let app = ReboundApplication.make(
                configuration: configuration,
                store: store,
                wallClock: clock,
                logger: logger,
                metricsText: ReboundMetricsSystem.bootstrap()
            )
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(service: app),
                .init(
                    service: ShopperSimulation(
                        simulator: simulator,
                        store: store,
                        shop: shop,
                        clock: clock,
                        shoppersPerSecond: options.shoppersPerSecond,
                        say: say
                    )
                ),
            ]
            if let duration = options.duration {
                // When the timer ends, the whole demo shuts down gracefully, as on Ctrl-C.
                services.append(.init(service: DemoTimer(duration: duration), successTerminationBehavior: .gracefullyShutdownGroup))
            }
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            )
            try await group.run()
            tasks.cancelAll()
            let counts = try await store.cartCounts(shopID: shop.id)
            say("demo stopped: carts abandoned \(counts[.abandoned] ?? 0), converted \(counts[.converted] ?? 0), active \(counts[.active] ?? 0)")
        }
    }
}

/// The demo's shoppers: a few arrive every quarter second of real time.
struct ShopperSimulation: Service {
    let simulator: DemoSimulator
    let store: Store
    let shop: Shop
    let clock: WallClock
    let shoppersPerSecond: Double
    let say: @Sendable (String) -> Void

    func run() async throws {
        var random = SystemRandomNumberGenerator()
        var number = 0
        var tally = DemoSimulator.Tally()
        var lastReport = Date()
        var seen = Set<String>()
        let start = clock.now()
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm"
        formatter.timeZone = TimeZone(identifier: shop.timeZone)
        let perTick = shoppersPerSecond / 4
        while !Task.isShuttingDownGracefully {
            let now = clock.now()
            let arrivals = Int(perTick) + (Double.random(in: 0..<1, using: &random) < perTick.truncatingRemainder(dividingBy: 1) ? 1 : 0)
            for _ in 0..<arrivals {
                number += 1
                let visit = try await simulator.visit(number: number, now: now, random: &random)
                tally.shoppers += visit.shoppers
                tally.carts += visit.carts
                tally.orders += visit.orders
            }
            tally.orders += try await simulator.answerMessages(seen: &seen, now: now, random: &random)
            if Date().timeIntervalSince(lastReport) >= 5 {
                lastReport = Date()
                let counts = try await store.cartCounts(shopID: shop.id)
                let messages = try await store.messages(shopID: shop.id, filter: .init(status: "intended"), cursor: nil, limit: 500).items.count
                let report = try await store.recoveryReport(shop: shop, from: start, to: now.addingTimeInterval(1))
                let revenue = Money(minorUnits: report.recoveredRevenue, currency: shop.currency).decimalString
                say(
                    "[sim \(formatter.string(from: now))] shoppers \(tally.shoppers), orders \(tally.orders) | carts: active \(counts[.active] ?? 0), abandoned \(counts[.abandoned] ?? 0), converted \(counts[.converted] ?? 0), expired \(counts[.expired] ?? 0) | messages \(messages == 500 ? "500+" : String(messages)) | recovered \(report.recoveredCarts) carts, \(revenue) \(shop.currency)"
                )
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(250)) }
        }
    }
}

/// Ends the demo after `--duration` real seconds.
struct DemoTimer: Service {
    let duration: Double

    func run() async throws {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(duration)) }
    }
}
