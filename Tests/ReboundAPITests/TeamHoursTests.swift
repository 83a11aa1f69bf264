import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Business hours per team, the shop's SLA targets, agent capacity and editing teams and macros, through `/v1` and
/// `/admin`, on both engines. The test clock is Thursday 2026-11-26 10:00 UTC (11:00 in Berlin).
@Suite struct TeamHoursTests {
    static let berlinWeekdays: JSONValue = [
        "time_zone": "Europe/Berlin",
        "days": [
            "mon": ["09:00", "18:00"], "tue": ["09:00", "18:00"], "wed": ["09:00", "18:00"], "thu": ["09:00", "18:00"],
            "fri": ["09:00", "18:00"],
        ],
    ]
    static let mondaysOnly: JSONValue = ["time_zone": "Europe/Berlin", "days": ["mon": ["09:00", "18:00"]]]

    static func time(_ value: JSONValue?) -> Date? { value?.stringValue.flatMap(RFC3339.parse) }
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(arguments: TestEngine.available)
    func aTeamsHoursDecideTheWidgetsPromiseAndItsSLAClock(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let key = app.shop.publicKey
            // The shop answers on Mondays only; the checkout desk on weekdays.
            #expect(try await app.request(.patch, "/v1/settings", json: ["widget": ["business_hours": Self.mondaysOnly]]).status == .ok)
            let created = try await app.request(.post, "/v1/teams", json: ["name": "Checkout desk", "business_hours": Self.berlinWeekdays])
            #expect(created.status == .created)
            let createdJSON = try created.json
            #expect(createdJSON["business_hours"]?["time_zone"] == "Europe/Berlin")
            let teamID = try #require(try created.json["id"]?.stringValue)
            #expect(
                try await app.request(.post, "/v1/routing-rules", json: ["name": "Checkout", "page": "checkout", "team_id": .string(teamID)]).status
                    == .created
            )

            // A chat from the checkout goes to the open desk; one from the cart to the closed shop-wide queue.
            let checkout = try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=v1&page=checkout").json
            #expect(checkout["status"]?["open"] == true)
            let cart = try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=v1&page=cart").json
            #expect(cart["status"]?["open"] == false && cart["status"]?["agents_online"] == false)

            // An email in the shop-wide queue on a Thursday: the 2-hour clock starts on Monday at 09:00 in Berlin.
            let email = try await InboxAPITests.email(app, from: "kim@example.com")
            #expect(email.team == nil)
            let inList = try await app.request(.get, "/v1/conversations?status=open").json["data"]?.arrayValue?.first {
                $0["id"] == .string(email.id)
            }
            #expect(Self.time(inList?["sla"]?["first_response_due"]) == Self.utc("2026-11-30T10:00:00Z"))
            // Moved into the desk's queue, the same email is due within today's hours.
            let moved = try await app.request(.patch, "/v1/conversations/\(email.id)", json: ["team": .string(teamID)])
            let movedJSON = try moved.json
            #expect(Self.time(movedJSON["sla"]?["first_response_due"]) == Self.utc("2026-11-26T12:00:00Z"))

            // Without its own hours the desk follows the shop's: the checkout chat is closed too.
            let cleared = try await app.request(.patch, "/v1/teams/\(teamID)", json: ["business_hours": .null, "name": "Desk"])
            let clearedJSON = try cleared.json
            #expect(cleared.status == .ok && clearedJSON["business_hours"] == .null && clearedJSON["name"] == "Desk")
            #expect(try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=v1&page=checkout").json["status"]?["open"] == false)

            // Bad hours are refused field by field and change nothing.
            let bad = try await app.request(
                .patch,
                "/v1/teams/\(teamID)",
                json: ["business_hours": ["time_zone": "Berlin", "days": ["mon": ["18:00", "09:00"]]]]
            )
            #expect(bad.status == .unprocessableContent)
            let field = try bad.json["errors"]?.arrayValue?.first?["field"]?.stringValue
            #expect(field == "business_hours.days.mon" || field == "business_hours.time_zone")
            #expect(try await app.request(.patch, "/v1/teams/\(teamID)", json: ["business_hours": "weekdays"]).status == .unprocessableContent)
            #expect(try await app.request(.patch, "/v1/teams/\(teamID)", json: ["member_ids": "ann"]).status == .unprocessableContent)
            #expect(try await app.store.teams(shopID: app.shop.id).first?.name == "Desk")
            #expect(try await app.request(.patch, "/v1/teams/team_nope", json: ["name": "X"]).status == .notFound)
            let other = try await makeTestShop(app.store, now: app.clock.now)
            #expect(try await app.request(.patch, "/v1/teams/\(teamID)", json: ["name": "Mine"], key: other.apiKey).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func theServiceLevelWorkerAlertsOnlyAfterTheTargetInOpenHours(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            #expect(try await app.request(.patch, "/v1/settings", json: ["widget": ["business_hours": Self.berlinWeekdays]]).status == .ok)
            app.clock.advance(by: 7.5 * 3600)  // Thursday 17:30 UTC, 18:30 in Berlin: closed
            let conversation = try await InboxAPITests.email(app, from: "late@example.com")
            let worker = app.serviceLevelWorker()
            app.clock.advance(by: 3 * 3600)  // three hours later, all of them closed
            #expect(try await worker.runOnce() == 0)
            app.clock.advance(by: 12 * 3600)  // Friday 08:30 UTC, 09:30 in Berlin: 30 open minutes
            #expect(try await worker.runOnce() == 0)
            app.clock.advance(by: 91 * 60)  // 2 h 01 min of open time
            #expect(try await worker.runOnce() == 1)
            let standing = try await app.store.serviceSchedule(shopID: app.shop.id).standing(conversation, now: app.clock.now)
            #expect(standing.firstResponseDue == Self.utc("2026-11-27T10:00:00Z"))
        }
    }

    @Test(arguments: TestEngine.available)
    func aShopSetsItsOwnTargets(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let patched = try await app.request(.patch, "/v1/settings", json: ["sla_first_response_seconds": ["email": 600]])
            #expect(patched.status == .ok)
            let conversation = try await InboxAPITests.email(app, from: "quick@example.com")
            let shown = try await app.request(.get, "/v1/conversations?status=open").json["data"]?.arrayValue?.first {
                $0["id"] == .string(conversation.id)
            }
            #expect(Self.time(shown?["sla"]?["first_response_due"]) == app.clock.now.addingTimeInterval(600))
            let bad = try await app.request(
                .patch,
                "/v1/settings",
                json: ["sla_first_response_seconds": ["fax": 600], "sla_resolution_seconds": ["chat": 5]]
            )
            #expect(bad.status == .unprocessableContent)
            let fields = Set(try bad.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
            #expect(fields == ["sla_first_response_seconds.fax", "sla_resolution_seconds.chat"])
            #expect(try await app.store.shop(id: app.shop.id)?.settings.slaFirstResponseSeconds == ["email": 600])
            // The dashboard judges the email against the shop's 10 minutes: unanswered 11 minutes later, it is late.
            app.clock.advance(by: 660)
            let support = try await app.request(.get, "/v1/reports/dashboard?days=1").json["support"]
            let email = support?["channels"]?.arrayValue?.first { $0["channel"] == "email" }
            #expect(email?["first_response_target_s"]?.doubleValue == 600)
            #expect(email?["sla_met"]?["part"] == 0 && email?["sla_met"]?["whole"] == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func capacityIsSetThroughTheAPIAndWaitingConversationsFollow(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let ann = try await InboxAPITests.agent(app, "Ann", capacity: 5)
            let zero = try await app.request(.patch, "/v1/agents/\(ann.id)", json: ["capacity": 0])
            let zeroJSON = try zero.json
            #expect(zero.status == .ok && zeroJSON["capacity"] == 0 && zeroJSON["presence"] == "online")
            let waiting = try await InboxAPITests.email(app, from: "wait@example.com")
            #expect(waiting.assignee == nil, "an agent at capacity 0 takes nothing new")
            let listed = try await app.request(.get, "/v1/agents").json["data"]?.arrayValue ?? []
            #expect(listed.map { $0["id"] } == [.string(ann.id)] && listed.first?["open_count"] == 0)

            let two = try await app.request(.patch, "/v1/agents/\(ann.id)", json: ["capacity": 2])
            let twoJSON = try two.json
            #expect(two.status == .ok && twoJSON["open_count"] == 1, "room again: the waiting email is handed out")
            #expect(try await app.store.conversation(shopID: app.shop.id, id: waiting.id)?.assignee == ann.id)
            let away = try await app.request(.patch, "/v1/agents/\(ann.id)", json: ["presence": "away"])
            let awayJSON = try away.json
            #expect(awayJSON["presence"] == "away" && awayJSON["capacity"] == 2)

            for body: JSONValue in [["capacity": -1], ["capacity": 101], ["capacity": "lots"], ["presence": "busy"], ["role": "admin"]] {
                #expect(try await app.request(.patch, "/v1/agents/\(ann.id)", json: body).status == .unprocessableContent)
            }
            #expect(try await app.request(.patch, "/v1/agents/agent_nope", json: ["capacity": 1]).status == .notFound)
            let other = try await makeTestShop(app.store, now: app.clock.now)
            #expect(try await app.request(.patch, "/v1/agents/\(ann.id)", json: ["capacity": 9], key: other.apiKey).status == .notFound)
            #expect(try await app.request(.get, "/v1/agents", key: other.apiKey).json["data"]?.arrayValue?.isEmpty == true)
            #expect(try await app.store.agentPresence(shopID: app.shop.id).first?.capacity == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func macrosAreEditedInPlace(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let created = try await app.request(.post, "/v1/macros", json: ["name": "Hi", "body": "Hello {{first_name}}"])
            let id = try #require(try created.json["id"]?.stringValue)
            let renamed = try await app.request(.patch, "/v1/macros/\(id)", json: ["name": "Greeting"])
            let renamedJSON = try renamed.json
            #expect(renamed.status == .ok && renamedJSON["body"] == "Hello {{first_name}}" && renamedJSON["name"] == "Greeting")
            #expect(try await app.request(.patch, "/v1/macros/\(id)", json: ["body": "  "]).status == .unprocessableContent)
            #expect(try await app.request(.patch, "/v1/macros/mac_nope", json: ["name": "x"]).status == .notFound)
            let other = try await makeTestShop(app.store, now: app.clock.now)
            #expect(try await app.request(.patch, "/v1/macros/\(id)", json: ["name": "x"], key: other.apiKey).status == .notFound)
            #expect(try await app.store.macros(shopID: app.shop.id).map(\.name) == ["Greeting"])
        }
    }

    @Test(arguments: TestEngine.available)
    func anAdminEditsTeamsHoursCapacityAndMacrosInTheAdmin(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let sam = try await InboxAPITests.agent(app, "Sam")
            let admin = try await AdminTestSupport.signIn(app)
            #expect(try await AdminTestSupport.post(app, admin, "/admin/routing/teams", [("name", "Returns")]).status == .seeOther)
            let teamID = try #require(try await app.store.teams(shopID: app.shop.id).first?.id)
            let form: [(String, String)] = [
                ("name", "Returns desk"), ("member", sam.id), ("time_zone", "Europe/Berlin"), ("open_mon", "08:00"), ("close_mon", "16:00"),
                ("open_fri", "08:00"), ("close_fri", "12:00"), ("holidays", "2026-12-24\n2026-12-31"),
            ]
            #expect(try await AdminTestSupport.post(app, admin, "/admin/routing/teams/\(teamID)", form).status == .seeOther)
            let team = try #require(try await app.store.teams(shopID: app.shop.id).first)
            #expect(team.name == "Returns desk" && team.memberIDs == [sam.id])
            #expect(team.businessHours?["days"]?["fri"] == ["08:00", "12:00"] && team.businessHours?["holidays"] == ["2026-12-24", "2026-12-31"])
            let page = try await AdminTestSupport.get(app, admin, "/admin/routing")
            #expect(page.text.contains("Mon 08:00–16:00, Fri 08:00–12:00 (Europe/Berlin), 2 holidays"))
            #expect(page.text.contains("value=\"08:00\""))

            // Closing before opening is refused and the stored hours stay.
            let bad = try await AdminTestSupport.post(
                app,
                admin,
                "/admin/routing/teams/\(teamID)",
                [("name", "X"), ("open_mon", "16:00"), ("close_mon", "08:00")]
            )
            #expect(bad.status == .unprocessableContent)
            #expect(try await app.store.teams(shopID: app.shop.id).first?.name == "Returns desk")

            #expect(try await AdminTestSupport.post(app, admin, "/admin/routing/agents/\(sam.id)", [("capacity", "3")]).status == .seeOther)
            #expect(try await app.store.agentPresence(shopID: app.shop.id).first { $0.agentID == sam.id }?.capacity == 3)
            #expect(
                try await AdminTestSupport.post(app, admin, "/admin/routing/agents/\(sam.id)", [("capacity", "-2")]).status == .unprocessableContent
            )
            #expect(try await AdminTestSupport.post(app, admin, "/admin/routing/agents/nobody", [("capacity", "2")]).status == .notFound)

            #expect(try await AdminTestSupport.post(app, admin, "/admin/macros", [("name", "Hi"), ("body", "Hello")]).status == .seeOther)
            let macroID = try #require(try await app.store.macros(shopID: app.shop.id).first?.id)
            #expect(
                try await AdminTestSupport.post(app, admin, "/admin/macros/\(macroID)", [("name", "Hi"), ("body", "Hello <b>you</b>")]).status
                    == .seeOther
            )
            #expect(try await app.store.macros(shopID: app.shop.id).first?.body == "Hello <b>you</b>")
            #expect(try await AdminTestSupport.get(app, admin, "/admin/macros").text.contains("Hello &lt;b&gt;you&lt;/b&gt;"))

            // Agents may not, and a post without the CSRF token changes nothing.
            let samBrowser = try await AdminTestSupport.signIn(app, email: "sam@shop.example")
            #expect(try await AdminTestSupport.post(app, samBrowser, "/admin/routing/agents/\(sam.id)", [("capacity", "50")]).status == .forbidden)
            #expect(
                try await AdminTestSupport.post(app, samBrowser, "/admin/macros/\(macroID)", [("name", "x"), ("body", "y")]).status == .forbidden
            )
            #expect(
                try await AdminTestSupport.post(app, admin, "/admin/routing/agents/\(sam.id)", [("capacity", "50")], csrf: false).status != .seeOther
            )
            #expect(try await app.store.agentPresence(shopID: app.shop.id).first { $0.agentID == sam.id }?.capacity == 3)
        }
    }
}
