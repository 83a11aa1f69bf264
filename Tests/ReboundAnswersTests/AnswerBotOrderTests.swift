import Foundation
import ReboundAnswers
import Testing

@Suite struct AnswerBotOrderTests {
    @Test func whereIsMyOrderAsksForProofFirst() throws {
        let bot = try BotFixtures.bot()
        for (q, locale) in [
            ("Where is my order?", "en"), ("how do I track my parcel", "en"), ("Wo ist mein Paket?", "de"), ("Wo bleibt meine Bestellung?", "de"),
        ] {
            let d = bot.decide(BotFixtures.request(q, locale: locale))
            #expect(d.kind == .askForVerification, "\(q)")
            #expect(d.intent == "track_order" && d.has(.orderVerificationRequired))
        }
        guard case .askForVerification(let v) = bot.decide(BotFixtures.request("where is my order #9999? my email is Jon@Example.com")) else {
            Issue.record("expected a verification request")
            return
        }
        #expect(v.claim == OrderClaim(orderNumber: "9999", email: "Jon@Example.com"))
        #expect(v.text == "Thanks! Let me look up order 9999.")
        #expect(OrderClaim.extract(from: "Bestellung Nr. 1001, E-Mail: a@b.de").orderNumber == "1001")
    }

    @Test func verifierNeedsNumberAndEmailAndTellsNothingOnFailure() throws {
        let order = try BotFixtures.shopifyOrder()
        #expect(OrderVerifier.verify(orderNumber: "#9999", email: " JON@example.com ", candidates: [order]) == .verified(order))
        #expect(OrderVerifier.verify(orderNumber: "9999", email: "jon@example.com", candidates: [order]) == .verified(order))
        let wrongEmail = OrderVerifier.verify(orderNumber: "#9999", email: "mallory@example.com", candidates: [order])
        let noSuchOrder = OrderVerifier.verify(orderNumber: "#1234567", email: "jon@example.com", candidates: [])
        let wrongNumber = OrderVerifier.verify(orderNumber: "#1000", email: "jon@example.com", candidates: [order])
        #expect(wrongEmail == .notVerified && noSuchOrder == .notVerified && wrongNumber == .notVerified)
        #expect(OrderVerifier.verify(orderNumber: "", email: "", candidates: [order]) == .notVerified)
    }

    @Test func wrongEmailAnswersExactlyLikeANonExistentOrder() throws {
        let bot = try BotFixtures.bot()
        let order = try BotFixtures.shopifyOrder()
        func attempt(_ number: String, _ email: String, candidates: [OrderRecord]) -> BotDecision {
            let context: OrderContext
            switch OrderVerifier.verify(orderNumber: number, email: email, candidates: candidates) {
            case .verified(let o): context = .verified(o)
            case .notVerified: context = .verificationFailed
            }
            var request = BotFixtures.request("\(number) \(email)", order: context)
            request.failedVerifications = 1
            return bot.decide(request)
        }
        // The question text differs (it carries what the shopper typed), so compare with the same message.
        var wrong = BotFixtures.request("here you go", order: .verificationFailed)
        wrong.failedVerifications = 1
        var missing = wrong
        #expect(OrderVerifier.verify(orderNumber: "#424242", email: "jon@example.com", candidates: []) == .notVerified)
        missing.order = .verificationFailed
        let a = bot.decide(wrong)
        let b = bot.decide(missing)
        #expect(a == b)
        #expect(
            a.kind == .askForVerification
                && a.text == "I couldn't find an order with that order number and email address. Please check both and try again."
        )
        // Nothing about the real order leaks into the reply to a wrong email.
        let leak = attempt("#9999", "mallory@example.com", candidates: [order])
        for secret in ["Aviator", "Steve", "Shipping Street", "404.95", "jon@example.com"] { #expect(!leak.text.contains(secret)) }
        #expect(leak.text == a.text && leak.reasons == a.reasons)
    }

    @Test func tooManyFailedAttemptsHandOver() throws {
        var request = BotFixtures.request("9999 someone@example.com", order: .verificationFailed)
        request.failedVerifications = 3
        let d = try BotFixtures.bot().decide(request)
        #expect(d.kind == .handoff && d.has(.tooManyVerificationAttempts))
    }

    @Test func verifiedOrderStatusWithTrackingLink() throws {
        let bot = try BotFixtures.bot()
        let woo = try BotFixtures.wooOrder()
        let d = bot.decide(BotFixtures.request("where is my order?", order: .verified(woo)))
        #expect(d.kind == .answer)
        #expect(
            d.text == "Order 727, placed on 22 March 2017, was delivered on 25 March 2017. Tracking (UPS): https://tracking.example/TEST-TRACKING-727"
        )
        #expect(d.sources.first?.kind == .order && d.has(.orderVerified))
        let shopify = try BotFixtures.shopifyOrder()
        let s = bot.decide(BotFixtures.request("#9999 jon@example.com", order: .verified(shopify)))
        #expect(s.text == "Order #9999, placed on 1 January 2022, is being prepared and has not shipped yet.")
        #expect(s.sources.first?.url == shopify.statusURL)
        let de = bot.decide(BotFixtures.request("Wo ist meine Bestellung?", locale: "de", order: .verified(woo)))
        #expect(de.text.hasPrefix("Bestellung 727 vom 22. März 2017, wurde am 25. März 2017 zugestellt. Sendungsverfolgung (UPS): https://"))
    }
}
