import Foundation
public import Hummingbird
import NIOCore
public import ReboundCore
public import ReboundStore

/// Wire representations. Built as `JSONValue` trees so that field names are spelled out exactly once, here.
public enum DTO {
    static func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0)) } ?? .null }
    static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    public static func shop(_ shop: Shop) -> JSONValue {
        .object([
            "id": .string(shop.id.rawValue), "name": .string(shop.name), "currency": .string(shop.currency.rawValue),
            "timezone": .string(shop.timeZone), "public_key": .string(shop.publicKey), "created_at": time(shop.createdAt),
        ])
    }

    public static func settings(_ settings: ShopSettings) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(settings))) ?? .object([:])
    }

    static func cartLine(_ line: CartLine) -> JSONValue {
        .object([
            "product_id": .string(line.productID), "variant_id": string(line.variantID), "title": string(line.title),
            "quantity": .int(Int64(line.quantity)), "price": .int(line.price), "total": .int(line.price * Int64(line.quantity)),
        ])
    }

    public static func cart(_ cart: Cart, customer: Customer?) -> JSONValue {
        .object([
            "id": .string(cart.id.rawValue), "token": .string(cart.token), "checkout_token": string(cart.checkoutToken),
            "kind": .string(cart.kind.rawValue), "state": .string(cart.state.rawValue), "value": .int(cart.value),
            "currency": .string(cart.currency.rawValue), "item_count": .int(Int64(cart.itemCount)),
            "customer": customer.map(customerSummary) ?? (cart.customerID.map { .object(["id": .string($0.rawValue), "email": .null]) } ?? .null),
            "anonymous_id": string(cart.anonymousID), "lines": .array(cart.lines.map(cartLine)), "restore_url": string(cart.restoreURL),
            "device": string(cart.device), "episode": .int(Int64(cart.episode)), "created_at": time(cart.createdAt),
            "updated_at": time(cart.updatedAt), "last_activity_at": time(cart.lastActivityAt), "abandoned_at": time(cart.abandonedAt),
            "converted_at": time(cart.convertedAt), "recovered_at": time(cart.recoveredAt), "expired_at": time(cart.expiredAt),
            "order_id": string(cart.orderID?.rawValue),
        ])
    }

    static func customerSummary(_ customer: Customer) -> JSONValue {
        .object([
            "id": .string(customer.id.rawValue), "email": string(customer.email), "phone": string(customer.phone),
            "first_name": string(customer.firstName), "last_name": string(customer.lastName),
        ])
    }

    static func consent(_ consent: Consent?) -> JSONValue {
        guard let consent else { return .null }
        return .object(["granted": .bool(consent.granted), "source": .string(consent.source), "at": time(consent.at)])
    }

    public static func customer(_ customer: Customer) -> JSONValue {
        .object([
            "id": .string(customer.id.rawValue), "external_id": string(customer.externalID), "email": string(customer.email),
            "phone": string(customer.phone), "first_name": string(customer.firstName), "last_name": string(customer.lastName),
            "locale": string(customer.locale), "timezone": string(customer.timeZone), "country": string(customer.country),
            "tags": .array(customer.tags.map(JSONValue.string)),
            "consents": .object(["email": consent(customer.emailConsent), "sms": consent(customer.smsConsent)]),
            "created_at": time(customer.createdAt), "updated_at": time(customer.updatedAt),
        ])
    }

    public static func order(_ order: Order) -> JSONValue {
        .object([
            "id": .string(order.id.rawValue), "external_id": .string(order.externalID), "number": string(order.number),
            "customer_id": string(order.customerID?.rawValue), "email": string(order.email),
            "lines": .array(
                order.lines.map { line in
                    .object([
                        "product_id": string(line.productID), "variant_id": string(line.variantID), "title": .string(line.title),
                        "quantity": .int(Int64(line.quantity)), "price": .int(line.price),
                    ])
                }
            ),
            "subtotal": .int(order.subtotal.minorUnits), "total": .int(order.total.minorUnits), "currency": .string(order.total.currency.rawValue),
            "discount_codes": .array(order.discountCodes.map(JSONValue.string)), "source": .string(order.source),
            "cart_token": string(order.cartToken), "checkout_token": string(order.checkoutToken),
            "financial_status": string(order.financialStatus), "fulfillment_status": string(order.fulfillmentStatus),
            "cancelled_at": time(order.cancelledAt), "refunded_total": .int(order.refundedTotal), "placed_at": time(order.placedAt),
        ])
    }

    public static func product(_ product: Product) -> JSONValue {
        .object([
            "id": .string(product.id.rawValue), "title": .string(product.title), "category": string(product.category),
            "url": string(product.url), "image_url": string(product.imageURL), "status": .string(product.status),
            "variants": .array(
                product.variants.map { variant in
                    .object([
                        "id": .string(variant.id.rawValue), "title": .string(variant.title), "sku": string(variant.sku),
                        "price": .int(variant.price.minorUnits), "currency": .string(variant.price.currency.rawValue),
                        "stock": variant.stock.map { .int(Int64($0)) } ?? .null,
                    ])
                }
            ),
            "updated_at": time(product.updatedAt),
        ])
    }

    public static func event(_ stored: StoredEvent) -> JSONValue {
        let event = stored.event
        return .object([
            "seq": .int(stored.seq), "id": .string(event.id.rawValue), "type": .string(event.type), "anonymous_id": string(event.anonymousID),
            "customer_id": string(stored.customerID?.rawValue), "occurred_at": time(event.occurredAt), "received_at": time(stored.receivedAt),
            "source": .string(stored.source), "properties": .object(event.properties),
        ])
    }

    public static func list(_ items: [JSONValue], nextCursor: String?) -> JSONValue {
        .object(["data": .array(items), "next_cursor": string(nextCursor)])
    }
}

/// A JSON response with sorted keys.
public struct JSONResponse: ResponseGenerator, Sendable {
    public var status: HTTPResponse.Status
    public var value: JSONValue
    public var headers: HTTPFields

    public init(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
        self.value = value
        self.status = status
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        var bytes: [UInt8] = []
        value.write(into: &bytes)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
