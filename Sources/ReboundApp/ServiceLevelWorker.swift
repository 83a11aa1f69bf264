public import Foundation
public import Logging
public import ReboundCore
public import ReboundStore
public import ServiceLifecycle

/// Watches conversations against their first-response targets (the shop's, counted in the queue's business hours):
/// a breach alerts Slack once (through the outbox).
/// The inbox sorts by the same standing (`GET /v1/conversations?order=sla`).
public struct ServiceLevelWorker<C: Clock<Duration>>: Service {
    let store: Store
    let wallClock: WallClock
    let clock: C
    let interval: Duration
    let logger: Logger
    /// Called with a shop whose snoozed conversations it opened: the app tells the agents' open inboxes to re-read.
    let woke: @Sendable (Shop.ID) async -> Void
    /// How many waiting conversations it reads at a time.
    public var pageSize = 1000

    public init(
        store: Store,
        wallClock: WallClock,
        clock: C,
        interval: Duration,
        logger: Logger,
        woke: @escaping @Sendable (Shop.ID) async -> Void = { _ in }
    ) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.interval = interval
        self.logger = logger
        self.woke = woke
    }

    public func run() async throws {
        await runPeriodically(every: interval, on: clock, logger: logger, name: "service level worker") { try await runOnce() }
    }

    /// Opens snoozed conversations that are due, then alerts for every conversation past its first-response target;
    /// returns how many alerts were new.
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = wallClock.now()
        // Snoozed conversations whose time has come open again (and are assigned) without anyone looking.
        for shopID in try await store.shopsWithDueSnoozes(now: now) where try await store.wakeSnoozed(shopID: shopID, now: now) > 0 {
            await woke(shopID)
        }
        // Targets are at least a minute (settings validation), so younger conversations cannot be late yet.
        let shortest: TimeInterval = 60
        var alerts = 0
        var schedules: [Shop.ID: ServiceSchedule] = [:]
        // Every waiting conversation without an alert, a page at a time (not only the oldest page: old ones not yet
        // due in their queue's hours must not hide newer chats that are).
        var position: Store.AwaitingPosition?
        repeat {
            let page = try await store.conversationsAwaitingAnswer(createdBefore: now.addingTimeInterval(-shortest), after: position, limit: pageSize)
            for (shopID, conversation) in page {
                if schedules[shopID] == nil { schedules[shopID] = try await store.serviceSchedule(shopID: shopID) }
                let standing = (schedules[shopID] ?? ServiceSchedule()).standing(conversation, now: now)
                guard standing.firstResponseBreached else { continue }
                let waited = now.timeIntervalSince(conversation.createdAt)
                if try await store.queueServiceLevelAlert(
                    shopID: shopID,
                    conversation: conversation,
                    kind: "first_response",
                    waited: waited,
                    now: now
                ) {
                    alerts += 1
                    logger.notice(
                        "first response overdue",
                        metadata: ["rebound.conversation.id": .string(conversation.id), "rebound.channel": .string(conversation.channel)]
                    )
                }
            }
            position = page.count < pageSize ? nil : page.last.map { Store.AwaitingPosition(createdAt: $0.1.createdAt, shopID: $0.0, id: $0.1.id) }
        } while position != nil
        return alerts
    }
}
