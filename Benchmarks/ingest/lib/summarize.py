"""Turns run.sh's results.tsv, rss.csv and meta.txt into a table (stdout) and a markdown file.

usage: summarize.py RESULTS_TSV RSS_CSV META_TXT OUT_MD
"""
import csv
import sys
from collections import defaultdict

results_path, rss_path, meta_path, out_path = sys.argv[1:5]

rows = list(csv.DictReader(open(results_path), delimiter="\t"))
rss = defaultdict(list)  # (system, case) -> [(elapsed_s, rss_kb)]
for r in csv.DictReader(open(rss_path)):
    rss[(r["system"], r["case"])].append((float(r["elapsed_s"]), int(r["rss_kb"])))
meta = [line.rstrip("\n") for line in open(meta_path)]


def mb(kb):
    return f"{kb / 1024:.1f}"


table = []
for r in rows:
    dur = float(r["duration_s"])
    req = int(r["requests"])
    ok = req - int(r["non202"])
    epr = int(r["events_per_request"])
    cpu = float(r["server_cpu_s"])
    samples = rss.get((r["system"], r["case"]), [])
    table.append({
        "system": r["system"],
        "case": r["case"],
        "events/s": f"{ok * epr / dur:,.0f}",
        "req/s": f"{req / dur:,.1f}",
        "p50 ms": f"{int(r['p50_us']) / 1000:.2f}",
        "p99 ms": f"{int(r['p99_us']) / 1000:.2f}",
        "non-202": r["non202"],
        "sock err": r["socket_errors"],
        "server CPU %": f"{100 * cpu / dur:.0f}",
        "events/CPU-s": f"{ok * epr / cpu:,.0f}" if cpu > 0 else "-",
        "RSS max MB": mb(max(s[1] for s in samples)) if samples else "-",
        "load1": r["loadavg_1m"],
        "build procs": r["busy_build_procs"],
        "machine busy %": r.get("machine_busy_pct", "-"),
    })

cols = list(table[0].keys()) if table else []


def md_table(items, columns):
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for it in items:
        out.append("| " + " | ".join(str(it[c]) for c in columns) + " |")
    return "\n".join(out)


def text_table(items, columns):
    widths = [max(len(c), *(len(str(it[c])) for it in items)) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    for it in items:
        lines.append("  ".join(str(it[c]).ljust(w) for c, w in zip(columns, widths)))
    return "\n".join(lines)


# Soak: RSS at start / middle / end of each soak case.
soak = []
for (system, case), samples in sorted(rss.items()):
    if not case.startswith("soak") or len(samples) < 3:
        continue
    samples.sort()
    t_end = samples[-1][0]
    start = samples[0]
    # "start" for the verdict is the first sample after 10 % of the run (past warm-up allocation)
    settled = next(s for s in samples if s[0] >= 0.1 * t_end)
    middle = min(samples, key=lambda s: abs(s[0] - t_end / 2))
    end = samples[-1]
    growth_kb = end[1] - middle[1]
    # Flat: the second half grows by less than 5 % of the middle value or 5 MB, whichever is larger.
    flat = growth_kb <= max(0.05 * middle[1], 5 * 1024)
    # Least-squares slope over the second half, MB per minute.
    half = [s for s in samples if s[0] >= t_end / 2]
    n = len(half)
    mx = sum(s[0] for s in half) / n
    my = sum(s[1] for s in half) / n
    den = sum((s[0] - mx) ** 2 for s in half) or 1
    slope = sum((s[0] - mx) * (s[1] - my) for s in half) / den * 60 / 1024
    soak.append({
        "system": system, "case": case, "minutes": f"{t_end / 60:.1f}",
        "RSS first MB": mb(start[1]), "RSS at 10% MB": mb(settled[1]), "RSS middle MB": mb(middle[1]),
        "RSS end MB": mb(end[1]), "RSS max MB": mb(max(s[1] for s in samples)),
        "2nd-half slope MB/min": f"{slope:+.2f}", "verdict": "flat" if flat else "GROWING",
    })

title = "Benchmark B1 — event ingest"
parts = [f"# {title}", "", "## Setup", ""]
parts += [f"- {m}" for m in meta if not any(k in m for k in ("rows_in_db", "acked_events", "rss_end_kb"))]
warnings = []
if any(r["busy_build_procs"] not in ("0", "") for r in rows):
    warnings.append("**Disturbed:** compiler/build processes were running during some cases (column *build procs*); "
                    "the server and the load generator did not have the CPUs to themselves. Do not quote these figures as capacity.")
if any("debug build" in m for m in meta):
    warnings.append("**Debug build of Rebound:** its figures are not representative of a release build.")
parts += ["", "## Results", ""] + [f"> {w}\n" for w in warnings]
parts += [md_table(table, cols) if table else "(no cases ran)", ""]
parts += [
    "events/s = 202 responses x events per request / wrk duration. p50/p99 = wrk --latency (closed loop, keep-alive;",
    "a request's latency includes queueing behind the connection's previous request, not coordinated-omission corrected).",
    "server CPU % = utime+stime of the server process over the case / duration (100 % = one core; PostgreSQL's own",
    "processes are not included for rebound-postgres). load1 = 1-minute load average at the case start;",
    "build procs = compiler/build processes running at the case start (non-zero = numbers disturbed).",
    "machine busy % = share of all CPUs busy over the case (server + wrk + anything else running).",
    "",
]
checks = [m for m in meta if any(k in m for k in ("rows_in_db", "acked_events", "rss_end_kb"))]
if checks:
    parts += ["## Checks", "", "Rows in the events table after the run vs events acknowledged with 202 (all cases incl.",
              "warm-up; the table may hold a few more: requests in flight when wrk stopped were still stored).", ""]
    parts += [f"- {m}" for m in checks] + [""]
if soak:
    parts += ["## Soak (memory)", "", md_table(soak, list(soak[0].keys())), "",
              "verdict: flat when RSS(end) - RSS(middle) <= max(5 % of RSS(middle), 5 MB).", ""]
parts += ["RSS samples: the `-rss.csv` file beside this one (system,case,epoch_s,elapsed_s,rss_kb).", ""]
open(out_path, "w").write("\n".join(parts))

print()
for w in warnings:
    print("NOTE: " + w.replace("**", ""))
print(text_table(table, cols) if table else "(no cases ran)")
if soak:
    print()
    print(text_table(soak, list(soak[0].keys())))
print()
for m in checks:
    print(m)
