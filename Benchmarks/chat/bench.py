"""B4 driver: idle conversations, memory per connection, fan-out latency and the message-rate ramp against one
server (Rebound or the peer) that is already listening. Starts loadgen.py processes and prints one JSON summary.

usage: bench.py --system rebound --pid PID --port P --key K [--idle 18000 --holders 9 --pairs 1000 --drivers 2
                --steps 2000:60,4000:15,...]
"""
import argparse, json, math, os, subprocess, sys, time

p = argparse.ArgumentParser()
p.add_argument("--system", required=True)
p.add_argument("--pid", type=int, required=True, help="server process (RSS and CPU are read from /proc)")
p.add_argument("--port", type=int, required=True)
p.add_argument("--key", required=True)
p.add_argument("--idle", type=int, default=18000, help="idle conversations held for the memory figure")
p.add_argument("--holders", type=int, default=9, help="processes holding them")
p.add_argument("--pairs", type=int, default=1000, help="active conversations (sender + receiver socket each)")
p.add_argument("--drivers", type=int, default=2, help="processes driving them")
p.add_argument("--steps", default="2000:60,3000:15,4000:15,6000:15,8000:15,10000:15,12000:15")
p.add_argument("--settle", type=float, default=10, help="seconds between the last idle socket and the RSS reading")
p.add_argument("--p99-limit-ms", type=float, default=1000, help="a step with a p99 above this is not sustained")
p.add_argument("--run-tag", help="visitor ids prefix; the same in --seed-only and the run that resumes")
p.add_argument("--seed-only", action="store_true", help="open the idle conversations once (hello + first message), close them, exit")
p.add_argument("--resume", action="store_true", help="idle sockets resume the seeded conversations (hello only)")
p.add_argument("--ids-dir", help="where seeding writes each holder's conversation ids, for the hellos of --resume")
args = p.parse_args()

HERE = os.path.dirname(os.path.abspath(__file__))
TICK = os.sysconf("SC_CLK_TCK")


def log(msg):
    print(f"[b4 {time.strftime('%H:%M:%S')}] {args.system}: {msg}", file=sys.stderr, flush=True)


def rss_kb(pid, field="VmRSS:"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def spawn(role, tag, src, resume=False, **extra):
    cmd = [sys.executable, os.path.join(HERE, "loadgen.py"), role, "--port", str(args.port), "--key", args.key,
           "--src", src, "--tag", tag] + (["--resume"] if resume else [])
    for k, v in extra.items():
        cmd += ["--" + k, str(v)]
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def read_line(proc, kind):
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(f"a {kind} generator process ended early (exit {proc.wait()})")
        if line.startswith(kind + " "):
            return json.loads(line[len(kind) + 1:])


def close(procs, kind):
    out = []
    for proc in procs:
        proc.stdin.close()
    for proc in procs:
        out.append(read_line(proc, kind) if kind else None)
        proc.wait()
    return out


def pct(values, q):
    return values[min(len(values) - 1, int(math.ceil(q * len(values))) - 1)] / 1000 if values else None


run_tag = args.run_tag or f"{args.system}{int(time.time()) % 100000}"
result = {"system": args.system, "idle_target": args.idle, "pairs_target": args.pairs, "idle_resume": args.resume}
per = math.ceil(args.idle / args.holders)


def start_holders(resume):
    procs = []
    for h in range(args.holders):
        count = min(per, args.idle - h * per)
        ids = {"ids": os.path.join(args.ids_dir, f"h{h}.ids")} if args.ids_dir else {}
        procs.append(spawn("hold", f"{run_tag}h{h}", f"127.0.0.{2 + 2 * h},127.0.0.{3 + 2 * h}", resume=resume, count=count, **ids))
    return procs


if args.seed_only:
    t0 = time.time()
    seeders = start_holders(False)
    ready = [read_line(proc, "ready") for proc in seeders]
    close(seeders, "done")
    print(json.dumps({"seeded": sum(r["opened"] for r in ready), "failed": sum(r["failed"] for r in ready),
                      "errors": [e for r in ready for e in r["errors"]][:3], "seconds": round(time.time() - t0, 1)}))
    sys.exit(0)

# Warm-up: the first few hundred sockets pay for one-time allocations (pools, arenas) that are no per-connection cost.
warm = spawn("hold", run_tag + "w", "127.0.0.250", count=300)
log(f"warm-up: {read_line(warm, 'ready')}")
close([warm], "done")
time.sleep(3)

rss0 = rss_kb(args.pid)
result["rss_before_kb"] = rss0
result["rss_anon_before_kb"] = rss_kb(args.pid, "RssAnon:")
t0 = time.time()
holders = start_holders(args.resume)
ready = [read_line(proc, "ready") for proc in holders]
opened = sum(r["opened"] for r in ready)
result["idle_open_seconds"] = round(time.time() - t0, 1)
result["idle_opened"] = opened
result["idle_failed"] = sum(r["failed"] for r in ready)
result["idle_errors"] = [e for r in ready for e in r["errors"]][:3]
log(f"{opened} idle conversations open in {result['idle_open_seconds']} s ({result['idle_failed']} failed); settling {args.settle} s")
time.sleep(args.settle)
rss1 = rss_kb(args.pid)
result["rss_idle_kb"] = rss1
result["rss_anon_idle_kb"] = rss_kb(args.pid, "RssAnon:")
result["anon_kb_per_connection"] = round((result["rss_anon_idle_kb"] - result["rss_anon_before_kb"]) / max(1, opened), 2)
result["server_fds_idle"] = open_fds(args.pid)
result["kb_per_connection"] = round((rss1 - rss0) / max(1, opened), 2)
cpu_idle0, t_idle0 = cpu_seconds(args.pid), time.time()
time.sleep(5)
result["server_cpu_idle_cores"] = round((cpu_seconds(args.pid) - cpu_idle0) / (time.time() - t_idle0), 3)
log(f"RSS {rss0} -> {rss1} kB: {result['kb_per_connection']} kB per connection; idle CPU {result['server_cpu_idle_cores']} cores")

# Make room for the active pairs under the 18,000 sockets (the server's open-file limit is 20,000).
free = math.ceil(2 * args.pairs / per)
done = close(holders[:free], "done")
holders = holders[free:]
idle_left = opened - sum(r["opened"] for r in ready[:free])
log(f"closed {free} holders; {idle_left} idle conversations stay open")

drivers = [spawn("drive", f"{run_tag}d{d}", f"127.0.0.{200 + d}", pairs=args.pairs // args.drivers) for d in range(args.drivers)]
ready_d = [read_line(proc, "ready") for proc in drivers]
pairs = sum(r["opened"] for r in ready_d)
result["pairs_opened"] = pairs
result["idle_during_steps"] = idle_left
result["open_during_steps"] = idle_left + 2 * pairs
result["server_fds_steps"] = open_fds(args.pid)
log(f"{pairs} active pairs; {idle_left + 2 * pairs} sockets open")

steps = []
for spec in args.steps.split(","):
    rate, seconds = (float(x) for x in spec.split(":"))
    start = time.time() + 1
    for proc in drivers:
        proc.stdin.write(f"step {start} {rate / len(drivers)} {seconds}\n")
        proc.stdin.flush()
    time.sleep(max(0, start - time.time()))
    cpu0 = cpu_seconds(args.pid)
    time.sleep(seconds)
    cpu1 = cpu_seconds(args.pid)
    rss_step = rss_kb(args.pid)
    parts = [read_line(proc, "step") for proc in drivers]
    lat = sorted(x for part in parts for x in part["latencies_us"])
    sent = sum(part["sent"] for part in parts)
    send_seconds = max(part["send_seconds"] for part in parts)
    step = {
        "offered_per_s": rate, "seconds": seconds, "sent": sent, "received": len(lat),
        "refused": sum(part["refused"] for part in parts),
        "sent_per_s": round(sent / send_seconds, 1), "delivered_per_s": round(len(lat) / send_seconds, 1),
        "p50_ms": pct(lat, 0.50), "p99_ms": pct(lat, 0.99), "p999_ms": pct(lat, 0.999), "max_ms": pct(lat, 1.0),
        "server_cpu_cores": round((cpu1 - cpu0) / seconds, 2), "server_rss_kb": rss_step,
        "generator_cpu_cores": round(sum(part["cpu_seconds"] for part in parts) / send_seconds, 2),
        "generator_send_lag_p99_ms": max(part["send_lag_p99_us"] for part in parts) / 1000,
        "sockets_closed_by_server": sum(part["closed"] for part in parts),
    }
    step["sustained"] = bool(len(lat) >= 0.99 * rate * seconds and step["delivered_per_s"] >= 0.97 * rate and step["p99_ms"] is not None
                             and step["p99_ms"] <= args.p99_limit_ms)
    steps.append(step)
    log(f"{rate:.0f}/s for {seconds:.0f} s: delivered {step['delivered_per_s']}/s, p50 {step['p50_ms']} p99 {step['p99_ms']} "
        f"max {step['max_ms']} ms, server CPU {step['server_cpu_cores']}, generator CPU {step['generator_cpu_cores']}"
        f"{'' if step['sustained'] else ' (not sustained)'}")
    if not step["sustained"]:
        break
    time.sleep(2)
result["steps"] = steps
result["max_sustained_per_s"] = max((s["offered_per_s"] for s in steps if s["sustained"]), default=0)
close(drivers, None)
done += close(holders, "done")
result["pings_answered_by_holders"] = sum(d["pings"] for d in done)
result["idle_closed_by_server"] = sum(d["closed_by_server"] for d in done)
result["hold_seconds"] = round(time.time() - t0, 1)
print(json.dumps(result))
