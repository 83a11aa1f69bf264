import Foundation
import ReboundAnswers
import Testing

/// A clock whose sleeps end at once: the timeout fires before a phraser that waits.
struct ImmediateClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    var now: Instant { Instant(offset: .zero) }
    var minimumResolution: Duration { .zero }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws { try Task.checkCancellation() }
}

/// A clock whose sleeps end only when cancelled: the timeout never fires.
struct NeverClock: Clock {
    typealias Instant = ImmediateClock.Instant
    var now: Instant { Instant(offset: .zero) }
    var minimumResolution: Duration { .zero }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        // A stream that never yields ends its iteration only when the task is cancelled.
        let (stream, _) = AsyncStream<Never>.makeStream()
        for await _ in stream {}
        throw CancellationError()
    }
}

struct FakePhraser: AnswerPhraser {
    enum Behaviour: Sendable {
        case text(String)
        case fail
        case hang
    }

    let behaviour: Behaviour

    struct Failure: Error {}

    func phrase(_ request: PhrasingRequest) async throws -> String {
        switch behaviour {
        case .text(let t): return t
        case .fail: throw Failure()
        case .hang:
            let (stream, _) = AsyncStream<Never>.makeStream()
            for await _ in stream {}
            throw CancellationError()
        }
    }
}

@Suite struct PhraserTests {
    let question = "How long does shipping take?"

    func answerBot() throws -> AnswerBot {
        // Only articles: the shipping question is answered from the FAQ, not from zones.
        AnswerBot(knowledge: ShopKnowledge(shop: BotFixtures.shop, articles: try BotFixtures.faqArticles()))
    }

    @Test func phrasedTextReplacesTheDraft() async throws {
        let bot = try answerBot()
        let draft = bot.decide(BotFixtures.request(question))
        let phrased = "Standard shipping takes 3-5 business days; express takes 1-2. See /help/demo/articles/faq-6"
        let d = await bot.respond(
            to: BotFixtures.request(question),
            phraser: FakePhraser(behaviour: .text(phrased)),
            timeout: .seconds(5),
            clock: NeverClock()
        )
        #expect(d.text == phrased && d.has(.phrased))
        #expect(d.sources == draft.sources)
    }

    @Test func failureAndTimeoutFallBackToRetrieval() async throws {
        let bot = try answerBot()
        let draft = bot.decide(BotFixtures.request(question))
        let failed = await bot.respond(
            to: BotFixtures.request(question),
            phraser: FakePhraser(behaviour: .fail),
            timeout: .seconds(5),
            clock: NeverClock()
        )
        #expect(failed.text == draft.text && failed.has(.phraserFailed) && failed.sources == draft.sources)
        let slow = await bot.respond(
            to: BotFixtures.request(question),
            phraser: FakePhraser(behaviour: .hang),
            timeout: .seconds(2),
            clock: ImmediateClock()
        )
        #expect(slow.text == draft.text && slow.has(.phraserTimedOut))
        let none = await bot.respond(to: BotFixtures.request(question), phraser: nil, timeout: .seconds(2), clock: ImmediateClock())
        #expect(none == draft)
    }

    @Test(arguments: [
        ("", "empty"),
        ("Shipping takes 3-5 days. Details: https://evil.example/phish", "links to https://evil.example/phish"),
        ("Shipping takes 3-5 days, and today you get 50% off!", "states 50 %"),
        (String(repeating: "long ", count: 300), "longer than"),
    ])
    func unusablePhrasingsAreRejected(_ text: String, _ problem: String) async throws {
        let bot = try answerBot()
        let draft = bot.decide(BotFixtures.request(question))
        let d = await bot.respond(
            to: BotFixtures.request(question),
            phraser: FakePhraser(behaviour: .text(text)),
            timeout: .seconds(5),
            clock: NeverClock()
        )
        #expect(d.text == draft.text)
        #expect(d.reasons.contains { $0.code == .phraserRejected && ($0.detail ?? "").hasPrefix(problem) })
    }

    @Test func factsOffersAndHandoffsAreNeverRephrased() async throws {
        let bot = try BotFixtures.bot()
        let phraser = FakePhraser(behaviour: .text("Anything"))
        for q in ["Do you ship to Canada?", "too expensive", "agent", "where is my order?"] {
            let request = BotFixtures.request(q, cart: BotFixtures.cart)
            let d = await bot.respond(to: request, phraser: phraser, timeout: .seconds(1), clock: NeverClock())
            #expect(d == bot.decide(request), "\(q)")
        }
    }
}
