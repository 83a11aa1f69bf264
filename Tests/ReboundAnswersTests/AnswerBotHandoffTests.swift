import Foundation
import ReboundAnswers
import Testing

@Suite struct AnswerBotHandoffTests {
    @Test(arguments: [
        ("agent", "en"), ("I want to talk to a person", "en"), ("can I speak with someone", "en"), ("real human please", "en"),
        ("Ich möchte mit einem Mitarbeiter sprechen", "de"), ("mensch bitte", "de"), ("Kann ich mit jemandem reden?", "de"),
    ])
    func askingForAHumanHandsOverWithASummary(_ question: String, _ locale: String) throws {
        var request = BotFixtures.request(question, locale: locale, cart: BotFixtures.cart)
        request.previousAttempts = ["answered \"How long does shipping take?\""]
        let d = try BotFixtures.bot().decide(request)
        guard case .handoff(let h) = d else { Issue.record("\(question): expected a hand-over, got \(d.kind)"); return }
        #expect(h.reasons.contains { $0.code == .askedForHuman })
        #expect(h.intent == "contact_human_agent" && h.question == question && h.cart == BotFixtures.cart)
        #expect(h.tried == ["answered \"How long does shipping take?\""])
        #expect(h.agentSummary.contains("Question: \(question)") && h.agentSummary.contains("Example T-Shirt (Medium) × 2"))
        #expect(h.text.contains(locale == "de" ? "Team" : "team"))
    }

    @Test func lowConfidenceHandsOverAndSaysWhatWasTried() throws {
        let bot = try BotFixtures.bot()
        let mars = bot.decide(BotFixtures.request("What's the weather like on Mars today?"))
        #expect(mars.kind == .handoff && mars.has(.noSource))
        let vague = bot.decide(BotFixtures.request("can I pay with paypal"))
        guard case .handoff(let h) = vague else { Issue.record("expected a hand-over"); return }
        #expect(h.reasons.contains { $0.code == .lowConfidence })
        #expect(h.tried.first?.hasPrefix("articles: \"What payment methods do you accept?\" coverage") == true)
        #expect(h.confidence > 0 && h.confidence < 0.55)
    }

    @Test func everyAnswerHasASource() throws {
        let bot = try BotFixtures.bot()
        let articles = try BotFixtures.faqArticles()
        var answered = 0
        for article in articles {
            let d = bot.decide(BotFixtures.request(article.title))
            if d.kind == .answer || d.kind == .incentive {
                answered += 1
                #expect(!d.sources.isEmpty && d.sources.allSatisfy { !$0.title.isEmpty })
            }
        }
        // Asking the FAQ's own questions: nearly all are answered, from some source.
        #expect(answered >= 70)
        let d = bot.decide(BotFixtures.request("How can I create an account?"))
        #expect(d.text.hasPrefix("To create an account, click on the 'Sign Up' button"))
        #expect(
            d.sources == [AnswerSource(kind: .article, title: "How can I create an account?", url: "/help/demo/articles/faq-1", articleID: "faq-1")]
        )
    }

    @Test func emptyAndEnormousQuestions() throws {
        let bot = try BotFixtures.bot()
        for empty in ["", "   \n\t ", "?!?", "😀"] {
            let d = bot.decide(BotFixtures.request(empty))
            #expect(d.kind == .clarify && d.has(.emptyQuestion), "\(empty)")
        }
        let enormous = "Do you ship to Canada? " + String(repeating: "blah ", count: 400_000)
        let clock = ContinuousClock()
        let start = clock.now
        let d = bot.decide(BotFixtures.request(enormous))
        #expect(clock.now - start < .seconds(5))
        #expect(d.kind == .answer && d.text.hasPrefix("Yes, we ship to Canada.") && d.has(.questionTruncated))
        let noise = String(repeating: "x", count: 2_000_000)
        let n = bot.decide(BotFixtures.request(noise))
        #expect(n.kind == .handoff && n.has(.questionTruncated))
        if case .handoff(let h) = n { #expect(h.question.count == 1_000) }
    }

    @Test func shopSynonymsExpandQuestions() throws {
        let articles = try BotFixtures.faqArticles()
        let plain = AnswerBot(knowledge: ShopKnowledge(shop: BotFixtures.shop, articles: articles))
        #expect(plain.decide(BotFixtures.request("can I pay with paypal")).kind == .handoff)
        let withSynonyms = AnswerBot(
            knowledge: ShopKnowledge(shop: BotFixtures.shop, articles: articles, synonyms: [.english: ["pay": ["payment", "methods"]]])
        )
        let d = withSynonyms.decide(BotFixtures.request("can I pay with paypal"))
        #expect(d.kind == .answer && d.sources.first?.articleID == "faq-2")
    }

    @Test func trustObjections() throws {
        let bot = try BotFixtures.bot()
        let en = bot.decide(BotFixtures.request("Is this shop legit or a scam?"))
        #expect(en.kind == .answer && en.sources == [BotFixtures.trust.source])
        #expect(
            en.text.hasPrefix(
                "This shop has been run by Demo Shop GmbH since 2015. Address: Beispielstraße 1, 10115 Berlin. We're rated 4.7 out of 5 on Trusted Shops from 1250 reviews."
            )
        )
        let de = bot.decide(BotFixtures.request("Ist der Shop seriös?", locale: "de"))
        #expect(de.text.contains("4,7 von 5 Sternen aus 1250 Bewertungen") && de.intent == "trust")
    }
}
