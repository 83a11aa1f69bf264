public import Foundation
public import ReboundCore
import SQLKit

extension FlowTransaction {
    /// Stores many moved-on runs with one statement per 1,000: status, state and next wake-up, as ``updateRun(_:now:)``.
    public func updateRuns(_ runs: [StoredFlowRun], now: Date) async throws {
        for chunk in runs.chunked(into: 1000) {
            // `VALUES` names its columns column1…column5 on both engines; the casts give an all-NULL column a type.
            var query = SQLQueryString("UPDATE flow_runs SET status = v.column3, state = v.column4, wake_at = v.column5, ")
            query += "updated_at = \(bind: now.epochMilliseconds) FROM (VALUES "
            for (index, run) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += """
                    (\(bind: run.shopID.rawValue), \(bind: run.id), \(bind: run.status), \(bind: run.state),
                    CAST(\(bind: run.wakeAt.ms) AS BIGINT))
                    """
            }
            query += ") AS v WHERE flow_runs.shop_id = v.column1 AND flow_runs.id = v.column2"
            try await db.raw(query).run()
        }
    }

    /// Logs many effects with one statement per 500, each once per key as ``logMessage(_:shopID:now:)``; returns how
    /// many were new.
    public func logMessages(_ messages: [(message: MessageRecord, shopID: Shop.ID)], now: Date) async throws -> Int {
        var logged = 0
        for chunk in messages.chunked(into: 500) {
            var query = SQLQueryString(
                """
                INSERT INTO messages (shop_id, id, key, run_id, flow_id, flow_version, step, variant, channel, template, status,
                    customer_id, recipient, cart_id, detail, scheduled_at, sent_at, created_at) VALUES
                """
            )
            for (index, item) in chunk.enumerated() {
                let message = item.message
                if index > 0 { query += ", " }
                query += """
                    (\(bind: item.shopID.rawValue), \(bind: message.id), \(bind: message.key), \(bind: message.runID),
                    \(bind: message.flowID), \(bind: message.flowVersion.map(Int64.init)), \(bind: message.step), \(bind: message.variant),
                    \(bind: message.channel), \(bind: message.template), \(bind: message.status), \(bind: message.customerID?.rawValue),
                    \(bind: message.recipient), \(bind: message.cartID?.rawValue), \(bind: message.detail),
                    \(bind: message.scheduledAt.epochMilliseconds), \(bind: message.sentAt.ms), \(bind: now.epochMilliseconds))
                    """
            }
            query += " ON CONFLICT (shop_id, key) DO NOTHING RETURNING id"
            logged += try await db.raw(query).all().count
        }
        return logged
    }
}

extension Store {
    /// The earliest wake-up after `date` of any waiting run, across shops: when the flow worker has work next.
    public func nextFlowWake(after date: Date) async throws -> Date? {
        try await read { db in
            try await db.raw(
                "SELECT MIN(wake_at) AS m FROM flow_runs WHERE status = 'waiting' AND wake_at > \(bind: date.epochMilliseconds)"
            ).first()?.optionalDate("m")
        }
    }

    /// Inserts many new runs with one statement per 1,000 rows in one transaction; a run whose flow and trigger event
    /// already have one is left out. Returns how many were new. For imports and benchmarks.
    @discardableResult
    public func insertRuns(_ runs: [StoredFlowRun], now: Date) async throws -> Int {
        try await write { db in
            var inserted = 0
            for chunk in runs.chunked(into: 1000) {
                var query = SQLQueryString(
                    """
                    INSERT INTO flow_runs (shop_id, id, flow_id, flow_version, trigger_event_id, cart_id, customer_id, status, state,
                        wake_at, created_at, updated_at) VALUES
                    """
                )
                for (index, run) in chunk.enumerated() {
                    if index > 0 { query += ", " }
                    query += """
                        (\(bind: run.shopID.rawValue), \(bind: run.id), \(bind: run.flowID), \(bind: Int64(run.flowVersion)),
                        \(bind: run.triggerEventID), \(bind: run.cartID?.rawValue), \(bind: run.customerID?.rawValue), \(bind: run.status),
                        \(bind: run.state), \(bind: run.wakeAt.ms), \(bind: now.epochMilliseconds), \(bind: now.epochMilliseconds))
                        """
                }
                query += " ON CONFLICT (shop_id, flow_id, trigger_event_id) DO NOTHING RETURNING id"
                inserted += try await db.raw(query).all().count
            }
            return inserted
        }
    }

    /// How many runs of a shop are in each status.
    public func flowRunCounts(shopID: Shop.ID) async throws -> [String: Int] {
        try await read { db in
            var counts: [String: Int] = [:]
            for row in try await db.raw(
                "SELECT status, COUNT(*) AS n FROM flow_runs WHERE shop_id = \(bind: shopID.rawValue) GROUP BY status"
            ).all() {
                counts[try row.string("status")] = Int(try row.int("n"))
            }
            return counts
        }
    }
}

extension Store {
    /// Refreshes PostgreSQL's planner statistics of the run table, as autovacuum does in its own time; for right after
    /// a bulk load. SQLite plans without them.
    public func analyzeFlowRuns() async throws {
        guard kind == .postgres else { return }
        _ = try await engine.withConnection { db in try await db.raw("ANALYZE flow_runs").run() }
    }
}
