public import Foundation
public import ReboundAnswers
public import ReboundCore
public import ReboundStore

/// One shop's bot at one knowledge version: its indexed knowledge, its intent model, its facts and the
/// secret its portal signs with. Built by ``KnowledgeCache`` and shared until the version moves on.
public struct ShopBot: Sendable {
    public let version: Int64
    public let bot: AnswerBot
    public let facts: ShopFacts
    /// The stored facts document, as `GET /v1/knowledge/facts` shows it (after redaction).
    public let factsDocument: JSONValue
    let formSecret: String

    public var knowledge: ShopKnowledge { bot.knowledge }

    /// Most products the bot indexes; beyond this a catalogue is answered from the first ones by id.
    static let catalogueLimit = 20_000

    /// Reads everything the bot answers from and trains the intent model on the shop's examples.
    static func load(shop: Shop, store: Store, now: Date) async throws -> ShopBot {
        let state = try await store.knowledgeState(shopID: shop.id, now: now)
        let document = (try? JSONValue.parse(Array(state.facts.utf8))) ?? .object([:])
        // Stored facts were checked when they were saved; a problem here would mean a newer server wrote them.
        let facts = ShopFacts.parse(document, currency: shop.currency.rawValue).0
        let articles = try await store.knowledgeArticles(shopID: shop.id).map(KnowledgeMapping.article)
        var catalogue: [CatalogueProduct] = []
        var after: String?
        repeat {
            let page = try await store.products(shopID: shop.id, filter: .init(), after: after, limit: 500)
            catalogue += page.items.filter { $0.status == "active" }.map(KnowledgeMapping.product)
            after = page.nextCursor
        } while after != nil && catalogue.count < catalogueLimit
        let profile = ShopProfile(
            id: shop.id.rawValue,
            name: shop.name,
            currency: shop.currency.rawValue,
            defaultLocale: facts.defaultLocale,
            timeZone: shop.timeZone
        )
        let knowledge = ShopKnowledge(
            shop: profile,
            articles: articles,
            catalogue: catalogue,
            shipping: facts.shipping,
            returns: facts.returns,
            trust: facts.trust,
            incentives: facts.incentives,
            synonyms: facts.synonyms
        )
        let model = try await intentModel(store.intentExamples(shopID: shop.id))
        return ShopBot(
            version: state.version,
            bot: AnswerBot(knowledge: knowledge, intentModel: model),
            facts: facts,
            factsDocument: document,
            formSecret: state.formSecret
        )
    }

    /// A model for the language with most examples; nil with fewer than two intents in it.
    static func intentModel(_ examples: [IntentExampleRecord]) throws -> IntentClassifier? {
        let byLanguage = Dictionary(grouping: examples, by: \.language)
        guard let best = byLanguage.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
            let language = TextLanguage(localeIdentifier: best.key), Set(best.value.map(\.intent)).count >= 2
        else { return nil }
        let chosen = best.value
        return try IntentClassifier.train(
            chosen.map { IntentExample(text: $0.text, label: IntentExample.Label($0.intent)) },
            configuration: .init(features: .init(language: language))
        )
    }
}

/// Each shop's ``ShopBot``, rebuilt when the shop's knowledge version moves on.
///
/// One indexed read per request tells whether the cached bot is current, so several server processes stay
/// in step without messages between them; the intent model is trained once per version and process.
public actor KnowledgeCache {
    private var bots: [Shop.ID: ShopBot] = [:]
    private var building: [Shop.ID: (version: Int64, task: Task<ShopBot, any Error>)] = [:]

    public init() {}

    /// The shop's current bot.
    public func bot(for shop: Shop, store: Store, now: Date) async throws -> ShopBot {
        let version = try await store.knowledgeVersion(shopID: shop.id)
        if let cached = bots[shop.id], cached.version == version { return cached }
        // Requests that arrive while the bot is being built wait for that build instead of training again.
        if let pending = building[shop.id], pending.version == version { return try await pending.task.value }
        let task = Task { try await ShopBot.load(shop: shop, store: store, now: now) }
        building[shop.id] = (version, task)
        defer { if building[shop.id]?.version == version { building[shop.id] = nil } }
        let built = try await task.value
        if (bots[shop.id]?.version ?? -1) <= built.version { bots[shop.id] = built }
        return built
    }
}
