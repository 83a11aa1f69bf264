"""B8 peer: DuckDB answers the dashboard's questions for the same date ranges over the same rows (the generated CSVs,
loaded into DuckDB's own columnar tables first). Distinct visitor and recipient counts are per day and summed, as
Rebound's rollups define them. usage: peer.py DIR"""
import datetime as dt, os, sys, time
import duckdb

folder = sys.argv[1]
DAY = 86_400_000
con = duckdb.connect()
began = time.time()
for table in ["products", "events", "carts", "orders", "messages", "conversations", "conversation_messages", "cart_main"]:
    con.execute("CREATE TABLE %s AS SELECT * FROM read_csv('%s', header = true, all_varchar = false)" % (table, os.path.join(folder, table + ".csv")))
print("duckdb\tload_s\t%.1f" % (time.time() - began), flush=True)

QUESTIONS = {
    "kpis": [
        "SELECT (created_at - $s) // 86400000 AS d, count(*), count(abandoned_at) FROM carts WHERE created_at >= $s AND created_at < $e GROUP BY 1",
        "SELECT (occurred_at - $s) // 86400000 AS d, count(*) FROM events WHERE type IN ('cart_abandoned', 'checkout_abandoned') AND occurred_at >= $s AND occurred_at < $e GROUP BY 1",
        "SELECT (placed_at - $s) // 86400000 AS d, count(*), sum(total - refunded_total) FROM orders WHERE attributed_message IS NOT NULL AND placed_at >= $s AND placed_at < $e GROUP BY 1",
        "SELECT (sent_at - $s) // 86400000 AS d, count(DISTINCT coalesce(customer_id, recipient)) FROM messages WHERE flow_id IS NOT NULL AND channel IN ('email', 'sms') AND sent_at >= $s AND sent_at < $e GROUP BY 1",
    ],
    "by_device": ["SELECT coalesce(device, 'unknown'), count(*), count(abandoned_at) FROM carts WHERE created_at >= $s AND created_at < $e GROUP BY 1"],
    "by_category": [
        """SELECT coalesce(p.category, 'unknown'), count(*), count(c.abandoned_at) FROM carts c JOIN cart_main m ON m.id = c.id
           LEFT JOIN products p ON p.id = m.main_product WHERE c.created_at >= $s AND c.created_at < $e GROUP BY 1"""
    ],
    "funnel": [
        """SELECT type, count(DISTINCT (occurred_at // 86400000, coalesce(customer_id, anonymous_id))) FROM events
           WHERE type IN ('viewed_product', 'added_to_cart', 'started_checkout', 'order_placed') AND occurred_at >= $s AND occurred_at < $e GROUP BY 1"""
    ],
    "flow_steps": [
        """SELECT flow_id, step, channel, count(*), count(opened_at), count(clicked_at) FROM messages WHERE flow_id IS NOT NULL
           AND channel IN ('email', 'sms', 'onsite') AND sent_at >= $s AND sent_at < $e GROUP BY 1, 2, 3"""
    ],
    "chat": [
        """SELECT count(*), sum(chatted), sum(chatted * converted), sum((1 - chatted) * converted) FROM (
             SELECT c.created_at // 86400000 AS d, coalesce(c.customer_id, c.anonymous_id) AS visitor, max(CASE WHEN c.order_id IS NOT NULL THEN 1 ELSE 0 END) AS converted,
               max(CASE WHEN EXISTS (SELECT 1 FROM conversations v WHERE v.channel = 'chat' AND (v.cart_id = c.id OR v.customer_id = c.customer_id
                   OR v.visitor_id = c.anonymous_id) AND v.created_at // 86400000 = c.created_at // 86400000) THEN 1 ELSE 0 END) AS chatted
             FROM carts c WHERE c.created_at >= $s AND c.created_at < $e GROUP BY 1, 2)"""
    ],
    "support": [
        """SELECT channel, count(*), quantile_disc(ceil((first_response_at - created_at) / 1000), 0.5), quantile_disc(ceil((first_response_at - created_at) / 1000), 0.9),
             quantile_disc(ceil((resolved_at - created_at) / 1000), 0.5), count(*) FILTER (WHERE first_response_at - created_at <= 120000),
             count(*) FILTER (WHERE resolved_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversation_messages m WHERE m.conversation_id = v.id AND m.author = 'agent'))
           FROM conversations v WHERE created_at >= $s AND created_at < $e GROUP BY 1""",
        "SELECT coalesce(intent, 'other'), (created_at - $s) // 86400000, count(*) FROM conversations WHERE created_at >= $s AND created_at < $e GROUP BY 1, 2",
    ],
    "satisfaction": [
        """SELECT type, (occurred_at - $s) // 86400000, count(*), sum(CAST(json_extract(properties, '$.score') AS DOUBLE)),
             count(*) FILTER (WHERE CAST(json_extract(properties, '$.score') AS DOUBLE) >= 9), count(*) FILTER (WHERE CAST(json_extract(properties, '$.score') AS DOUBLE) <= 6)
           FROM events WHERE type IN ('csat_submitted', 'nps_submitted') AND occurred_at >= $s AND occurred_at < $e GROUP BY 1, 2"""
    ],
    "upsell": [
        """SELECT json_extract_string(properties, '$.placement'), type, count(*), sum(CAST(json_extract(properties, '$.price') AS BIGINT))
           FROM events WHERE type IN ('recommendation_shown', 'recommendation_added') AND occurred_at >= $s AND occurred_at < $e GROUP BY 1, 2"""
    ],
    "recovery": [
        """SELECT attributed_flow, attributed_step, attributed_channel, attributed_variant, count(*), sum(total - refunded_total) FROM orders
           WHERE attributed_message IS NOT NULL AND placed_at >= $s AND placed_at < $e GROUP BY 1, 2, 3, 4"""
    ],
}


def ms(day):
    return int(dt.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc).timestamp() * 1000)


ranges = []
for line in open(os.path.join(folder, "ranges.txt")):
    a, b = line.split()
    s, e = ms(a), ms(b) + DAY
    ranges.append((s, e))


def answer(name, s, e):
    for sql in QUESTIONS[name]:
        con.execute(sql, {"s": s, "e": e}).fetchall()


for s, e in ranges[:3]:  # warm-up
    for name in QUESTIONS:
        answer(name, s, e)
times = {name: [] for name in QUESTIONS}
one_period, page = [], []
for s, e in ranges:
    total = 0.0
    for name in QUESTIONS:
        t = time.perf_counter()
        answer(name, s, e)
        elapsed = (time.perf_counter() - t) * 1000
        times[name].append(elapsed)
        total += elapsed
    t = time.perf_counter()
    for name in QUESTIONS:  # the previous period, as the page's comparison reads it
        answer(name, s - (e - s), s)
    one_period.append(total)
    page.append(total + (time.perf_counter() - t) * 1000)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(-(-p * len(values) // 1)) - 1))]


for name, values in list(times.items()) + [("all_questions_one_period", one_period), ("page_with_compare", page)]:
    print("duckdb\t%s\tn=%d\tp50_ms=%.2f\tp95_ms=%.2f\tmax_ms=%.2f" % (name, len(values), pct(values, 0.5), pct(values, 0.95), max(values)), flush=True)
