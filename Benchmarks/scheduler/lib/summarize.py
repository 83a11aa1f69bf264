"""Puts the outputs of one Benchmarks/scheduler/run.sh run into a markdown table and one JSON file.

usage: summarize.py WORKDIR OUT.md
"""
import json
import os
import sys

work, out = sys.argv[1], sys.argv[2]
results = {}
for name in ("rebound-sqlite", "rebound-postgres", "celery"):
    path = os.path.join(work, name + ".json")
    if os.path.exists(path):
        with open(path) as f:
            results[name] = json.load(f)
meta = open(os.path.join(work, "meta.txt")).read()


def fmt(x, digits=0):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}"


rows = []
for name, r in results.items():
    steps = r.get("steps", r.get("tasks"))
    late = r.get("lateness_ms", {})
    if name == "celery":
        rss = f"worker {fmt(r.get('worker_rss_mb_peak'), 1)}, redis {fmt(r.get('redis_rss_mb_peak'), 1)}"
        procs = "1 worker (prefork)"
    else:
        rss = ", ".join(f"{fmt(m['start'], 1)} → {fmt(m['peak'], 1)} → {fmt(m['end'], 1)}" for m in r["rss_mb"])
        procs = f"{r['processes']} × {r['workers_per_process']} claim loops"
    rows.append(
        f"| {name} | {procs} | {fmt(steps)} | {fmt(r['dispatched'])} | {fmt(r.get('dispatch_rate_per_s'))} | "
        f"{fmt(r.get('last_dispatch_after_first_due_s'), 1)} | {fmt(late.get('p50'), 1)} | {fmt(late.get('p99'), 1)} | "
        f"{fmt(late.get('max'), 1)} | {fmt(r['duplicates'])} | {fmt(r['missing'])} | {rss} |"
    )

lines = [
    "# B2 — scheduler, one run",
    "",
    "```",
    meta.strip(),
    "```",
    "",
    "| system | processes | steps | dispatched | dispatch rate /s | last dispatch after first due (s) | lateness p50 ms | "
    "p99 ms | max ms | duplicates | missing | RSS MB (start → peak → end; per process) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    *rows,
    "",
]
for name in ("rebound-sqlite", "rebound-postgres"):
    r = results.get(name)
    if r:
        seed = r.get("seed", {})
        lines.append(
            f"- {name}: database check {'passed' if r['db_every_run_finished_once'] else 'FAILED'} "
            f"({r['db_status_counts']}); seeding {fmt(seed.get('seed_seconds'), 1)} s "
            f"({fmt(seed.get('seed_rows_per_s'))} rows/s, not timed)"
        )
celery = results.get("celery")
if celery:
    lines.append(f"- celery: enqueueing {celery['enqueue_seconds']} s (not timed); finished in time: {celery['finished_in_time']}")
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
with open(out[:-3] + ".json", "w") as f:
    json.dump({"meta": meta, "results": results}, f, sort_keys=True)
print("\n".join(lines))
