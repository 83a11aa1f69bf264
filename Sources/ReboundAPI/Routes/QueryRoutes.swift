import Foundation
import Hummingbird
import ReboundCore
import ReboundStore

/// Read routes: carts, customers (with timelines), orders and products, cursor-paged.
struct QueryRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("carts") { request, context in try await self.carts(request, context: context, kind: nil) }
        group.get("checkouts") { request, context in try await self.carts(request, context: context, kind: .checkout) }
        group.get("carts/:id") { request, context in try await self.cart(request, context: context) }
        group.get("customers") { request, context in try await self.customers(request, context: context) }
        group.get("customers/:id") { request, context in try await self.customer(request, context: context) }
        group.get("orders") { request, context in try await self.orders(request, context: context) }
        group.get("orders/:id") { request, context in try await self.order(request, context: context) }
        group.get("products") { request, context in try await self.products(request, context: context) }
    }

    func cursor(_ query: Query) throws -> Cursor? {
        guard let text = query.string("cursor") else { return nil }
        guard let cursor = Cursor(encoded: text) else { throw ProblemDetails.badQuery("cursor", "is not a cursor this API returned") }
        return cursor
    }

    /// Customers of a page of carts, fetched once each.
    func customers(for carts: [Cart], shopID: Shop.ID) async throws -> [Customer.ID: Customer] {
        var result: [Customer.ID: Customer] = [:]
        for id in Set(carts.compactMap(\.customerID)) {
            if let customer = try await store.customer(shopID: shopID, id: id) { result[id] = customer }
        }
        return result
    }

    func carts(_ request: Request, context: ReboundRequestContext, kind: Cart.Kind?) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        let filter = Store.CartFilter(
            state: try query.oneOf("state", Cart.State.self),
            kind: try kind ?? query.oneOf("kind", Cart.Kind.self),
            customerID: query.string("customer_id").map { Customer.ID($0) },
            minValue: try query.int("min_value"),
            updatedSince: try query.date("updated_since")
        )
        let page = try await store.carts(shopID: shop.id, filter: filter, cursor: try cursor(query), limit: try query.limit())
        let customers = try await customers(for: page.items, shopID: shop.id)
        return JSONResponse(DTO.list(page.items.map { DTO.cart($0, customer: $0.customerID.flatMap { customers[$0] }) }, nextCursor: page.nextCursor))
    }

    func cart(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        guard let cart = try await store.cart(shopID: shop.id, id: Cart.ID(id)) else { throw ProblemDetails.notFound("cart \(id)") }
        let customer = try await cart.customerID.asyncMap { try await store.customer(shopID: shop.id, id: $0) } ?? nil
        return JSONResponse(DTO.cart(cart, customer: customer))
    }

    func customers(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        let filter = Store.CustomerFilter(email: query.string("email"), phone: query.string("phone"), tag: query.string("tag"))
        let page = try await store.customers(shopID: shop.id, filter: filter, cursor: try cursor(query), limit: try query.limit())
        return JSONResponse(DTO.list(page.items.map(DTO.customer), nextCursor: page.nextCursor))
    }

    func customer(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        guard let customer = try await store.customer(shopID: shop.id, id: Customer.ID(id)) else { throw ProblemDetails.notFound("customer \(id)") }
        let limit = try Query(request).limit(default: 100, max: 1000)
        let timeline = try await store.timeline(shopID: shop.id, customerID: customer.id, limit: limit)
        let carts = try await store.carts(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 20)
        let orders = try await store.orders(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 20)
        guard case .object(var body) = DTO.customer(customer) else { throw ProblemDetails.internalError }
        body["timeline"] = .array(timeline.map(DTO.event))
        body["carts"] = .array(carts.items.map { DTO.cart($0, customer: customer) })
        body["orders"] = .array(orders.items.map(DTO.order))
        // Every message the customer was sent (or was to be sent), with its delivery state.
        let messages = try await store.messages(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 50)
        body["messages"] = .array(messages.items.map(FlowRoutes.message))
        return JSONResponse(.object(body))
    }

    func orders(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        let filter = Store.OrderFilter(
            customerID: query.string("customer_id").map { Customer.ID($0) },
            email: query.string("email"),
            placedSince: try query.date("placed_since")
        )
        let page = try await store.orders(shopID: shop.id, filter: filter, cursor: try cursor(query), limit: try query.limit())
        return JSONResponse(DTO.list(page.items.map(DTO.order), nextCursor: page.nextCursor))
    }

    func order(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        guard let order = try await store.order(shopID: shop.id, id: Order.ID(id)) else { throw ProblemDetails.notFound("order \(id)") }
        return JSONResponse(DTO.order(order))
    }

    func products(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        let page = try await store.products(
            shopID: shop.id,
            filter: .init(category: query.string("category"), query: query.string("q")),
            after: query.string("cursor"),
            limit: try query.limit()
        )
        return JSONResponse(DTO.list(page.items.map(DTO.product), nextCursor: page.nextCursor))
    }
}
