import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

@Suite struct EventAPITests {
    static func cartEvent(
        _ id: String,
        token: String = "c1",
        product: String = "p1",
        price: JSONValue = 2500,
        email: String? = "ann@example.com",
        emailConsent: Bool? = nil
    ) -> JSONValue {
        var event: [String: JSONValue] = [
            "id": .string(id), "type": "added_to_cart", "anonymous_id": "anon-1",
            "properties": [
                "cart_token": .string(token), "product_id": .string(product), "variant_id": "v1", "quantity": 1, "price": price, "currency": "EUR",
            ],
        ]
        if let email { event["customer"] = .object(["email": .string(email)]) }
        if let emailConsent, case .object(var properties) = event["properties"] {
            properties["email_consent"] = .bool(emailConsent)
            event["properties"] = .object(properties)
        }
        return .object(event)
    }

    @Test(arguments: TestEngine.available)
    func aCartIsAbandonedAfterTheShopsThreshold(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let patched = try await app.request(.patch, "/v1/settings", json: ["cart_abandon_after_seconds": 30])
            #expect(patched.status == .ok)
            #expect(try patched.json["cart_abandon_after_seconds"] == .int(30))

            let response = try await app.request(.post, "/v1/events", json: Self.cartEvent("e1"))
            #expect(response.status == .accepted)
            #expect(try response.json["accepted"] == .int(1))

            app.clock.advance(by: 29)
            try await app.detect()
            #expect(try await app.request(.get, "/v1/carts?state=abandoned").json["data"]?.arrayValue?.count == 0)

            app.clock.advance(by: 1)
            let detected = try await app.detect()
            #expect(detected.map(\.type) == ["cart_abandoned"])
            let list = try await app.request(.get, "/v1/carts?state=abandoned").json
            let cart = try #require(list["data"]?.arrayValue?.first)
            #expect(cart["state"] == "abandoned")
            #expect(cart["value"] == .int(2500))
            #expect(cart["currency"] == "EUR")
            #expect(cart["customer"]?["email"] == "ann@example.com")
            #expect(cart["lines"]?.arrayValue?.count == 1)
            #expect(cart["created_at"]?.stringValue != nil)
            #expect(cart["abandoned_at"]?.stringValue.flatMap(RFC3339.parse) == app.clock.now)
            #expect(list["next_cursor"] == .null)

            let id = try #require(cart["id"]?.stringValue)
            #expect(try await app.request(.get, "/v1/carts/\(id)").json["id"] == .string(id))
        }
    }

    @Test(arguments: TestEngine.available)
    func aBatchKeepsTheGoodEventsAndNamesTheBadOnes(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let batch: JSONValue = [
                "events": [
                    Self.cartEvent("b1"),
                    ["id": "b2", "type": "added_to_cart", "properties": ["cart_token": "c2", "product_id": "p1", "price": "12.50"]],
                    ["type": "viewed_product"],
                    Self.cartEvent("b1"),
                    ["id": "b5", "type": "cart_abandoned"],
                    ["id": "b6", "type": "viewed_product", "occurred_at": "yesterday", "properties": ["product_id": "p1"]],
                    ["id": "b7", "type": "viewed_product", "anonymous_id": "x", "properties": ["product_id": "p2"]],
                ]
            ]
            let response = try await app.request(.post, "/v1/events", json: batch)
            #expect(response.status == .accepted)
            let body = try response.json
            #expect(body["accepted"] == .int(2))
            #expect(body["duplicates"] == .int(1))
            let fields = body["rejected"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
            #expect(fields == ["events[1].properties.price", "events[2].id", "events[4].type", "events[5].occurred_at"])
            // A redelivery of the whole batch stores nothing new.
            let again = try await app.request(.post, "/v1/events", json: batch).json
            #expect(again["accepted"] == .int(0))
            #expect(again["duplicates"] == .int(3))
        }
    }

    @Test(arguments: TestEngine.available)
    func badRequestsGetProblemDocuments(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let malformed = try await app.request(.post, "/v1/events", body: Array("{\"id\": ".utf8), headers: [.contentType: "application/json"])
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers[.contentType] == "application/problem+json")
            #expect(try malformed.json["type"]?.stringValue?.hasSuffix("malformed-json") == true)

            let wrongType = try await app.request(.post, "/v1/events", json: ["id": 5, "type": "viewed_product"])
            #expect(wrongType.status == .unprocessableContent)
            #expect(try wrongType.json["errors"]?.arrayValue?.first?["field"] == "id")

            let notObject = try await app.request(.post, "/v1/events", json: [1, 2])
            #expect(notObject.status == .unprocessableContent)

            let tooMany = try await app.request(.post, "/v1/events", json: ["events": .array((0..<1001).map { Self.cartEvent("x\($0)") })])
            #expect(tooMany.status == .contentTooLarge || tooMany.status == .unprocessableContent)

            let huge = try await app.request(
                .post,
                "/v1/events",
                body: Array(repeating: UInt8(ascii: " "), count: 600 * 1024),
                headers: [.contentType: "application/json"]
            )
            #expect(huge.status == .contentTooLarge)
            #expect(try huge.json["status"] == .int(413))

            let badQuery = try await app.request(.get, "/v1/carts?state=lost")
            #expect(badQuery.status == .badRequest)
            #expect(try badQuery.json["detail"]?.stringValue?.contains("state") == true)
            #expect(try await app.request(.get, "/v1/carts?limit=0").status == .badRequest)
            #expect(try await app.request(.get, "/v1/carts?cursor=%%%").status == .badRequest)
            #expect(try await app.request(.get, "/v1/carts/cart_missing").status == .notFound)

            let badSetting = try await app.request(.patch, "/v1/settings", json: ["cart_abandon_after_seconds": -1, "colour": "red"])
            #expect(badSetting.status == .unprocessableContent)
            #expect(try Set(badSetting.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []) == ["colour"])
            let negative = try await app.request(.patch, "/v1/settings", json: ["cart_abandon_after_seconds": -1])
            #expect(try negative.json["errors"]?.arrayValue?.first?["field"] == "cart_abandon_after_seconds")
            // Nothing accepted before was lost.
            #expect(try await app.request(.get, "/v1/settings").json["cart_abandon_after_seconds"] == .int(3600))
        }
    }

    @Test(arguments: TestEngine.available)
    func keysAreCheckedAndShopsIsolated(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            #expect(try await app.request(.get, "/v1/carts", headers: [.authorization: "Bearer nope"]).status == .unauthorized)
            #expect(try await app.request(.get, "/v1/carts", headers: [.authorization: "Basic abc"]).status == .unauthorized)
            let forged = "rb_" + String(app.apiKey.dropFirst(3).prefix(12)) + "_forgedsecretforgedsecret"
            #expect(try await app.request(.get, "/v1/carts", key: forged).status == .unauthorized)

            try await app.request(.post, "/v1/events", json: Self.cartEvent("e1"))
            let cartID = try #require(try await app.request(.get, "/v1/carts").json["data"]?.arrayValue?.first?["id"]?.stringValue)
            let other = try await makeTestShop(app.store, now: app.clock.now)
            #expect(try await app.request(.get, "/v1/carts/\(cartID)", key: other.apiKey).status == .notFound)
            #expect(try await app.request(.get, "/v1/carts", key: other.apiKey).json["data"]?.arrayValue?.count == 0)

            let keyID = "key_" + String(app.apiKey.dropFirst(3).prefix(12))
            #expect(try await app.store.revokeAPIKey(idOrPrefix: keyID, now: app.clock.now))
            // Revocation holds from the next request on.
            #expect(try await app.request(.get, "/v1/carts").status == .unauthorized)
        }
    }

    @Test(arguments: TestEngine.available)
    func customersCarryTheirTimeline(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.request(
                .post,
                "/v1/events",
                json: ["id": "v1", "type": "viewed_product", "anonymous_id": "anon-1", "properties": ["product_id": "p1"]]
            )
            try await app.request(.post, "/v1/events", json: Self.cartEvent("e1"))
            let customers = try await app.request(.get, "/v1/customers?email=ann@example.com").json
            let id = try #require(customers["data"]?.arrayValue?.first?["id"]?.stringValue)
            let customer = try await app.request(.get, "/v1/customers/\(id)").json
            #expect(customer["email"] == "ann@example.com")
            #expect(Set(customer["timeline"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []) == ["v1", "e1"])
            #expect(customer["carts"]?.arrayValue?.count == 1)
        }
    }
}
