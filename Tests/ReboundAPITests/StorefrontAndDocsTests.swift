import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

@Suite struct StorefrontAndDocsTests {
    @Test(arguments: TestEngine.available)
    func theStorefrontTracksWithItsPublicKey(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let preflight = try await app.request(.options, "/v1/track", headers: [.origin: "https://shop.example"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://shop.example")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)

            // sendBeacon sends text/plain.
            let body: JSONValue = [
                "public_key": .string(app.shop.publicKey),
                "events": [
                    ["id": "w1", "type": "viewed_product", "anonymous_id": "anon_w", "properties": ["product_id": "p1"]],
                    [
                        "id": "w2", "type": "added_to_cart", "anonymous_id": "anon_w",
                        "properties": ["cart_token": "wc", "product_id": "p1", "price": 990, "quantity": 2],
                    ],
                    ["id": "w3", "type": "identified", "anonymous_id": "anon_w", "customer": ["email": "shopper@example.com"]],
                    ["id": "w4", "type": "order_placed", "anonymous_id": "anon_w", "properties": ["order_id": "1"]],
                ],
            ]
            let tracked = try await app.request(
                .post,
                "/v1/track",
                body: Array(try JSONEncoder().encode(body)),
                headers: [.contentType: "text/plain;charset=UTF-8", .origin: "https://shop.example"]
            )
            #expect(tracked.status == .accepted)
            #expect(tracked.headers[.accessControlAllowOrigin] == "https://shop.example")
            #expect(try tracked.json["accepted"] == .int(3))
            // The storefront may not report orders; only the server API and webhooks can.
            #expect(try tracked.json["rejected"]?.arrayValue?.first?["field"] == "events[3].type")
            let cart = try await app.request(.get, "/v1/carts").json["data"]?.arrayValue?.first
            #expect(cart?["value"] == .int(1980))
            #expect(cart?["customer"]?["email"] == "shopper@example.com")

            let unknown = try await app.request(
                .post,
                "/v1/track",
                json: ["public_key": "pk_nope", "id": "x", "type": "viewed_product", "anonymous_id": "a"]
            )
            #expect(unknown.status == .unauthorized)
            #expect(unknown.headers[.accessControlAllowOrigin] != nil)
            let noAnonymous = try await app.request(
                .post,
                "/v1/track",
                json: ["public_key": .string(app.shop.publicKey), "id": "y", "type": "viewed_product", "properties": ["product_id": "p"]]
            )
            #expect(noAnonymous.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestEngine.available)
    func allowedOriginsAreEnforced(engine: TestEngine) async throws {
        try await withTestApp(engine, settings: ShopSettings(allowedOrigins: ["https://good.example"])) { app in
            let event: JSONValue = ["public_key": .string(app.shop.publicKey), "id": "z", "type": "page_viewed", "anonymous_id": "a"]
            let evil = try await app.request(.post, "/v1/track", json: event, headers: [.origin: "https://evil.example"])
            #expect(evil.status == .forbidden)
            let good = try await app.request(.post, "/v1/track", json: event, headers: [.origin: "https://good.example"])
            #expect(good.status == .accepted)
        }
    }

    @Test(arguments: TestEngine.available)
    func healthWidgetAndOpenAPIAreServed(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let health = try await app.request(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(try health.json["database"] == .string(engine.rawValue))
            let widget = try await app.request(.get, "/widget.js")
            #expect(widget.headers[.contentType]?.hasPrefix("application/javascript") == true)
            #expect(widget.text.contains("/v1/track"))
            #expect(widget.text.contains("sendBeacon"))
            let spec = try await app.request(.get, "/openapi.yaml")
            #expect(spec.text.hasPrefix("openapi: 3.1"))
        }
    }

    /// Every route the router serves is described in the OpenAPI document, and the document lists no route that does not exist.
    @Test func openAPIDescribesEveryRoute() throws {
        let clock = TestClock()
        let router = ReboundApplication.router(
            environment: APIEnvironment(store: .init(engine: UnusedEngine(), logger: .init(label: "x")), clock: clock.wallClock),
            metricsText: { "" }
        )
        let served = Set(
            router.routes.map { route -> String in
                let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                return "\(route.method.rawValue.lowercased()) /\(path)"
            }
        )
        let documented = Self.documentedOperations(StaticRoutes.openAPIText)
        #expect(!served.isEmpty)
        #expect(served.subtracting(documented).isEmpty, "not in openapi.yaml: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
    }

    static func documentedOperations(_ yaml: String) -> Set<String> {
        var operations = Set<String>()
        var path: String?
        var inPaths = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, !line.hasPrefix(" "), !line.isEmpty { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
                if ["get", "post", "put", "patch", "delete", "options"].contains(key) { operations.insert("\(key) \(path)") }
            }
        }
        return operations
    }
}
