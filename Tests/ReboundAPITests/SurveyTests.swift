import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundApp
import ReboundChannels
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// CSAT by email after a resolved conversation and NPS some days after fulfilment: sent through a real SMTP server,
/// answered through the signed survey page, counted once, reported with the comments.
@Suite struct SurveyTests {
    static func worker(_ app: TestApp) -> SurveyWorker<ContinuousClock> {
        SurveyWorker(store: app.store, wallClock: app.clock.wallClock, clock: ContinuousClock(), interval: .seconds(1), logger: app.store.logger)
    }

    /// The received emails, oldest first, as check_message.py reads them.
    static func received(_ folder: URL) throws -> [[String: Any]] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted().map {
            try ChannelFixtures.checkMessage(folder.appendingPathComponent($0).path, dnsRecord: "v=DKIM1; p=")
        }
    }

    /// The survey link for `score` in the plain-text part (`4: https://…/v/…`), as a path on the test server.
    static func surveyPath(_ message: [String: Any], score: Int) throws -> String {
        let text = try #require(message["text"] as? String)
        let line = try #require(text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("\(score): ") })
        let url = String(line.dropFirst("\(score): ".count)).trimmingCharacters(in: .whitespaces)
        #expect(url.hasPrefix(TestApp.publicURL + "/v/"))
        return String(url.dropFirst(TestApp.publicURL.count))
    }

    static func form(_ app: TestApp, _ path: String, _ body: String) async throws -> TestResponse {
        try await app.request(.post, path, body: Array(body.utf8), headers: [.contentType: "application/x-www-form-urlencoded"])
    }

    @Test(arguments: TestEngine.available)
    func csatEmailAfterAnAgentResolvesAnEmailConversation(engine: TestEngine) async throws {
        let folder = try ChannelFixtures.temporaryDirectory()
        let smtp = try FixtureServer(script: "smtp_server.py", arguments: ["--dir", folder.path])
        defer { smtp.stop() }
        try await withTestApp(engine) { app in
            try await app.request(
                .patch,
                "/v1/settings",
                json: ["email": ["smtp_url": .string("smtp://127.0.0.1:\(smtp.port)"), "from": "Shop <shop@example.com>"]]
            )
            // Someone who is not a customer writes in; the agent's answer reaches them at their address.
            let mail = """
                From: Robin <Robin@Example.org>\r
                To: shop@example.com\r
                Subject: Where is my parcel?\r
                Message-ID: <q-1@example.org>\r
                \r
                It has been a week.\r

                """
            let inbound = try await app.request(.post, "/v1/inbound/email", body: Array(mail.utf8))
            #expect(inbound.status == .created)
            let conversation = try #require(try inbound.json["conversation_id"]?.stringValue)
            #expect(try await app.request(.post, "/v1/conversations/\(conversation)/messages", json: ["text": "It ships today."]).status == .created)
            #expect(try await app.dispatch() == 1)
            #expect(try Self.received(folder).first?["to"] as? String == "robin@example.org")

            // Nothing before the conversation is resolved, nothing in the first ten minutes after.
            #expect(try await Self.worker(app).runOnce() == 0)
            #expect(try await app.request(.post, "/v1/conversations/\(conversation)/status", json: ["status": "resolved"]).status == .ok)
            #expect(try await Self.worker(app).runOnce() == 0)
            app.clock.advance(by: 11 * 60)
            #expect(try await Self.worker(app).runOnce() == 1)
            #expect(try await Self.worker(app).runOnce() == 0)
            #expect(try await app.dispatch() == 1)
            let survey = try #require(try Self.received(folder).last)
            // The sender is no customer: the shop's language (the test shop is in Berlin).
            #expect((survey["subject"] as? String) == "Wie war unser Service?")
            #expect((survey["html"] as? String)?.contains("Wie zufrieden waren Sie mit unserer Hilfe?") == true)

            // Opening the link records nothing (mail scanners open links); the page has the score chosen.
            let path = try Self.surveyPath(survey, score: 4)
            let page = try await app.request(.get, path)
            #expect(page.status == .ok)
            #expect(page.text.contains("value=\"4\" checked"))
            #expect(try await app.request(.get, "/v1/reports/satisfaction").json["csat"]?["responses"] == 0)

            // A score outside 1–5 is refused with the form again; a forged link gets the invalid-link page.
            let wrong = try await Self.form(app, path, "score=9")
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("Bitte wählen Sie eine Bewertung"))
            var forged = Array(path)
            forged[forged.count - 2] = forged[forged.count - 2] == "A" ? "B" : "A"
            #expect(try await Self.form(app, String(forged), "score=5").status == .badRequest)

            let sent = try await Self.form(app, path, "score=4&comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E+Fast+answer")
            #expect(sent.status == .ok && sent.text.contains("gespeichert"))
            let again = try await Self.form(app, try Self.surveyPath(survey, score: 1), "score=1")
            #expect(again.text.contains("bereits beantwortet"))

            let report = try await app.request(.get, "/v1/reports/satisfaction").json
            #expect(report["csat"]?["responses"] == 1)
            #expect(report["csat"]?["average"]?.doubleValue == 4)
            #expect(report["csat"]?["distribution"]?["4"] == 1)
            #expect(report["csat"]?["by_channel"]?["email"]?["responses"] == 1)
            #expect(report["csat"]?["surveys_sent"] == 1 && report["csat"]?["response_rate"]?.doubleValue == 1)
            let comment = try #require(report["comments"]?.arrayValue?.first)
            #expect(comment["comment"] == "<script>alert(1)</script> Fast answer")
            #expect(comment["conversation_id"] == .string(conversation))
            let csv = try await app.request(.get, "/v1/reports/satisfaction?format=csv")
            #expect(csv.text.hasPrefix("kind,score,comment"))
            #expect(csv.text.contains("csat,4,<script>alert(1)</script> Fast answer,email,\(conversation)"))
            #expect(try await app.request(.get, "/v1/reports/satisfaction?comments=5000").status == .badRequest)

            // Reopened and resolved again: still one survey for the conversation.
            try await app.request(.post, "/v1/conversations/\(conversation)/status", json: ["status": "open"])
            try await app.request(.post, "/v1/conversations/\(conversation)/status", json: ["status": "resolved"])
            app.clock.advance(by: 3600)
            #expect(try await Self.worker(app).runOnce() == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func npsSurveyGoesOutTheConfiguredDaysAfterFulfilmentOncePerCustomer(engine: TestEngine) async throws {
        let folder = try ChannelFixtures.temporaryDirectory()
        let smtp = try FixtureServer(script: "smtp_server.py", arguments: ["--dir", folder.path])
        defer { smtp.stop() }
        try await withTestApp(engine) { app in
            let patched = try await app.request(
                .patch,
                "/v1/settings",
                json: [
                    "email": ["smtp_url": .string("smtp://127.0.0.1:\(smtp.port)"), "from": "Shop <shop@example.com>"], "nps_after_days": 10,
                ]
            )
            #expect(patched.status == .ok)
            #expect(try patched.json["nps_after_days"] == 10)
            #expect(try await app.request(.patch, "/v1/settings", json: ["nps_after_days": 400]).status == .unprocessableContent)

            let placed = app.clock.now.addingTimeInterval(-3 * 86400)
            // Two orders of one customer, each shipped a day after it was placed, and one of another customer.
            var events = BotTestSupport.orderEvents(number: "1001", email: "kim@example.com", at: placed)
            events += BotTestSupport.orderEvents(number: "1002", email: "kim@example.com", at: placed.addingTimeInterval(3600))
            events += BotTestSupport.orderEvents(number: "1003", email: "lee@example.com", at: placed)
            #expect(try await app.request(.post, "/v1/events", json: ["events": .array(events)]).status == .accepted)
            let orders = try #require(try await app.request(.get, "/v1/orders").json["data"]?.arrayValue)
            #expect(orders.count == 3 && orders.allSatisfy { $0["fulfillment_status"] == "fulfilled" })

            // Shipped two days ago: the survey is due eight days from now.
            #expect(try await Self.worker(app).runOnce() == 0)
            app.clock.advance(by: 8 * 86400 - 3600)
            #expect(try await Self.worker(app).runOnce() == 0)
            app.clock.advance(by: 2 * 3600)
            #expect(try await Self.worker(app).runOnce() == 2)
            // Kim's second order is due now too, but she was asked a moment ago.
            app.clock.advance(by: 86400)
            #expect(try await Self.worker(app).runOnce() == 0)
            #expect(try await app.dispatch() == 2)
            let mails = try Self.received(folder)
            #expect(Set(mails.compactMap { $0["to"] as? String }) == ["kim@example.com", "lee@example.com"])
            let kim = try #require(mails.first { ($0["to"] as? String) == "kim@example.com" })
            #expect((kim["text"] as? String)?.contains("10: ") == true)

            let path = try Self.surveyPath(kim, score: 10)
            let kimAnswer = try await Self.form(app, path, "score=10&comment=Great+shirts")
            #expect(kimAnswer.status == .ok, "\(path) \(kimAnswer.text)")
            let lee = try #require(mails.first { ($0["to"] as? String) == "lee@example.com" })
            #expect(try await Self.form(app, try Self.surveyPath(lee, score: 3), "score=3").status == .ok)

            let report = try await app.request(.get, "/v1/reports/satisfaction?days=30").json
            #expect(report["nps"]?["responses"] == 2)
            #expect(report["nps"]?["promoters"] == 1 && report["nps"]?["detractors"] == 1)
            #expect(report["nps"]?["score"]?.doubleValue == 0)
            #expect(report["nps"]?["surveys_sent"] == 2)
            #expect(report["comments"]?.arrayValue?.count == 1)
            let daily = try #require(report["daily"]?.arrayValue)
            #expect(daily.compactMap { $0["nps_responses"]?.int64Value }.reduce(0, +) == 2)
            // The dashboard reads the same answers.
            let dashboard = try await app.request(.get, "/v1/reports/dashboard?days=30").json
            #expect(dashboard["satisfaction"]?["nps_responses"] == 2)

            // An expired link (links work 30 days) says so.
            app.clock.advance(by: 31 * 86400)
            #expect(try await app.request(.get, path).status == .gone)
        }
    }
}
