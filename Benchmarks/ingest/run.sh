#!/usr/bin/env bash
# Benchmark B1: event ingest. Rebound (SQLite, PostgreSQL) against a FastAPI + uvicorn peer.
# See README.md. Every server is started on 127.0.0.1 only, on a fresh database in a temp dir,
# and every process started here is stopped on exit (trap).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

usage() {
  cat <<EOF
Usage: $0 [options]
  --peer-only              run only the FastAPI peer (no Rebound binary needed)
  --systems LIST           comma list of: rebound-sqlite, peer, rebound-postgres
                           (default: all three, in that order)
  --binary PATH            rebound binary (default: .build/release/rebound if present, else .build/debug/rebound)
  --duration S             seconds per measured case (default 25)
  --connections "32 64"    connection counts for the single-event cases (default "32 64")
  --batch-connections N    connections for the 1,000-event batch case (default 8)
  --batch-size N           events per batch request (default 1000, the API maximum)
  --threads N              wrk threads (default 1; the machine's cores are shared with the server)
  --warmup S               unmeasured single-event warm-up per server (default 5)
  --rss-interval S         RSS sampling period in seconds (default 2)
  --soak                   add a soak case per system: single events, 32 connections, 10 minutes,
                           RSS reported at start / middle / end
  --soak-seconds S         soak length (default 600)
  --install-deps           apt-get install wrk (after apt-get update) and pip install the peer's requirements
  --keep                   keep the temp dir (databases, logs) instead of deleting it
  --out FILE               results markdown (default: $HERE/results-<date>.md)
Environment: PG_SYNCHRONOUS_COMMIT=on|off (default on), PG_BIN (default /usr/lib/postgresql/15/bin),
             REBOUND_LOG_LEVEL (default warning),
             REBOUND_SERVE_ARGS (extra args for 'rebound serve'), PYTHON (default python3).
EOF
}

# ---------------------------------------------------------------- options
SYSTEMS="rebound-sqlite,peer,rebound-postgres"
BINARY=""
DURATION=25
CONNECTIONS="32 64"
BATCH_CONNECTIONS=8
BATCH_SIZE=1000
THREADS=1
WARMUP=5
RSS_INTERVAL=2
SOAK=0
SOAK_SECONDS=600
INSTALL=0
KEEP=0
OUT=""
PYTHON=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --peer-only) SYSTEMS=peer ;;
    --systems) SYSTEMS=$2; shift ;;
    --binary) BINARY=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --batch-connections) BATCH_CONNECTIONS=$2; shift ;;
    --batch-size) BATCH_SIZE=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --rss-interval) RSS_INTERVAL=$2; shift ;;
    --soak) SOAK=1 ;;
    --soak-seconds) SOAK_SECONDS=$2; SOAK=1; shift ;;
    --install-deps) INSTALL=1 ;;
    --keep) KEEP=1 ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[b1 %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[b1] ERROR: %s\n' "$*" >&2; exit 1; }

free_port() {
  "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

source "$HERE/lib/pg.sh"

# ---------------------------------------------------------------- cleanup
WORK=$(mktemp -d /tmp/rebound-b1.XXXXXX)
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  pg_stop || true
  if [ "$KEEP" = 1 ] || [ $rc -ne 0 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------- dependencies
if [ "$INSTALL" = 1 ]; then
  log "installing dependencies"
  command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
  "$PYTHON" -m pip install -r "$HERE/peer/requirements.txt"
fi
command -v wrk >/dev/null || die "wrk not found: apt-get update && apt-get install -y wrk (or pass --install-deps)"
command -v curl >/dev/null || die "curl not found"
IFS=',' read -r -a SYSTEM_LIST <<< "$SYSTEMS"
for s in "${SYSTEM_LIST[@]}"; do
  case "$s" in
    peer) "$PYTHON" -c 'import fastapi, uvicorn' 2>/dev/null \
            || die "peer needs fastapi and uvicorn: $PYTHON -m pip install -r $HERE/peer/requirements.txt (or --install-deps)" ;;
    rebound-sqlite|rebound-postgres)
      if [ -z "$BINARY" ]; then
        if [ -x "$REPO/.build/release/rebound" ]; then BINARY="$REPO/.build/release/rebound"
        else BINARY="$REPO/.build/debug/rebound"; fi
      fi
      [ -x "$BINARY" ] || die "rebound binary not found at $BINARY (build it: swift build [-c release]; or --binary PATH; or --peer-only)"
      "$BINARY" --help >/dev/null 2>&1 || die "$BINARY --help failed" ;;
    *) die "unknown system '$s' (rebound-sqlite, peer, rebound-postgres)" ;;
  esac
done
BUILD_KIND="n/a"
case "$BINARY" in */release/*) BUILD_KIND=release ;; */debug/*) BUILD_KIND=debug ;; "") ;; *) BUILD_KIND=unknown ;; esac

RESULTS="$WORK/results.tsv"
RSS_CSV="$WORK/rss.csv"
META="$WORK/meta.txt"
printf 'system\tcase\tmode\tconnections\tevents_per_request\tduration_s\trequests\tnon202\tsocket_errors\tp50_us\tp90_us\tp99_us\tmax_us\tserver_cpu_s\tloadavg_1m\tbusy_build_procs\tmachine_busy_pct\n' > "$RESULTS"
echo "system,case,epoch_s,elapsed_s,rss_kb" > "$RSS_CSV"
: > "$META"

# ---------------------------------------------------------------- helpers
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $5 + $6; exit}' /proc/stat; } # "busy idle"
busy_build_procs() { # other heavy work on the machine while measuring (a Swift build, compilers)
  ps -eo comm= | grep -cE '^(swift-build|swift-frontend|clang|clang\+\+|ld|ld\.lld|swiftc)$' || true
}

count_sqlite() { # rows in the events table of a SQLite file, "?" if unreadable
  "$PYTHON" -c 'import sqlite3,sys; print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute("select count(*) from events").fetchone()[0])' "$1" 2>/dev/null || echo "?"
}

wait_healthy() { # PORT LOGFILE
  local port=$1 logf=$2 i
  for i in $(seq 1 240); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server exited during start-up; last log lines:"; tail -30 "$logf" >&2; die "server did not start"
    fi
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  tail -30 "$logf" >&2; die "no healthy answer from 127.0.0.1:$port/healthz within 60 s"
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# run_case SYSTEM CASE MODE CONNECTIONS DURATION PORT KEY [record=1]
run_case() {
  local system=$1 case=$2 mode=$3 conns=$4 dur=$5 port=$6 key=$7 record=${8:-1}
  local tag="${case}-$(date +%s)-$$" epr=1 threads=$THREADS
  [ "$mode" = batch ] && epr=$BATCH_SIZE
  [ "$threads" -gt "$conns" ] && threads=$conns
  local out="$WORK/$system-$case.wrk.txt"
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local busy; busy=$(busy_build_procs)
  if [ "$record" = 1 ]; then
    log "$system / $case: $mode, $conns connections, ${dur}s (loadavg $load)"
    "$HERE/lib/rss_sampler.sh" "$SERVER_PID" "$RSS_INTERVAL" "$RSS_CSV" "$system" "$case" & SAMPLER_PID=$!
  else
    log "$system / $case (warm-up, not recorded)"
  fi
  local c0 m0; c0=$(cpu_ticks "$SERVER_PID"); m0=$(machine_ticks)
  wrk -t "$threads" -c "$conns" -d "${dur}s" --latency --timeout 30s -s "$HERE/wrk/events.lua" \
      "http://127.0.0.1:$port/v1/events" -- "$mode" "$tag" "$key" "$BATCH_SIZE" > "$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed for $system / $case"; }
  local c1 m1; c1=$(cpu_ticks "$SERVER_PID"); m1=$(machine_ticks)
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi
  kill -0 "$SERVER_PID" 2>/dev/null || die "$system died during $case (see $WORK)"
  local line; line=$(grep '^RESULT ' "$out" || true)
  [ -n "$line" ] || { cat "$out" >&2; die "no RESULT line from wrk for $system / $case"; }
  grep '^FIRST_NON202 ' "$out" >&2 || true
  # shellcheck disable=SC2086
  local requests duration_us non202 connect_err read_err write_err timeout_err p50_us p90_us p99_us max_us bytes
  eval "$(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/local /')"
  local ack=$(( (requests - non202) * epr ))
  ACKED=$(( ACKED + ack ))
  [ "$record" = 1 ] || return 0
  local cpu_s; cpu_s=$(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / hz }')
  # Share of all CPUs busy during the case (server + wrk + everything else on the machine).
  local machine_busy; machine_busy=$(awk -v s="$m0" -v e="$m1" 'BEGIN { split(s, a, " "); split(e, b, " ");
    busy = b[1] - a[1]; idle = b[2] - a[2]; printf "%.0f", (busy + idle > 0) ? 100 * busy / (busy + idle) : 0 }')
  printf '%s\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$system" "$case" "$mode" "$conns" "$epr" "$(awk -v d="$duration_us" 'BEGIN{print d/1e6}')" "$requests" "$non202" \
    "$((connect_err + read_err + write_err + timeout_err))" "$p50_us" "$p90_us" "$p99_us" "$max_us" "$cpu_s" "$load" "$busy" "$machine_busy" >> "$RESULTS"
  [ "$non202" = 0 ] || log "WARNING: $non202 responses were not 202 in $system / $case"
}

run_cases() { # SYSTEM PORT KEY
  local system=$1 port=$2 key=$3 c
  ACKED=0
  [ "$WARMUP" -gt 0 ] && run_case "$system" warmup single 16 "$WARMUP" "$port" "$key" 0
  for c in $CONNECTIONS; do run_case "$system" "single-c$c" single "$c" "$DURATION" "$port" "$key"; done
  [ "$BATCH_CONNECTIONS" -gt 0 ] && run_case "$system" "batch${BATCH_SIZE}-c$BATCH_CONNECTIONS" batch "$BATCH_CONNECTIONS" "$DURATION" "$port" "$key"
  [ "$SOAK" = 1 ] && run_case "$system" "soak-single-c32" single 32 "$SOAK_SECONDS" "$port" "$key"
  return 0
}

# serve_rebound SYSTEM DATABASE  (creates the shop, starts the server, runs the cases, stops it)
serve_rebound() {
  local system=$1 database=$2 port key logf="$WORK/$1.server.log" shop_json="$WORK/$1.shop.json"
  port=$(free_port)
  local serve_args=(serve --port "$port" --database "$database")
  if "$BINARY" serve --help 2>&1 | grep -q -- '--host\b'; then serve_args+=(--host 127.0.0.1)
  elif "$BINARY" serve --help 2>&1 | grep -q -- '--hostname'; then serve_args+=(--hostname 127.0.0.1); fi
  # Logging at "warning" like the peer (access log off): request logging is not what B1 measures.
  "$BINARY" serve --help 2>&1 | grep -q -- '--log-level' && serve_args+=(--log-level "${REBOUND_LOG_LEVEL:-warning}")
  # shellcheck disable=SC2206
  serve_args+=(${REBOUND_SERVE_ARGS:-})
  create_shop() {
    "$BINARY" shops create --name "B1 bench" --currency EUR --timezone Europe/Berlin --json --database "$database" \
      > "$shop_json" 2> "$WORK/$system.shop.err"
  }
  local created=0
  create_shop && created=1
  log "$system: $BINARY ${serve_args[*]//$database/<db>}"
  "$BINARY" "${serve_args[@]}" > "$logf" 2>&1 & SERVER_PID=$!
  wait_healthy "$port" "$logf"
  if [ "$created" = 0 ]; then
    create_shop || { cat "$WORK/$system.shop.err" >&2; die "'rebound shops create' failed"; }
  fi
  key=$("$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["api_key"])' "$shop_json") \
    || { cat "$shop_json" "$WORK/$system.shop.err" >&2; die "no api_key in the output of 'rebound shops create --json'"; }
  # One request by hand first: a clear error beats a wrk run full of 401s.
  local probe; probe=$(curl -sS -o "$WORK/$system.probe.txt" -w '%{http_code}' -X POST "http://127.0.0.1:$port/v1/events" \
      -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d "{\"id\":\"probe-$$\",\"type\":\"added_to_cart\",\"anonymous_id\":\"probe\",\"properties\":{\"cart_token\":\"probe\",\"product_id\":\"p1\",\"variant_id\":\"v1\",\"quantity\":1,\"price\":1999,\"currency\":\"EUR\"}}")
  [ "$probe" = 202 ] || { cat "$WORK/$system.probe.txt" >&2; die "$system: probe POST /v1/events answered $probe, expected 202"; }
  run_cases "$system" "$port" "$key"
  echo "$system rss_end_kb=$(awk '/^VmRSS:/ {print $2}' /proc/$SERVER_PID/status)" >> "$META"
  stop_server
  echo "$system acked_events=$((ACKED + 1))" >> "$META"
}

# ---------------------------------------------------------------- machine facts
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r)"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); threads=$THREADS; load generator runs on the same machine"
  echo "duration per case: ${DURATION}s; warm-up ${WARMUP}s; single-event connections: $CONNECTIONS; batch: $BATCH_SIZE events x $BATCH_CONNECTIONS connections"
  echo "sqlite (python module): $("$PYTHON" -c 'import sqlite3; print(sqlite3.sqlite_version)')"
  [ -n "$BINARY" ] && echo "rebound binary: $BINARY ($BUILD_KIND build)"
} >> "$META"

# ---------------------------------------------------------------- systems
for system in "${SYSTEM_LIST[@]}"; do
  case "$system" in
    rebound-sqlite)
      mkdir -p "$WORK/rebound-sqlite"
      serve_rebound rebound-sqlite "$WORK/rebound-sqlite/rebound.sqlite"
      echo "rebound-sqlite rows_in_db=$(count_sqlite "$WORK/rebound-sqlite/rebound.sqlite")" >> "$META"
      ;;
    peer)
      mkdir -p "$WORK/peer"
      port=$(free_port); key="peer-$RANDOM$RANDOM"
      echo "peer: $("$PYTHON" -c 'import fastapi, uvicorn, starlette, pydantic; print("fastapi", fastapi.__version__, "starlette", starlette.__version__, "uvicorn", uvicorn.__version__)'), python $("$PYTHON" -c 'import platform; print(platform.python_version())')" >> "$META"
      loop=auto; http=auto
      "$PYTHON" -c 'import uvloop' 2>/dev/null && loop=uvloop
      "$PYTHON" -c 'import httptools' 2>/dev/null && http=httptools
      echo "peer: uvicorn --workers 1 --loop $loop --http $http --no-access-log; one SQLite connection (WAL, synchronous=NORMAL)" >> "$META"
      log "peer: uvicorn on 127.0.0.1:$port (1 worker, loop=$loop, http=$http)"
      PEER_DB="$WORK/peer/peer.sqlite" PEER_API_KEY="$key" \
        "$PYTHON" -m uvicorn app:app --app-dir "$HERE/peer" --host 127.0.0.1 --port "$port" --workers 1 \
        --loop "$loop" --http "$http" --no-access-log --log-level warning > "$WORK/peer.server.log" 2>&1 & SERVER_PID=$!
      wait_healthy "$port" "$WORK/peer.server.log"
      run_cases peer "$port" "$key"
      echo "peer rss_end_kb=$(awk '/^VmRSS:/ {print $2}' /proc/$SERVER_PID/status)" >> "$META"
      stop_server
      echo "peer acked_events=$ACKED" >> "$META"
      echo "peer rows_in_db=$(count_sqlite "$WORK/peer/peer.sqlite")" >> "$META"
      ;;
    rebound-postgres)
      mkdir -p "$WORK/rebound-postgres"
      pg_start "$WORK"
      sed 's/^/postgres: /' "$WORK/pg-settings.txt" >> "$META"
      serve_rebound rebound-postgres "$PG_URL"
      echo "rebound-postgres rows_in_db=$(pg_count_events)" >> "$META"
      pg_stop
      ;;
  esac
done

# ---------------------------------------------------------------- report
[ -n "$OUT" ] || OUT="$HERE/results-$(date +%Y-%m-%d-%H%M).md"
"$PYTHON" "$HERE/lib/summarize.py" "$RESULTS" "$RSS_CSV" "$META" "$OUT"
cp "$RSS_CSV" "${OUT%.md}-rss.csv"
log "results written to $OUT and ${OUT%.md}-rss.csv"
