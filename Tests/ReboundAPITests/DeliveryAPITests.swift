import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundChannels
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Flows through the channels, end to end: settings, a real SMTP server (aiosmtpd) with DKIM checked by dkimpy,
/// tracked links, one-click unsubscribe, bounces, replies, and SMS through a fake Twilio with signed callbacks.
@Suite struct DeliveryAPITests {
    /// Abandons a cart of `email` and runs the cart recovery flow to its first email.
    static func firstRecoveryEmail(_ app: TestApp, email: String = "kim@example.com", token: String = "c1") async throws {
        try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e-\(token)", token: token, email: email, emailConsent: true))
        app.clock.advance(by: 60)
        try await app.detect()
        try await app.runFlows()
        app.clock.advance(by: 3600)
        try await app.runFlows()
    }

    static func messages(_ app: TestApp, _ query: String = "") async throws -> [JSONValue] {
        try await app.request(.get, "/v1/messages" + query).json["data"]?.arrayValue ?? []
    }

    @Test(arguments: TestEngine.available)
    func settingsTakeChannelsAndNeverEchoSecrets(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let patch: JSONValue = [
                "email": ["smtp_url": "smtp://mailer:s3cret@mail.example.com:587", "from": "Demo Shop <shop@example.com>"],
                "sms": [
                    "provider": "twilio", "base_url": "https://api.twilio.com", "account_sid": "AC123", "auth_token": "tw-secret",
                    "from": "+15005550006",
                ],
                "slack_webhook_url": "https://hooks.slack.com/services/T000/B000/XXXX",
                "cart_abandon_after_seconds": 120,
            ]
            let response = try await app.request(.patch, "/v1/settings", json: patch)
            #expect(response.status == .ok)
            for text in [response.text, try await app.request(.get, "/v1/settings").text] {
                #expect(!text.contains("s3cret") && !text.contains("tw-secret") && !text.contains("XXXX"))
                #expect(text.contains("smtp://mailer:***@mail.example.com:587"))
            }
            let settings = try await app.request(.get, "/v1/settings").json
            #expect(settings["cart_abandon_after_seconds"] == .int(120))
            #expect(settings["sms"]?["auth_token_set"] == true)
            #expect(settings["slack_webhook_configured"] == true)
            // A partial patch keeps the password.
            try await app.request(.patch, "/v1/settings", json: ["email": ["from": "Shop <hello@example.com>"]])
            #expect(try await app.store.channelSettings(shopID: app.shop.id).email?.smtpURL == "smtp://mailer:s3cret@mail.example.com:587")

            let bad = try await app.request(
                .patch,
                "/v1/settings",
                json: [
                    "email": [
                        "smtp_url": "ftp://nope", "from": "not an address",
                        "dkim": ["domain": "example.com", "selector": "s1", "private_key_pem": "x"],
                    ],
                    "sms": ["from": "0151 123"], "slack_webhook_url": "hooks",
                ]
            )
            #expect(bad.status == .unprocessableContent)
            let fields = Set(try bad.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
            #expect(fields.isSuperset(of: ["email.smtp_url", "email.from", "email.dkim.private_key_pem", "sms.from", "slack_webhook_url"]))
            // Nothing of a refused patch was kept.
            #expect(try await app.store.channelSettings(shopID: app.shop.id).email?.from == "Shop <hello@example.com>")
        }
    }

    /// The recovery email arrives at a real SMTP server, DKIM-signed (verified by dkimpy), with working restore,
    /// click and open tracking and RFC 8058 one-click unsubscribe; after unsubscribing, nothing more is sent.
    @Test(arguments: TestEngine.available)
    func recoveryEmailArrivesSignedAndItsLinksWork(engine: TestEngine) async throws {
        let folder = try ChannelFixtures.temporaryDirectory()
        let smtp = try FixtureServer(script: "smtp_server.py", arguments: ["--dir", folder.path])
        defer { smtp.stop() }
        let pem = try ChannelFixtures.rsaKeyPEM(in: folder)
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            let patched = try await app.request(
                .patch,
                "/v1/settings",
                json: [
                    "email": [
                        "smtp_url": .string("smtp://127.0.0.1:\(smtp.port)"), "from": "Müller & Söhne <shop@example.com>",
                        "dkim": ["domain": "example.com", "selector": "rb1", "private_key_pem": .string(pem)],
                    ],
                    "branding": ["store_url": "https://shop.example", "platform": "shopify", "address": "Hauptstraße 1\n10115 Berlin"],
                ]
            )
            #expect(patched.status == .ok)
            try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
            try await Self.firstRecoveryEmail(app)
            #expect(try await app.dispatch() == 1)
            #expect(try await app.dispatch() == 0)

            let message = try #require(try await Self.messages(app, "?customer_email=kim@example.com").first)
            #expect(message["status"] == "sent")
            #expect(message["subject"]?.stringValue?.isEmpty == false)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            #expect(files.count == 1)
            let signer = try DKIMSigner(domain: "example.com", selector: "rb1", privateKeyPEM: pem)
            let checked = try ChannelFixtures.checkMessage(folder.appendingPathComponent(files[0]).path, dnsRecord: signer.dnsRecord)
            #expect(checked["dkim"] as? Bool == true)
            #expect((checked["from"] as? String)?.contains("Müller & Söhne") == true)
            #expect((checked["defects"] as? [Any])?.isEmpty == true)
            #expect((checked["list_unsubscribe_post"] as? String) == "List-Unsubscribe=One-Click")
            #expect((checked["message_id"] as? String) == "<\(message["provider_id"]?.stringValue ?? "")>")
            let html = try #require(checked["html"] as? String)
            #expect(html.contains("Hauptstraße 1"))

            // The restore link: counted as a click, then to the Shopify cart permalink with the welcome-back mark.
            let restore = try #require(Self.link(in: html, prefix: TestApp.publicURL + "/r/"))
            let followed = try await app.request(.get, String(restore.dropFirst(TestApp.publicURL.count)))
            #expect(followed.status == .found)
            let location = try #require(followed.headers[.location])
            #expect(location.hasPrefix("https://shop.example/cart/v1:1") && location.contains("rb_welcome=1"))
            let pixel = try #require(Self.link(in: html, prefix: TestApp.publicURL + "/o/"))
            let image = try await app.request(.get, String(pixel.dropFirst(TestApp.publicURL.count)))
            #expect(image.headers[.contentType] == "image/gif")
            let tracked = try #require(try await Self.messages(app, "?customer_email=kim@example.com").first)
            #expect(tracked["status"] == "clicked")
            #expect(tracked["clicked_at"] != .null && tracked["opened_at"] != .null)

            // A tampered link gets a clear page; an expired one says so.
            var forged = Array(restore.dropFirst(TestApp.publicURL.count))
            forged[forged.count - 3] = forged[forged.count - 3] == "A" ? "B" : "A"
            let refused = try await app.request(.get, String(forged))
            #expect(refused.status == .badRequest && refused.text.contains("not valid"))

            // One-click unsubscribe: a single POST, no confirmation page.
            let unsubscribe = try #require(checked["list_unsubscribe"] as? String)
            let url = try #require(
                unsubscribe.split(separator: "<").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ">, ")) }.first {
                    $0.hasPrefix("https://")
                }
            )
            let posted = try await app.request(
                .post,
                String(url.dropFirst(TestApp.publicURL.count)),
                body: Array("List-Unsubscribe=One-Click".utf8),
                headers: [.contentType: "application/x-www-form-urlencoded"]
            )
            #expect(posted.status == .ok)
            let customer = try #require(try await app.store.customer(shopID: app.shop.id, email: "kim@example.com"))
            #expect(customer.emailConsent?.granted == false)
            // The customer's page lists the message with its state.
            let detail = try await app.request(.get, "/v1/customers/\(customer.id.rawValue)").json
            #expect(detail["messages"]?.arrayValue?.first?["status"] == "clicked")
            try await app.runFlows()
            app.clock.advance(by: 3 * 86400)
            try await app.runFlows()
            try await app.dispatch()
            #expect(try await Self.messages(app, "?customer_email=kim@example.com&status=sent").isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.count == 1)

            app.clock.advance(by: 40 * 86400)
            let expired = try await app.request(.get, String(restore.dropFirst(TestApp.publicURL.count)))
            #expect(expired.status == .gone && expired.text.contains("expired"))
        }
    }

    /// `href="URL"` or `src="URL"` values starting with `prefix`, HTML-unescaped.
    static func link(in html: String, prefix: String) -> String? {
        guard let start = html.range(of: prefix) else { return nil }
        let rest = html[start.lowerBound...]
        let end = rest.firstIndex { $0 == "\"" || $0 == "'" || $0 == ">" || $0 == " " } ?? rest.endIndex
        return String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A temporary SMTP failure is retried later with backoff; a refused recipient fails at once, is suppressed and
    /// lands on the dead-letter list; a bounce report suppresses the address and marks the message.
    @Test(arguments: TestEngine.available)
    func retriesDeadLettersAndBounces(engine: TestEngine) async throws {
        let folder = try ChannelFixtures.temporaryDirectory()
        let smtp = try FixtureServer(script: "smtp_server.py", arguments: ["--dir", folder.path, "--tempfail", "1"])
        defer { smtp.stop() }
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            try await app.request(
                .patch,
                "/v1/settings",
                json: ["email": ["smtp_url": .string("smtp://127.0.0.1:\(smtp.port)"), "from": "shop@example.com"]]
            )
            try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("a", token: "ca", email: "kim@example.com", emailConsent: true))
            try await app.request(
                .post,
                "/v1/events",
                json: EventAPITests.cartEvent("b", token: "cb", email: "reject.me@example.com", emailConsent: true)
            )
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            app.clock.advance(by: 3600)
            try await app.runFlows()
            try await app.dispatch()
            let rejected = try #require(try await Self.messages(app, "?customer_email=reject.me@example.com").first)
            #expect(rejected["status"] == "failed")
            let retried = try #require(try await Self.messages(app, "?customer_email=kim@example.com").first)
            let (first, second) = (rejected["id"], retried["id"])
            #expect(first != second)
            // One of the two hit the temporary failure first; if it was the rejected one, Kim's went through.
            if retried["status"] == "retry" {
                #expect(retried["attempts"] == .int(1))
                #expect(try await app.dispatch() == 0)
                app.clock.advance(by: 120)
                try await app.dispatch()
            }
            let sent = try #require(try await Self.messages(app, "?customer_email=kim@example.com").first)
            #expect(sent["status"] == "sent")
            let dead = try await app.request(.get, "/v1/dead-letters").json
            #expect(dead["messages"]?.arrayValue?.first?["recipient"] == "reject.me@example.com")
            let suppressions = try await app.request(.get, "/v1/suppressions").json["data"]?.arrayValue ?? []
            #expect(suppressions.contains { $0["address"] == "reject.me@example.com" })

            // A DSN for Kim's message: the address is suppressed and the message marked bounced.
            let messageID = try #require(sent["provider_id"]?.stringValue)
            let dsn = """
                From: MAILER-DAEMON@mx.example.net\r
                To: shop@example.com\r
                Subject: Undelivered Mail Returned to Sender\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r
                \r
                --b1\r
                Content-Type: text/plain\r
                \r
                Your message could not be delivered.\r
                --b1\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; mx.example.net\r
                \r
                Final-Recipient: rfc822; kim@example.com\r
                Action: failed\r
                Status: 5.1.1\r
                Diagnostic-Code: smtp; 550 5.1.1 user unknown\r
                --b1\r
                Content-Type: text/rfc822-headers\r
                \r
                Message-ID: <\(messageID)>\r
                From: shop@example.com\r
                --b1--\r

                """
            let bounced = try await app.request(.post, "/v1/inbound/email", body: Array(dsn.utf8), headers: [.contentType: "message/rfc822"])
            #expect(bounced.status == .ok)
            #expect(try bounced.json["kind"] == "hardBounce")
            let after = try #require(try await Self.messages(app, "?customer_email=kim@example.com").first)
            #expect(after["status"] == "bounced")
            #expect(try await app.store.isSuppressed(shopID: app.shop.id, channel: "email", address: "KIM@example.com"))

            // A reply to the email becomes a conversation message, once.
            let reply = """
                From: Kim <kim@example.com>\r
                To: shop@example.com\r
                Subject: Re: Something went wrong?\r
                Message-ID: <reply-1@example.com>\r
                In-Reply-To: <\(messageID)>\r
                \r
                Does the jacket come in M?\r
                \r
                On Tue, Shop wrote:\r
                > You left a few things in your cart.\r

                """
            let replied = try await app.request(.post, "/v1/inbound/email", body: Array(reply.utf8))
            #expect(replied.status == .created)
            let conversationID = try #require(try replied.json["conversation_id"]?.stringValue)
            let again = try await app.request(.post, "/v1/inbound/email", body: Array(reply.utf8))
            #expect(try again.json["duplicate"] == true)
            let conversation = try await app.request(.get, "/v1/conversations/\(conversationID)").json
            #expect(conversation["channel"] == "email")
            #expect(conversation["messages"]?.arrayValue?.count == 1)
            #expect(conversation["messages"]?.arrayValue?.first?["text"] == "Does the jacket come in M?")
            let garbage = try await app.request(.post, "/v1/inbound/email", body: Array("hello".utf8))
            #expect(garbage.status == .unprocessableContent)
        }
    }

    /// SMS through a fake that speaks Twilio's wire format: sent with a signed status callback, STOP, START, HELP and
    /// a question answered by the inbound webhook, forged signatures refused.
    @Test(arguments: TestEngine.available)
    func smsRoundTrip(engine: TestEngine) async throws {
        let twilio = try FixtureServer(script: "fake_http.py", arguments: [])
        defer { twilio.stop() }
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            let settings: JSONValue = [
                "sms": [
                    "base_url": .string("http://127.0.0.1:\(twilio.port)"), "account_sid": "AC123", "auth_token": "token",
                    "from": "+15005550006", "help_text": "Demo Shop: help at shop.example/help. STOP to opt out.",
                ],
                "branding": ["store_url": "https://shop.example"],
            ]
            #expect(try await app.request(.patch, "/v1/settings", json: settings).status == .ok)
            try await app.request(.post, "/v1/flows", json: ["template": "sms_cart"])
            var event = EventAPITests.cartEvent("s1", email: nil)
            if case .object(var object) = event, case .object(var properties)? = object["properties"] {
                object["customer"] = ["phone": "+4915112345678"]
                properties["sms_consent"] = true
                object["properties"] = .object(properties)
                event = .object(object)
            }
            #expect(try await app.request(.post, "/v1/events", json: event).status.code < 300)
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            // The SMS step waits 2–4 h and respects quiet hours: move on a day to be sure it is due.
            app.clock.advance(by: 86400)
            try await app.runFlows()
            try await app.dispatch()
            let sms = try #require(try await Self.messages(app).first { $0["channel"] == "sms" })
            #expect(sms["status"] == "sent")
            let sid = try #require(sms["provider_id"]?.stringValue)
            #expect(sms["subject"] == "1 segment(s), gsm7" || sms["subject"] == "2 segment(s), gsm7")
            // The text carries a short tracked link that rebuilds the cart.
            let seen = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(twilio.port)/requests"), timeout: .seconds(5))
            let log = String(buffer: try await seen.body.collect(upTo: 1 << 20))
            // The form body is URL-encoded in the fake's log.
            let encoded = try #require(log.range(of: #"%2Fs%2F[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(log[$0]) })
            let short = encoded.replacingOccurrences(of: "%2F", with: "/")
            let followed = try await app.request(.get, short)
            #expect(followed.status == .found)
            #expect(followed.headers[.location]?.hasPrefix("https://shop.example") == true)
            #expect(try await app.request(.get, "/s/unknown").status == .badRequest)

            func post(_ path: String, _ form: [(String, String)], token: String = "token") async throws -> TestResponse {
                let url = TestApp.publicURL + path
                let signature = TwilioSignature.compute(authToken: token, url: url, parameters: form)
                return try await app.request(
                    .post,
                    path,
                    body: Array(FormEncoding.encode(form).utf8),
                    headers: [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Twilio-Signature")!: signature]
                )
            }
            let shop = app.shop.id.rawValue
            #expect(try await post("/webhooks/twilio/\(shop)/status", [("MessageSid", sid), ("MessageStatus", "delivered")]).status == .noContent)
            // Clicked already (the short link above): the delivery report fills delivered_at and keeps the later state.
            let delivered = try await Self.messages(app).first { $0["channel"] == "sms" }
            #expect(delivered?["status"] == "clicked" && delivered?["delivered_at"] != .null)
            let forged = try await post("/webhooks/twilio/\(shop)/status", [("MessageSid", sid), ("MessageStatus", "failed")], token: "wrong")
            #expect(forged.status == .forbidden)

            let inbound = "/webhooks/twilio/\(shop)/inbound"
            let from = ("From", "+4915112345678")
            let to = ("To", "+15005550006")
            let help = try await post(inbound, [from, to, ("Body", "HELP"), ("MessageSid", "SMin1")])
            #expect(help.text.contains("help at shop.example/help"))
            let question = try await post(inbound, [from, to, ("Body", "Is the jacket waterproof?"), ("MessageSid", "SMin2")])
            #expect(question.text.contains("<Response/>"))
            let conversations = try await app.request(.get, "/v1/conversations").json["data"]?.arrayValue ?? []
            #expect(conversations.first?["channel"] == "sms")
            let stop = try await post(inbound, [from, to, ("Body", "Stop"), ("MessageSid", "SMin3")])
            #expect(stop.text.contains("unsubscribed"))
            let customer = try #require(try await app.store.customer(shopID: app.shop.id, phone: "+4915112345678"))
            #expect(customer.smsConsent?.granted == false)
            #expect(try await app.store.isSuppressed(shopID: app.shop.id, channel: "sms", address: "+4915112345678"))
            let start = try await post(inbound, [from, to, ("Body", "START"), ("MessageSid", "SMin4")])
            #expect(start.text.contains("subscribed again"))
            #expect(try await app.store.customer(shopID: app.shop.id, phone: "+4915112345678")?.smsConsent?.granted == true)
            #expect(try await app.store.isSuppressed(shopID: app.shop.id, channel: "sms", address: "+4915112345678") == false)
        }
    }

    /// Templates: a shop's own version replaces the shipped one, a broken one is refused with line and column, and
    /// the preview renders a real cart.
    @Test(arguments: TestEngine.available)
    func templatesAreCheckedAndPreviewed(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let broken: JSONValue = ["subject": "Hi", "html": "<p>{{#cart}}never closed</p>", "text": "x"]
            let refused = try await app.request(.put, "/v1/templates/cart_recovery.help/en", json: broken)
            #expect(refused.status == .unprocessableContent)
            #expect(try refused.json["errors"]?.arrayValue?.first?["detail"]?.stringValue?.contains("line 1") == true)
            let own: JSONValue = [
                "subject": "Your cart at {{shop.name}}", "html": "<p>{{#cart.lines}}{{title}} {{/cart.lines}}{{unknown.thing}}</p>",
                "text": "{{cart.total}}",
            ]
            #expect(try await app.request(.put, "/v1/templates/cart_recovery.help/en", json: own).status == .ok)
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("p1"))
            let cart = try #require(try await app.request(.get, "/v1/carts").json["data"]?.arrayValue?.first?["id"]?.stringValue)
            let preview = try await app.request(
                .post,
                "/v1/templates/preview",
                json: ["template": "cart_recovery.help", "cart_id": .string(cart), "locale": "en"]
            )
            #expect(preview.status == .ok)
            #expect(try preview.json["subject"] == .string("Your cart at \(app.shop.name)"))
            #expect(try preview.json["text"]?.stringValue?.contains("25") == true)
            #expect(try preview.json["missing_variables"]?.arrayValue?.contains("unknown.thing") == true)
            let german = try await app.request(.post, "/v1/templates/preview", json: ["template": "win_back.miss_you", "locale": "de"])
            #expect(try german.json["subject"]?.stringValue?.hasPrefix("Wir vermissen Sie") == true)
            let listed = try await app.request(.get, "/v1/templates").json["data"]?.arrayValue ?? []
            #expect(listed.contains { $0["id"] == "cart_recovery.help" && $0["locale"] == "en" && $0["source"] == "shop" })
            #expect(listed.contains { $0["id"] == "loyalty_tier.vip" && $0["locale"] == "de" })
        }
    }
}
