"""Bulk-loads the generated CSVs into a migrated Rebound SQLite file: one executemany per 10,000 rows, so the
dashboard triggers fire as they do on ingest. usage: load_sqlite.py DB DIR SHOP_ID"""
import csv, os, sqlite3, sys, time

db, folder, shop = sys.argv[1], sys.argv[2], sys.argv[3]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=NORMAL")
# 10 M events carry several indexes on random keys (ids, visitors): with SQLite's 2 MB default cache every insert
# reads index pages back from the OS and the load slows to a crawl past ~3 M rows; 4 GB keeps them in memory.
con.execute("PRAGMA cache_size=-4000000")
for table in ["products", "events", "carts", "orders", "messages", "conversations", "conversation_messages"]:
    began = time.time()
    with open(os.path.join(folder, table + ".csv"), newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        sql = "INSERT INTO %s (shop_id, %s) VALUES (?, %s)" % (table, ", ".join(header), ", ".join("?" * len(header)))
        batch, total = [], 0
        for row in rows:
            batch.append([shop] + [None if v == "" else v for v in row])
            if len(batch) == 10_000:
                con.executemany(sql, batch)
                con.commit()
                total += len(batch)
                batch = []
        con.executemany(sql, batch)
        con.commit()
        total += len(batch)
    print("sqlite\tload\t%s\t%d rows\t%.1f s" % (table, total, time.time() - began), flush=True)
con.execute("ANALYZE")
con.close()
