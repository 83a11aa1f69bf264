#!/usr/bin/env bash
# Benchmark B4: the live chat WebSocket. Idle conversations held open (memory per connection), then fan-out latency
# and the message-rate ramp with them open, against Rebound on SQLite and a Python `websockets` peer, in one run.
# See README.md. Servers are started here on 127.0.0.1 (fresh temp dir) and stopped on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

usage() {
  cat <<EOF2
Usage: $0 [options]
  --binary PATH     rebound binary (default: .build/release/rebound)
  --systems LIST    comma list of rebound, peer (default: both)
  --idle N          idle conversations held open (default 18000)
  --holders N       processes holding them (default 9)
  --pairs N         active conversations, a sender and a receiver socket each (default 1000)
  --drivers N       processes driving them (default 2)
  --steps LIST      rate:seconds steps; the first is the latency figure (default 2000:60,3000:15,4000:15,6000:15,8000:15,10000:15,12000:15)
  --nice N          run the servers and the generator at this niceness (e.g. -10 on a machine busy with other work)
  --keep            keep the temp dir
  --out FILE        results markdown (default: $HERE/results-<date>.md; the JSON goes beside it)
Environment: PYTHON (default python3).
EOF2
}

BINARY="$REPO/.build/release/rebound"
SYSTEMS="rebound,peer"
IDLE=18000
HOLDERS=9
PAIRS=1000
DRIVERS=2
STEPS="2000:60,3000:15,4000:15,6000:15,8000:15,10000:15,12000:15"
KEEP=0
NICE=0
OUT=""
PYTHON=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) BINARY=$2; shift ;;
    --systems) SYSTEMS=$2; shift ;;
    --idle) IDLE=$2; shift ;;
    --holders) HOLDERS=$2; shift ;;
    --pairs) PAIRS=$2; shift ;;
    --drivers) DRIVERS=$2; shift ;;
    --steps) STEPS=$2; shift ;;
    --nice) NICE=$2; shift ;;
    --keep) KEEP=1 ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[b4 %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[b4] ERROR: %s\n' "$*" >&2; exit 1; }
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() {
  "$PYTHON" - "$1" <<'PY' || die "nothing listens on port $1"
import socket, sys, time
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close(); sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

# Every server socket is a file: 18,000 conversations need the soft limit raised to the hard one (20,000 here).
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge $((IDLE + 500)) ] || die "open-file limit $(ulimit -n) is too low for $IDLE sockets"

# Children inherit the niceness: both servers and the generator get the same share of the CPU.
[ "$NICE" = 0 ] || renice -n "$NICE" -p $$ >/dev/null || die "cannot set niceness $NICE"

WORK=$(mktemp -d /tmp/rebound-b4.XXXXXX)
PIDS=()
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [ "$KEEP" = 1 ] || [ $rc -ne 0 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

IFS=',' read -r -a SYSTEM_LIST <<< "$SYSTEMS"
for s in "${SYSTEM_LIST[@]}"; do
  case "$s" in
    rebound) [ -x "$BINARY" ] || die "no rebound binary at $BINARY: swift build -c release --product rebound (or --binary PATH)" ;;
    peer) "$PYTHON" -c 'import websockets' 2>/dev/null || die "the peer needs websockets: $PYTHON -m pip install websockets" ;;
    *) die "unknown system '$s'" ;;
  esac
done

bench_args=(--idle "$IDLE" --holders "$HOLDERS" --pairs "$PAIRS" --drivers "$DRIVERS" --steps "$STEPS")
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r), open files $(ulimit -n)"
  echo "rebound: $BINARY ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')), SQLite, workers on, REBOUND_CHAT_BURST=1000000"
  echo "peer: $("$PYTHON" -c 'import websockets, platform; print("websockets", websockets.__version__, "python", platform.python_version())')"
  echo "load: idle $IDLE over $HOLDERS processes, pairs $PAIRS over $DRIVERS processes, steps $STEPS"
  echo "niceness of servers and generator: $NICE"
  echo "load before: $(uptime | sed 's/.*load average: //')"
} > "$WORK/meta.txt"

for system in "${SYSTEM_LIST[@]}"; do
  case "$system" in
    rebound)
      mkdir -p "$WORK/rebound"
      db="$WORK/rebound/b4.sqlite"
      key=$("$BINARY" shops create --database "$db" --name "B4 shop" --currency EUR --timezone Europe/Berlin --json \
        | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["public_key"])')
      port=$(free_port)
      # Rebound caps a shopper at 10 messages per 10 s; the ramp sends more per socket than that.
      export REBOUND_CHAT_BURST=1000000
      "$BINARY" serve --database "$db" --port "$port" > "$WORK/rebound/serve-seed.log" 2>&1 & pid=$!; PIDS+=($pid)
      wait_port "$port"
      log "rebound: seeding $IDLE conversations (hello + first message each), then a fresh server process"
      "$PYTHON" "$HERE/bench.py" --system rebound --pid "$pid" --port "$port" --key "$key" --run-tag b4r --ids-dir "$WORK/rebound" --seed-only \
        "${bench_args[@]}" > "$WORK/rebound-seed.json" || die "seeding failed"
      stop_pid "$pid"
      "$BINARY" serve --database "$db" --port "$port" > "$WORK/rebound/serve.log" 2>&1 & pid=$!; PIDS+=($pid)
      wait_port "$port"
      "$PYTHON" "$HERE/bench.py" --system rebound --pid "$pid" --port "$port" --key "$key" --run-tag b4r --ids-dir "$WORK/rebound" --resume \
        "${bench_args[@]}" > "$WORK/rebound.json" || die "the rebound run failed"
      "$PYTHON" - "$WORK/rebound.json" "$WORK/rebound-seed.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1])); result["seed"] = json.load(open(sys.argv[2]))
json.dump(result, open(sys.argv[1], "w"), sort_keys=True)
PY
      stop_pid "$pid"
      ;;
    peer)
      mkdir -p "$WORK/peer"
      port=$(free_port)
      "$PYTHON" "$HERE/peer.py" --port "$port" --ping 20 > "$WORK/peer/peer.log" 2>&1 & pid=$!; PIDS+=($pid)
      wait_port "$port"
      "$PYTHON" "$HERE/bench.py" --system peer --pid "$pid" --port "$port" --key peer "${bench_args[@]}" \
        > "$WORK/peer.json" || die "the peer run failed"
      stop_pid "$pid"
      ;;
  esac
done

echo "load after: $(uptime | sed 's/.*load average: //')" >> "$WORK/meta.txt"
[ -n "$OUT" ] || OUT="$HERE/results-$(date +%Y-%m-%d-%H%M).md"
"$PYTHON" "$HERE/summarize.py" "$WORK" "$OUT"
log "results written to $OUT and ${OUT%.md}.json"
