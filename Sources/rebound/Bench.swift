import ArgumentParser
import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that need no HTTP (Benchmarks/ has the HTTP ones).",
        subcommands: [Insert.self, Scheduler.self, Dashboard.self]
    )

    /// `rebound bench insert`: the storage layer's event-ingest ceiling, without HTTP.
    struct Insert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure events/s into the store: the raw log insert and the full ingest (identity, carts), no HTTP."
        )

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Events in all.") var events = 200_000
        @Option(help: "Events per transaction.") var batch = 1000
        @Option(help: "raw (log insert only) or ingest (everything the API does after parsing).") var mode = "raw"

        func validate() throws {
            guard ["raw", "ingest"].contains(mode) else { throw ValidationError("--mode must be raw or ingest") }
            guard events > 0, batch > 0, batch <= 5000 else { throw ValidationError("--events must be positive and --batch from 1 to 5000") }
        }

        func run() async throws {
            let total = events
            let size = batch
            let ingest = mode == "ingest"
            let report = try await Database.withStore(db.location, logger: db.logger()) { store in
                let shop = try await ShopAdmin.createShop(name: "bench", currency: .eur, timeZone: "UTC", store: store, now: Date()).shop
                let tag = RandomToken.make(byteCount: 4)
                var latencies: [Double] = []
                let start = ContinuousClock.now
                var done = 0
                while done < total {
                    let count = min(size, total - done)
                    // The same shape as the HTTP benchmark: 10 events per visitor and cart, 50 products.
                    let chunk = (done..<(done + count)).map { i in
                        Event(
                            id: Event.ID("\(tag)-\(i)"),
                            type: EventType.addedToCart,
                            anonymousID: "\(tag)-a\(i / 10)",
                            occurredAt: Date(),
                            properties: [
                                "cart_token": .string("\(tag)-c\(i / 10)"), "product_id": .string("p\(i % 50)"), "variant_id": .string("v\(i % 50)"),
                                "quantity": 1, "price": 1999, "currency": "EUR",
                            ]
                        )
                    }
                    let began = ContinuousClock.now
                    if ingest {
                        _ = try await store.ingest(chunk, shop: shop, source: "bench", now: Date())
                    } else {
                        try await store.appendEventsOnly(chunk, shopID: shop.id, source: "bench", now: Date())
                    }
                    latencies.append((ContinuousClock.now - began) / .milliseconds(1))
                    done += count
                }
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                latencies.sort()
                func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
                return (seconds, percentile(0.5), percentile(0.99))
            }
            let rate = Double(total) / report.0
            print(
                String(
                    format: "%@ %@: %d events in %.2f s = %.0f events/s; per transaction of %d: p50 %.2f ms, p99 %.2f ms",
                    mode,
                    db.location.hasPrefix("postgres") ? "postgres" : "sqlite",
                    total,
                    report.0,
                    rate,
                    size,
                    report.1,
                    report.2
                )
            )
        }
    }
}
