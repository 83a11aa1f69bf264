public import Foundation
import Logging
import ReboundAnswers
public import ReboundCore
import ReboundStore

/// The answer bot in the live chat.
public enum ChatBot {
    /// The bot's answer to a chat message, with the same rules as `POST /v1/bot/answer` (incentives recorded once per
    /// shopper, intent tagged on the conversation); nil when the bot hands over, so an agent answers instead.
    public static func reply(environment: APIEnvironment, shop: Shop, conversationID: String, question: String, cartID: Cart.ID?) async
        -> String?
    {
        let routes = BotRoutes(environment: environment)
        do {
            let now = environment.clock.now()
            let bot = try await environment.knowledge.bot(for: shop, store: environment.store, now: now)
            let cart = try await cartID.asyncMap { try await environment.store.cart(shopID: shop.id, id: $0) } ?? nil
            let history = try await environment.store.botIncentiveHistory(
                shopID: shop.id,
                customerID: cart?.customerID,
                anonymousID: cart?.anonymousID
            )
            var request = BotRequest(
                question: String(question.prefix(1000)),
                locale: bot.facts.defaultLocale,
                now: now,
                cart: cart.map(KnowledgeMapping.cart),
                incentiveHistory: IncentiveHistory(offersReceived: history.offers, codesRedeemed: history.redeemed)
            )
            var decision = await routes.respond(bot, request)
            if case .incentive(let reply) = decision {
                let code = try await routes.recordOffer(
                    reply.offer,
                    rules: bot.facts.incentives,
                    shop: shop,
                    cart: cart,
                    customerID: cart?.customerID,
                    now: now
                )
                if code == nil {
                    request.incentiveHistory.offersReceived += 1
                    decision = await routes.respond(bot, request)
                }
            }
            if let intent = decision.intent, let conversation = try await environment.store.conversation(shopID: shop.id, id: conversationID),
                conversation.intent == nil
            {
                try await environment.store.setConversationIntent(shopID: shop.id, conversationID: conversationID, intent: intent.rawValue)
            }
            if case .handoff = decision { return nil }
            return decision.text
        } catch {
            environment.store.logger.warning("chat bot failed; left to an agent", metadata: ["rebound.error": .string("\(error)")])
            return nil
        }
    }
}
