public import Foundation

/// One storefront event as the session builder needs it.
public struct SessionEvent: Sendable, Hashable {
    public var visitor: String
    public var customer: String?
    public var type: String
    public var at: Date
    /// The value of the line added or removed, in major units (a cart's value is the running sum).
    public var lineValue: Double?
    public var device: String?

    public init(visitor: String, customer: String? = nil, type: String, at: Date, lineValue: Double? = nil, device: String? = nil) {
        self.visitor = visitor
        self.customer = customer
        self.type = type
        self.at = at
        self.lineValue = lineValue
        self.device = device
    }
}

/// A visit: a visitor's browsing events with no gap longer than 30 minutes, what it looked like while it ran, and
/// whether it ended in an order (during the visit or within the conversion window after it).
///
/// The features are the ones the storefront script can count live on the page, so the model trained on past visits
/// scores the visit in progress: page, product and cart views, cart adds and removes, minutes on the site, the cart's
/// value, whether the checkout was started, a returning visitor, weekend, month and device — the Rebound-side analogues
/// of the UCI Online Shoppers features (page counts and durations, visitor type, weekend, month).
public struct StorefrontSession: Sendable, Hashable {
    public var visitor: String
    public var start: Date
    public var end: Date
    public var pageViews = 0
    public var productViews = 0
    public var cartViews = 0
    public var cartAdds = 0
    public var cartRemoves = 0
    public var checkout = false
    public var cartValue = 0.0
    public var returning = false
    public var device: String?
    public var converted = false

    public init(visitor: String, start: Date) {
        self.visitor = visitor
        self.start = start
        self.end = start
    }

    /// Events that describe browsing; orders only label a visit.
    public static let browsingTypes: Set<String> = [
        "page_viewed", "viewed_product", "viewed_cart", "added_to_cart", "removed_from_cart", "started_checkout",
    ]
    public static let orderTypes: Set<String> = ["order_placed", "cart_converted"]
    /// A pause longer than this starts a new visit.
    public static let gap: TimeInterval = 30 * 60
    /// An order this long after the visit's last event still counts for it.
    public static let conversionWindow: TimeInterval = 24 * 3600

    /// The model's inputs.
    public static let schema = FeatureSchema(
        numeric: [
            .init("page_views", .log1p), .init("product_views", .log1p), .init("cart_views", .log1p), .init("cart_adds", .log1p),
            .init("cart_removes", .log1p), .init("minutes", .log1p), .init("cart_value", .log1p), .init("checkout"), .init("returning"),
        ],
        categorical: ["weekend", "month", "device"]
    )

    /// The visit as a model input; `calendar` decides weekend and month (the shop's time zone).
    public func row(calendar: Calendar) -> FeatureRow {
        FeatureRow(
            numeric: [
                "page_views": Double(pageViews), "product_views": Double(productViews), "cart_views": Double(cartViews),
                "cart_adds": Double(cartAdds), "cart_removes": Double(cartRemoves), "minutes": end.timeIntervalSince(start) / 60,
                "cart_value": cartValue, "checkout": checkout ? 1 : 0, "returning": returning ? 1 : 0,
            ],
            categorical: Self.calendarLevels(start, calendar: calendar).merging(["device": device ?? "unknown"]) { $1 }
        )
    }

    /// `weekend` ("true"/"false") and `month` ("1"…"12") of a time.
    public static func calendarLevels(_ date: Date, calendar: Calendar) -> [String: String] {
        let parts = calendar.dateComponents([.weekday, .month], from: date)
        return ["weekend": String(parts.weekday == 1 || parts.weekday == 7), "month": String(parts.month ?? 1)]
    }

    /// Cuts events (any order) into visits per visitor and labels each with the orders that followed it. A visitor's
    /// orders are found by the visitor id or by the customer the visitor was known as.
    public static func sessions(from events: [SessionEvent]) -> [StorefrontSession] {
        var byVisitor: [String: [SessionEvent]] = [:]
        var customerOf: [String: String] = [:]
        var ordersByCustomer: [String: [Date]] = [:]
        for event in events {
            byVisitor[event.visitor, default: []].append(event)
            if let customer = event.customer {
                customerOf[event.visitor] = customer
                if orderTypes.contains(event.type) { ordersByCustomer[customer, default: []].append(event.at) }
            }
        }
        var sessions: [StorefrontSession] = []
        for visitor in byVisitor.keys.sorted() {
            let own = byVisitor[visitor, default: []].sorted { $0.at < $1.at }
            let orders = (own.filter { orderTypes.contains($0.type) }.map(\.at) + (customerOf[visitor].flatMap { ordersByCustomer[$0] } ?? []))
                .sorted()
            var visits: [StorefrontSession] = []
            for event in own where browsingTypes.contains(event.type) {
                if var current = visits.last, event.at.timeIntervalSince(current.end) <= gap {
                    current.add(event)
                    visits[visits.count - 1] = current
                } else {
                    var next = StorefrontSession(visitor: visitor, start: event.at)
                    next.returning = !visits.isEmpty
                    next.add(event)
                    visits.append(next)
                }
            }
            for index in visits.indices {
                let until = min(
                    visits[index].end.addingTimeInterval(conversionWindow),
                    index + 1 < visits.count ? visits[index + 1].start : .distantFuture
                )
                visits[index].converted = orders.contains { $0 >= visits[index].start && $0 <= until }
            }
            sessions += visits
        }
        return sessions
    }

    mutating func add(_ event: SessionEvent) {
        end = max(end, event.at)
        if let device = event.device { self.device = device }
        switch event.type {
        case "page_viewed": pageViews += 1
        case "viewed_product":
            pageViews += 1
            productViews += 1
        case "viewed_cart":
            pageViews += 1
            cartViews += 1
        case "added_to_cart":
            cartAdds += 1
            cartValue += event.lineValue ?? 0
        case "removed_from_cart":
            cartRemoves += 1
            cartValue = max(0, cartValue - (event.lineValue ?? 0))
        case "started_checkout": checkout = true
        default: break
        }
    }
}

/// A trained per-shop model with how well it did on visits it did not see.
public struct SessionRiskModel: Sendable, Hashable, Codable {
    public var model: PurchasePropensityModel
    public var sessions: Int
    public var conversions: Int
    /// AUC on the held-out fifth of the visits (stratified, seeded), nil when it had only one class.
    public var heldOutAUC: Double?
    public var trainedAt: Date

    /// Trains on 80 % of the visits and reports AUC on the other 20 %; then the stored model is retrained on all of them.
    /// - Throws: `AnalyticsError` with fewer than 50 visits or without both bought and not-bought visits.
    public static func train(_ sessions: [StorefrontSession], calendar: Calendar, now: Date) throws -> SessionRiskModel {
        guard sessions.count >= 50 else {
            throw AnalyticsError(.emptyInput, "\(sessions.count) visits; at least 50 are needed to learn from")
        }
        let rows = sessions.map { $0.row(calendar: calendar) }, labels = sessions.map(\.converted)
        guard labels.contains(true), labels.contains(false) else {
            throw AnalyticsError(.invalidParameter, "the visits need some that ended in an order and some that did not")
        }
        let split = ModelEvaluation.stratifiedSplit(labels: labels, testFraction: 0.2, seed: 42)
        var auc: Double?
        let trainLabels = split.train.map { labels[$0] }
        if trainLabels.contains(true), trainLabels.contains(false) {
            let heldOut = try PurchasePropensityModel.train(rows: split.train.map { rows[$0] }, labels: trainLabels, schema: StorefrontSession.schema)
            auc = ModelEvaluation.auc(scores: split.test.map { heldOut.probability(rows[$0]) }, labels: split.test.map { labels[$0] })
        }
        let model = try PurchasePropensityModel.train(rows: rows, labels: labels, schema: StorefrontSession.schema)
        return SessionRiskModel(model: model, sessions: sessions.count, conversions: labels.filter { $0 }.count, heldOutAUC: auc, trainedAt: now)
    }
}
