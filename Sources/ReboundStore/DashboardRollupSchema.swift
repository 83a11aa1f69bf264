/// Migration 11: the dashboard's daily rollups and the triggers that keep them exact.
///
/// `dashboard_daily` holds one value per shop, day, metric and label (see `DashboardRollup`; a wait histogram's buckets
/// in `buckets` since migration 18, `histogramStatements`); the day is the shop's
/// local day since migration 16 (`zoneStatements`, `LocalDays`), the UTC day (`epoch ms / 86 400 000`) before.
/// `dashboard_dirty` lists the UTC days whose source rows changed since their rollup was computed. Triggers on every source table (events, carts, orders, messages, conversations, conversation messages) mark the
/// affected day in the same transaction as the write, whichever code path wrote it (ingest, abandonment, orders and
/// attribution, refunds, sends, opens, clicks, replies, resolutions, or a hand-written `UPDATE`). The dashboard reads
/// the rollups and first recomputes only the marked days of its range (`Store.refreshDashboardRollups`), so no page view
/// scans the period's raw rows, and the figures equal a raw recomputation at every moment.
///
/// The marker is an upsert that bumps `version`, not `DO NOTHING`: on PostgreSQL it takes the row lock, so a refresh
/// deleting the marker waits for the writer's commit and then sees its rows.
enum DashboardRollupSchema {
    /// A source table, the expression of the day its rows count on, the rows that count, and the columns the
    /// dashboard reads (SQLite only re-marks on updates of those).
    struct Source {
        var table: String
        var day: String
        var condition: String
        var columns: [String]
    }

    static let sources: [Source] = [
        Source(table: "events", day: "occurred_at", condition: "", columns: ["type", "occurred_at", "customer_id", "anonymous_id", "properties"]),
        Source(
            table: "carts",
            day: "created_at",
            condition: "",
            columns: ["created_at", "abandoned_at", "order_id", "device", "lines", "customer_id", "anonymous_id"]
        ),
        Source(
            table: "orders",
            day: "placed_at",
            condition: "",
            columns: [
                "placed_at", "total", "refunded_total", "attributed_message", "attributed_flow", "attributed_step", "attributed_channel",
                "attributed_variant",
            ]
        ),
        Source(
            table: "messages",
            day: "sent_at",
            condition: "sent_at IS NOT NULL",
            columns: ["sent_at", "opened_at", "clicked_at", "flow_id", "step", "channel", "customer_id", "recipient"]
        ),
        Source(
            table: "conversations",
            day: "created_at",
            condition: "",
            columns: ["created_at", "channel", "first_response_at", "resolved_at", "intent", "cart_id", "customer_id", "visitor_id"]
        ),
    ]

    static let upsert = "ON CONFLICT (shop_id, day) DO UPDATE SET version = dashboard_dirty.version + 1"

    static var statements: [String] {
        var list = [
            """
            CREATE TABLE dashboard_daily (
                shop_id TEXT NOT NULL, day BIGINT NOT NULL, metric TEXT NOT NULL, label TEXT NOT NULL, value BIGINT NOT NULL,
                PRIMARY KEY (shop_id, day, metric, label))
            """,
            "CREATE TABLE dashboard_dirty (shop_id TEXT NOT NULL, day BIGINT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (shop_id, day))",
            // Exact unanswered times of the last days, for SLA breaches measured against now.
            "CREATE INDEX conversations_unanswered ON conversations (shop_id, created_at) WHERE first_response_at IS NULL",
        ]
        for source in sources {
            list += sqliteTriggers(source)
            list += postgresTriggers(source)
        }
        // An agent's reply changes its conversation's deflection: the conversation's day.
        list.append(
            """
            {{SQLITE}}CREATE TRIGGER conversation_messages_dashboard AFTER INSERT ON conversation_messages WHEN NEW.author = 'agent' BEGIN
            INSERT INTO dashboard_dirty (shop_id, day, version) SELECT shop_id, created_at / 86400000, 1 FROM conversations
            WHERE shop_id = NEW.shop_id AND id = NEW.conversation_id \(upsert); END
            """
        )
        list.append(
            """
            {{POSTGRES}}CREATE FUNCTION rebound_dashboard_dirty_conversation_messages() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO dashboard_dirty (shop_id, day, version)
                SELECT DISTINCT v.shop_id, v.created_at / 86400000, 1 FROM new_rows r
                JOIN conversations v ON v.shop_id = r.shop_id AND v.id = r.conversation_id WHERE r.author = 'agent' ORDER BY 1, 2
                \(upsert);
                RETURN NULL;
            END $$
            """
        )
        list.append(
            """
            {{POSTGRES}}CREATE TRIGGER conversation_messages_dashboard AFTER INSERT ON conversation_messages
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rebound_dashboard_dirty_conversation_messages()
            """
        )
        return list
    }

    /// Migration 16: the zone each shop's rollups were built for. Since then `dashboard_daily.day` is the shop's local
    /// day (`LocalDays`; the UTC day for a UTC shop) and response times are bucketed (`WaitBuckets`). The rollups of
    /// migration 11 (UTC days, exact seconds) have no row here, so each shop's are rebuilt on its first dashboard read
    /// (`Store.ensureRollupZone`), as after a change of the shop's zone. `dashboard_dirty` keeps UTC days: triggers
    /// cannot know the zone.
    static let zoneStatements = [
        "CREATE TABLE dashboard_zone (shop_id TEXT PRIMARY KEY, time_zone TEXT NOT NULL)"
    ]

    /// Migration 18: a wait histogram becomes one row per day, metric and channel, `value` the number of waits and
    /// `buckets` their `edge:count` pairs (`DashboardRollup.encode`), instead of one row per bucket labelled
    /// `channel␟edge`: a year's dashboard read ~280,000 bucket rows at 550 conversations a day (B8), now ~3,000. Beside
    /// the days, `dashboard_monthly` holds each month's sums, so a year reads twelve rows per metric.
    ///
    /// The rows are converted, not recomputed, into a new table: on PostgreSQL deleting the bucket rows in place left
    /// the table seven times its size (B8: 32 MB for 39,000 rows, and a year's read scanned it all), and on SQLite the
    /// new table is `WITHOUT ROWID`, so a range of days is one run of the primary key's b-tree rather than an index walk
    /// with a table lookup per row.
    static let histogramStatements = [
        """
        CREATE TABLE dashboard_daily_v18 (
            shop_id TEXT NOT NULL, day BIGINT NOT NULL, metric TEXT NOT NULL, label TEXT NOT NULL, value BIGINT NOT NULL, buckets TEXT,
            PRIMARY KEY (shop_id, day, metric, label)) {{WITHOUT_ROWID}}
        """,
        """
        INSERT INTO dashboard_daily_v18 (shop_id, day, metric, label, value)
        SELECT shop_id, day, metric, label, value FROM dashboard_daily WHERE metric NOT IN ('conv.response', 'conv.resolution')
        """,
        """
        {{SQLITE}}INSERT INTO dashboard_daily_v18 (shop_id, day, metric, label, value, buckets)
        SELECT shop_id, day, metric, channel, SUM(value), group_concat(edge || ':' || value, ' ') FROM (
            SELECT shop_id, day, metric, substr(label, 1, instr(label, char(31)) - 1) AS channel,
                CAST(substr(label, instr(label, char(31)) + 1) AS INTEGER) AS edge, value
            FROM dashboard_daily WHERE metric IN ('conv.response', 'conv.resolution') AND instr(label, char(31)) > 0
            ORDER BY shop_id, day, metric, channel, edge)
        GROUP BY shop_id, day, metric, channel
        """,
        """
        {{POSTGRES}}INSERT INTO dashboard_daily_v18 (shop_id, day, metric, label, value, buckets)
        SELECT shop_id, day, metric, channel, SUM(value), string_agg(edge || ':' || value, ' ' ORDER BY edge) FROM (
            SELECT shop_id, day, metric, split_part(label, chr(31), 1) AS channel, CAST(split_part(label, chr(31), 2) AS BIGINT) AS edge, value
            FROM dashboard_daily WHERE metric IN ('conv.response', 'conv.resolution') AND strpos(label, chr(31)) > 0) AS b
        GROUP BY shop_id, day, metric, channel
        """,
        "DROP TABLE dashboard_daily",
        "ALTER TABLE dashboard_daily_v18 RENAME TO dashboard_daily",
        "{{POSTGRES}}ALTER INDEX dashboard_daily_v18_pkey RENAME TO dashboard_daily_pkey",
        // Each calendar month's sums of the daily rows (the summed metrics and the histograms; the daily series stay
        // daily), `month` the number of its first day: a year's page reads 12 rows per metric, not 365.
        """
        CREATE TABLE dashboard_monthly (
            shop_id TEXT NOT NULL, month BIGINT NOT NULL, metric TEXT NOT NULL, label TEXT NOT NULL, value BIGINT NOT NULL, buckets TEXT,
            PRIMARY KEY (shop_id, month, metric, label)) {{WITHOUT_ROWID}}
        """,
        // 0 until a shop's months are summed from its daily rows (`Store.buildRollupMonths`, on its next read).
        "ALTER TABLE dashboard_zone ADD COLUMN months BIGINT NOT NULL DEFAULT 0",
    ]

    static func sqliteTriggers(_ s: Source) -> [String] {
        func mark(_ row: String) -> String {
            let condition = s.condition.isEmpty ? "1 = 1" : "\(row).\(s.condition)"
            return
                "INSERT INTO dashboard_dirty (shop_id, day, version) SELECT \(row).shop_id, \(row).\(s.day) / 86400000, 1 WHERE \(condition) \(upsert);"
        }
        return [
            "{{SQLITE}}CREATE TRIGGER \(s.table)_dashboard_insert AFTER INSERT ON \(s.table) BEGIN \(mark("NEW")) END",
            """
            {{SQLITE}}CREATE TRIGGER \(s.table)_dashboard_update AFTER UPDATE OF \(s.columns.joined(separator: ", ")) ON \(s.table)
            BEGIN \(mark("NEW")) \(mark("OLD")) END
            """,
            "{{SQLITE}}CREATE TRIGGER \(s.table)_dashboard_delete AFTER DELETE ON \(s.table) BEGIN \(mark("OLD")) END",
        ]
    }

    /// Statement-level triggers over transition tables: one insert per statement, so a multi-row ingest pays once.
    static func postgresTriggers(_ s: Source) -> [String] {
        let condition = s.condition.isEmpty ? "" : "WHERE r.\(s.condition)"
        func mark(_ rows: String) -> String {
            """
            INSERT INTO dashboard_dirty (shop_id, day, version)
                SELECT DISTINCT r.shop_id, r.\(s.day) / 86400000, 1 FROM \(rows) r \(condition) ORDER BY 1, 2 \(upsert);
            """
        }
        let function = "rebound_dashboard_dirty_\(s.table)"
        return [
            """
            {{POSTGRES}}CREATE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'DELETE' THEN \(mark("new_rows")) END IF;
                IF TG_OP <> 'INSERT' THEN \(mark("old_rows")) END IF;
                RETURN NULL;
            END $$
            """,
            """
            {{POSTGRES}}CREATE TRIGGER \(s.table)_dashboard_insert AFTER INSERT ON \(s.table)
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(function)()
            """,
            """
            {{POSTGRES}}CREATE TRIGGER \(s.table)_dashboard_update AFTER UPDATE ON \(s.table)
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(function)()
            """,
            """
            {{POSTGRES}}CREATE TRIGGER \(s.table)_dashboard_delete AFTER DELETE ON \(s.table)
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION \(function)()
            """,
        ]
    }
}
