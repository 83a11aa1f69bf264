public import Foundation

/// The figures of a ``BotSimulation``: deflection, correctness, intent scores, confusions and
/// examples of wrong answers. Codable, so it can be stored and served as JSON.
public struct SimulationReport: Sendable, Hashable, Codable {
    /// Scores of one intent.
    public struct IntentScore: Sendable, Hashable, Codable {
        public var intent: String
        /// Tickets with this intent.
        public var support: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Share of its tickets the bot served without a human.
        public var deflectionRate: Double
        /// Share of its tickets handled correctly (right answer, or a hand-over where one was right).
        public var correctRate: Double
    }

    /// How often one real intent was recognised as another.
    public struct Confusion: Sendable, Hashable, Codable {
        public var gold: String
        public var predicted: String
        public var count: Int
    }

    /// How many tickets got each kind of decision.
    public struct DecisionCounts: Sendable, Hashable, Codable {
        public var answer = 0
        public var incentive = 0
        public var askForVerification = 0
        public var handoff = 0
        public var clarify = 0

        mutating func add(_ kind: BotDecision.Kind) {
            switch kind {
            case .answer: answer += 1
            case .incentive: incentive += 1
            case .askForVerification: askForVerification += 1
            case .handoff: handoff += 1
            case .clarify: clarify += 1
            }
        }

        /// (kind, count) in display order.
        public var all: [(BotDecision.Kind, Int)] {
            [(.answer, answer), (.incentive, incentive), (.askForVerification, askForVerification), (.handoff, handoff), (.clarify, clarify)]
        }
    }

    /// An automated reply that was wrong.
    public struct WrongAnswer: Sendable, Hashable, Codable {
        public var message: String
        public var goldIntent: String?
        public var botIntent: String?
        public var decision: BotDecision.Kind
        public var text: String
        public var sources: [String]
    }

    public var title: String
    public var generatedAt: Date
    public var ticketCount: Int
    /// Decisions by kind.
    public var decisions: DecisionCounts
    /// Share of tickets served without a human.
    public var deflectionRate: Double
    /// Share of tickets served without a human and correctly.
    public var correctDeflectionRate: Double
    /// Share of automated replies that were correct; nil without automated replies.
    public var answerPrecision: Double?
    /// Share of tickets handled correctly, automated or handed over.
    public var correctHandlingRate: Double
    /// Share of tickets whose bot intent equals the real one (tickets with a real intent only); nil when none has one.
    public var intentAccuracy: Double?
    public var macroF1: Double?
    public var perIntent: [IntentScore]
    public var confusions: [Confusion]
    public var wrongAnswers: [WrongAnswer]
    /// Share of tickets with a known resolution where the bot's choice (automate or hand over) agrees with it.
    public var resolutionAgreement: Double?

    /// Stands for "no intent" in confusions and scores.
    public static let noIntent = "<none>"

    init(outcomes: [BotSimulation.Outcome], configuration: BotSimulation.Configuration) {
        title = configuration.title
        generatedAt = configuration.now
        ticketCount = outcomes.count
        var decisions = DecisionCounts()
        for o in outcomes { decisions.add(o.decision.kind) }
        self.decisions = decisions
        let n = Double(max(1, outcomes.count))
        let automated = outcomes.filter { $0.decision.isAutomated }
        deflectionRate = Double(automated.count) / n
        let automatedCorrect = automated.filter(\.isCorrect).count
        correctDeflectionRate = Double(automatedCorrect) / n
        answerPrecision = automated.isEmpty ? nil : Double(automatedCorrect) / Double(automated.count)
        correctHandlingRate = Double(outcomes.filter(\.isCorrect).count) / n

        let labelled = outcomes.filter { $0.ticket.intent != nil }
        var tp: [String: Int] = [:], fp: [String: Int] = [:], fn: [String: Int] = [:]
        var support: [String: Int] = [:], deflected: [String: Int] = [:], correct: [String: Int] = [:]
        var pairs: [String: Int] = [:]
        for o in labelled {
            let gold = o.ticket.intent!.rawValue
            let predicted = o.decision.intent?.rawValue ?? Self.noIntent
            support[gold, default: 0] += 1
            if o.decision.isAutomated { deflected[gold, default: 0] += 1 }
            if o.isCorrect { correct[gold, default: 0] += 1 }
            if predicted == gold {
                tp[gold, default: 0] += 1
            } else {
                fp[predicted, default: 0] += 1
                fn[gold, default: 0] += 1
                pairs[gold + "\u{0}" + predicted, default: 0] += 1
            }
        }
        perIntent = support.keys.sorted().map { intent in
            let t = Double(tp[intent] ?? 0), p = Double(fp[intent] ?? 0), f = Double(fn[intent] ?? 0)
            let s = Double(support[intent]!)
            return IntentScore(
                intent: intent,
                support: support[intent]!,
                precision: t + p == 0 ? 0 : t / (t + p),
                recall: t + f == 0 ? 0 : t / (t + f),
                f1: 2 * t + p + f == 0 ? 0 : 2 * t / (2 * t + p + f),
                deflectionRate: Double(deflected[intent] ?? 0) / s,
                correctRate: Double(correct[intent] ?? 0) / s
            )
        }
        intentAccuracy = labelled.isEmpty ? nil : Double(tp.values.reduce(0, +)) / Double(labelled.count)
        macroF1 = perIntent.isEmpty ? nil : perIntent.map(\.f1).reduce(0, +) / Double(perIntent.count)
        confusions = pairs.map { key, count in
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            return Confusion(gold: String(parts[0]), predicted: String(parts[1]), count: count)
        }
        .sorted { ($0.count, $1.gold, $1.predicted) > ($1.count, $0.gold, $0.predicted) }
        .prefix(configuration.topConfusions).map { $0 }
        wrongAnswers = automated.filter { !$0.isCorrect }.prefix(configuration.wrongExamples).map { o in
            WrongAnswer(
                message: o.ticket.message,
                goldIntent: o.ticket.intent?.rawValue,
                botIntent: o.decision.intent?.rawValue,
                decision: o.decision.kind,
                text: o.decision.text,
                sources: o.decision.sources.map(\.title)
            )
        }
        let resolved = outcomes.compactMap { o in o.ticket.neededHuman.map { ($0, o.decision.isAutomated) } }
        resolutionAgreement = resolved.isEmpty ? nil : Double(resolved.filter { $0.0 != $0.1 }.count) / Double(resolved.count)
    }

    /// The report as JSON: snake_case keys, sorted, ISO 8601 dates.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a report written by ``json()``.
    public static func decode(_ data: Data) throws -> SimulationReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SimulationReport.self, from: data)
    }
}
