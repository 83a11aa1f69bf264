import Foundation
import Hummingbird
import ReboundAdmin
import ReboundAnalytics
import ReboundCore
import ReboundStore

extension AdminRoutes {
    static let customersPerPage = 50

    static func churnLevel(_ level: ChurnRisk.Level?) -> ChurnLevel? { level.flatMap { ChurnLevel(rawValue: $0.rawValue) } }

    static func displayName(_ customer: Customer) -> String {
        let name = [customer.firstName, customer.lastName].compactMap { $0 }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? (customer.email ?? customer.phone ?? customer.id.rawValue) : name
    }

    /// The customer list: search by email, name or tag, 50 a page, with value, RFM and churn beside each.
    func customers(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let now = environment.clock.now()
        let query = Query(request)
        let search = query.string("q") ?? ""
        let csv = query.string("format") == "csv"
        let pageNumber = max(1, Int(query.string("page") ?? "1") ?? 1)
        let limit = csv ? 10_000 : Self.customersPerPage
        let offset = csv ? 0 : (pageNumber - 1) * Self.customersPerPage
        let snapshot = try await CustomerValues.snapshot(store: store, shop: shop, cache: environment.customerValues, now: now)
        let list = try await store.customerList(shopID: shop.id, search: search, offset: offset, limit: limit)
        let page = try AdminHTML.context(context, section: .customers, now: now)
        let currency = shop.currency.rawValue
        let tiers = VIPTiers.standard
        let rows = list.customers.map { customer in
            let value = snapshot.value(customer.id)
            return CustomerRow(
                id: customer.id.rawValue,
                name: Self.displayName(customer),
                email: customer.email,
                url: "/admin/customers/" + (customer.id.rawValue.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""),
                isVIP: tiers.tier(forSpendMinor: value.historicMinor) != nil,
                orders: value.orders,
                spend: AdminMoney(minorUnits: value.historicMinor, currency: currency),
                predictedCLV: value.prediction.map { AdminMoney(minorUnits: Int64(($0.expectedValue * 100).rounded()), currency: currency) },
                rfmCell: value.rfm?.cell,
                churn: Self.churnLevel(value.churn?.level),
                lastOrderAt: value.lastOrderAt,
                tags: customer.tags
            )
        }
        func link(_ number: Int) -> String {
            "/admin/customers?page=\(number)"
                + (search.isEmpty ? "" : "&q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        let searchQuery = search.isEmpty ? "" : "?q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let model = CustomersViewModel(
            context: page,
            query: search,
            rows: rows,
            total: list.total,
            nextPageURL: offset + rows.count < list.total ? link(pageNumber + 1) : nil,
            previousPageURL: pageNumber > 1 ? link(pageNumber - 1) : nil,
            source: DataSource(apiPath: "/v1/customers", csvURL: "/admin/customers" + searchQuery)
        )
        if csv { return AdminHTML.csv(AdminPages.customersTable(model)) }
        return AdminHTML.response(AdminPages.customers(model), nonce: page.cspNonce ?? "")
    }

    /// One customer of the agent's shop: profile, value (historic and predicted), RFM, churn, and all Rebound did.
    func customer(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        let now = environment.clock.now()
        guard let customer = try await store.customer(shopID: shop.id, id: Customer.ID(id)) else {
            throw ProblemDetails(.notFound, type: "not-found", title: "Customer not found", detail: "This shop has no customer \(id).")
        }
        let snapshot = try await CustomerValues.snapshot(store: store, shop: shop, cache: environment.customerValues, now: now)
        let value = snapshot.value(customer.id)
        let currency = shop.currency.rawValue
        func money(_ minor: Int64) -> AdminMoney { AdminMoney(minorUnits: minor, currency: currency) }
        let tier = VIPTiers.standard.tier(forSpendMinor: value.historicMinor)
        let flows = Dictionary(try await store.flows(shopID: shop.id).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let orders = try await store.orders(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 50).items
        let carts = try await store.carts(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 50).items
        let messages = try await store.messages(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 50).items
        let runs = try await store.flowRuns(shopID: shop.id, customerID: customer.id, limit: 50)
        let events = try await store.timeline(shopID: shop.id, customerID: customer.id, limit: 50)
        let page = try AdminHTML.context(context, section: .customers, now: now)
        let basis: [ChurnRisk.Basis: String] = [.ownRhythm: "own rhythm", .shopMedian: "shop median", .defaultGap: "default 90 days"]
        let model = CustomerDetailViewModel(
            context: page,
            profile: CustomerProfile(
                id: customer.id.rawValue,
                name: Self.displayName(customer),
                email: customer.email,
                phone: customer.phone,
                country: customer.country,
                locale: customer.locale,
                tags: customer.tags,
                isVIP: tier != nil,
                tier: tier?.name,
                emailConsent: customer.emailConsent?.granted,
                smsConsent: customer.smsConsent?.granted,
                createdAt: customer.createdAt
            ),
            value: CustomerValueFigures(
                historicCLV: money(value.historicMinor),
                predictedCLV: value.prediction.map { money(Int64(($0.expectedValue * 100).rounded())) },
                predictionHorizon: "12 months (" + snapshot.modelNote + ")",
                expectedOrders: value.prediction?.expectedPurchases,
                probabilityAlive: value.prediction?.probabilityAlive,
                rfm: value.rfm.map { RFMCell(recency: $0.recency, frequency: $0.frequency, monetary: $0.monetary) },
                churn: value.churn.map {
                    ChurnFigures(
                        score: $0.score,
                        level: Self.churnLevel($0.level) ?? .low,
                        daysSinceLastOrder: $0.daysSinceLastOrder,
                        expectedGapDays: $0.expectedGapDays,
                        basis: basis[$0.basis] ?? $0.basis.rawValue
                    )
                }
            ),
            orders: orders.map { order in
                OrderRow(
                    number: order.number ?? order.externalID,
                    placedAt: order.placedAt,
                    total: money(order.total.minorUnits),
                    items: order.lines.reduce(0) { $0 + $1.quantity },
                    status: order.cancelledAt != nil
                        ? "cancelled" : order.refundedTotal > 0 ? "refunded" : order.fulfillmentStatus ?? order.financialStatus ?? "placed"
                )
            },
            carts: carts.map {
                CartRow(id: $0.token, state: $0.state.rawValue, value: money($0.value), items: $0.itemCount, updatedAt: $0.updatedAt)
            },
            messages: messages.map { message in
                let status =
                    message.clickedAt != nil ? "clicked" : message.openedAt != nil ? "opened" : message.bouncedAt != nil ? "bounced" : message.status
                return MessageRow(
                    channel: message.channel,
                    subject: message.subject ?? message.template ?? message.step ?? message.channel,
                    sentAt: message.sentAt ?? message.scheduledAt,
                    status: status,
                    flowName: message.flowID.map { flows[$0] ?? $0 }
                )
            },
            flows: runs.map {
                FlowEnrollmentRow(
                    flowName: flows[$0.flowID] ?? $0.flowID,
                    step: $0.variant.map { "variant " + $0 } ?? "–",
                    status: $0.status,
                    nextStepAt: $0.wakeAt
                )
            },
            timeline: events.map {
                TimelineEntry(at: $0.event.occurredAt, kind: $0.event.type.replacingOccurrences(of: "_", with: " "), text: Self.describe($0.event))
            },
            source: DataSource(apiPath: "/v1/customers/" + customer.id.rawValue, csvURL: "/admin/customers/" + customer.id.rawValue)
        )
        if Query(request).string("format") == "csv" {
            return try ReportRoutes.csv(AdminPages.customerDetailTables(model), table: Query(request).string("table"))
        }
        return AdminHTML.response(AdminPages.customerDetail(model), nonce: page.cspNonce ?? "")
    }

    /// One line about an event for the timeline.
    static func describe(_ event: Event) -> String {
        let p = event.properties
        switch event.type {
        case "viewed_product": return "Viewed " + (p["product_id"]?.stringValue ?? "a product")
        case "added_to_cart": return "Added " + (p["product_id"]?.stringValue ?? "a product") + " to the cart"
        case "order_placed": return "Placed order " + (p["order_id"]?.stringValue ?? "")
        case "cart_abandoned", "checkout_abandoned": return "Left the cart"
        case "csat_submitted", "nps_submitted": return "Rated " + (p["score"].map { $0.jsonText } ?? "")
        default: return event.type.replacingOccurrences(of: "_", with: " ")
        }
    }
}
