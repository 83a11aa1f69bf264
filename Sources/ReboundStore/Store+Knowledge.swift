public import Foundation
public import ReboundCore
import SQLKit

/// A help-centre article as stored: one row per id and locale.
public struct KnowledgeArticleRecord: Sendable, Hashable {
    public var id: String
    public var locale: String
    public var title: String
    /// Markdown.
    public var body: String
    public var url: String?
    public var section: String?
    public var tags: [String]
    public var intents: [String]
    public var updatedAt: Date

    public init(
        id: String,
        locale: String,
        title: String,
        body: String,
        url: String? = nil,
        section: String? = nil,
        tags: [String] = [],
        intents: [String] = [],
        updatedAt: Date
    ) {
        self.id = id
        self.locale = locale
        self.title = title
        self.body = body
        self.url = url
        self.section = section
        self.tags = tags
        self.intents = intents
        self.updatedAt = updatedAt
    }
}

/// What a shop's knowledge is at one version: its facts document and the secret its portal signs with.
public struct KnowledgeState: Sendable, Hashable {
    /// Moves on with every change of articles, facts or intent examples.
    public var version: Int64
    /// The facts document (shipping, returns, trust, incentives, synonyms, LLM) as the API stored it.
    public var facts: String
    /// Signs the self-service portal's forms and order links.
    public var formSecret: String
}

/// A labelled utterance of a shop, for its intent model.
public struct IntentExampleRecord: Sendable, Hashable {
    /// `en` or `de`: the analyser the model is trained with.
    public var language: String
    public var intent: String
    public var text: String

    public init(language: String, intent: String, text: String) {
        self.language = language
        self.intent = intent
        self.text = text
    }
}

extension Store {
    static let knowledgeArticleColumns = "id, locale, title, body, url, section, tags, intents, updated_at"

    static func knowledgeArticle(from row: any SQLRow) throws -> KnowledgeArticleRecord {
        KnowledgeArticleRecord(
            id: try row.string("id"),
            locale: try row.string("locale"),
            title: try row.string("title"),
            body: try row.string("body"),
            url: try row.optionalString("url"),
            section: try row.optionalString("section"),
            tags: try JSONColumn.decode([String].self, from: try row.string("tags")),
            intents: try JSONColumn.decode([String].self, from: try row.string("intents")),
            updatedAt: try row.date("updated_at")
        )
    }

    /// The shop's knowledge version and facts; the row is created (version 0, no facts) on first use.
    public func knowledgeState(shopID: Shop.ID, now: Date) async throws -> KnowledgeState {
        if let state = try await read({ db in try await Store.knowledgeState(shopID: shopID, in: db) }) { return state }
        return try await write { db in
            try await db.raw(
                """
                INSERT INTO knowledge_state (shop_id, version, facts, form_secret, updated_at)
                VALUES (\(bind: shopID.rawValue), 0, '{}', \(bind: RandomToken.make(byteCount: 32)), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id) DO NOTHING
                """
            ).run()
            guard let state = try await Store.knowledgeState(shopID: shopID, in: db) else { throw StoreError.notFound("knowledge of \(shopID)") }
            return state
        }
    }

    /// Only the version: one indexed read, so a request can tell whether its cached knowledge is still current.
    public func knowledgeVersion(shopID: Shop.ID) async throws -> Int64 {
        try await read { db in
            try await db.raw("SELECT version FROM knowledge_state WHERE shop_id = \(bind: shopID.rawValue)").first()?.int("version") ?? 0
        }
    }

    static func knowledgeState(shopID: Shop.ID, in db: any SQLDatabase) async throws -> KnowledgeState? {
        try await db.raw("SELECT version, facts, form_secret FROM knowledge_state WHERE shop_id = \(bind: shopID.rawValue)").first().map {
            KnowledgeState(version: try $0.int("version"), facts: try $0.string("facts"), formSecret: try $0.string("form_secret"))
        }
    }

    /// Moves the version on (creating the row when needed), inside the transaction that changed something.
    static func bumpKnowledgeVersion(shopID: Shop.ID, now: Date, facts: String? = nil, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO knowledge_state (shop_id, version, facts, form_secret, updated_at)
            VALUES (\(bind: shopID.rawValue), 1, \(bind: facts ?? "{}"), \(bind: RandomToken.make(byteCount: 32)), \(bind: now.epochMilliseconds))
            ON CONFLICT (shop_id) DO UPDATE SET version = knowledge_state.version + 1, updated_at = excluded.updated_at
            """
        ).run()
        if let facts {
            try await db.raw("UPDATE knowledge_state SET facts = \(bind: facts) WHERE shop_id = \(bind: shopID.rawValue)").run()
        }
    }

    /// Every article of the shop, in the order they were first added.
    public func knowledgeArticles(shopID: Shop.ID) async throws -> [KnowledgeArticleRecord] {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.knowledgeArticleColumns) FROM knowledge_articles WHERE shop_id = \(bind: shopID.rawValue)
                ORDER BY position, id, locale
                """
            ).all().map(Store.knowledgeArticle(from:))
        }
    }

    /// The translations of one article.
    public func knowledgeArticle(shopID: Shop.ID, id: String) async throws -> [KnowledgeArticleRecord] {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.knowledgeArticleColumns) FROM knowledge_articles WHERE shop_id = \(bind: shopID.rawValue)
                    AND id = \(bind: id) ORDER BY locale
                """
            ).all().map(Store.knowledgeArticle(from:))
        }
    }

    /// Adds or replaces articles (by id and locale) in one transaction; returns how many were new.
    @discardableResult
    public func saveKnowledgeArticles(_ articles: [KnowledgeArticleRecord], shopID: Shop.ID, now: Date) async throws -> Int {
        guard !articles.isEmpty else { return 0 }
        return try await write { db in
            let shop = shopID.rawValue
            var position =
                try await db.raw("SELECT COALESCE(MAX(position), 0) AS top FROM knowledge_articles WHERE shop_id = \(bind: shop)").first()?.int("top")
                ?? 0
            var created = 0
            for article in articles {
                position += 1
                // An update keeps the article's place in the list; only new articles take the next position.
                let rows = try await db.raw(
                    """
                    INSERT INTO knowledge_articles (shop_id, id, locale, title, body, url, section, tags, intents, position, updated_at)
                    VALUES (\(bind: shop), \(bind: article.id), \(bind: article.locale), \(bind: article.title), \(bind: article.body),
                        \(bind: article.url), \(bind: article.section), \(bind: JSONColumn.encode(article.tags)),
                        \(bind: JSONColumn.encode(article.intents)), \(bind: position), \(bind: now.epochMilliseconds))
                    ON CONFLICT (shop_id, id, locale) DO UPDATE SET title = excluded.title, body = excluded.body, url = excluded.url,
                        section = excluded.section, tags = excluded.tags, intents = excluded.intents, updated_at = excluded.updated_at
                    RETURNING position
                    """
                ).all()
                if try rows.first?.int("position") == position { created += 1 }
            }
            try await Store.bumpKnowledgeVersion(shopID: shopID, now: now, in: db)
            return created
        }
    }

    /// Deletes an article (one locale, or every translation); returns how many rows went.
    @discardableResult
    public func deleteKnowledgeArticle(shopID: Shop.ID, id: String, locale: String?, now: Date) async throws -> Int {
        try await write { db in
            var query = SQLQueryString("DELETE FROM knowledge_articles WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)")
            if let locale { query += " AND locale = \(bind: locale)" }
            query += " RETURNING id"
            let count = try await db.raw(query).all().count
            if count > 0 { try await Store.bumpKnowledgeVersion(shopID: shopID, now: now, in: db) }
            return count
        }
    }

    /// Replaces the facts document.
    public func saveKnowledgeFacts(_ facts: String, shopID: Shop.ID, now: Date) async throws {
        try await write { db in try await Store.bumpKnowledgeVersion(shopID: shopID, now: now, facts: facts, in: db) }
    }

    /// Replaces the shop's labelled examples; the intent model is retrained from them on next use.
    public func replaceIntentExamples(_ examples: [IntentExampleRecord], shopID: Shop.ID, now: Date) async throws {
        try await write { db in
            let shop = shopID.rawValue
            try await db.raw("DELETE FROM intent_examples WHERE shop_id = \(bind: shop)").run()
            var seq: Int64 = 0
            // 5 binds a row: 500 rows a statement stays under both engines' bind limits.
            for chunk in examples.chunked(into: 500) {
                var query = SQLQueryString("INSERT INTO intent_examples (shop_id, seq, language, intent, text) VALUES ")
                for (i, example) in chunk.enumerated() {
                    seq += 1
                    if i > 0 { query += ", " }
                    query += "(\(bind: shop), \(bind: seq), \(bind: example.language), \(bind: example.intent), \(bind: example.text))"
                }
                try await db.raw(query).run()
            }
            try await Store.bumpKnowledgeVersion(shopID: shopID, now: now, in: db)
        }
    }

    public func intentExamples(shopID: Shop.ID) async throws -> [IntentExampleRecord] {
        try await read { db in
            try await db.raw("SELECT language, intent, text FROM intent_examples WHERE shop_id = \(bind: shopID.rawValue) ORDER BY seq").all().map {
                IntentExampleRecord(language: try $0.string("language"), intent: try $0.string("intent"), text: try $0.string("text"))
            }
        }
    }

    /// Orders whose number (or platform id) matches what a shopper typed: the candidates for an order check.
    ///
    /// `number` is compared as typed, with `#` and without: shops store `#1001` (Shopify) or `1001` (WooCommerce).
    public func ordersForLookup(shopID: Shop.ID, number: String) async throws -> [Order] {
        let bare = number.filter { $0 != "#" && !$0.isWhitespace }
        guard !bare.isEmpty else { return [] }
        return try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.orderColumns) FROM orders WHERE shop_id = \(bind: shopID.rawValue)
                    AND (number = \(bind: bare) OR number = \(bind: "#" + bare) OR number = \(bind: number) OR external_id = \(bind: bare))
                ORDER BY placed_at DESC LIMIT 5
                """
            ).all().map(Store.order(from:))
        }
    }
}
