import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOWebSocket
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// `/admin/inbox`, `/admin/macros` and `/admin/routing`: pages, actions, CSRF, roles, shop isolation and escaping.
@Suite struct InboxAdminTests {
    @Test(arguments: TestEngine.available)
    func anAgentWorksAConversationFromTheInbox(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let ann = try await AdminTestSupport.agent(app)
            try await app.request(
                .post,
                "/v1/events",
                json: [
                    "events": .array(
                        BotTestSupport.orderEvents(number: "1001", email: "kim@example.com", at: app.clock.now.addingTimeInterval(-86_400 * 3))
                    )
                ]
            )
            let kim = try #require(try await app.store.customer(shopID: app.shop.id, email: "kim@example.com"))
            let code = DiscountCodeRecord(
                code: "SORRY10",
                kind: "percent",
                value: 10,
                minimumCart: nil,
                expiresAt: nil,
                customerID: kim.id,
                messageKey: nil,
                runID: nil,
                flowID: nil
            )
            let offer = Event(
                id: .random(prefix: "e"),
                type: Store.botIncentiveOffered,
                anonymousID: "kim-anon",
                occurredAt: app.clock.now,
                properties: ["code": "SORRY10"]
            )
            #expect(try await app.store.recordBotIncentive(offer, customerID: kim.id, code: code, shopID: app.shop.id, now: app.clock.now))
            let conversation = try await InboxAPITests.email(app, from: "kim@example.com", text: "Where is my parcel?", customerID: kim.id)
            let other = try await InboxAPITests.email(app, from: "lee@example.com", text: "Do you ship to Norway?")
            try await app.request(
                .post,
                "/v1/macros",
                json: [
                    "name": "Tracking", "body": "Hi {{first_name}}, order {{order_number}} is on its way: {{tracking_url}} Code: {{discount_code}}",
                ]
            )
            let browser = try await AdminTestSupport.signIn(app)

            let inbox = try await AdminTestSupport.get(app, browser, "/admin/inbox")
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains("Where is my parcel?") && inbox.text.contains("Do you ship to Norway?"))
            #expect(inbox.text.contains("left"), "an SLA timer per row")
            let searched = try await AdminTestSupport.get(app, browser, "/admin/inbox?q=norway")
            #expect(searched.text.contains("Do you ship to Norway?") && !searched.text.contains("Where is my parcel?"))

            let path = "/admin/inbox/\(conversation.id)"
            let page = try await AdminTestSupport.get(app, browser, path)
            #expect(page.status == .ok)
            #expect(page.text.contains("First response") && page.text.contains("Resolution"))
            #expect(page.text.contains("order #1001 is on its way: https://www.dhl.de/track?id=00340434161234567890 Code: SORRY10"))
            #expect(page.text.contains("Recent orders") && page.text.contains("#1001"))

            // A note, then a reply: only the reply goes to the outbox; the note shows as a note.
            let note = try await AdminTestSupport.post(app, browser, path + "/reply", [("kind", "note"), ("body", "Checked with DHL")])
            #expect(note.status == .seeOther)
            #expect(try await app.store.messages(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 10).items.isEmpty)
            let fetched = try await app.request(
                .post,
                path + "/reply",
                body: AdminTestSupport.form([("kind", "reply"), ("body", "It arrives tomorrow.")]),
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: browser.cookie, HTTPField.Name("X-CSRF-Token")!: browser.csrf,
                ]
            )
            #expect(fetched.status == .created)
            #expect(fetched.text.hasPrefix("<div class=\"msg agent\""))
            let outbox = try await app.store.messages(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 10).items
            #expect(outbox.count == 1 && outbox.first?.template == "reply" && outbox.first?.channel == "email")
            let thread = try await AdminTestSupport.get(app, browser, path)
            #expect(thread.text.contains("<div class=\"msg note\"") && thread.text.contains("Internal note · Ann Agent"))

            // Assign, tag, snooze, resolve.
            let assigned = try await AdminTestSupport.post(app, browser, path + "/assign", [("assignee", ann.id), ("team", "")])
            #expect(assigned.status == .seeOther)
            #expect(try await app.store.conversation(shopID: app.shop.id, id: conversation.id)?.assignee == ann.id)
            let mine = try await AdminTestSupport.get(app, browser, "/admin/inbox?scope=mine")
            #expect(mine.text.contains("kim@example.com") && !mine.text.contains("Do you ship to Norway?"))
            try await AdminTestSupport.post(app, browser, path + "/tags", [("tags", "shipping, DHL")])
            #expect(try await app.store.conversation(shopID: app.shop.id, id: conversation.id)?.tags == ["shipping", "dhl"])
            try await AdminTestSupport.post(app, browser, path + "/tags", [("remove", "dhl")])
            #expect(try await app.store.conversation(shopID: app.shop.id, id: conversation.id)?.tags == ["shipping"])
            try await AdminTestSupport.post(app, browser, path + "/status", [("status", "snoozed"), ("snooze_hours", "1")])
            let snoozed = try await app.store.conversation(shopID: app.shop.id, id: conversation.id)
            #expect(snoozed?.status == "snoozed")
            #expect(abs((snoozed?.snoozedUntil ?? .distantPast).timeIntervalSince(app.clock.now) - 3600) < 0.01)
            let tabs = try await AdminTestSupport.get(app, browser, "/admin/inbox?status=snoozed")
            #expect(tabs.text.contains("kim@example.com") && !tabs.text.contains("Do you ship to Norway?"))
            try await AdminTestSupport.post(app, browser, path + "/status", [("status", "resolved")])
            #expect(try await app.store.conversation(shopID: app.shop.id, id: other.id)?.status == "open")
            #expect(try await app.store.conversation(shopID: app.shop.id, id: conversation.id)?.status == "resolved")

            // Presence: going online takes the waiting conversation.
            #expect(try await app.store.conversation(shopID: app.shop.id, id: other.id)?.assignee == nil)
            let online = try await AdminTestSupport.post(app, browser, "/admin/inbox/presence", [("state", "online")])
            #expect(online.status == .seeOther)
            #expect(try await app.store.conversation(shopID: app.shop.id, id: other.id)?.assignee == ann.id)
        }
    }

    @Test(arguments: TestEngine.available)
    func postsWithoutTheTokenOrWithAForgedCookieChangeNothing(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let conversation = try await InboxAPITests.email(app, from: "kim@example.com")
            let browser = try await AdminTestSupport.signIn(app)
            let path = "/admin/inbox/\(conversation.id)"
            let noToken = try await AdminTestSupport.post(app, browser, path + "/reply", [("body", "hi")], csrf: false)
            #expect(noToken.status == .forbidden)
            let wrong = try await AdminTestSupport.post(app, browser, path + "/status", [("_csrf", "forged"), ("status", "resolved")], csrf: false)
            #expect(wrong.status == .forbidden)
            let forged = AdminBrowser(cookie: "rb_admin=forged-session-token", csrf: browser.csrf)
            #expect(try await AdminTestSupport.post(app, forged, path + "/reply", [("body", "hi")]).status == .unauthorized)
            #expect(try await AdminTestSupport.get(app, forged, path).status == .unauthorized)
            #expect(try await app.store.conversationMessages(shopID: app.shop.id, conversationID: conversation.id).count == 1)
            #expect(try await app.store.conversation(shopID: app.shop.id, id: conversation.id)?.status == "open")
        }
    }

    @Test(arguments: TestEngine.available)
    func anAgentCannotOpenOrActOnAnotherShopsConversation(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let other = try await makeTestShop(app.store, now: app.clock.now)
            let theirs = try await app.store.appendConversationMessage(
                shopID: other.shop.id,
                to: .find(channel: "email", customerID: nil, visitorID: nil, externalThread: "<x@other.example>", subject: "Secret", cartID: nil),
                author: "shopper",
                authorName: nil,
                body: "secret question",
                now: app.clock.now
            ).conversation
            let browser = try await AdminTestSupport.signIn(app)
            let path = "/admin/inbox/\(theirs.id)"
            let page = try await AdminTestSupport.get(app, browser, path)
            #expect(page.status == .notFound)
            #expect(!page.text.contains("secret question"))
            for (action, fields) in [
                ("/reply", [("body", "hi")]), ("/status", [("status", "resolved")]), ("/assign", [("assignee", "")]), ("/tags", [("tags", "x")]),
            ] {
                #expect(try await AdminTestSupport.post(app, browser, path + action, fields).status == .notFound, "\(action)")
            }
            let after = try await app.store.conversation(shopID: other.shop.id, id: theirs.id)
            #expect(after?.status == "open" && after?.tags == [] && after?.lastSeq == 1)
            let list = try await AdminTestSupport.get(app, browser, "/admin/inbox?q=secret")
            #expect(list.status == .ok && !list.text.contains("secret question"))
        }
    }

    @Test(arguments: TestEngine.available)
    func macrosAndRoutingAreForAdminsOnly(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let agent = try await ShopAdmin.createAgent(
                shopID: app.shop.id,
                email: "sam@shop.example",
                name: "Sam",
                role: .agent,
                password: AdminTestSupport.password,
                cost: 4,
                store: app.store,
                now: app.clock.now
            )
            let admin = try await AdminTestSupport.signIn(app)
            let macros = try await AdminTestSupport.post(app, admin, "/admin/macros", [("name", "Hello"), ("body", "Hi {{first_name}}")])
            #expect(macros.status == .seeOther)
            #expect(try await AdminTestSupport.get(app, admin, "/admin/macros").text.contains("Hi {{first_name}}"))
            let team = try await AdminTestSupport.post(app, admin, "/admin/routing/teams", [("name", "VIP desk"), ("member", agent.id)])
            #expect(team.status == .seeOther)
            let teamID = try #require(try await app.store.teams(shopID: app.shop.id).first?.id)
            let rule = try await AdminTestSupport.post(
                app,
                admin,
                "/admin/routing/rules",
                [("name", "Big carts"), ("minimum_cart_value", "200.00"), ("team_id", teamID), ("priority", "5")]
            )
            #expect(rule.status == .seeOther)
            #expect(try await app.store.routingRules(shopID: app.shop.id).first?.minimumCartValue == 20_000)
            let routing = try await AdminTestSupport.get(app, admin, "/admin/routing")
            #expect(routing.status == .ok && routing.text.contains("VIP desk") && routing.text.contains("Big carts"))

            let sam = try await AdminTestSupport.signIn(app, email: "sam@shop.example")
            #expect(try await AdminTestSupport.get(app, sam, "/admin/routing").status == .forbidden)
            #expect(try await AdminTestSupport.get(app, sam, "/admin/macros").status == .forbidden)
            #expect(try await AdminTestSupport.post(app, sam, "/admin/routing/teams/\(teamID)/delete", []).status == .forbidden)
            #expect(try await AdminTestSupport.post(app, sam, "/admin/macros", [("name", "x"), ("body", "y")]).status == .forbidden)
            #expect(try await app.store.teams(shopID: app.shop.id).count == 1)
            #expect(try await AdminTestSupport.get(app, sam, "/admin/inbox").status == .ok, "agents work the inbox")
        }
    }

    @Test(arguments: TestEngine.available)
    func messagesAndNamesAreEscaped(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let imported = CustomerSnapshot(identity: CustomerIdentity(email: "x@example.com"), firstName: "<img src=x onerror=alert(1)>")
            #expect(try await app.store.importCustomers([imported], shopID: app.shop.id, now: app.clock.now) == 1)
            let customer = try #require(try await app.store.customer(shopID: app.shop.id, email: "x@example.com"))
            let conversation = try await InboxAPITests.email(
                app,
                from: "x@example.com",
                text: "<script>alert('pwned')</script>",
                customerID: customer.id
            )
            try await app.request(.post, "/v1/macros", json: ["name": "<b>bold</b>", "body": "\"><script>alert(2)</script>"])
            let browser = try await AdminTestSupport.signIn(app)
            let note = try await AdminTestSupport.post(
                app,
                browser,
                "/admin/inbox/\(conversation.id)/reply",
                [("kind", "note"), ("body", "<i>note</i>")]
            )
            #expect(note.status == .seeOther)
            for uri in ["/admin/inbox", "/admin/inbox/\(conversation.id)", "/admin/inbox?q=%3Cscript%3E", "/admin/macros"] {
                let page = try await AdminTestSupport.get(app, browser, uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(!page.text.contains("<script>alert"), "\(uri)")
                #expect(!page.text.contains("<img src=x"), "\(uri)")
                #expect(!page.text.contains("<i>note</i>") && !page.text.contains("<b>bold</b>"), "\(uri)")
            }
            let thread = try await AdminTestSupport.get(app, browser, "/admin/inbox/\(conversation.id)")
            #expect(thread.text.contains("&lt;script&gt;alert("))
            #expect(thread.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
        }
    }

    @Test(.enabled(if: AdminChromiumTests.chromium != nil, "needs Debian's chromium"))
    func inboxPagesRenderWithoutConsoleErrors() async throws {
        try await withTestApp(.sqlite) { app in
            try await AdminTestSupport.agent(app)
            let conversation = try await InboxAPITests.email(app, from: "kim@example.com")
            try await app.request(.post, "/v1/macros", json: ["name": "Hello", "body": "Hi {{first_name}}"])
            let browser = try await AdminTestSupport.signIn(app)
            for (name, path) in [
                ("admin-inbox", "/admin/inbox/\(conversation.id)"), ("admin-macros", "/admin/macros"), ("admin-routing", "/admin/routing"),
            ] {
                let response = try await AdminTestSupport.get(app, browser, path)
                #expect(response.status == .ok, "\(path)")
                let rendered = try AdminChromiumTests.render(response, name: name)
                #expect(rendered.console.isEmpty, "\(path): \(rendered.console)")
            }
        }
    }
}

extension InboxAdminTests {
    /// A reply from the inbox reaches the shopper's open chat at once; a note never does.
    @Test(arguments: TestEngine.available)
    func aChatReplyFromTheInboxReachesTheShopperAndANoteDoesNot(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            try await AdminTestSupport.agent(app)
            let browser = try await AdminTestSupport.signIn(app)
            try await app.client.ws(ChatTests.path(app)) { inbound, outbound, _ in
                let inbox = ChatTests.Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","conversation_id":null,"last_seq":0}"#))
                _ = try await inbox.next { $0["type"] == "welcome" }
                try await outbound.write(.text(#"{"type":"message","client_id":"c_1","text":"Is the tent waterproof?"}"#))
                let echo = try #require(try await inbox.next { $0["type"] == "message" })
                let id = try #require(echo["conversation_id"]?.stringValue)
                let note = try await AdminTestSupport.post(
                    app,
                    browser,
                    "/admin/inbox/\(id)/reply",
                    [("kind", "note"), ("body", "Ask the supplier")]
                )
                #expect(note.status == .seeOther)
                let reply = try await AdminTestSupport.post(app, browser, "/admin/inbox/\(id)/reply", [("kind", "reply"), ("body", "Yes, 3000 mm.")])
                #expect(reply.status == .seeOther)
                let answer = try #require(try await inbox.next { $0["type"] == "message" && $0["author"] == "agent" })
                #expect(answer["text"] == "Yes, 3000 mm." && answer["name"] == "Ann Agent")
                #expect(!inbox.seen.contains { $0["text"] == "Ask the supplier" || $0["author"] == "note" })
                try await outbound.close(.normalClosure, reason: nil)
            }
            // A chat answer is not queued in the outbox: it went over the socket.
            #expect(try await app.store.messages(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 10).items.isEmpty)
        }
    }
}
