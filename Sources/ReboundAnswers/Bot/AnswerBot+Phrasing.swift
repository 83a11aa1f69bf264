import Foundation

extension AnswerBot {
    /// Like ``decide(_:)``, then lets `phraser` reword an answer from articles, keeping the retrieval
    /// text when the phraser throws, takes longer than `timeout` on `clock`, or returns text that is
    /// empty, too long, links somewhere other than the sources, or states a percentage the sources don't.
    ///
    /// Facts answers (shipping, stock, orders), offers and hand-overs are never rephrased: their
    /// numbers come from the shop's data and must stay exact. The phraser must honour task
    /// cancellation (HTTP clients do); a timed-out phraser is cancelled.
    /// ```swift
    /// let decision = await bot.respond(to: request, phraser: llm, timeout: .seconds(4), clock: ContinuousClock())
    /// ```
    public func respond(
        to request: BotRequest,
        phraser: (any AnswerPhraser)?,
        timeout: Duration,
        clock: some Clock<Duration>
    ) async -> BotDecision {
        let decision = decide(request)
        guard let phraser, case .answer(var answer) = decision, !answer.sources.isEmpty,
            answer.sources.allSatisfy({ $0.kind == .article })
        else { return decision }
        let language = request.language
        let sources = answer.sources.compactMap { source -> PhrasingRequest.Source? in
            guard let id = source.articleID, let article = knowledge.article(id, locale: request.locale) else { return nil }
            let text = knowledge.passage(of: article, for: request.question, maximumLength: configuration.maximumAnswerLength)
            return PhrasingRequest.Source(title: article.title, url: article.url, text: text)
        }
        let phrasing = PhrasingRequest(
            question: String(request.question.prefix(configuration.maximumQuestionLength)),
            language: language,
            sources: sources,
            draft: answer.text,
            maximumLength: configuration.maximumAnswerLength
        )
        switch await Self.race(phraser, phrasing, timeout: timeout, clock: clock) {
        case .text(let text):
            if let problem = Self.problem(with: text, for: phrasing) {
                answer.reasons.append(BotReason(.phraserRejected, problem))
            } else {
                answer.text = text.trimmingWhitespaceAndNewlines()
                answer.reasons.append(BotReason(.phrased))
            }
        case .failed(let error):
            answer.reasons.append(BotReason(.phraserFailed, error))
        case .timedOut:
            answer.reasons.append(BotReason(.phraserTimedOut))
        }
        return .answer(answer)
    }

    enum PhrasingOutcome: Sendable {
        case text(String)
        case failed(String)
        case timedOut
    }

    static func race(_ phraser: any AnswerPhraser, _ request: PhrasingRequest, timeout: Duration, clock: some Clock<Duration>) async
        -> PhrasingOutcome
    {
        await withTaskGroup(of: PhrasingOutcome.self) { group in
            group.addTask {
                do {
                    return .text(try await phraser.phrase(request))
                } catch {
                    return .failed(String(describing: type(of: error)))
                }
            }
            group.addTask {
                // A cancelled sleep means the phraser finished first; the value is then ignored.
                try? await clock.sleep(for: timeout)
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            return first
        }
    }

    /// Why a phrased text cannot be used, or nil when it can.
    static func problem(with text: String, for request: PhrasingRequest) -> String? {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        if trimmed.isEmpty { return "empty" }
        if trimmed.count > request.maximumLength { return "longer than \(request.maximumLength) characters" }
        let allowedURLs = request.sources.compactMap(\.url)
        for token in trimmed.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" || $0 == "\"" }) {
            let lower = token.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") else { continue }
            let url = String(token).trimmingCharacters(in: ".,;:!?")
            if !allowedURLs.contains(where: { url.hasPrefix($0) || $0.hasPrefix(url) }) { return "links to \(url), which is not a source" }
        }
        // A model must not promise discounts: every percentage it writes must be in the sources or the draft.
        let grounded = ([request.draft] + request.sources.map(\.text)).joined(separator: " ")
        let allowedPercents = Set(percentages(in: grounded))
        for p in percentages(in: trimmed) where !allowedPercents.contains(p) { return "states \(p) %, which no source says" }
        return nil
    }

    static func percentages(in text: String) -> [Int] {
        let words = WordSplitter.words(in: text.replacingOccurrences(of: "%", with: " percent "), maximumWords: 2_000)
        var out: [Int] = []
        for (i, w) in words.enumerated() where i + 1 < words.count {
            if let n = Int(w), ["percent", "prozent"].contains(TextFolding.fold(words[i + 1])) { out.append(n) }
        }
        return out
    }
}
