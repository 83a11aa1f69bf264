import Foundation
import Hummingbird
import Logging
import ReboundAnswers
import ReboundCore
import ReboundStore

/// `/v1/knowledge/…`: the shop's help-centre articles (imported or one by one), its facts (shipping zones,
/// returns, trust, incentive rules, synonyms, the optional language model) and its labelled intent examples.
struct KnowledgeRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    /// Largest import file.
    static let importLimit = 8 * 1024 * 1024

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.post("knowledge/import") { request, context in try await self.importArticles(request, context: context) }
        group.get("knowledge/articles") { request, context in try await self.articles(request, context: context) }
        group.get("knowledge/articles/:id") { request, context in try await self.article(request, context: context) }
        group.put("knowledge/articles/:id") { request, context in try await self.saveArticle(request, context: context) }
        group.delete("knowledge/articles/:id") { request, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            let removed = try await store.deleteKnowledgeArticle(
                shopID: shop.id,
                id: id,
                locale: Query(request).string("locale"),
                now: environment.clock.now()
            )
            guard removed > 0 else { throw ProblemDetails.notFound("article \(id)") }
            return Response(status: .noContent)
        }
        group.get("knowledge/facts") { _, context in
            let shop = try context.requireShop()
            let bot = try await environment.knowledge.bot(for: shop, store: store, now: environment.clock.now())
            return JSONResponse(ShopFacts.redacted(bot.factsDocument))
        }
        group.put("knowledge/facts") { request, context in try await self.saveFacts(request, context: context) }
        group.put("knowledge/intents") { request, context in try await self.saveIntents(request, context: context) }
        group.get("knowledge/intents") { _, context in
            let shop = try context.requireShop()
            let examples = try await store.intentExamples(shopID: shop.id)
            var counts: [String: Int] = [:]
            for example in examples { counts[example.intent, default: 0] += 1 }
            return JSONResponse(
                .object([
                    "examples": .int(Int64(examples.count)),
                    "intents": .object(counts.mapValues { .int(Int64($0)) }),
                ])
            )
        }
    }

    static func dto(_ article: KnowledgeArticleRecord) -> JSONValue {
        .object([
            "id": .string(article.id), "locale": .string(article.locale), "title": .string(article.title), "body": .string(article.body),
            "url": DTO.string(article.url), "section": DTO.string(article.section), "tags": .array(article.tags.map(JSONValue.string)),
            "intents": .array(article.intents.map(JSONValue.string)), "updated_at": DTO.time(article.updatedAt),
        ])
    }

    static func issue(_ issue: KnowledgeImport.Issue) -> JSONValue {
        .object([
            "file": DTO.string(issue.file), "line": issue.line.map { .int(Int64($0)) } ?? .null, "json_path": DTO.string(issue.jsonPath),
            "reason": .string(issue.reason),
        ])
    }

    func importArticles(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        guard let formatText = query.string("format") else {
            throw ProblemDetails.badQuery(
                "format",
                "is required: one of " + KnowledgeImporter.Format.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        guard let format = try query.oneOf("format", KnowledgeImporter.Format.self) else { throw ProblemDetails.badQuery("format", formatText) }
        let locale = query.string("locale") ?? "en"
        let bytes = try await RequestBody.bytes(request, limit: Self.importLimit)
        guard !bytes.isEmpty else { throw ProblemDetails.validation(field: "(body)", "is empty: send the file as the body") }
        let result: KnowledgeImport.Result
        do {
            result = try KnowledgeImporter.parse(bytes, format: format, fileName: query.string("file_name") ?? "article.md", defaultLocale: locale)
        } catch let error as AnswersError {
            let place = error.jsonPath ?? error.line.map { "line \($0)" } ?? "(body)"
            throw ProblemDetails(
                .unprocessableContent,
                type: "malformed-import",
                title: "The file cannot be imported",
                detail: "\(place): \(error.message)",
                errors: [.init(field: place, detail: error.message)]
            )
        }
        let skipped = result.issues.map(Self.issue)
        if result.articles.isEmpty {
            throw ProblemDetails(
                .unprocessableContent,
                type: "malformed-import",
                title: "No article could be imported",
                detail: result.issues.first.map(\.description) ?? "the file holds no articles",
                errors: result.issues.map { .init(field: $0.jsonPath ?? $0.line.map { "line \($0)" } ?? $0.file ?? "(body)", detail: $0.reason) }
            )
        }
        let now = environment.clock.now()
        let created = try await KnowledgeImporter.save(result, shopID: shop.id, store: store, now: now)
        context.logger.info(
            "knowledge imported",
            metadata: [
                "rebound.knowledge.format": .string(format.rawValue), "rebound.knowledge.articles": .stringConvertible(result.articles.count),
                "rebound.knowledge.skipped": .stringConvertible(result.issues.count),
            ]
        )
        return JSONResponse(
            .object([
                "imported": .int(Int64(result.articles.count)), "created": .int(Int64(created)),
                "updated": .int(Int64(result.articles.count - created)), "skipped": .array(skipped),
                "articles": .array(result.articles.map { .object(["id": .string($0.id.rawValue), "locale": .string($0.locale)]) }),
            ]),
            status: .created
        )
    }

    func articles(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let locale = Query(request).string("locale")
        let all = try await store.knowledgeArticles(shopID: shop.id)
        return JSONResponse(DTO.list(all.filter { locale == nil || $0.locale == locale }.map(Self.dto), nextCursor: nil))
    }

    func article(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        let translations = try await store.knowledgeArticle(shopID: shop.id, id: id)
        let locale = Query(request).string("locale")
        guard let article = translations.first(where: { $0.locale == locale }) ?? (locale == nil ? translations.first : nil) else {
            throw ProblemDetails.notFound("article \(id)" + (locale.map { " in \($0)" } ?? ""))
        }
        guard case .object(var body) = Self.dto(article) else { throw ProblemDetails.internalError }
        body["locales"] = .array(translations.map { .string($0.locale) })
        return JSONResponse(.object(body))
    }

    /// `PUT /v1/knowledge/articles/{id}`: `{title, body, locale?, url?, section?, tags?, intents?}`, checked as an import is.
    func saveArticle(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        guard id.count <= 200 else { throw ProblemDetails.validation(field: "id", "at most 200 characters") }
        guard case .object(var object) = try await RequestBody.json(request, limit: 1024 * 1024) else {
            throw ProblemDetails.validation(field: "(body)", "must be an article object")
        }
        object["id"] = .string(id)
        var bytes: [UInt8] = []
        JSONValue.array([.object(object)]).write(into: &bytes)
        let result = try KnowledgeImport.json(bytes)
        guard let article = result.articles.first else {
            let errors = result.issues.map { issue -> ProblemDetails.FieldError in
                let field = issue.jsonPath.map { $0.replacingOccurrences(of: "$[0].", with: "").replacingOccurrences(of: "$[0]", with: "(body)") }
                return .init(field: field ?? "(body)", detail: issue.reason)
            }
            throw ProblemDetails.validation(errors)
        }
        let now = environment.clock.now()
        let created = try await store.saveKnowledgeArticles([KnowledgeMapping.record(article, now: now)], shopID: shop.id, now: now)
        return JSONResponse(Self.dto(KnowledgeMapping.record(article, now: now)), status: created > 0 ? .created : .ok)
    }

    func saveFacts(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        guard case .object(let patch) = try await RequestBody.json(request, limit: 1024 * 1024) else {
            throw ProblemDetails.validation(field: "(body)", "must be a JSON object of facts")
        }
        let now = environment.clock.now()
        let state = try await store.knowledgeState(shopID: shop.id, now: now)
        let stored = (try? JSONValue.parse(Array(state.facts.utf8))) ?? .object([:])
        let merged = ShopFacts.merge(patch, into: stored)
        let (_, errors) = ShopFacts.parse(merged, currency: shop.currency.rawValue)
        guard errors.isEmpty else { throw ProblemDetails.validation(errors) }
        try await store.saveKnowledgeFacts(merged.jsonText, shopID: shop.id, now: now)
        return JSONResponse(ShopFacts.redacted(merged))
    }

    /// Most examples a shop may label; training time grows with them.
    static let maximumExamples = 50_000

    /// `PUT /v1/knowledge/intents`: `{"examples": [{"text", "intent", "language"?}]}` replaces the shop's examples.
    func saveIntents(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let body = try await RequestBody.json(request, limit: 16 * 1024 * 1024)
        guard let items = body["examples"]?.arrayValue else {
            throw ProblemDetails.validation(field: "examples", "must be an array of {text, intent, language?}")
        }
        guard items.count <= Self.maximumExamples else {
            throw ProblemDetails.validation(field: "examples", "holds \(items.count) examples; at most \(Self.maximumExamples)")
        }
        var examples: [IntentExampleRecord] = []
        var errors: [ProblemDetails.FieldError] = []
        for (i, item) in items.enumerated() {
            guard case .string(let text)? = item["text"], !text.isEmpty, text.count <= 1_000 else {
                errors.append(.init(field: "examples[\(i)].text", detail: "must be a string of 1 to 1000 characters"))
                continue
            }
            guard case .string(let intent)? = item["intent"], !intent.isEmpty, intent.count <= 100 else {
                errors.append(.init(field: "examples[\(i)].intent", detail: "must be a string of 1 to 100 characters"))
                continue
            }
            let languageText = item["language"]?.stringValue ?? "en"
            guard let language = TextLanguage(localeIdentifier: languageText) else {
                errors.append(.init(field: "examples[\(i)].language", detail: "must be en or de"))
                continue
            }
            examples.append(IntentExampleRecord(language: language.rawValue, intent: intent, text: text))
        }
        guard errors.isEmpty else { throw ProblemDetails.validation(Array(errors.prefix(50))) }
        if !examples.isEmpty, Set(examples.map(\.intent)).count < 2 {
            throw ProblemDetails.validation(field: "examples", "need at least two intents to train a model")
        }
        let now = environment.clock.now()
        try await store.replaceIntentExamples(examples, shopID: shop.id, now: now)
        // Train now rather than on the first shopper's question.
        let bot = try await environment.knowledge.bot(for: shop, store: store, now: now)
        return JSONResponse(
            .object([
                "examples": .int(Int64(examples.count)),
                "intents": .array((bot.bot.intentModel?.labels ?? []).map { .string($0.rawValue) }),
            ])
        )
    }
}
