public import Foundation
public import Logging
public import ReboundCore
public import ReboundStore
public import ServiceLifecycle

/// Sends the satisfaction surveys by email through the outbox:
/// - **CSAT** (1–5) 10 minutes after an agent resolves an email conversation, and an hour after a resolved chat that
///   the shopper did not rate in the chat (the chat asks first); once per conversation, if the shop has
///   `csat_by_email` on.
/// - **NPS** (0–10) `nps_after_days` after an order is fulfilled (0 = off), at most once per customer in 90 days,
///   never to an unsubscribed customer or for a cancelled order.
public struct SurveyWorker<C: Clock<Duration>>: Service {
    let store: Store
    let wallClock: WallClock
    let clock: C
    let interval: Duration
    let logger: Logger

    /// How long after an email conversation is resolved its survey goes out (a reopened conversation is skipped).
    public static var emailDelay: TimeInterval { 10 * 60 }
    /// How long a resolved chat waits for an in-chat rating before the email asks.
    public static var chatDelay: TimeInterval { 3600 }
    /// Conversations resolved or orders fulfilled longer ago than this (beyond the shop's delay) are not surveyed:
    /// a server that was off for a while does not send stale surveys.
    public static var horizon: TimeInterval { 7 * 86400 }
    /// No second NPS survey to a customer within this time.
    public static var npsQuietPeriod: TimeInterval { 90 * 86400 }

    public init(store: Store, wallClock: WallClock, clock: C, interval: Duration, logger: Logger) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await runPeriodically(every: interval, on: clock, logger: logger, name: "survey worker") { try await runOnce() }
    }

    /// Queues every survey that is due; returns how many were queued.
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = wallClock.now()
        var shops: [Shop.ID: Shop] = [:]
        for shop in try await store.shops() { shops[shop.id] = shop }
        var queued = 0
        let csat = try await store.csatCandidates(
            since: now.addingTimeInterval(-Self.horizon),
            emailBefore: now.addingTimeInterval(-Self.emailDelay),
            chatBefore: now.addingTimeInterval(-Self.chatDelay),
            limit: 1000
        )
        for candidate in csat where shops[candidate.shopID]?.settings.csatByEmail == true {
            if try await store.queueSurvey(candidate, now: now) != nil { queued += 1 }
        }
        for shop in shops.values.sorted(by: { $0.id.rawValue < $1.id.rawValue }) where shop.settings.npsAfterDays > 0 {
            let due = now.addingTimeInterval(-Double(shop.settings.npsAfterDays) * 86400)
            let candidates = try await store.npsCandidates(
                shopID: shop.id,
                fulfilledFrom: due.addingTimeInterval(-Self.horizon),
                to: due,
                quietSince: now.addingTimeInterval(-Self.npsQuietPeriod),
                limit: 1000
            )
            for candidate in candidates where try await store.queueSurvey(candidate, now: now) != nil { queued += 1 }
        }
        if queued > 0 { logger.info("surveys queued", metadata: ["rebound.count": .stringConvertible(queued)]) }
        return queued
    }
}
