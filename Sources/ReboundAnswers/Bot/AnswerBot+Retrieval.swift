import Foundation

extension AnswerBot {
    /// The intent model (for messages in its language), then the articles; a hand-over when neither is sure.
    func modelAndRetrievalDecision(_ turn: inout Turn, signals: QuestionSignals) -> BotDecision {
        var intent: IntentExample.Label?
        var probability = 0.0
        var guess: (label: IntentExample.Label, probability: Double)?
        if let model = intentModel, model.features.configuration.language == turn.language {
            let p = model.predict(turn.question)
            if let candidate = p.candidate {
                let detail = "\(candidate.rawValue) p=\(Self.format(p.probability))"
                turn.tried.append("intent model: " + detail)
                guess = (candidate, p.probability)
                if !p.isHandover, p.probability >= configuration.intentThreshold {
                    intent = candidate
                    probability = p.probability
                    turn.reasons.append(BotReason(.intentPredicted, detail))
                }
            }
        }
        if let intent, let decision = routed(&turn, intent: intent, probability: probability, signals: signals) { return decision }

        var matches = knowledge.searchArticles(turn.question, language: turn.language, limit: 5)
        if let intent {
            // The model is sure of an intent the shop tagged no article with: an article tagged for
            // another intent would answer a different question, so only untagged ones may answer.
            matches = matches.filter { $0.article.intents.isEmpty || $0.article.intents.contains(intent) }
        }
        guard let top = matches.first else {
            turn.tried.append("articles: no match")
            return handoff(&turn, intent: intent ?? guess?.label, confidence: probability, reason: BotReason(.noSource))
        }
        turn.tried.append("articles: \"\(top.article.title)\" coverage \(Self.format(top.coverage))")
        guard top.coverage >= configuration.answerThreshold else {
            return handoff(
                &turn,
                intent: intent ?? guess?.label,
                confidence: max(probability, top.coverage),
                reason: BotReason(.lowConfidence, "coverage \(Self.format(top.coverage)) < \(Self.format(configuration.answerThreshold))")
            )
        }
        return answer(
            &turn,
            text: knowledge.passage(of: top.article, for: turn.question, maximumLength: configuration.maximumAnswerLength),
            sources: [top.article.source],
            intent: intent,
            confidence: top.coverage,
            reason: BotReason(.matchedArticle, top.article.title)
        )
    }

    /// What the intent's route does; nil to continue with the articles.
    func routed(_ turn: inout Turn, intent: IntentExample.Label, probability: Double, signals: QuestionSignals) -> BotDecision? {
        let subtotal = turn.request.cart?.subtotal
        switch configuration.intentRoutes[intent] ?? .answer {
        case .handoff:
            return handoff(&turn, intent: intent, confidence: probability, reason: BotReason(.intentNeedsAgent, intent.rawValue))
        case .verifyOrder:
            if case .verified(let order) = turn.request.order { return orderStatus(&turn, order: order) }
            return askForVerification(&turn, intent: intent)
        case .returnPolicy:
            if let policy = knowledge.returns {
                let product = ProductMatcher(products: knowledge.catalogue).match(turn.question, contextProductID: turn.request.productID)
                return returns(&turn, policy: policy, signals: signals, product: product?.product, intent: intent)
            }
        case .deliveryTime:
            if let shipping = knowledge.shipping { return deliveryTime(&turn, shipping: shipping, country: destination(turn, signals, shipping)) }
        case .shippingOptions:
            if let shipping = knowledge.shipping {
                return shipsTo(&turn, shipping: shipping, country: destination(turn, signals, shipping), subtotal: subtotal, intent: intent)
            }
        case .answer:
            break
        }
        let tagged = knowledge.articles(forIntent: intent, language: turn.language)
        guard !tagged.isEmpty else { return nil }
        // The shop said which articles answer this intent: pick the one closest to the words.
        let best =
            knowledge.searchArticles(turn.question, language: turn.language, limit: 1, among: Set(tagged.map(\.id))).first?.article ?? tagged[0]
        return answer(
            &turn,
            text: knowledge.passage(of: best, for: turn.question, maximumLength: configuration.maximumAnswerLength),
            sources: [best.source],
            intent: intent,
            confidence: probability,
            reason: BotReason(.matchedArticle, best.title)
        )
    }

    static func format(_ value: Double) -> String {
        let r = (value * 100).rounded() / 100
        return "\(r)"
    }
}
