public import Foundation
public import Logging
import ReboundAPI
public import ReboundCore
import ReboundFlows
public import ReboundStore
public import ServiceLifecycle

/// Runs the shops' flows: follows the event log to start runs (and end them when their cart converts), and moves
/// runs on when their timers fall due. Every effect is logged once per key in the message log, so a retry or a
/// second process never repeats it; until the channel layer sends them, messages are logged as `intended`.
///
/// Due runs are claimed in batches by ``claimers`` concurrent loops (`FOR UPDATE SKIP LOCKED` on PostgreSQL), each of
/// which sleeps until the earliest wake-up, at most ``interval``; the event log is followed every ``interval``.
public struct FlowWorker<C: Clock<Duration>>: Service {
    let store: Store
    let wallClock: WallClock
    let clock: C
    let interval: Duration
    let logger: Logger
    let engine = FlowEngine()
    /// How old an event must be before the log cursor moves past it (PostgreSQL commits out of sequence order).
    let settle: TimeInterval
    /// Loops claiming due runs at once. More than one only helps on PostgreSQL: SQLite has one writer.
    let claimers: Int
    /// Due runs claimed per transaction.
    let claimLimit: Int

    /// - Parameters:
    ///   - claimers: concurrent claim loops; by default 1 on SQLite (one writer) and 4 on PostgreSQL (B2: two processes
    ///     with 2 loops each fell 7 s behind 1M steps due over 60 s, with 4 each they kept up).
    ///   - claimLimit: due runs claimed per transaction.
    public init(
        store: Store,
        wallClock: WallClock,
        clock: C,
        interval: Duration,
        logger: Logger,
        claimers: Int? = nil,
        claimLimit: Int = 1000
    ) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.interval = interval
        self.logger = logger
        self.settle = store.kind == .postgres ? 5 : 0
        self.claimers = max(1, claimers ?? (store.kind == .postgres ? 4 : 1))
        self.claimLimit = max(1, claimLimit)
    }

    static var cursorName: String { "flows" }
    /// Sequence numbers read per transaction while following the log.
    static var logWindow: Int64 { 5000 }

    /// One pass: everything new in the log, then everything due. Returns the number of effects logged.
    @discardableResult
    public func runOnce() async throws -> Int {
        var effects = try await followLog()
        while true {
            let pass = try await advanceDueRuns()
            effects += pass.logged
            if pass.claimed < claimLimit { break }
        }
        return effects
    }

    /// Follows the event log to its settled end: starts the flows new events trigger and ends the runs they stop.
    /// Returns the number of effects logged.
    func followLog() async throws -> Int {
        var effects = 0
        try await detectLapses(now: wallClock.now())
        while true {
            let now = wallClock.now()
            let (moved, logged) = try await store.withFlowTransaction { tx in
                let window = Self.logWindow
                let batch = try await tx.followLog(cursor: Self.cursorName, window: window, settledBefore: now.addingTimeInterval(-settle))
                var logged = 0
                var flows: [Shop.ID: [FlowDocument]] = [:]
                var channels: [Shop.ID: ChannelSettings] = [:]
                for (shopID, stored) in batch.events {
                    if flows[shopID] == nil {
                        flows[shopID] = try await tx.enabledFlows(shopID: shopID).compactMap { try? FlowDocument.parse($0.document) }
                        channels[shopID] = try await tx.channelSettings(shopID: shopID)
                    }
                    if let settings = channels[shopID], let url = settings.webhookURL, settings.webhookEvents.contains(stored.event.type) {
                        logged += try await forward(stored, to: url, shopID: shopID, tx: tx, now: now)
                    }
                    let shopFlows = flows[shopID] ?? []
                    switch try await tx.isolated({ try await handle(stored, shopID: shopID, flows: shopFlows, tx: tx, now: now) }) {
                    case .success(let count): logged += count
                    case .failure(let error):
                        logger.error(
                            "event could not start or end flows; skipped",
                            metadata: ["rebound.event.id": .string(stored.event.id.rawValue), "rebound.error": .string(String(describing: error))]
                        )
                    }
                }
                try await tx.advance(cursor: Self.cursorName, to: batch.upTo)
                // A full window means more may follow.
                return (batch.upTo - batch.from >= window, logged)
            }
            effects += logged
            if !moved { return effects }
        }
    }

    public func run() async throws {
        await run(onDuePass: nil)
    }

    /// Runs the worker until graceful shutdown or cancellation; `onDuePass` sees every claim of due runs once it is
    /// committed (benchmarks measure lateness with it).
    public func run(onDuePass: (@Sendable (DuePass) -> Void)?) async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                await runPeriodically(every: interval, on: clock, logger: logger, name: "flow worker") { _ = try await followLog() }
            }
            for _ in 0..<claimers {
                group.addTask { await dispatchDueRuns(onPass: onDuePass) }
            }
        }
    }

    /// One claim loop: moves due runs on, then sleeps until the next wake-up (at most ``interval``), until graceful
    /// shutdown or cancellation. A failed claim is logged and retried after ``interval``.
    func dispatchDueRuns(onPass: (@Sendable (DuePass) -> Void)?) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var pause = interval
            do {
                let pass = try await advanceDueRuns()
                onPass?(pass)
                if pass.claimed >= claimLimit {
                    // More are due already.
                    pause = .zero
                } else {
                    let next = try await store.nextFlowWake(after: pass.now)
                    pause = Self.pause(until: next, now: wallClock.now(), interval: interval)
                }
            } catch is CancellationError {
                break
            } catch {
                logger.error("flow worker failed to move due runs on", metadata: ["rebound.error": .string(String(describing: error))])
            }
            if pause > .zero {
                let sleep = pause
                try? await cancelWhenGracefulShutdown { try await clock.sleep(for: sleep) }
            }
        }
    }

    /// How long a claim loop sleeps: until the next wake-up, never longer than `interval` (runs started by other
    /// processes, or by this one's log follower, may fall due sooner).
    public static func pause(until next: Date?, now: Date, interval: Duration) -> Duration {
        guard let next else { return interval }
        let seconds = next.timeIntervalSince(now)
        guard seconds > 0 else { return .zero }
        return min(interval, .microseconds(Int64((seconds * 1_000_000).rounded(.up))))
    }

    /// Claims up to ``claimLimit`` due runs and moves them on in one transaction.
    ///
    /// Runs whose next steps need no lookups (waits, exits, tasks, tags, discounts, notifications) are stored with one
    /// statement and their effects logged with another; runs that send a message go one by one, for the guardrails.
    /// A run that cannot be read or fails goes to the dead-letter list; the others go on.
    public func advanceDueRuns() async throws -> DuePass {
        let now = wallClock.now()
        return try await store.withFlowTransaction { tx in
            let runs = try await tx.dueRuns(now: now, limit: claimLimit)
            var flows: [String: FlowDocument?] = [:]
            var batch: [(run: StoredFlowRun, actions: [FlowAction])] = []
            var fired: [DuePass.Timer] = []
            var logged = 0
            var documents: [FlowDocument?] = []
            documents.reserveCapacity(runs.count)
            for stored in runs {
                let flowKey = "\(stored.shopID.rawValue)|\(stored.flowID)|\(stored.flowVersion)"
                if flows[flowKey] == nil {
                    let found = try await tx.flow(shopID: stored.shopID, id: stored.flowID, version: stored.flowVersion)
                    flows[flowKey] = .some(found.flatMap { try? FlowDocument.parse($0.document) })
                }
                documents.append(flows[flowKey] ?? nil)
            }
            let outcomes = await timerOutcomes(runs, flows: documents, now: now)
            for (stored, outcome) in zip(runs, outcomes) {
                switch try await settle(stored, outcome, tx: tx, now: now) {
                case nil:
                    continue
                case .some((let updated, let actions)):
                    if updated.state != stored.state, let due = stored.wakeAt {
                        fired.append(DuePass.Timer(shopID: stored.shopID, runID: stored.id, dueAt: due))
                    }
                    guard actions.contains(where: \.hasEffects) else {
                        batch.append((updated, actions))
                        continue
                    }
                    switch try await tx.isolated({ try await save(updated, actions: actions, tx: tx, now: now) }) {
                    case .success(let count): logged += count
                    case .failure(let error):
                        // The rest of the runs go on; this one waits on the dead-letter list with its reason.
                        try await fail(updated, error: error, tx: tx, now: now)
                        fired.removeAll { $0.runID == updated.id && $0.shopID == updated.shopID }
                    }
                }
            }
            if !batch.isEmpty {
                let records = batch.flatMap { item in
                    item.actions.compactMap { record(for: $0, run: item.run, now: now) }.map { ($0, item.run.shopID) }
                }
                let together = try await tx.isolated {
                    try await tx.updateRuns(batch.map(\.run), now: now)
                    return try await tx.logMessages(records, now: now)
                }
                switch together {
                case .success(let count): logged += count
                case .failure:
                    // One at a time, so that one bad run cannot hold up the others.
                    for (run, actions) in batch {
                        switch try await tx.isolated({ try await save(run, actions: actions, tx: tx, now: now) }) {
                        case .success(let count): logged += count
                        case .failure(let error):
                            try await fail(run, error: error, tx: tx, now: now)
                            fired.removeAll { $0.runID == run.id && $0.shopID == run.shopID }
                        }
                    }
                }
            }
            return DuePass(now: now, claimed: runs.count, fired: fired, logged: logged)
        }
    }

    func fail(_ run: StoredFlowRun, error: any Error, tx: FlowTransaction, now: Date) async throws {
        try await tx.markDead(shopID: run.shopID, runID: run.id, reason: String(describing: error), now: now)
        logger.error("flow run failed; moved to the dead-letter list", metadata: ["rebound.run.id": .string(run.id)])
    }

    /// Ends runs an event stops, and starts the flows it triggers.
    func handle(_ stored: StoredEvent, shopID: Shop.ID, flows: [FlowDocument], tx: FlowTransaction, now: Date) async throws -> Int {
        let event = stored.event
        var logged = 0
        let cartID = event.string("cart_id").map { Cart.ID($0) }
        switch event.type {
        case EventType.cartConverted:
            if let cartID {
                for run in try await tx.waitingRuns(shopID: shopID, cartID: cartID, customerID: nil) {
                    logged += try await advance(run, input: .cartConverted(cartID: cartID), tx: tx, now: now)
                }
            }
        case EventType.orderPlaced:
            logged += try await attribute(stored, shopID: shopID, tx: tx, now: now)
            try await afterOrder(stored, shopID: shopID, tx: tx, now: now)
            if let customerID = stored.customerID {
                for run in try await tx.waitingRuns(shopID: shopID, cartID: nil, customerID: customerID) {
                    logged += try await advance(
                        run,
                        input: .orderPlaced(orderID: Order.ID(event.string("order_id") ?? ""), cartID: cartID),
                        tx: tx,
                        now: now
                    )
                }
            }
        case "unsubscribed":
            if let customerID = stored.customerID {
                for run in try await tx.waitingRuns(shopID: shopID, cartID: nil, customerID: customerID) {
                    logged += try await advance(run, input: .unsubscribed(channel: nil), tx: tx, now: now)
                }
            }
        default:
            break
        }
        guard !flows.isEmpty else { return logged }
        let cart = try await cartID.asyncMap { try await tx.cart(shopID: shopID, id: $0) } ?? nil
        let customerID = stored.customerID ?? cart?.customerID
        let customer = try await customerID.asyncMap { try await tx.customer(shopID: shopID, id: $0) } ?? nil
        var facts = CustomerFacts(customerID: customerID, hasEmail: false)
        if let customer {
            let spend = try await tx.spend(shopID: shopID, customerID: customer.id)
            // `customer.segments` in conditions: the built-in VIP tiers and saved segments the customer is in.
            let segments = SegmentCatalog.builtIns + (try await tx.savedSegments(shopID: shopID)).compactMap(SegmentCatalog.definition)
            let memberOf = try await tx.segmentMembership(
                shopID: shopID,
                customerID: customer.id,
                filters: segments.map { ($0.id, SegmentCatalog.filter($0.rule, now: now)) }
            )
            facts = CustomerFacts(customer: customer, segments: memberOf, clv: spend.total, lifetimeSpend: spend.total, orderCount: spend.orders)
        }
        let context = FlowContext(cart: cart.map { CartFacts(cart: $0) }, customer: facts, event: event.properties)
        for flow in FlowSelector.flowsToStart(for: event, context: context, among: flows) {
            let runID = FlowRunState.ID.random(prefix: "run")
            let transition = engine.start(flow, runID: runID, context: context, triggeredAt: event.occurredAt, now: now)
            var run = StoredFlowRun(
                shopID: shopID,
                id: runID.rawValue,
                flowID: flow.id,
                flowVersion: flow.version,
                triggerEventID: event.id.rawValue,
                cartID: cart?.id,
                customerID: customerID,
                status: transition.state.status.rawValue,
                state: transition.state.storedJSON,
                wakeAt: transition.state.status.isFinished ? nil : transition.state.wakeAt
            )
            run.variant = transition.state.variant
            guard try await tx.insertRun(run, now: now) else { continue }
            logger.info("flow started", metadata: ["rebound.flow.id": .string(flow.id), "rebound.run.id": .string(runID.rawValue)])
            logged += try await apply(transition.actions, run: run, customer: customer, tx: tx, now: now)
        }
        return logged
    }

    /// Credits an order to the last message the customer clicked (else opened) within the shop's window; the cart the
    /// order closed becomes `recovered`.
    func attribute(_ stored: StoredEvent, shopID: Shop.ID, tx: FlowTransaction, now: Date) async throws -> Int {
        guard let customerID = stored.customerID, let externalID = stored.event.string("order_id"),
            let found = try await tx.order(shopID: shopID, externalID: externalID), !found.attributed
        else { return 0 }
        let settings = try await tx.settings(shopID: shopID)
        let since = found.order.placedAt.addingTimeInterval(-TimeInterval(settings.attributionWindowSeconds))
        let touches = try await tx.engagedMessages(shopID: shopID, customerID: customerID, since: since).map { message in
            MessageTouch(
                key: message.key,
                flowID: message.flowID,
                flowVersion: message.flowVersion,
                stepID: message.step,
                variant: message.variant,
                channel: MessageChannel(rawValue: message.channel) ?? .email,
                customerID: message.customerID,
                sentAt: message.sentAt,
                openedAt: message.openedAt,
                clickedAt: message.clickedAt
            )
        }
        var order = found.order
        order.customerID = order.customerID ?? customerID
        guard let credit = Attribution(configuration: .init(settings: settings)).attribute(order, touches: touches) else { return 0 }
        try await tx.attribute(
            shopID: shopID,
            order: order,
            to: OrderAttribution(
                messageKey: credit.touch.key,
                flowID: credit.touch.flowID,
                step: credit.touch.stepID,
                channel: credit.touch.channel.rawValue,
                variant: credit.touch.variant,
                basis: credit.basis.rawValue
            ),
            cartID: found.cartID,
            now: now
        )
        logger.info(
            "order attributed",
            metadata: ["rebound.flow.id": .string(credit.touch.flowID), "rebound.order.id": .string(externalID)]
        )
        return 0
    }

    /// Feeds `input` to a stored run and stores the result.
    func advance(_ stored: StoredFlowRun, input: FlowInput, tx: FlowTransaction, now: Date) async throws -> Int {
        let flow = try await tx.flow(shopID: stored.shopID, id: stored.flowID, version: stored.flowVersion)
            .flatMap { try? FlowDocument.parse($0.document) }
        guard let (updated, actions) = try await step(stored, input: input, flow: flow, tx: tx, now: now) else { return 0 }
        return try await save(updated, actions: actions, tx: tx, now: now)
    }

    /// What `input` does to a stored run, worked out without the database.
    enum Outcome: Sendable {
        /// Its state or its flow version cannot be read.
        case unreadable
        /// The engine found the flow broken (a step it cannot carry out, another version).
        case broken(FlowExitReason)
        /// The run as it is to be stored, and the effects to log.
        case moved(StoredFlowRun, [FlowAction])
    }

    func outcome(of stored: StoredFlowRun, input: FlowInput, flow: FlowDocument?, now: Date) -> Outcome {
        guard let flow, let state = try? FlowRunState(storedJSON: stored.state) else { return .unreadable }
        let transition = engine.handle(input, state: state, flow: flow, now: now)
        if let reason = transition.state.exitReason, reason == .invalidStep || reason == .versionMismatch { return .broken(reason) }
        var updated = stored
        updated.status = transition.state.status.rawValue
        // An unchanged state (a timer that fired early) is stored as it was.
        updated.state = transition.state == state ? stored.state : transition.state.storedJSON
        updated.wakeAt = transition.state.status.isFinished ? nil : transition.state.wakeAt
        return .moved(updated, transition.actions)
    }

    /// The run after `input` and the effects to log; `nil` when the run went to the dead-letter list instead (its
    /// state or flow version cannot be read, or the engine found the flow broken).
    func step(_ stored: StoredFlowRun, input: FlowInput, flow: FlowDocument?, tx: FlowTransaction, now: Date) async throws -> (
        StoredFlowRun, [FlowAction]
    )? {
        try await settle(stored, outcome(of: stored, input: input, flow: flow, now: now), tx: tx, now: now)
    }

    /// Puts an unreadable or broken run on the dead-letter list; returns a moved one.
    func settle(_ stored: StoredFlowRun, _ outcome: Outcome, tx: FlowTransaction, now: Date) async throws -> (StoredFlowRun, [FlowAction])? {
        switch outcome {
        case .moved(let updated, let actions):
            return (updated, actions)
        case .unreadable:
            try await tx.markDead(
                shopID: stored.shopID,
                runID: stored.id,
                reason: "the run's state or its flow version \(stored.flowVersion) cannot be read",
                now: now
            )
            logger.error("flow run cannot be read; moved to the dead-letter list", metadata: ["rebound.run.id": .string(stored.id)])
            return nil
        case .broken(let reason):
            let reason = "flow \(stored.flowID) v\(stored.flowVersion): \(reason)"
            try await tx.markDead(shopID: stored.shopID, runID: stored.id, reason: reason, now: now)
            return nil
        }
    }

    /// Outcomes of a timer firing for many runs, worked out on every core: reading and writing the states is most of
    /// the CPU a claim costs.
    func timerOutcomes(_ runs: [StoredFlowRun], flows: [FlowDocument?], now: Date) async -> [Outcome] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, runs.count / 100))
        guard parts > 1 else { return zip(runs, flows).map { outcome(of: $0, input: .timerFired, flow: $1, now: now) } }
        let size = (runs.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [Outcome]).self) { group in
            for start in stride(from: 0, to: runs.count, by: size) {
                let end = min(runs.count, start + size)
                group.addTask { (start, (start..<end).map { outcome(of: runs[$0], input: .timerFired, flow: flows[$0], now: now) }) }
            }
            var outcomes = [Outcome](repeating: .unreadable, count: runs.count)
            for await (start, part) in group { outcomes.replaceSubrange(start..<(start + part.count), with: part) }
            return outcomes
        }
    }

    /// Stores a moved-on run and logs its effects.
    func save(_ run: StoredFlowRun, actions: [FlowAction], tx: FlowTransaction, now: Date) async throws -> Int {
        try await tx.updateRun(run, now: now)
        // Only messages need the customer: their address, consent and zone.
        let customer =
            actions.contains(where: \.hasEffects)
            ? try await run.customerID.asyncMap { try await tx.customer(shopID: run.shopID, id: $0) } ?? nil : nil
        return try await apply(actions, run: run, customer: customer, tx: tx, now: now)
    }

    /// Logs each effect once per key.
    func apply(_ actions: [FlowAction], run: StoredFlowRun, customer: Customer?, tx: FlowTransaction, now: Date) async throws -> Int {
        var logged = 0
        for action in actions {
            guard var record = record(for: action, run: run, now: now) else { continue }
            if case .send(let message) = action {
                switch message.channel {
                case .email: record.recipient = customer?.email
                case .sms: record.recipient = customer?.phone
                case .onSite: record.recipient = run.cartID?.rawValue
                }
                // Consent, quiet hours in the recipient's zone and the cap across flows, decided when the step comes due.
                switch try await guardrails(for: message, run: run, customer: customer, tx: tx, now: now) {
                case .sendNow:
                    break
                case .deferUntil(let date, let reason):
                    record.scheduledAt = date
                    record.detail = "deferred: \(reason)"
                case .skip(let reason):
                    record.status = "skipped"
                    record.detail = reason
                }
                // The dispatcher sends email and SMS when they are due; on-site messages wait for the storefront.
                if record.status == "intended", message.channel != .onSite { record.dispatchAt = record.scheduledAt }
            } else {
                try await performEffect(of: action, record: &record, run: run, customer: customer, tx: tx, now: now)
            }
            if try await tx.logMessage(record, shopID: run.shopID, now: now) { logged += 1 }
        }
        return logged
    }

    /// The message-log entry of an effect, before guardrails and recipient (messages get those in ``apply``); `nil`
    /// for timers and exits, which log nothing.
    func record(for action: FlowAction, run: StoredFlowRun, now: Date) -> MessageRecord? {
        switch action {
        case .scheduleTimer, .exit: return nil
        default: break
        }
        var record = MessageRecord(
            id: "msg_" + RandomToken.make(byteCount: 12),
            key: action.key,
            runID: run.id,
            flowID: run.flowID,
            flowVersion: run.flowVersion,
            step: nil,
            variant: nil,
            channel: "",
            template: nil,
            status: "intended",
            customerID: run.customerID,
            recipient: nil,
            cartID: run.cartID,
            detail: nil,
            scheduledAt: now,
            sentAt: nil
        )
        switch action {
        case .scheduleTimer, .exit:
            return nil
        case .send(let message):
            record.step = message.stepID
            record.variant = message.variant
            record.channel = message.channel.rawValue
            record.template = message.template
        case .skipStep(_, let step, let reason):
            record.step = step
            record.channel = "skip"
            record.status = "skipped"
            record.detail = reason
        case .issueDiscount(_, let step, let spec, let rule, let expires):
            record.step = step
            record.channel = "discount"
            record.detail = [spec.map { "\($0)" }, rule.map { "rule \($0)" }, expires.map { "expires \(RFC3339.format($0))" }]
                .compactMap { $0 }.joined(separator: "; ")
        case .createTask(_, let step, let template, let queue, let priority):
            record.step = step
            record.channel = "task"
            record.template = template
            record.detail = "queue \(queue), priority \(priority)"
        case .notifySlack(_, let step, let channel, let template):
            record.step = step
            record.channel = "slack"
            record.template = template
            record.recipient = channel
        case .notifyWebhook(_, let step, let url, let template):
            record.step = step
            record.channel = "webhook"
            record.template = template
            record.recipient = url
        case .tagCustomer(_, let step, let tags):
            record.step = step
            record.channel = "tag"
            record.detail = tags.joined(separator: ", ")
        }
        return record
    }

    func guardrails(for message: FlowMessage, run: StoredFlowRun, customer: Customer?, tx: FlowTransaction, now: Date) async throws
        -> Guardrails.Decision
    {
        let facts = customer.map { CustomerFacts(customer: $0) } ?? CustomerFacts(customerID: run.customerID, hasEmail: false)
        let rules = Guardrails(configuration: .init(quietHours: .default, defaultTimeZone: try await tx.timeZone(shopID: run.shopID)))
        let since = now.addingTimeInterval(-rules.configuration.frequencyWindow)
        let recent = try await run.customerID.asyncMap { try await tx.recentSends(shopID: run.shopID, customerID: $0, since: since) } ?? []
        let suppressed = try await tx.suppressed(shopID: run.shopID, email: customer?.email, phone: customer?.phone)
        return rules.decide(
            CandidateSend(channel: message.channel, customerID: run.customerID?.rawValue, email: customer?.email, phone: customer?.phone),
            recipient: facts,
            recentSends: recent.compactMap { item in MessageChannel(rawValue: item.channel).map { RecentSend(channel: $0, sentAt: item.at) } },
            suppression: SuppressionList(emails: suppressed.emails, phones: suppressed.phones),
            now: now
        )
    }
}
