public import Foundation
import Logging
public import ReboundAnalytics
public import ReboundCore
public import ReboundStore
import Synchronization

/// Value, RFM and churn risk of every customer of a shop, computed from its orders in one pass.
///
/// Predicted CLV uses BG/NBD (how many more orders) and Gamma-Gamma (how much per order) from ReboundAnalytics, fitted
/// on this shop's own orders; with too few repeat buyers to fit, no prediction is shown rather than a guess.
public struct CustomerValueSnapshot: Sendable {
    public struct Value: Sendable {
        public var historicMinor: Int64
        public var orders: Int
        public var firstOrderAt: Date?
        public var lastOrderAt: Date?
        public var rfm: RFMScore?
        public var churn: ChurnRisk?
        public var prediction: CustomerValuePrediction?
    }

    public var computedAt: Date
    /// Orders and customers when computed, to notice new data.
    public var version: String
    public var values: [String: Value]
    /// The model in words, shown beside predictions.
    public var modelNote: String
    public var horizonDays: Double

    /// The figures of a customer (zeros for one without orders).
    public func value(_ id: Customer.ID) -> Value {
        values[id.rawValue] ?? Value(historicMinor: 0, orders: 0)
    }
}

/// Snapshots per shop, rebuilt when orders or customers changed (at most once per `minimumInterval`, so a shop
/// taking orders all the time does not refit its models on every page view) and in any case after `maximumAge`.
public final class CustomerValueCache: Sendable {
    private let snapshots = Mutex<[Shop.ID: CustomerValueSnapshot]>([:])
    /// How long a snapshot (and the `customer_facts` rows segments count) may lag behind email engagement.
    public let maximumAge: TimeInterval
    /// How long changed orders or customers may wait to be counted.
    public let minimumInterval: TimeInterval

    public init(maximumAge: TimeInterval = 300, minimumInterval: TimeInterval = 60) {
        self.maximumAge = maximumAge
        self.minimumInterval = minimumInterval
    }

    /// Whether `cached` can still be used at `now` for data at `version`.
    func isFresh(_ cached: CustomerValueSnapshot, version: String, now: Date) -> Bool {
        let age = now.timeIntervalSince(cached.computedAt)
        guard age >= 0, age < maximumAge else { return false }
        return cached.version == version || age < minimumInterval
    }

    func cached(_ shopID: Shop.ID) -> CustomerValueSnapshot? { snapshots.withLock { $0[shopID] } }
    func store(_ snapshot: CustomerValueSnapshot, for shopID: Shop.ID) { snapshots.withLock { $0[shopID] = snapshot } }
}

public enum CustomerValues {
    /// The predicted horizon: twelve months.
    public static let horizonDays: Double = 365

    /// The shop's snapshot, rebuilt (with its `customer_facts` rows) when the data changed or the cached one is too old.
    ///
    /// Recomputing reads every order of the shop and fits the models: seconds for a million orders, hence the cache.
    public static func snapshot(store: Store, shop: Shop, cache: CustomerValueCache, now: Date) async throws -> CustomerValueSnapshot {
        let version = try await store.customerDataVersion(shopID: shop.id)
        if let cached = cache.cached(shop.id), cache.isFresh(cached, version: version, now: now),
            try await store.customerFactsState(shopID: shop.id) != nil
        {
            return cached
        }
        let purchases = try await store.purchaseHistory(shopID: shop.id)
        let attributes = try await store.customerAttributes(shopID: shop.id)
        let snapshot = compute(purchases: purchases, now: now, version: version)
        try await store.replaceCustomerFacts(shopID: shop.id, rows: factRows(snapshot, purchases: purchases, attributes: attributes), now: now)
        cache.store(snapshot, for: shop.id)
        store.logger.debug(
            "customer values rebuilt",
            metadata: [
                "rebound.shop.id": "\(shop.id)", "rebound.customers": "\(snapshot.values.count)", "rebound.clv.model": "\(snapshot.modelNote)",
            ]
        )
        return snapshot
    }

    /// Historic value, RFM, churn risk and (when the models fit) predicted value of every customer with orders.
    public static func compute(purchases: [PurchaseRow], now: Date, version: String = "") -> CustomerValueSnapshot {
        let byCustomer = Dictionary(grouping: purchases, by: \.customerID)
        let rfm = RFMScoring.scores(
            byCustomer.map { id, orders in
                RFMInput(
                    customerID: id,
                    lastOrderAt: orders.map(\.placedAt).max() ?? now,
                    orderCount: orders.count,
                    monetaryMinor: orders.reduce(0) { $0 + $1.totalMinor - $1.refundedMinor }
                )
            },
            now: now
        )
        let medianGap = ChurnRisk.medianGapDays(orderDatesByCustomer: byCustomer.values.map { $0.map(\.placedAt) })
        // Values in major units for the models: they are fitted on magnitudes, not cents.
        let summaries = byCustomer.compactMapValues { orders in
            RepeatPurchaseSummary(
                purchases: orders.map { (at: $0.placedAt, value: Double($0.totalMinor - $0.refundedMinor) / 100) },
                observationEnd: now
            )
        }
        var purchasesModel: BGNBDModel?
        var valueModel: GammaGammaModel?
        var note: String
        let repeaters = summaries.values.filter { $0.frequency > 0 && $0.meanRepeatValue > 0 }.count
        if repeaters >= 20, let fit = try? BGNBDModel.fit(Array(summaries.values)), let gamma = try? GammaGammaModel.fit(Array(summaries.values)),
            gamma.model.q > 1
        {
            purchasesModel = fit.model
            valueModel = gamma.model
            note =
                "BG/NBD + Gamma-Gamma fitted on this shop's orders: \(summaries.count) customers, \(repeaters) repeat buyers"
        } else {
            note = "not enough repeat buyers to fit BG/NBD + Gamma-Gamma (\(repeaters) of at least 20)"
        }
        var values: [String: CustomerValueSnapshot.Value] = [:]
        for (id, orders) in byCustomer {
            let dates = orders.map(\.placedAt)
            var prediction: CustomerValuePrediction?
            if let purchasesModel, let valueModel, let summary = summaries[id] {
                let predicted = CustomerValuePrediction(summary: summary, days: horizonDays, purchases: purchasesModel, value: valueModel)
                if predicted.expectedValue.isFinite { prediction = predicted }
            }
            values[id] = CustomerValueSnapshot.Value(
                historicMinor: orders.reduce(0) { $0 + $1.totalMinor - $1.refundedMinor },
                orders: orders.count,
                firstOrderAt: dates.min(),
                lastOrderAt: dates.max(),
                rfm: rfm[id],
                churn: ChurnRisk(orderDates: dates, now: now, shopMedianGapDays: medianGap),
                prediction: prediction
            )
        }
        return CustomerValueSnapshot(computedAt: now, version: version, values: values, modelNote: note, horizonDays: horizonDays)
    }

    static func factRows(_ snapshot: CustomerValueSnapshot, purchases: [PurchaseRow], attributes: [CustomerAttributes]) -> [CustomerFactRow] {
        var products: [String: Set<String>] = [:]
        for purchase in purchases { products[purchase.customerID, default: []].formUnion(purchase.productIDs) }
        return attributes.map { customer in
            let value = snapshot.values[customer.customerID]
            return CustomerFactRow(
                customerID: customer.customerID,
                spendMinor: value?.historicMinor ?? 0,
                orderCount: value?.orders ?? 0,
                lastOrderAt: value?.lastOrderAt.map(CustomerFactsTable.epochSeconds),
                rfm: value?.rfm.map { ($0.recency, $0.frequency, $0.monetary) },
                emailConsent: customer.emailConsent,
                smsConsent: customer.smsConsent,
                country: customer.country?.uppercased(),
                lastOpenedAt: customer.lastOpenedAt.map(CustomerFactsTable.epochSeconds),
                lastClickedAt: customer.lastClickedAt.map(CustomerFactsTable.epochSeconds),
                tags: Set(customer.tags),
                products: products[customer.customerID] ?? []
            )
        }
    }
}
