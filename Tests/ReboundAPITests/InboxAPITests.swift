import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Routing, assignment, notes, search, tags and snoozing through `/v1` and the store, on both engines.
@Suite struct InboxAPITests {
    /// An agent of the app's shop with a presence and a capacity.
    @discardableResult
    static func agent(_ app: TestApp, _ name: String, online: Bool = true, capacity: Int = 5) async throws -> Agent {
        let agent = try await ShopAdmin.createAgent(
            shopID: app.shop.id,
            email: name.lowercased() + "@shop.example",
            name: name,
            role: .agent,
            password: AdminTestSupport.password,
            cost: 4,
            store: app.store,
            now: app.clock.now
        )
        try await app.store.setPresence(
            shopID: app.shop.id,
            agentID: agent.id,
            state: online ? .online : .offline,
            capacity: capacity,
            now: app.clock.now
        )
        return agent
    }

    /// A new email conversation from `from` (each sender its own thread).
    static func email(_ app: TestApp, from: String, text: String = "Where is my parcel?", customerID: Customer.ID? = nil) async throws -> Conversation
    {
        try await app.store.appendConversationMessage(
            shopID: app.shop.id,
            to: .find(channel: "email", customerID: customerID, visitorID: nil, externalThread: "<\(from)>", subject: "Question", cartID: nil),
            author: "shopper",
            authorName: from,
            body: text,
            now: app.clock.now
        ).conversation
    }

    @Test(arguments: TestEngine.available)
    func aBigLiveCartIsRoutedToTheVIPTeamsLeastBusyAgent(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let ann = try await Self.agent(app, "Ann")
            let vera = try await Self.agent(app, "Vera")
            let team = try await app.request(.post, "/v1/teams", json: ["name": "VIP", "member_ids": [.string(vera.id)]])
            #expect(team.status == .created)
            let teamID = try #require(try team.json["id"]?.stringValue)
            let rule = try await app.request(
                .post,
                "/v1/routing-rules",
                json: ["name": "Big carts", "minimum_cart_value": 20_000, "team_id": .string(teamID), "priority": 5]
            )
            #expect(rule.status == .created)
            #expect(try await app.request(.get, "/v1/routing-rules").json["data"]?.arrayValue?.count == 1)

            try await app.request(.post, "/v1/events", json: BotTestSupport.cartEvent(token: "big", email: "rich@example.com", value: 25_000))
            try await app.request(.post, "/v1/events", json: BotTestSupport.cartEvent(token: "small", email: "thrifty@example.com", value: 900))
            let rich = try #require(try await app.store.customer(shopID: app.shop.id, email: "rich@example.com"))
            let thrifty = try #require(try await app.store.customer(shopID: app.shop.id, email: "thrifty@example.com"))

            let vip = try await Self.email(app, from: "rich@example.com", customerID: rich.id)
            #expect(vip.team == teamID && vip.priority == 5 && vip.assignee == vera.id)
            let plain = try await Self.email(app, from: "thrifty@example.com", customerID: thrifty.id)
            #expect(plain.team == nil && plain.priority == 0)
            // Ann and Vera both had nothing open; Vera was just given one, so Ann (idle longer, fewer open) gets it.
            #expect(plain.assignee == ann.id)
            let listed = try await app.request(.get, "/v1/conversations?team=\(teamID)").json["data"]?.arrayValue ?? []
            #expect(listed.map { $0["id"] } == [.string(vip.id)])
            #expect(listed.first?["assignee"] == .string(vera.id))
        }
    }

    @Test(arguments: TestEngine.available)
    func capacityAndPresenceDecideAndFreedCapacityIsReassigned(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let ann = try await Self.agent(app, "Ann", capacity: 1)
            let bob = try await Self.agent(app, "Bob", online: false, capacity: 1)
            let first = try await Self.email(app, from: "a@example.com")
            #expect(first.assignee == ann.id)
            app.clock.advance(by: 60)
            let second = try await Self.email(app, from: "b@example.com")
            #expect(second.assignee == nil, "Ann is full and Bob offline: it waits in the queue")
            let waiting = try await app.request(.get, "/v1/conversations?assignee=none").json["data"]?.arrayValue ?? []
            #expect(waiting.map { $0["id"] } == [.string(second.id)])

            // Bob coming online takes the waiting conversation.
            try await app.store.setPresence(shopID: app.shop.id, agentID: bob.id, state: .online, now: app.clock.now)
            #expect(try await app.store.conversation(shopID: app.shop.id, id: second.id)?.assignee == bob.id)

            let third = try await Self.email(app, from: "c@example.com")
            #expect(third.assignee == nil)
            // Ann resolving her conversation frees her capacity for the third.
            let resolved = try await app.request(.patch, "/v1/conversations/\(first.id)", json: ["status": "resolved"])
            #expect(resolved.status == .ok)
            #expect(try await app.store.conversation(shopID: app.shop.id, id: third.id)?.assignee == ann.id)

            // An away agent gets nothing new.
            try await app.store.setPresence(shopID: app.shop.id, agentID: ann.id, state: .away, now: app.clock.now)
            try await app.store.setPresence(shopID: app.shop.id, agentID: bob.id, state: .away, now: app.clock.now)
            let fourth = try await Self.email(app, from: "d@example.com")
            #expect(fourth.assignee == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func notesAreStoredButNeverSentToTheCustomer(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let conversation = try await Self.email(app, from: "kim@example.com")
            let note = try await app.request(
                .post,
                "/v1/conversations/\(conversation.id)/notes",
                json: ["text": "Refund approved by Sam", "name": "Ann"]
            )
            #expect(note.status == .created)
            #expect(try note.json["author"] == "note")
            let viaMessages = try await app.request(
                .post,
                "/v1/conversations/\(conversation.id)/messages",
                json: ["text": "Second note", "internal": true]
            )
            #expect(viaMessages.status == .created)
            var outbox = try await app.store.messages(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 50).items
            #expect(outbox.isEmpty, "a note never reaches the outbox")
            #expect(try await app.dispatch() == 0)

            let reply = try await app.request(.post, "/v1/conversations/\(conversation.id)/messages", json: ["text": "It ships today."])
            #expect(reply.status == .created)
            outbox = try await app.store.messages(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 50).items
            #expect(outbox.count == 1 && outbox.first?.template == "reply")
            #expect(outbox.first?.detail?.contains("Refund approved") == false)

            let bad = try await app.request(.post, "/v1/conversations/\(conversation.id)/notes", json: ["text": "  "])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.headers[.contentType] == "application/problem+json")
            #expect(try await app.request(.post, "/v1/conversations/cv_nope/notes", json: ["text": "x"]).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func searchTagsStatusAndSnooze(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let parcel = try await Self.email(app, from: "kim@example.com", text: "My parcel is 50% late")
            let size = try await Self.email(app, from: "lee@example.com", text: "Does the jacket come in M?")
            func ids(_ query: String) async throws -> [String] {
                (try await app.request(.get, "/v1/conversations?\(query)").json["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            }
            #expect(try await ids("q=PARCEL") == [parcel.id])
            #expect(try await ids("q=jacket") == [size.id])
            #expect(try await ids("q=50%25") == [parcel.id])
            #expect(try await ids("q=%25").isEmpty == false)
            #expect(try await ids("q=_").isEmpty, "LIKE wildcards are matched literally")

            let tagged = try await app.request(.patch, "/v1/conversations/\(parcel.id)", json: ["tags": ["Shipping", "late ", "shipping"]])
            #expect(try tagged.json["tags"] == ["shipping", "late"])
            let changed = try await app.request(.patch, "/v1/conversations/\(parcel.id)", json: ["add_tags": ["vip"], "remove_tags": ["late"]])
            #expect(try changed.json["tags"] == ["shipping", "vip"])
            #expect(try await ids("tag=vip") == [parcel.id])
            #expect(try await ids("tag=vi").isEmpty)

            let until = app.clock.now.addingTimeInterval(3600)
            let snoozed = try await app.request(.patch, "/v1/conversations/\(parcel.id)", json: ["snoozed_until": .string(RFC3339.format(until))])
            #expect(try snoozed.json["status"] == "snoozed")
            #expect(try await ids("status=snoozed") == [parcel.id])
            app.clock.advance(by: 3601)
            #expect(try await ids("status=snoozed").isEmpty)
            #expect(try await ids("status=open").contains(parcel.id), "it opens again when its time has come")

            let pending = try await app.request(.patch, "/v1/conversations/\(size.id)", json: ["status": "pending"])
            #expect(try pending.json["status"] == "pending")

            // Bad input is a problem document.
            for body: JSONValue in [
                ["status": "closed"], ["status": "snoozed"], ["snoozed_until": "tomorrow"], ["tags": "shipping"], ["assignee": "ag_nope"],
                ["team": "team_nope"],
            ] {
                let response = try await app.request(.patch, "/v1/conversations/\(size.id)", json: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await app.request(.patch, "/v1/conversations/cv_nope", json: ["status": "open"]).status == .notFound)
            let noTarget = try await app.request(.post, "/v1/routing-rules", json: ["name": "Nothing", "channel": "chat"])
            #expect(noTarget.status == .unprocessableContent)
            #expect(try await app.request(.post, "/v1/routing-rules", json: ["team_id": "team_other"]).status == .unprocessableContent)
            #expect(try await app.request(.post, "/v1/macros", json: ["name": "Empty"]).status == .unprocessableContent)
            #expect(try await app.request(.post, "/v1/teams", json: ["name": "X", "member_ids": ["ag_other"]]).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestEngine.available)
    func anotherShopsKeySeesNoneOfIt(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let conversation = try await Self.email(app, from: "kim@example.com")
            let macro = try await app.request(.post, "/v1/macros", json: ["name": "Hi", "body": "Hello {{first_name}}"])
            let macroID = try #require(try macro.json["id"]?.stringValue)
            let other = try await makeTestShop(app.store, now: app.clock.now)
            #expect(
                try await app.request(.patch, "/v1/conversations/\(conversation.id)", json: ["status": "resolved"], key: other.apiKey).status
                    == .notFound
            )
            #expect(
                try await app.request(.post, "/v1/conversations/\(conversation.id)/notes", json: ["text": "x"], key: other.apiKey).status == .notFound
            )
            #expect(try await app.request(.get, "/v1/macros", key: other.apiKey).json["data"]?.arrayValue?.isEmpty == true)
            #expect(try await app.request(.delete, "/v1/macros/\(macroID)", key: other.apiKey).status == .notFound)
            #expect(try await app.request(.get, "/v1/conversations?q=parcel", key: other.apiKey).json["data"]?.arrayValue?.isEmpty == true)
            #expect(try await app.request(.delete, "/v1/macros/\(macroID)").status == .noContent)
        }
    }
}

extension InboxAPITests {
    @Test(arguments: TestEngine.available)
    func aDetectedIntentRoutesAnUnansweredConversationAgain(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await Self.agent(app, "Ann")
            let rita = try await Self.agent(app, "Rita")
            let team = try await app.store.saveTeam(shopID: app.shop.id, id: nil, name: "Returns", memberIDs: [rita.id], now: app.clock.now)
            try await app.store.addRoutingRule(
                shopID: app.shop.id,
                RoutingRule(id: "", name: "Returns", intent: "returns", teamID: team.id),
                now: app.clock.now
            )
            let conversation = try await Self.email(app, from: "kim@example.com", text: "I want to send the shoes back")
            #expect(conversation.team == nil && conversation.assignee != nil)
            try await app.store.setConversationIntent(shopID: app.shop.id, conversationID: conversation.id, intent: "returns")
            let routed = try await app.store.conversation(shopID: app.shop.id, id: conversation.id)
            #expect(routed?.team == team.id && routed?.assignee == rita.id)
            // Once an agent has answered, a later intent changes nothing.
            let answered = try await Self.email(app, from: "lee@example.com", text: "Hello")
            try await app.request(.post, "/v1/conversations/\(answered.id)/messages", json: ["text": "Hi!"])
            try await app.store.setConversationIntent(shopID: app.shop.id, conversationID: answered.id, intent: "returns")
            #expect(try await app.store.conversation(shopID: app.shop.id, id: answered.id)?.team == nil)
        }
    }
}

extension InboxAPITests {
    @Test(arguments: TestEngine.available)
    func theServiceLevelWorkerWakesSnoozedConversationsAndAssignsThem(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let conversation = try await Self.email(app, from: "kim@example.com")
            let until = app.clock.now.addingTimeInterval(600)
            let patch = ConversationPatch(status: "snoozed", snoozedUntil: until)
            #expect(try await app.store.updateConversation(shopID: app.shop.id, id: conversation.id, patch, now: app.clock.now)?.status == "snoozed")
            let ann = try await Self.agent(app, "Ann")
            let woke = LockedBox<[Shop.ID]>([])
            let worker = app.serviceLevelWorker { shopID in woke.set(woke.value + [shopID]) }
            try await worker.runOnce()
            #expect(try await app.store.conversation(shopID: app.shop.id, id: conversation.id)?.status == "snoozed")
            #expect(woke.value.isEmpty)
            app.clock.advance(by: 600)
            try await worker.runOnce()
            let woken = try await app.store.conversation(shopID: app.shop.id, id: conversation.id)
            #expect(woken?.status == "open" && woken?.snoozedUntil == nil && woken?.assignee == ann.id)
            // The agents' open inboxes are told to re-read (the app publishes a refresh), once.
            try await worker.runOnce()
            #expect(woke.value == [app.shop.id])
        }
    }
}
