import Foundation

/// The answer bot: one message in, one ``BotDecision`` out.
///
/// Rules come first (a request for a human, an order question, a price objection, shipping,
/// trust, returns, stock), answered from the shop's data; then the intent model, when there is
/// one for the message's language; then the articles. An answer is only given with a source and
/// above the confidence threshold; everything else is handed over with a summary. Injection
/// attempts are recorded and ignored: no text can raise an incentive above the shop's rules.
/// ```swift
/// let bot = AnswerBot(knowledge: knowledge, intentModel: model)
/// let decision = bot.decide(BotRequest(question: "Liefert ihr nach Österreich?", locale: "de", now: now))
/// ```
public struct AnswerBot: Sendable {
    /// Thresholds and routing.
    public struct Configuration: Sendable {
        /// Minimum retrieval coverage (0…1) to answer from an article found by words alone. The default 0.55
        /// maximised correctly handled tickets on the 80 % training part of support_intents with the FAQ as
        /// knowledge (`answers-eval simulate --sweep`).
        public var answerThreshold: Double
        /// Minimum model probability to act on a predicted intent.
        public var intentThreshold: Double
        /// Characters of a message past this are cut before anything else happens.
        public var maximumQuestionLength: Int
        /// Failed order verifications before handing over.
        public var maximumVerificationAttempts: Int
        /// Characters of an answer text.
        public var maximumAnswerLength: Int
        public var intentRoutes: [IntentExample.Label: IntentRoute]
        /// Intent labels reported for rule topics.
        public var topicIntents: [BotTopic: IntentExample.Label]

        public init(
            answerThreshold: Double = 0.55,
            intentThreshold: Double = 0.5,
            maximumQuestionLength: Int = 1_000,
            maximumVerificationAttempts: Int = 3,
            maximumAnswerLength: Int = 700,
            intentRoutes: [IntentExample.Label: IntentRoute] = IntentRoute.bitextDefaults,
            topicIntents: [BotTopic: IntentExample.Label] = BotTopic.bitextLabels
        ) {
            self.answerThreshold = answerThreshold
            self.intentThreshold = intentThreshold
            self.maximumQuestionLength = maximumQuestionLength
            self.maximumVerificationAttempts = maximumVerificationAttempts
            self.maximumAnswerLength = maximumAnswerLength
            self.intentRoutes = intentRoutes
            self.topicIntents = topicIntents
        }
    }

    public let knowledge: ShopKnowledge
    /// Trained on one language (its ``IntentFeatures/Configuration/language``); used for messages in that language.
    public let intentModel: IntentClassifier?
    public var configuration: Configuration

    public init(knowledge: ShopKnowledge, intentModel: IntentClassifier? = nil, configuration: Configuration = .init()) {
        self.knowledge = knowledge
        self.intentModel = intentModel
        self.configuration = configuration
    }

    /// Decides what to do with one message. Pure: no I/O, time from the request.
    public func decide(_ request: BotRequest) -> BotDecision {
        var turn = Turn(request: request, configuration: configuration, shop: knowledge.shop)
        guard turn.hasWords else {
            return .clarify(ClarifyReply(text: turn.text.clarify(), reasons: turn.reasons + [BotReason(.emptyQuestion)]))
        }
        let signals = QuestionSignals(turn.question, language: turn.language)
        if signals.looksLikeInjection { turn.reasons.append(BotReason(.promptInjectionIgnored)) }
        if signals.asksForHuman {
            return handoff(&turn, intent: label(.humanRequest), confidence: 1, reason: BotReason(.askedForHuman), askedForHuman: true)
        }
        if let decision = orderDecision(&turn, signals: signals) { return decision }
        if let decision = ruleDecision(&turn, signals: signals) { return decision }
        return modelAndRetrievalDecision(&turn, signals: signals)
    }

    func label(_ topic: BotTopic) -> IntentExample.Label { configuration.topicIntents[topic] ?? IntentExample.Label(topic.rawValue) }

    func handoff(_ turn: inout Turn, intent: IntentExample.Label?, confidence: Double, reason: BotReason, askedForHuman: Bool = false) -> BotDecision
    {
        turn.reasons.append(reason)
        return .handoff(
            HandoffSummary(
                text: turn.text.handoff(askedForHuman: askedForHuman),
                question: turn.question,
                language: turn.language,
                intent: intent,
                confidence: confidence,
                cart: turn.request.cart,
                tried: turn.request.previousAttempts + turn.tried,
                reasons: turn.reasons
            )
        )
    }

    func answer(_ turn: inout Turn, text: String, sources: [AnswerSource], intent: IntentExample.Label?, confidence: Double, reason: BotReason)
        -> BotDecision
    {
        turn.reasons.append(reason)
        // An answer without a source is never given: hand over instead.
        guard !sources.isEmpty, !text.isEmpty else {
            return handoff(&turn, intent: intent, confidence: confidence, reason: BotReason(.noSource))
        }
        let capped = ShopKnowledge.cut(text, to: configuration.maximumAnswerLength)
        return .answer(BotAnswer(text: capped, sources: sources, intent: intent, confidence: confidence, reasons: turn.reasons))
    }

    /// The state of one decision: the cut question, its language, the reasons and attempts so far.
    struct Turn {
        let request: BotRequest
        let question: String
        let language: TextLanguage
        let text: BotText
        var reasons: [BotReason] = []
        var tried: [String] = []

        init(request: BotRequest, configuration: Configuration, shop: ShopProfile) {
            self.request = request
            language = request.language
            text = BotText(language: language, timeZone: shop.timeZone)
            // Cut before any other work, so an enormous message costs no more than a long one.
            let limit = max(1, configuration.maximumQuestionLength)
            let head = request.question.drop(while: { $0.isWhitespace }).prefix(limit + 1)
            if head.count > limit {
                question = String(head.prefix(limit)).trimmingWhitespaceAndNewlines()
                reasons.append(BotReason(.questionTruncated, "\(request.question.utf8.count) bytes cut to \(limit) characters"))
            } else {
                question = String(head).trimmingWhitespaceAndNewlines()
            }
        }

        var hasWords: Bool { !WordSplitter.words(in: question, maximumWords: 1).isEmpty }
    }
}
