import Foundation

extension AnswerBot {
    /// Order questions: ask for proof, answer from a verified order, or report a failed check the
    /// same way whatever failed.
    func orderDecision(_ turn: inout Turn, signals: QuestionSignals) -> BotDecision? {
        let intent = label(.orderStatus)
        switch turn.request.order {
        case .verificationFailed:
            turn.tried.append("order verification failed (\(turn.request.failedVerifications) so far)")
            if turn.request.failedVerifications >= configuration.maximumVerificationAttempts {
                return handoff(&turn, intent: intent, confidence: 1, reason: BotReason(.tooManyVerificationAttempts))
            }
            turn.reasons.append(BotReason(.orderVerificationFailed))
            // Nothing from the attempt is echoed back: a wrong email and an unknown number read the same.
            return .askForVerification(
                VerificationPrompt(text: turn.text.verificationFailed(), claim: OrderClaim(), intent: intent, reasons: turn.reasons)
            )
        case .verified(let order):
            let claim = OrderClaim.extract(from: turn.question)
            let onlyTheClaim =
                (claim.orderNumber != nil || claim.email != nil) && !signals.returns && !signals.priceObjection && !signals.shippingCost
            if signals.returns, let policy = knowledge.returns {
                let eligibility = ReturnEligibility.evaluate(order: order, policy: policy, now: turn.request.now)
                turn.reasons.append(BotReason(.orderVerified))
                return answer(
                    &turn,
                    text: turn.text.orderReturns(eligibility, order: order),
                    sources: [order.source, policy.source],
                    intent: label(.returns),
                    confidence: 1,
                    reason: BotReason(.returnFacts, "order \(order.number)")
                )
            }
            if signals.orderStatus || onlyTheClaim || predictedRoute(turn) == .verifyOrder {
                return orderStatus(&turn, order: order)
            }
            return nil
        case .none:
            guard signals.orderStatus else { return nil }
            return askForVerification(&turn, intent: intent)
        }
    }

    func orderStatus(_ turn: inout Turn, order: OrderRecord) -> BotDecision {
        turn.reasons.append(BotReason(.orderVerified))
        return answer(
            &turn,
            text: turn.text.orderStatus(order),
            sources: [order.source],
            intent: label(.orderStatus),
            confidence: 1,
            reason: BotReason(.matchedArticle, "order \(order.number)")
        )
    }

    func askForVerification(_ turn: inout Turn, intent: IntentExample.Label?) -> BotDecision {
        let claim = OrderClaim.extract(from: turn.question)
        turn.reasons.append(BotReason(.orderVerificationRequired))
        return .askForVerification(VerificationPrompt(text: turn.text.askForOrder(claim), claim: claim, intent: intent, reasons: turn.reasons))
    }

    /// The route of the model's confident intent, without recording anything.
    func predictedRoute(_ turn: Turn) -> IntentRoute? {
        guard let model = intentModel, model.features.configuration.language == turn.language else { return nil }
        let p = model.predict(turn.question)
        guard let intent = p.intent, p.probability >= configuration.intentThreshold else { return nil }
        return configuration.intentRoutes[intent] ?? .answer
    }
}
