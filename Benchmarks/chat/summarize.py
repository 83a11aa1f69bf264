"""Turns a B4 work dir (meta.txt, rebound.json, peer.json) into results-*.md and results-*.json."""
import json, os, sys

work, out = sys.argv[1], sys.argv[2]
meta = open(os.path.join(work, "meta.txt")).read().strip()
systems = {}
for name in ("rebound", "peer"):
    path = os.path.join(work, name + ".json")
    if os.path.exists(path):
        systems[name] = json.load(open(path))
json.dump({"meta": meta.splitlines(), "systems": systems}, open(out[:-3] + ".json", "w"), indent=1, sort_keys=True)


def fmt(v, unit=""):
    return "–" if v is None else f"{v:,.1f}{unit}" if isinstance(v, float) else f"{v:,}{unit}"


lines = ["# B4 — live chat WebSocket", "", "```", meta, "```", "",
         "| | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]


def row(label, get):
    lines.append(f"| {label} | " + " | ".join(get(r) for r in systems.values()) + " |")


row("idle conversations open (failed)", lambda r: f"{r['idle_opened']:,} ({r['idle_failed']})")
row("time to open them", lambda r: fmt(r["idle_open_seconds"], " s"))
row("server RSS before → with them open", lambda r: f"{r['rss_before_kb'] / 1024:.1f} → {r['rss_idle_kb'] / 1024:.1f} MB")
row("**memory per idle connection** (ΔVmRSS / N)", lambda r: f"**{r['kb_per_connection']:.2f} KB**")
row("… of it anonymous (ΔRssAnon / N)", lambda r: f"{r['anon_kb_per_connection']:.2f} KB")
row("server CPU with them idle (pings on)", lambda r: fmt(r["server_cpu_idle_cores"], " cores"))
row("sockets open during the rate steps (idle + 2 × pairs)",
    lambda r: f"{r['open_during_steps']:,} ({r['idle_during_steps']:,} + 2 × {r['pairs_opened']:,})")
first = lambda r: r["steps"][0] if r["steps"] else {}
row("**at the first step: offered msg/s**", lambda r: fmt(first(r).get("offered_per_s")))
row("delivered msg/s (to the receiver socket)", lambda r: fmt(first(r).get("delivered_per_s")))
row("latency p50 / **p99** / p99.9 / max", lambda r: " / ".join(fmt(first(r).get(k), " ms") for k in ("p50_ms", "p99_ms", "p999_ms", "max_ms")))
row("server CPU", lambda r: fmt(first(r).get("server_cpu_cores"), " cores"))
row("**max sustained msg/s** (ramp)", lambda r: f"**{r['max_sustained_per_s']:,.0f}**")
row("pings answered by the idle sockets", lambda r: fmt(r["pings_answered_by_holders"]))
row("idle sockets the server closed", lambda r: fmt(r["idle_closed_by_server"]))
lines += ["", "## Ramp", "", "| system | offered/s | delivered/s | p50 ms | p99 ms | max ms | server CPU | generator CPU | send lag p99 ms | sustained |",
          "|---|---|---|---|---|---|---|---|---|---|"]
for name, r in systems.items():
    for s in r["steps"]:
        lines.append(f"| {name} | {s['offered_per_s']:,.0f} | {s['delivered_per_s']:,.0f} | {fmt(s['p50_ms'])} | {fmt(s['p99_ms'])} | "
                     f"{fmt(s['max_ms'])} | {s['server_cpu_cores']} | {s['generator_cpu_cores']} | {s['generator_send_lag_p99_ms']} | "
                     f"{'yes' if s['sustained'] else 'no'} |")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
