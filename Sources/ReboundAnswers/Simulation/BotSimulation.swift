public import Foundation

/// Runs the bot over past tickets and measures what it would have done: how many it would have
/// served without a human (deflection), how many of those correctly, and how well it recognised
/// each intent.
///
/// What counts as a correct automated reply is stated per intent by an ``Expectation``: the
/// articles that answer it, and decision kinds that are right in themselves (asking for the order
/// on `track_order`). An automated reply to an intent without an expectation is counted wrong:
/// the shop has nothing that answers it, so a human should have taken it.
/// ```swift
/// let report = BotSimulation.run(bot: bot, tickets: tickets, configuration: .init(expectations: expectations, now: now))
/// try report.html().write(to: url, atomically: true, encoding: .utf8)
/// ```
public enum BotSimulation {
    /// What a correct automated reply to one intent is.
    public struct Expectation: Sendable, Hashable, Codable {
        /// An answer citing one of these articles is correct.
        public var articleIDs: Set<KnowledgeDocument.ID>
        /// These decision kinds are correct whatever they cite (for instance `askForVerification` for order tracking,
        /// `handoff` for intents only a human can handle).
        public var decisions: Set<BotDecision.Kind>

        public init(articleIDs: Set<KnowledgeDocument.ID> = [], decisions: Set<BotDecision.Kind> = []) {
            self.articleIDs = articleIDs
            self.decisions = decisions
        }
    }

    public struct Configuration: Sendable {
        public var expectations: [IntentExample.Label: Expectation]
        /// The time every simulated message is sent at.
        public var now: Date
        public var topConfusions: Int
        public var wrongExamples: Int
        public var title: String

        public init(
            expectations: [IntentExample.Label: Expectation] = [:],
            now: Date,
            topConfusions: Int = 10,
            wrongExamples: Int = 20,
            title: String = "Bot simulation"
        ) {
            self.expectations = expectations
            self.now = now
            self.topConfusions = topConfusions
            self.wrongExamples = wrongExamples
            self.title = title
        }
    }

    /// One ticket's outcome.
    public struct Outcome: Sendable, Hashable {
        public var ticket: PastTicket
        public var decision: BotDecision
        /// Automated and right, or handed over when a human was right.
        public var isCorrect: Bool
    }

    /// Runs the bot on every ticket.
    public static func run(bot: AnswerBot, tickets: [PastTicket], configuration: Configuration) -> SimulationReport {
        let outcomes = tickets.map { ticket -> Outcome in
            let decision = bot.decide(BotRequest(question: ticket.message, locale: ticket.locale, now: configuration.now))
            return Outcome(ticket: ticket, decision: decision, isCorrect: judge(ticket, decision, configuration.expectations))
        }
        return SimulationReport(outcomes: outcomes, configuration: configuration)
    }

    /// Whether `decision` was the right thing to do for `ticket`.
    static func judge(_ ticket: PastTicket, _ decision: BotDecision, _ expectations: [IntentExample.Label: Expectation]) -> Bool {
        if let needed = ticket.neededHuman, ticket.intent == nil { return needed != decision.isAutomated }
        guard let gold = ticket.intent else { return false }
        let expectation = expectations[gold]
        if expectation?.decisions.contains(decision.kind) == true { return true }
        guard decision.isAutomated else {
            // A hand-over is right when nothing in the knowledge answers the intent.
            return expectation == nil || expectation!.articleIDs.isEmpty && !expectation!.decisions.contains(where: { $0 != .handoff })
        }
        guard let expectation, decision.kind == .answer else { return false }
        return decision.sources.contains { $0.articleID.map(expectation.articleIDs.contains) ?? false }
    }
}
