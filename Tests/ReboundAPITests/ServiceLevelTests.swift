import Foundation
import HTTPTypes
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Conversations against their targets: a chat unanswered past 2 minutes is breached, raises one Slack alert and
/// sorts first in the inbox; an answered email is not.
@Suite struct ServiceLevelTests {
    @Test func standingFollowsTheTargets() {
        let levels = ServiceLevels()
        let start = Date(timeIntervalSince1970: 1_764_150_000)
        let waiting = levels.standing(channel: "chat", createdAt: start, firstResponseAt: nil, resolvedAt: nil, status: "open", now: start + 119)
        #expect(!waiting.isBreached && waiting.firstResponseDue == start + 120)
        let late = levels.standing(channel: "chat", createdAt: start, firstResponseAt: nil, resolvedAt: nil, status: "open", now: start + 120)
        #expect(late.firstResponseBreached)
        let answered = levels.standing(
            channel: "email",
            createdAt: start,
            firstResponseAt: start + 3600,
            resolvedAt: nil,
            status: "open",
            now: start + 7300
        )
        #expect(!answered.firstResponseBreached && answered.resolutionDue == start + 259_200)
        let slowAnswer = levels.standing(
            channel: "messenger",
            createdAt: start,
            firstResponseAt: start + 4000,
            resolvedAt: nil,
            status: "open",
            now: start + 5000
        )
        #expect(slowAnswer.firstResponseBreached)
    }

    @Test(arguments: TestEngine.available)
    func breachesAlertOnceAndSortFirst(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let email = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .find(channel: "email", customerID: nil, visitorID: nil, externalThread: "t1", subject: "Order", cartID: nil),
                author: "shopper",
                authorName: "Kim",
                body: "Where is my order?",
                now: app.clock.now
            )
            app.clock.advance(by: 60)
            let chat = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .find(channel: "chat", customerID: nil, visitorID: "anon_9", externalThread: nil, subject: nil, cartID: nil),
                author: "shopper",
                authorName: nil,
                body: "Hello?",
                now: app.clock.now
            )
            let worker = app.serviceLevelWorker()
            #expect(try await worker.runOnce() == 0)
            app.clock.advance(by: 121)
            #expect(try await worker.runOnce() == 1)
            #expect(try await worker.runOnce() == 0)
            let alerts = try await app.request(.get, "/v1/messages?status=intended").json["data"]?.arrayValue ?? []
            #expect(alerts.count == 1 && alerts.first?["channel"] == "slack" && alerts.first?["template"] == "sla_breach")
            let ordered = try await app.request(.get, "/v1/conversations?order=sla").json["data"]?.arrayValue ?? []
            #expect(ordered.first?["id"] == .string(chat.conversation.id))
            #expect(ordered.first?["sla"]?["first_response_breached"] == true)
            #expect(ordered.last?["id"] == .string(email.conversation.id))
            #expect(ordered.last?["sla"]?["first_response_breached"] == false)
        }
    }

    /// A backlog does not hide a newer breach: the worker reads every waiting conversation a page at a time, and
    /// leaves out those it alerted already. Here the pages are two conversations long.
    @Test(arguments: TestEngine.available)
    func aBacklogDoesNotHideANewerBreach(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            func write(_ channel: String, _ thread: String) async throws {
                _ = try await app.store.appendConversationMessage(
                    shopID: app.shop.id,
                    to: .find(channel: channel, customerID: nil, visitorID: thread, externalThread: thread, subject: nil, cartID: nil),
                    author: "shopper",
                    authorName: nil,
                    body: "Hello?",
                    now: app.clock.now
                )
                app.clock.advance(by: 1)
            }
            var worker = app.serviceLevelWorker()
            worker.pageSize = 2
            // Three chats nobody answers: all late, over two pages.
            for index in 0..<3 { try await write("chat", "old\(index)") }
            app.clock.advance(by: 121)
            #expect(try await worker.runOnce() == 3)
            // Three emails (due in 2 hours), then a chat that is late while they are not.
            for index in 0..<3 { try await write("email", "mail\(index)") }
            try await write("chat", "new")
            app.clock.advance(by: 121)
            #expect(try await worker.runOnce() == 1)
            #expect(try await worker.runOnce() == 0)
            let watched = try await app.store.conversationsAwaitingAnswer(createdBefore: app.clock.now, limit: 100)
            #expect(watched.count == 3 && watched.allSatisfy { $0.conversation.channel == "email" }, "the alerted chats are left out")
        }
    }
}

extension TestApp {
    /// The service-level worker on this app's store and clock, run by hand (`runOnce`).
    func serviceLevelWorker(woke: @escaping @Sendable (Shop.ID) async -> Void = { _ in }) -> ServiceLevelWorker<ContinuousClock> {
        ServiceLevelWorker(
            store: store,
            wallClock: clock.wallClock,
            clock: ContinuousClock(),
            interval: .seconds(30),
            logger: store.logger,
            woke: woke
        )
    }
}
