"""Benchmark B2 peer driver: enqueues N no-op Celery tasks with `eta` spread evenly over SPREAD seconds starting
LEAD seconds from now, waits until every task ran (or a timeout), and prints the same figures as
`rebound bench scheduler`: dispatch rate, lateness p50/p99 (eta -> task start), duplicates, worker memory.

usage: B2_BROKER=redis://... B2_OUT=DIR python3 peer.py --tasks 100000 --spread 60 --lead 60 --worker-pid PID
"""
import argparse
import datetime as dt
import glob
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tasks import app, noop  # noqa: E402


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree(pid):
    """pid and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def count_lines(out_dir, offsets, seen):
    """Reads what the worker processes appended since last time; returns the new (index, lateness, start) rows."""
    rows = []
    for path in glob.glob(os.path.join(out_dir, "dispatch-*.log")):
        with open(path, "rb") as f:
            f.seek(offsets.get(path, 0))
            data = f.read()
        cut = data.rfind(b"\n") + 1
        offsets[path] = offsets.get(path, 0) + cut
        for line in data[:cut].splitlines():
            i, late, start = line.split()
            rows.append((int(i), float(late), float(start)))
    return rows


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    rank = max(1, int(-(-len(sorted_values) * p // 1)))
    return sorted_values[min(len(sorted_values), rank) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--spread", type=float, default=60)
    ap.add_argument("--lead", type=float, default=60)
    ap.add_argument("--worker-pid", type=int, required=True)
    ap.add_argument("--redis-pid", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=900, help="give up this long after the last eta")
    args = ap.parse_args()
    out_dir = os.environ["B2_OUT"]
    n, spread = args.tasks, args.spread

    began = time.time()
    start = began + args.lead
    with app.producer_or_acquire() as producer:
        for i in range(n):
            eta = start + i * spread / n
            noop.apply_async(args=(i, eta), eta=dt.datetime.fromtimestamp(eta, tz=dt.timezone.utc), producer=producer)
            if (i + 1) % 20_000 == 0:
                print(f"[peer] enqueued {i + 1}", file=sys.stderr, flush=True)
    enqueued = time.time()
    if enqueued >= start - 1:
        sys.exit(f"[peer] enqueueing took {enqueued - began:.1f} s, longer than --lead {args.lead} allows")
    print(f"[peer] enqueued {n} tasks in {enqueued - began:.1f} s; first due in {start - enqueued:.1f} s", file=sys.stderr, flush=True)

    offsets, rows, samples = {}, [], []
    rss_peak = redis_peak = 0
    finished = False
    previous = 0
    while True:
        time.sleep(1)
        rows.extend(count_lines(out_dir, offsets, None))
        now = time.time()
        worker_kb = sum(rss_kb(p) for p in tree(args.worker_pid))
        redis_kb = rss_kb(args.redis_pid) if args.redis_pid else 0
        rss_peak, redis_peak = max(rss_peak, worker_kb), max(redis_peak, redis_kb)
        samples.append([round(now - start, 1), len(rows), round(worker_kb / 1024, 1), round(redis_kb / 1024, 1)])
        print(f"[peer] {now - start:+.0f} s: {len(rows)} ran ({len(rows) - previous}/s), worker rss {worker_kb / 1024:.1f} MB, "
              f"redis {redis_kb / 1024:.1f} MB", file=sys.stderr, flush=True)
        previous = len(rows)
        if len(rows) >= n:
            time.sleep(2)  # anything run twice shows up late
            rows.extend(count_lines(out_dir, offsets, None))
            finished = True
            break
        if now - (start + spread) > args.timeout:
            break

    counts = {}
    for i, _, _ in rows:
        counts[i] = counts.get(i, 0) + 1
    lateness = sorted(late * 1000 for _, late, _ in rows)
    last = max((s for _, _, s in rows), default=start)
    window = last - start
    print(json.dumps({
        "system": "celery+redis",
        "tasks": n,
        "spread_s": spread,
        "finished_in_time": finished,
        "enqueue_seconds": round(enqueued - began, 2),
        "dispatched": len(rows),
        "duplicates": sum(c - 1 for c in counts.values() if c > 1),
        "missing": n - len(counts),
        "last_dispatch_after_first_due_s": round(window, 3),
        "dispatch_rate_per_s": round(len(rows) / window, 1) if window > 0 else None,
        "lateness_ms": {p: (round(percentile(lateness, q), 1) if lateness else None)
                        for p, q in (("p50", .5), ("p90", .9), ("p99", .99), ("p999", .999), ("max", 1.0))},
        "worker_rss_mb_peak": round(rss_peak / 1024, 1),
        "redis_rss_mb_peak": round(redis_peak / 1024, 1),
        "samples": samples,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
