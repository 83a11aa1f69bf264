import Foundation

extension AnswerBot {
    /// Price objections, shipping, trust, returns and stock, answered from the shop's data.
    func ruleDecision(_ turn: inout Turn, signals: QuestionSignals) -> BotDecision? {
        let subtotal = turn.request.cart?.subtotal
        if signals.priceObjection {
            if signals.shippingCost, let shipping = knowledge.shipping {
                turn.reasons.append(BotReason(.priceObjection, "shipping cost"))
                return shippingCost(&turn, shipping: shipping, country: destination(turn, signals, shipping), subtotal: subtotal)
            }
            if let decision = incentive(&turn, signals: signals) { return decision }
        }
        if let shipping = knowledge.shipping {
            let country = destination(turn, signals, shipping)
            if signals.shippingCost { return shippingCost(&turn, shipping: shipping, country: country, subtotal: subtotal) }
            if signals.deliveryTime { return deliveryTime(&turn, shipping: shipping, country: country) }
            if !signals.countries.isEmpty, signals.shippingWords || signals.customs {
                return shipsTo(&turn, shipping: shipping, country: country, subtotal: subtotal, intent: label(.shippingCountry))
            }
        }
        if signals.trust, let trust = knowledge.trust {
            return answer(
                &turn,
                text: turn.text.trust(trust),
                sources: [trust.source],
                intent: label(.trust),
                confidence: 1,
                reason: BotReason(.trustFacts)
            )
        }
        let matcher = ProductMatcher(products: knowledge.catalogue)
        let product = knowledge.catalogue.isEmpty ? nil : matcher.match(turn.question, contextProductID: turn.request.productID)
        if signals.returns, let policy = knowledge.returns {
            return returns(&turn, policy: policy, signals: signals, product: product?.product, intent: label(.returns))
        }
        if let product, signals.stock || signals.restock || signals.price || signals.variantWords || !product.requestedOptions.isEmpty {
            let reason = BotReason(product.optionsNotFound ? .variantNotFound : .matchedProduct, product.product.title)
            return answer(
                &turn,
                text: turn.text.product(product),
                sources: [product.product.source],
                intent: label(.product),
                confidence: 1,
                reason: reason
            )
        }
        return nil
    }

    /// An offer within the rules, or nil (with the refusal recorded) so the message goes on to the articles.
    func incentive(_ turn: inout Turn, signals: QuestionSignals) -> BotDecision? {
        turn.reasons.append(BotReason(.priceObjection))
        // A percentage typed in an injection attempt is not even a request: it is ignored outright.
        let requested = signals.looksLikeInjection ? nil : signals.requestedPercent
        let decision = IncentivePolicy.decide(
            rules: knowledge.incentives,
            history: turn.request.incentiveHistory,
            cart: turn.request.cart,
            requestedPercent: requested,
            now: turn.request.now
        )
        switch decision {
        case .offer(let offer):
            if let asked = signals.requestedPercent, asked > offer.percent || signals.looksLikeInjection {
                turn.reasons.append(BotReason(.requestedPercentIgnored, "asked for \(asked) %, rules allow \(offer.percent) %"))
            }
            turn.reasons.append(BotReason(.incentiveOffered, "\(offer.percent) %"))
            let source = knowledge.incentives?.source ?? AnswerSource(kind: .incentive, title: "\(knowledge.shop.name) discount rules")
            return .incentive(
                IncentiveReply(
                    offer: offer,
                    text: turn.text.incentive(offer),
                    sources: [source],
                    intent: label(.priceObjection),
                    reasons: turn.reasons
                )
            )
        case .refuse(let refusal):
            turn.reasons.append(BotReason(.incentiveRefused, refusal.rawValue))
            turn.tried.append("incentive refused (\(refusal.rawValue))")
            return nil
        }
    }

    func destination(_ turn: Turn, _ signals: QuestionSignals, _ shipping: ShippingPolicy) -> String {
        signals.countries.first ?? turn.request.shopperCountry?.uppercased() ?? shipping.homeCountry
    }

    func shippingCost(_ turn: inout Turn, shipping: ShippingPolicy, country: String, subtotal: MoneyAmount?) -> BotDecision {
        guard let zone = shipping.zone(for: country) else { return notShipped(&turn, shipping: shipping, country: country) }
        return answer(
            &turn,
            text: turn.text.shippingCost(country, zone: zone, subtotal: subtotal),
            sources: [shipping.source],
            intent: label(.shippingCost),
            confidence: 1,
            reason: BotReason(.shippingFacts, "cost to \(country), zone \(zone.name)")
        )
    }

    func shipsTo(_ turn: inout Turn, shipping: ShippingPolicy, country: String, subtotal: MoneyAmount?, intent: IntentExample.Label?) -> BotDecision {
        guard let zone = shipping.zone(for: country) else { return notShipped(&turn, shipping: shipping, country: country) }
        turn.reasons.append(BotReason(.matchedCountry, country))
        return answer(
            &turn,
            text: turn.text.shipsTo(country, zone: zone, subtotal: subtotal),
            sources: [shipping.source],
            intent: intent,
            confidence: 1,
            reason: BotReason(.shippingFacts, "zone \(zone.name)")
        )
    }

    func notShipped(_ turn: inout Turn, shipping: ShippingPolicy, country: String) -> BotDecision {
        turn.reasons.append(BotReason(.matchedCountry, country))
        return answer(
            &turn,
            text: turn.text.doesNotShip(country),
            sources: [shipping.source],
            intent: label(.shippingCountry),
            confidence: 1,
            reason: BotReason(.countryNotServed, country)
        )
    }

    func deliveryTime(_ turn: inout Turn, shipping: ShippingPolicy, country: String) -> BotDecision {
        guard let zone = shipping.zone(for: country) else { return notShipped(&turn, shipping: shipping, country: country) }
        if country != shipping.homeCountry { turn.reasons.append(BotReason(.matchedCountry, country)) }
        return answer(
            &turn,
            text: turn.text.deliveryTime(country, zone: zone),
            sources: [shipping.source],
            intent: label(.deliveryTime),
            confidence: 1,
            reason: BotReason(.shippingFacts, "delivery time to \(country), zone \(zone.name)")
        )
    }

    func returns(_ turn: inout Turn, policy: ReturnPolicy, signals: QuestionSignals, product: CatalogueProduct?, intent: IntentExample.Label?)
        -> BotDecision
    {
        var sources = [policy.source]
        if let product { sources.append(product.source) }
        return answer(
            &turn,
            text: turn.text.returns(policy, askedAboutSale: signals.mentionsSale, product: product),
            sources: sources,
            intent: intent,
            confidence: 1,
            reason: BotReason(.returnFacts, signals.mentionsSale ? "sale items" : nil)
        )
    }
}
