import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundAnalytics
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Segments on the real UCI Online Retail orders (the first rows of the file in ../shared/data), on both engines.
@Suite struct SegmentAPITests {
    /// A GBP shop with the first `rows` lines of Online Retail imported through the real importer.
    static func retailShop(_ app: TestApp, rows: Int = 4_000) async throws -> ShopAdmin.CreatedShop {
        let created = try await ShopAdmin.createShop(name: "Retail", currency: .gbp, timeZone: "Europe/London", store: app.store, now: app.clock.now)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-dc", sharedDataURL().appendingPathComponent("online_retail/online_retail_2010-12_to_2011-08.csv.gz").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        var end = bytes.count, newlines = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            newlines += 1
            if newlines == rows + 1 {
                end = index + 1
                break
            }
        }
        let parsed = try Importer.rows(text: String(decoding: bytes[..<end], as: UTF8.self), format: .csv)
        let importer = Importer(store: app.store, shop: created.shop, kind: .orders, mapping: .onlineRetail, now: app.clock.now)
        let summary = try await importer.run(rows: parsed.rows) { _ in }
        #expect(summary.rowsTaken > rows / 2)
        return created
    }

    /// Facts recomputed in memory from the stored orders, the reference the SQL must agree with.
    static func referenceFacts(_ app: TestApp, shopID: Shop.ID) async throws -> [CustomerFacts] {
        let purchases = try await app.store.purchaseHistory(shopID: shopID)
        let snapshot = CustomerValues.compute(purchases: purchases, now: app.clock.now)
        let attributes = try await app.store.customerAttributes(shopID: shopID)
        let products = Dictionary(grouping: purchases, by: \.customerID).mapValues { Set($0.flatMap(\.productIDs)) }
        return attributes.map { customer in
            let value = snapshot.values[customer.customerID]
            return CustomerFacts(
                customerID: customer.customerID,
                spendMinor: value?.historicMinor ?? 0,
                orderCount: value?.orders ?? 0,
                lastOrderAt: value?.lastOrderAt,
                rfm: value?.rfm,
                tags: Set(customer.tags),
                emailConsent: customer.emailConsent,
                smsConsent: customer.smsConsent,
                country: customer.country?.uppercased(),
                productsBought: products[customer.customerID] ?? []
            )
        }
    }

    @Test(arguments: TestEngine.available)
    func savedSegmentsCountLikeTheRulesSay(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let retail = try await Self.retailShop(app)
            let key = retail.apiKey
            let facts = try await Self.referenceFacts(app, shopID: retail.shop.id)
            #expect(facts.count > 50)
            let documents: [JSONValue] = [
                ["match": "all", "rules": [["field": "spend", "op": "gte", "value": 30000]]],
                [
                    "match": "any",
                    "rules": [
                        ["field": "orderCount", "op": "gte", "value": 2],
                        ["not": ["field": "productsBought", "op": "contains", "value": "85123A"]],
                    ],
                ],
                [
                    "match": "all",
                    "rules": [
                        ["field": "rfmCell", "op": "in", "value": ["555", "554", "545", "455"]],
                        ["field": "daysSinceLastOrder", "op": "gt", "value": 30],
                    ],
                ],
            ]
            for (index, document) in documents.enumerated() {
                let created = try await app.request(.post, "/v1/segments", json: ["name": .string("S\(index)"), "rule": document], key: key)
                #expect(created.status == .created)
                var bytes: [UInt8] = []
                document.write(into: &bytes)
                let rule = try SegmentRule.parse(jsonData: Data(bytes))
                let expected = facts.filter { rule.matches($0, now: app.clock.now) }.count
                #expect(try created.json["count"] == .int(Int64(expected)), "segment \(index)")
            }
            #expect(facts.contains { $0.spendMinor >= 30000 })

            let list = try await app.request(.get, "/v1/segments", key: key).json["data"]?.arrayValue ?? []
            #expect(list.count == 3 + VIPTiers.standard.tiers.count)
            let gold = list.first { $0["id"] == "vip-gold" }
            let inGold = facts.filter { $0.spendMinor >= 100_000 && $0.spendMinor < 250_000 }.count
            #expect(gold?["count"] == .int(Int64(inGold)))
            #expect(gold?["built_in"] == .bool(true))
            #expect(try await app.request(.delete, "/v1/segments/vip-gold", key: key).status == .conflict)
        }
    }

    @Test(arguments: TestEngine.available)
    func membersArePagedAndStreamedAsCSV(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let retail = try await Self.retailShop(app, rows: 2_000)
            let key = retail.apiKey
            let created = try await app.request(
                .post,
                "/v1/segments",
                json: ["name": "Everyone who ordered", "rule": ["field": "orderCount", "op": "gte", "value": 1]],
                key: key
            )
            let id = try #require(try created.json["id"]?.stringValue)
            let count = Int(try created.json["count"]?.int64Value ?? 0)
            #expect(count > 10)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await app.request(.get, "/v1/segments/\(id)/customers?limit=7" + (cursor.map { "&cursor=" + $0 } ?? ""), key: key).json
                seen += page["data"]?.arrayValue?.compactMap { $0["customer_id"]?.stringValue } ?? []
                cursor = page["next_cursor"]?.stringValue
            } while cursor != nil
            #expect(seen.count == count && Set(seen).count == count)
            let csv = try await app.request(.get, "/v1/segments/\(id)/customers?format=csv", key: key)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == count + 1)
            #expect(lines.first == "customer_id,email,first_name,last_name,country,orders,spend,currency,last_order_at,rfm_cell")

            let renamed = try await app.request(
                .put,
                "/v1/segments/\(id)",
                json: ["name": "Repeat buyers", "rule": ["field": "orderCount", "op": "gte", "value": 2]],
                key: key
            )
            #expect(try renamed.json["name"] == "Repeat buyers")
            #expect(try await app.request(.delete, "/v1/segments/\(id)", key: key).status == .noContent)
            #expect(try await app.request(.get, "/v1/segments/\(id)", key: key).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func badRulesNameTheirPath(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let unknown = try await app.request(
                .post,
                "/v1/segments",
                json: [
                    "name": "Bad",
                    "rule": [
                        "match": "all", "rules": [["field": "spnd", "op": "gte", "value": 1], ["field": "spend", "op": "contains", "value": 1]],
                    ],
                ]
            )
            #expect(unknown.status == .unprocessableContent)
            let fields = try unknown.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
            #expect(fields == ["rule.rules[0].field", "rule.rules[1].op"])
            let noName = try await app.request(.post, "/v1/segments", json: ["rule": ["field": "spend", "op": "gte", "value": 1]])
            #expect(try noName.json["errors"]?.arrayValue?.first?["field"] == "name")
            // A rule that matches everyone is counted in the database and its members come in pages, never all at once.
            let everyone = try await app.request(.post, "/v1/segments", json: ["name": "All", "rule": ["match": "all", "rules": []]])
            #expect(everyone.status == .created)
            #expect(try await app.request(.get, "/v1/segments/nope").status == .notFound)
            #expect(try await app.request(.get, "/v1/segments/nope/customers?limit=5000").status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func theAdminEditsSegmentsAndShowsCustomerValue(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let retail = try await Self.retailShop(app)
            try await AdminTestSupport.agent(app, email: "owner@retail.example", shopID: retail.shop.id)
            let browser = try await AdminTestSupport.signIn(app, email: "owner@retail.example")
            let rules: [(String, String)] = [
                ("name", "Big spenders"), ("match", "all"), ("rules[0][field]", "spend"), ("rules[0][op]", "gte"), ("rules[0][value]", "30000"),
            ]
            let preview = try await AdminTestSupport.post(app, browser, "/admin/segments/new", rules + [("intent", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("customers match these rules right now"))
            let bad = try await AdminTestSupport.post(
                app,
                browser,
                "/admin/segments/new",
                [
                    ("name", "Bad"), ("match", "all"), ("rules[0][field]", "spend"), ("rules[0][op]", "gte"), ("rules[0][value]", "lots"),
                    ("intent", "save"),
                ]
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Enter a whole number"))
            let saved = try await AdminTestSupport.post(app, browser, "/admin/segments/new", rules + [("intent", "save")])
            #expect(saved.status == .seeOther)
            let list = try await AdminTestSupport.get(app, browser, "/admin/segments?saved=1")
            #expect(list.text.contains("Big spenders") && list.text.contains("VIP Gold") && list.text.contains("Segment saved"))
            let csv = try await AdminTestSupport.get(app, browser, "/admin/segments?format=csv")
            #expect(csv.text.hasPrefix("Segment,Customers,"))

            let customers = try await AdminTestSupport.get(app, browser, "/admin/customers")
            #expect(customers.status == .ok)
            #expect(customers.text.contains("customers</span>"))
            let first = try #require(try await app.store.customerList(shopID: retail.shop.id, search: nil, offset: 0, limit: 1).customers.first)
            let detail = try await AdminTestSupport.get(app, browser, "/admin/customers/" + first.id.rawValue)
            #expect(detail.status == .ok)
            #expect(detail.text.contains("Spent so far (historic CLV)"))
            #expect(detail.text.contains("BG/NBD + Gamma-Gamma"))
            let orders = try await AdminTestSupport.get(app, browser, "/admin/customers/\(first.id.rawValue)?format=csv&table=orders")
            #expect(orders.text.hasPrefix("Order,Placed,Items,Total,Status,Credited to\r\n"))

            // Counted again two days later (signed in anew: sessions last 12 hours): the change against the first
            // recorded count.
            app.clock.advance(by: 2 * 86_400)
            let again = try await AdminTestSupport.signIn(app, email: "owner@retail.example")
            let later = try await AdminTestSupport.get(app, again, "/admin/segments")
            #expect(later.text.contains("<span class=\"delta\">±0</span>"))
        }
    }
}

/// Flow conditions can ask whether the customer is in a segment (`customer.segments`).
@Suite struct SegmentFlowConditionTests {
    @Test(arguments: TestEngine.available)
    func aFlowStartsOnlyForMembersOfASegment(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.request(.post, "/v1/events", json: FlowLifecycleAPITests.order("2001", email: "big@example.com", total: 60_000))
            try await app.request(.post, "/v1/events", json: FlowLifecycleAPITests.order("2002", email: "small@example.com", total: 1_000))
            let saved = try await app.request(
                .post,
                "/v1/segments",
                json: ["name": "Two orders or more", "rule": ["field": "orderCount", "op": "gte", "value": 2]]
            )
            let repeatSegment = try #require(try saved.json["id"]?.stringValue)
            let flow: JSONValue = [
                "id": "vip_thanks", "name": "VIP thanks", "version": 1, "trigger": ["type": "custom_event", "event": "survey_done"],
                "entry_conditions": [
                    ["field": "customer.segments", "op": "contains", "value": "vip-silver"],
                    ["field": "customer.segments", "op": "not_contains", "value": .string(repeatSegment)],
                ],
                "steps": [["id": "tag", "type": "tag_customer", "tags": ["vip-thanked"]]],
            ]
            let created = try await app.request(.post, "/v1/flows", json: flow)
            #expect(created.status == .created, "\(created.text)")
            for (index, email) in ["big@example.com", "small@example.com"].enumerated() {
                let event: JSONValue = ["id": .string("survey-\(index)"), "type": "survey_done", "customer": ["email": .string(email)]]
                try await app.request(.post, "/v1/events", json: event)
            }
            app.clock.advance(by: 10)
            try await app.runFlows()
            app.clock.advance(by: 10)
            try await app.runFlows()
            let runs = try await app.store.flowRuns(shopID: app.shop.id, flowID: "vip_thanks")
            let big = try #require(try await app.store.customer(shopID: app.shop.id, email: "big@example.com"))
            #expect(runs.map(\.customerID) == [big.id])
        }
    }

    @Test(arguments: TestEngine.available)
    func theWorkerKeepsFactsCurrentWithoutAnyPageView(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.request(.post, "/v1/events", json: FlowLifecycleAPITests.order("3001", email: "big@example.com", total: 120_000))
            let worker = CustomerFactsWorker(
                store: app.store,
                wallClock: app.clock.wallClock,
                clock: ContinuousClock(),
                interval: .seconds(1),
                logger: app.store.logger
            )
            #expect(try await app.store.customerFactsState(shopID: app.shop.id) == nil)
            #expect(try await worker.runOnce() == 1)
            #expect(try await app.store.customerFactsState(shopID: app.shop.id)?.customers == 1)
            let gold = try #require(SegmentCatalog.builtIns.first { $0.id == "vip-gold" })
            #expect(try await app.store.countCustomers(shopID: app.shop.id, matching: SegmentCatalog.filter(gold.rule, now: app.clock.now)) == 1)
            // Within the period another pass (or another process) does nothing.
            #expect(try await worker.runOnce() == 0)
            app.clock.advance(by: CustomerFactsWorker<ContinuousClock>.period)
            #expect(try await worker.runOnce() == 1)
        }
    }
}
