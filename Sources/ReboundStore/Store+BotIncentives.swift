public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    /// The event type of an offer the answer bot made; its properties carry the code and percent, so orders that
    /// use the code are attributed to the bot.
    public static let botIncentiveOffered = "bot_incentive_offered"

    /// Offers the bot already made to this customer or visitor, and bot codes they redeemed.
    public func botIncentiveHistory(shopID: Shop.ID, customerID: Customer.ID?, anonymousID: String?) async throws -> (offers: Int, redeemed: Int) {
        guard customerID != nil || anonymousID != nil else { return (0, 0) }
        return try await read { db in
            let shop = shopID.rawValue
            var offers = SQLQueryString(
                "SELECT COUNT(*) AS n FROM events WHERE shop_id = \(bind: shop) AND type = \(bind: Store.botIncentiveOffered) AND (1 = 0"
            )
            if let customerID { offers += " OR customer_id = \(bind: customerID.rawValue)" }
            if let anonymousID { offers += " OR anonymous_id = \(bind: anonymousID)" }
            offers += ")"
            let offered = try await db.raw(offers).first()?.int("n") ?? 0
            var redeemed: Int64 = 0
            if let customerID {
                redeemed =
                    try await db.raw(
                        """
                        SELECT COUNT(*) AS n FROM discount_codes WHERE shop_id = \(bind: shop) AND customer_id = \(bind: customerID.rawValue)
                            AND flow_id = 'bot' AND status = 'redeemed'
                        """
                    ).first()?.int("n") ?? 0
            }
            return (Int(offered), Int(redeemed))
        }
    }

    /// Records an offer: the `bot_incentive_offered` event and, for a code issued for this offer, the code itself,
    /// in one transaction. Returns false (and records nothing) when an event with the same id exists: with a
    /// once-per-customer id that is how two simultaneous requests cannot both get an offer.
    public func recordBotIncentive(
        _ event: Event,
        customerID: Customer.ID?,
        code: DiscountCodeRecord?,
        shopID: Shop.ID,
        now: Date
    ) async throws -> Bool {
        try await write { db in
            let inserted = try await Store.appendEvents([(event, customerID)], shopID: shopID, source: "rebound", now: now, in: db)
            guard !inserted.isEmpty else { return false }
            if let code {
                try await db.raw(
                    """
                    INSERT INTO discount_codes (shop_id, code, kind, value, minimum_cart, expires_at, customer_id, message_key, run_id, flow_id,
                        status, platform, created_at)
                    VALUES (\(bind: shopID.rawValue), \(bind: code.code), \(bind: code.kind), \(bind: code.value), \(bind: code.minimumCart),
                        \(bind: code.expiresAt.ms), \(bind: code.customerID?.rawValue), \(bind: code.messageKey), NULL, 'bot', 'issued',
                        \(bind: code.platform), \(bind: now.epochMilliseconds))
                    """
                ).run()
            }
            return true
        }
    }
}
