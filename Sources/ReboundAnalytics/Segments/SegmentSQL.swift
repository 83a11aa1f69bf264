public import Foundation

/// The table layout segment SQL is written against. The server keeps these rows up to date; the SQL works unchanged on
/// SQLite and PostgreSQL (timestamps are integer Unix seconds, so no date functions are needed).
///
/// ```sql
/// CREATE TABLE customer_facts (
///     shop_id TEXT NOT NULL, customer_id TEXT NOT NULL,
///     spend_minor BIGINT NOT NULL, order_count INTEGER NOT NULL,
///     last_order_at BIGINT,                       -- Unix seconds, NULL = never ordered
///     rfm_recency INTEGER, rfm_frequency INTEGER, rfm_monetary INTEGER, rfm_cell TEXT,  -- NULL = no orders
///     email_consent BOOLEAN NOT NULL, sms_consent BOOLEAN NOT NULL,
///     country TEXT,                               -- ISO 3166-1 alpha-2
///     last_opened_at BIGINT, last_clicked_at BIGINT,
///     PRIMARY KEY (shop_id, customer_id));
/// CREATE TABLE customer_fact_tags (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, tag TEXT NOT NULL,
///     PRIMARY KEY (shop_id, customer_id, tag));
/// CREATE TABLE customer_fact_products (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, product_id TEXT NOT NULL,
///     PRIMARY KEY (shop_id, customer_id, product_id));
/// ```
public enum CustomerFactsTable {
    /// The `CREATE TABLE` statements above, valid on both engines.
    public static let schema = [
        """
        CREATE TABLE customer_facts (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, spend_minor BIGINT NOT NULL, \
        order_count INTEGER NOT NULL, last_order_at BIGINT, rfm_recency INTEGER, rfm_frequency INTEGER, rfm_monetary INTEGER, \
        rfm_cell TEXT, email_consent BOOLEAN NOT NULL, sms_consent BOOLEAN NOT NULL, country TEXT, last_opened_at BIGINT, \
        last_clicked_at BIGINT, PRIMARY KEY (shop_id, customer_id))
        """,
        "CREATE TABLE customer_fact_tags (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (shop_id, customer_id, tag))",
        """
        CREATE TABLE customer_fact_products (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, product_id TEXT NOT NULL, \
        PRIMARY KEY (shop_id, customer_id, product_id))
        """,
    ]

    /// The column (or side table) holding each field.
    public static func column(_ field: SegmentField) -> String {
        switch field {
        case .spend: "spend_minor"
        case .orderCount: "order_count"
        case .daysSinceLastOrder: "last_order_at"
        case .rfmRecency: "rfm_recency"
        case .rfmFrequency: "rfm_frequency"
        case .rfmMonetary: "rfm_monetary"
        case .rfmCell: "rfm_cell"
        case .tags: "customer_fact_tags.tag"
        case .emailConsent: "email_consent"
        case .smsConsent: "sms_consent"
        case .country: "country"
        case .productsBought: "customer_fact_products.product_id"
        case .daysSinceLastOpen: "last_opened_at"
        case .daysSinceLastClick: "last_clicked_at"
        }
    }

    /// A date as whole Unix seconds (floor), the form stored in the `*_at` columns.
    public static func epochSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// The timestamp `days` before `now`, in whole seconds: ⌊now⌋ − round(days · 86400).
    public static func cutoff(now: Date, days: Double) -> Int64 {
        epochSeconds(now) - Int64((days * 86_400).rounded())
    }
}

/// A bind value of a SQL fragment.
public enum SQLBind: Sendable, Hashable {
    case integer(Int64)
    case text(String)
    case bool(Bool)
}

/// How placeholders are written.
public enum SQLPlaceholderStyle: Sendable, Hashable {
    /// `?` (SQLite).
    case questionMark
    /// `$n`, numbered from the given first index (PostgreSQL; start after the caller's own binds).
    case dollar(startingAt: Int)
}

/// A parameterised SQL boolean expression and its bind values, in placeholder order.
public struct SQLFragment: Sendable, Hashable {
    /// The expression, to be placed after `WHERE` (it is fully parenthesised where it matters).
    public var sql: String
    /// Values for the placeholders, in order.
    public var binds: [SQLBind]
}

extension SegmentRule {
    /// Translates the rule into a WHERE expression over `customer_facts` (see `CustomerFactsTable`).
    ///
    /// ```swift
    /// let fragment = rule.sqlWhere(now: now, placeholders: .dollar(startingAt: 2))
    /// // SELECT count(*) FROM customer_facts WHERE shop_id = $1 AND <fragment.sql>   -- binds: [shop] + fragment.binds
    /// ```
    /// Facts that can be missing are guarded with `IS NOT NULL`, so the SQL never yields NULL and `NOT` behaves exactly
    /// like `matches(_:now:)`.
    public func sqlWhere(now: Date, placeholders: SQLPlaceholderStyle = .questionMark) -> SQLFragment {
        var writer = SQLWriter(style: placeholders, now: now)
        let sql = writer.write(self)
        return SQLFragment(sql: sql, binds: writer.binds)
    }
}

private struct SQLWriter {
    let style: SQLPlaceholderStyle
    let now: Date
    var binds: [SQLBind] = []

    init(style: SQLPlaceholderStyle, now: Date) {
        self.style = style
        self.now = now
    }

    mutating func bind(_ value: SQLBind) -> String {
        binds.append(value)
        switch style {
        case .questionMark: return "?"
        case .dollar(let start): return "$\(start + binds.count - 1)"
        }
    }

    mutating func write(_ rule: SegmentRule) -> String {
        switch rule {
        case .all(let rules): rules.isEmpty ? "1 = 1" : "(" + rules.map { write($0) }.joined(separator: " AND ") + ")"
        case .any(let rules): rules.isEmpty ? "1 = 0" : "(" + rules.map { write($0) }.joined(separator: " OR ") + ")"
        case .not(let rule): "NOT " + parenthesised(write(rule))
        case .condition(let condition): write(condition)
        }
    }

    func parenthesised(_ sql: String) -> String { sql.hasPrefix("(") && sql.hasSuffix(")") ? sql : "(\(sql))" }

    mutating func write(_ c: SegmentCondition) -> String {
        let column = CustomerFactsTable.column(c.field)
        switch (c.field, c.value) {
        case (.spend, .integer(let n)), (.orderCount, .integer(let n)):
            return "\(column) \(c.op.sql) \(bind(.integer(n)))"
        case (_, .integer(let n)):
            return "(\(column) IS NOT NULL AND \(column) \(c.op.sql) \(bind(.integer(n))))"
        case (_, .days(let d)):
            let cutoff = CustomerFactsTable.cutoff(now: now, days: d)
            return "(\(column) IS NOT NULL AND \(column) \(c.op.reversed.sql) \(bind(.integer(cutoff))))"
        case (_, .bool(let b)):
            return "\(column) \(c.op.sql) \(bind(.bool(b)))"
        case (.tags, .string(let s)), (.productsBought, .string(let s)):
            let parts = column.split(separator: ".")
            return "\(c.op.sql) (SELECT 1 FROM \(parts[0]) WHERE \(parts[0]).shop_id = customer_facts.shop_id"
                + " AND \(parts[0]).customer_id = customer_facts.customer_id AND \(column) = \(bind(.text(s))))"
        case (_, .string(let s)):
            return "(\(column) IS NOT NULL AND \(column) \(c.op.sql) \(bind(.text(s))))"
        case (_, .strings(let list)):
            let marks = list.map { bind(.text($0)) }.joined(separator: ", ")
            return "(\(column) IS NOT NULL AND \(column) \(c.op.sql) (\(marks)))"
        }
    }
}
