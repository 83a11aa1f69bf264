"""B8 generator: a year of one shop's events, carts, orders, messages and conversations as CSV, seeded from the real
UCI Online Retail baskets (every order's lines are a real invoice's lines, every product a real stock code).

usage: generate.py RETAIL_CSV_GZ OUT_DIR EVENTS ORDERS SEED (rows carry no shop id: the loaders set it)
"""
import csv, gzip, json, math, os, random, sys

retail, out, n_events, n_orders, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)
DAY = 86_400_000
START = 1735689600000  # 2025-01-01T00:00:00Z
SPAN = 365 * DAY

# Real baskets: invoice -> lines (stock code, quantity, unit price in pence); cancellations and non-positive lines dropped.
baskets, titles, customers = {}, {}, {}
with gzip.open(retail, "rt", newline="") as f:
    for row in csv.DictReader(f):
        if row["InvoiceNo"].startswith("C"):
            continue
        q, p = int(row["Quantity"]), round(float(row["UnitPrice"]) * 100)
        if q <= 0 or p <= 0:
            continue
        baskets.setdefault(row["InvoiceNo"], []).append((row["StockCode"], q, p))
        titles[row["StockCode"]] = row["Description"]
        if row["CustomerID"]:
            customers[row["InvoiceNo"]] = row["CustomerID"]
basket_list = list(baskets.items())
KEYWORDS = ["CHRISTMAS", "BAG", "CANDLE", "HEART", "MUG", "CARD", "BOX", "SIGN", "LIGHT", "CAKE", "VINTAGE", "GARDEN"]


def category(title):
    for k in KEYWORDS:
        if k in title.upper():
            return k.title()
    return None if hash(title) % 10 == 0 else "Other"


def writer(name, header):
    f = open(os.path.join(out, name + ".csv"), "w", newline="")
    w = csv.writer(f)
    w.writerow(header)
    return f, w


pf, pw = writer("products", ["id", "title", "category", "status", "updated_at"])
for code, title in titles.items():
    pw.writerow([code, title, category(title) or "", "active", START])
pf.close()

ef, ew = writer("events", ["id", "type", "anonymous_id", "customer_id", "occurred_at", "received_at", "source", "properties"])
cf, cw = writer("carts", ["id", "token", "kind", "state", "customer_id", "anonymous_id", "lines", "value", "item_count", "currency",
                          "device", "has_contact", "episode", "created_at", "updated_at", "last_activity_at", "abandoned_at", "converted_at", "order_id"])
of_, ow = writer("orders", ["id", "external_id", "customer_id", "email", "lines", "subtotal", "total", "currency", "discount_codes",
                            "source", "cart_id", "refunded_total", "placed_at", "created_at", "updated_at", "attributed_message", "attributed_flow",
                            "attributed_step", "attributed_channel", "attributed_variant"])
mf, mw = writer("messages", ["id", "key", "flow_id", "step", "channel", "status", "customer_id", "recipient", "cart_id",
                             "scheduled_at", "sent_at", "created_at", "opened_at", "clicked_at"])
vf, vw = writer("conversations", ["id", "customer_id", "visitor_id", "channel", "status", "cart_id", "intent", "created_at",
                                  "updated_at", "first_response_at", "resolved_at"])
af, aw = writer("conversation_messages", ["conversation_id", "seq", "id", "author", "body", "channel", "created_at"])
xf, xw = writer("cart_main", ["id", "main_product"])  # for the DuckDB peer only: the cart's most valuable line

counts = {"events": 0}


def event(kind, anon, cust, at, props):
    counts["events"] += 1
    ew.writerow(["e%d" % counts["events"], kind, anon, cust or "", at, at, "bench", json.dumps(props, separators=(",", ":"))])


n_carts = int(n_orders * 2.5)  # 60 % of carts abandoned
n_visitors = max(1000, n_events // 8)
devices = ["desktop", "mobile", "mobile", "tablet"]
messages = 0
for c in range(n_carts):
    inv, lines = basket_list[rng.randrange(len(basket_list))]
    lines = lines[:20]
    anon = "a%d" % rng.randrange(n_visitors)
    cust = ("c" + customers[inv]) if inv in customers and rng.random() < 0.6 else None
    created = START + rng.randrange(SPAN)
    ordered = c < n_orders
    value = sum(q * p for _, q, p in lines)
    main = max(lines, key=lambda l: l[1] * l[2])[0]
    device = rng.choice(devices)
    cid = "cart%d" % c
    event("added_to_cart", anon, cust, created, {"cart_token": "t%d" % c, "product_id": lines[0][0], "quantity": lines[0][1], "price": lines[0][2], "device": device})
    if ordered or rng.random() < 0.3:
        event("started_checkout", anon, cust, created + 300_000, {"cart_token": "t%d" % c})
    abandoned_at = converted_at = order_id = None
    if ordered:
        placed = created + rng.randrange(600_000, 3 * DAY)
        if placed >= START + SPAN:
            placed = START + SPAN - 1
        order_id = "o%d" % c
        converted_at = placed
        if rng.random() < 0.3:  # abandoned first, then bought
            abandoned_at = created + 3_600_000
            event("cart_abandoned", anon, cust, abandoned_at, {"cart_token": "t%d" % c})
        attributed = abandoned_at is not None and rng.random() < 0.5
        step = rng.choice(["s1", "s2", "s3"]) if attributed else ""
        refunded = value // 2 if rng.random() < 0.03 else 0
        ow.writerow([order_id, "x%d" % c, cust or "", "", json.dumps([{"productID": s, "quantity": q, "price": p} for s, q, p in lines]), value,
                     value, "GBP", "[]", "bench", cid, refunded, placed, placed, placed, ("msg%d" % c) if attributed else "",
                     "cart-recovery" if attributed else "", step, "email" if attributed else "", rng.choice(["a", "b"]) if attributed else ""])
        event("order_placed", anon, cust, placed, {"order_id": order_id, "total": value, "currency": "GBP"})
    else:
        abandoned_at = created + 3_600_000
        event("cart_abandoned", anon, cust, abandoned_at, {"cart_token": "t%d" % c})
    if abandoned_at is not None and cust:
        for i, step in enumerate(["s1", "s2", "s3"]):
            if rng.random() > [0.8, 0.6, 0.4][i]:
                break
            messages += 1
            sent = abandoned_at + [3_600_000, DAY, 3 * DAY][i]
            if sent >= START + SPAN:
                break
            opened = sent + rng.randrange(60_000, DAY) if rng.random() < 0.45 else None
            clicked = opened + 30_000 if opened and rng.random() < 0.45 else None
            mw.writerow(["m%d" % messages, "k%d" % messages, "cart-recovery", step, "email", "sent", cust, cust + "@example.com", cid,
                         sent, sent, sent, opened or "", clicked or ""])
    cw.writerow([cid, "t%d" % c, "cart", "converted" if ordered else "abandoned", cust or "", anon,
                 json.dumps([{"productID": s, "quantity": q, "price": p} for s, q, p in lines]), value, sum(q for _, q, _ in lines), "GBP",
                 device, 1 if cust else 0, 0, created, created, created, abandoned_at or "", converted_at or "", order_id or ""])
    xw.writerow([cid, main])

n_conversations = max(100, n_orders // 5)
intents = ["shipping", "returns", "sizing", "order_status", "discount", ""]
channels = ["chat", "chat", "email", "sms", "messenger"]
cm = 0
for v in range(n_conversations):
    created = START + rng.randrange(SPAN)
    ch = rng.choice(channels)
    answered = rng.random() < 0.9
    first = created + int(rng.lognormvariate(5, 1.5) * 1000) if answered else None
    resolved = (first or created) + int(rng.lognormvariate(9, 1.2) * 1000) if rng.random() < 0.7 else None
    cart = "cart%d" % rng.randrange(n_carts) if ch == "chat" and rng.random() < 0.5 else ""
    vw.writerow(["v%d" % v, "", "a%d" % rng.randrange(n_visitors), ch, "resolved" if resolved else "open", cart, rng.choice(intents),
                 created, resolved or first or created, first or "", resolved or ""])
    if first and rng.random() < 0.6:
        cm += 1
        aw.writerow(["v%d" % v, 1, "cm%d" % cm, "agent", "Hello", ch, first])

# The rest of the events: product views, then CSAT, NPS and recommendations.
rest = n_events - counts["events"]
codes = list(titles)
for i in range(max(0, rest)):
    at = START + rng.randrange(SPAN)
    anon = "a%d" % rng.randrange(n_visitors)
    r = rng.random()
    if r < 0.80:
        event("viewed_product", anon, None, at, {"product_id": rng.choice(codes)})
    elif r < 0.83:
        event("csat_submitted", anon, None, at, {"score": rng.choice([3, 4, 4, 5, 5, 5, 2, 1])})
    elif r < 0.85:
        event("nps_submitted", anon, None, at, {"score": rng.randrange(11)})
    elif r < 0.97:
        event("recommendation_shown", anon, None, at, {"placement": rng.choice(["product_page", "cart", "thank_you", "free_shipping_gap"])})
    else:
        event("recommendation_added", anon, None, at, {"placement": rng.choice(["product_page", "cart", "thank_you"]), "price": rng.randrange(100, 3000), "quantity": 1})
for f in (ef, cf, of_, mf, vf, af, xf):
    f.close()

# Random date ranges (UTC days, inclusive): a preset length at a random start inside the year.
with open(os.path.join(out, "ranges.txt"), "w") as f:
    for _ in range(int(os.environ.get("RUNS", "200"))):
        length = rng.choice([1, 7, 30, 90, 365])
        first = rng.randrange(0, 365 - length + 1)
        a, b = START + first * DAY, START + (first + length - 1) * DAY
        import datetime as dt
        fmt = lambda ms: dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc).strftime("%Y-%m-%d")
        f.write("%s %s\n" % (fmt(a), fmt(b)))
print("events\t%d\tcarts\t%d\torders\t%d\tmessages\t%d\tconversations\t%d" % (counts["events"], n_carts, n_orders, messages, n_conversations))
