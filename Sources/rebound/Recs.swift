import ArgumentParser
import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore

struct Recs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recommendations: mine the shops' orders into \"bought together\" rules.",
        subcommands: [Build.self]
    )

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recount every order of a shop (or of all shops) and derive the pair rules, with a progress bar on stderr.",
            discussion: """
                The server keeps the counts current by itself (new orders are folded in every minute); this is the full
                rebuild, e.g. after an import. --min-support and --min-confidence are saved as the shop's thresholds.
                  rebound recs build --shop shop_1 --min-support 0.001 --min-confidence 0.1
                """
        )
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The shop's id (all shops when left out).") var shop: String?
        @Option(help: "Minimum support of a rule, in (0, 1].") var minSupport: Double?
        @Option(help: "Minimum confidence of a rule, in [0, 1].") var minConfidence: Double?

        func validate() throws {
            if let minSupport, !(minSupport > 0 && minSupport <= 1) { throw ValidationError("--min-support must be greater than 0 and at most 1") }
            if let minConfidence, !(minConfidence >= 0 && minConfidence <= 1) { throw ValidationError("--min-confidence must be from 0 to 1") }
        }

        func run() async throws {
            do {
                try await Database.withStore(db.location, logger: db.logger()) { store in
                    let shops: [Shop]
                    if let shop {
                        guard let found = try await store.shop(id: Shop.ID(shop)) else { throw StoreError.notFound("shop \(shop)") }
                        shops = [found]
                    } else {
                        shops = try await store.shops()
                    }
                    for shop in shops {
                        let now = Date()
                        if minSupport != nil || minConfidence != nil {
                            var settings = try await store.recsSettings(shopID: shop.id)
                            settings.minSupport = minSupport ?? settings.minSupport
                            settings.minConfidence = minConfidence ?? settings.minConfidence
                            try await store.saveRecsSettings(settings, shopID: shop.id, now: now)
                        }
                        let settings = try await store.recsSettings(shopID: shop.id)
                        let bar = ProgressBar(label: "mining \(shop.id)")
                        let started = ContinuousClock.now
                        let summary = try await RecsModelBuilder.build(store: store, shopID: shop.id, now: now) { bar.update($0) }
                        bar.finish()
                        let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1000
                        print(
                            "\(shop.id): \(summary.orders) orders, \(summary.baskets) baskets, \(summary.products) products, "
                                + "\(summary.pairs) pairs, \(summary.rules) rules at support ≥ \(settings.minSupport), "
                                + "confidence ≥ \(settings.minConfidence) in \(String(format: "%.2f", seconds)) s"
                        )
                    }
                }
            } catch {
                throw fail("\(error)")
            }
        }
    }
}
