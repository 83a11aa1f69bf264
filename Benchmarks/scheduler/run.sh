#!/usr/bin/env bash
# Benchmark B2: the flow scheduler. Rebound on SQLite (one process) and on PostgreSQL (two processes claiming with
# SKIP LOCKED) against a Celery + Redis peer, in one run. See README.md. Every server is started here on 127.0.0.1,
# on a fresh database in a temp dir, and everything started here is stopped on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

usage() {
  cat <<EOF2
Usage: $0 [options]
  --systems LIST        comma list of rebound-sqlite, rebound-postgres, celery (default: all three)
  --binary PATH         rebound binary (default: .build/release/rebound)
  --steps N             delayed steps for Rebound (default 1000000)
  --peer-tasks N        ETA tasks for Celery (default 100000)
  --spread S            seconds over which the steps fall due (default 60)
  --processes N         rebound processes on PostgreSQL (default 2)
  --workers K           claim loops per rebound process (default: rebound's: 1 on SQLite, 4 on PostgreSQL)
  --batch N             due runs claimed per transaction (default 1000)
  --action A            exit (the step does nothing) or tag (it logs one effect) (default exit)
  --lead-sqlite S       seconds between the start of seeding and the first due step (default 120)
  --lead-postgres S     same for PostgreSQL (default 200)
  --lead-peer S         same for the Celery producer (default 420)
  --keep                keep the temp dir
  --out FILE            results markdown (default: $HERE/results-<date>.md; the JSON goes beside it)
Environment: PG_BIN (default /usr/lib/postgresql/15/bin), PG_SYNCHRONOUS_COMMIT (default on), PYTHON (default python3).
EOF2
}

SYSTEMS="rebound-sqlite,rebound-postgres,celery"
BINARY="$REPO/.build/release/rebound"
STEPS=1000000
PEER_TASKS=100000
SPREAD=60
PROCESSES=2
WORKERS=""
BATCH=1000
ACTION=exit
LEAD_SQLITE=120
LEAD_PG=200
LEAD_PEER=420
KEEP=0
OUT=""
PYTHON=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --systems) SYSTEMS=$2; shift ;;
    --binary) BINARY=$2; shift ;;
    --steps) STEPS=$2; shift ;;
    --peer-tasks) PEER_TASKS=$2; shift ;;
    --spread) SPREAD=$2; shift ;;
    --processes) PROCESSES=$2; shift ;;
    --workers) WORKERS=$2; shift ;;
    --batch) BATCH=$2; shift ;;
    --action) ACTION=$2; shift ;;
    --lead-sqlite) LEAD_SQLITE=$2; shift ;;
    --lead-postgres) LEAD_PG=$2; shift ;;
    --lead-peer) LEAD_PEER=$2; shift ;;
    --keep) KEEP=1 ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[b2 %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[b2] ERROR: %s\n' "$*" >&2; exit 1; }
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
json_get() { "$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# The throwaway PostgreSQL cluster of benchmark B1 (defaults: fsync on, synchronous_commit on).
source "$REPO/Benchmarks/ingest/lib/pg.sh"

WORK=$(mktemp -d /tmp/rebound-b2.XXXXXX)
PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  pg_stop || true
  if [ "$KEEP" = 1 ] || [ $rc -ne 0 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

IFS=',' read -r -a SYSTEM_LIST <<< "$SYSTEMS"
for s in "${SYSTEM_LIST[@]}"; do
  case "$s" in
    rebound-sqlite|rebound-postgres)
      [ -x "$BINARY" ] || die "no rebound binary at $BINARY: swift build -c release --product rebound (or --binary PATH)"
      "$BINARY" bench scheduler --help >/dev/null || die "$BINARY has no 'bench scheduler'" ;;
    celery)
      command -v redis-server >/dev/null || die "redis-server not found: apt-get install -y redis-server"
      "$PYTHON" -c 'import celery, redis' 2>/dev/null || die "the peer needs celery and redis: $PYTHON -m pip install -r $HERE/peer/requirements.txt" ;;
    *) die "unknown system '$s'" ;;
  esac
done

workers_args=()
[ -n "$WORKERS" ] && workers_args=(--workers "$WORKERS")
common=(--steps "$STEPS" --spread "$SPREAD" --batch "$BATCH" --action "$ACTION" "${workers_args[@]}")

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r)"
  echo "rebound: $BINARY; steps $STEPS over $SPREAD s; action $ACTION; batch $BATCH; workers ${WORKERS:-default}; PostgreSQL processes $PROCESSES"
  echo "peer: $PEER_TASKS tasks; $("$PYTHON" -c 'import celery, kombu, redis, platform; print("celery", celery.__version__, "kombu", kombu.__version__, "redis-py", redis.__version__, "python", platform.python_version())' 2>/dev/null || echo 'not installed'); $(redis-server --version 2>/dev/null | cut -d' ' -f1-3)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$WORK/meta.txt"

for system in "${SYSTEM_LIST[@]}"; do
  case "$system" in
    rebound-sqlite)
      log "rebound on SQLite: $STEPS steps"
      "$BINARY" bench scheduler --database "$WORK/b2.sqlite" --lead "$LEAD_SQLITE" "${common[@]}" \
        > "$WORK/rebound-sqlite.json" 2> >(tee "$WORK/rebound-sqlite.log" >&2) || die "rebound on SQLite failed"
      ;;
    rebound-postgres)
      pg_start "$WORK"
      sed 's/^/postgres: /' "$WORK/pg-settings.txt" >> "$WORK/meta.txt"
      log "rebound on PostgreSQL: seeding $STEPS steps"
      "$BINARY" bench scheduler --role seed --database "$PG_URL" --lead "$LEAD_PG" "${common[@]}" \
        > "$WORK/pg-seed.json" 2> >(tee "$WORK/pg-seed.log" >&2) || die "seeding PostgreSQL failed"
      shop=$(json_get "$WORK/pg-seed.json" shop_id)
      start_ms=$(json_get "$WORK/pg-seed.json" start_ms)
      run_pids=()
      inputs=""
      for p in $(seq 1 "$PROCESSES"); do
        "$BINARY" bench scheduler --role run --database "$PG_URL" --shop "$shop" --start-at "$start_ms" \
          --counts-file "$WORK/pg-$p.counts" "${common[@]}" > "$WORK/pg-$p.json" 2> >(tee "$WORK/pg-$p.log" >&2) &
        run_pids+=($!); PIDS+=($!)
        inputs="$inputs${inputs:+,}$WORK/pg-$p.json"
      done
      log "rebound on PostgreSQL: $PROCESSES processes (${run_pids[*]}) running"
      for pid in "${run_pids[@]}"; do wait "$pid" || die "a rebound process on PostgreSQL failed"; done
      "$BINARY" bench scheduler --role verify --database "$PG_URL" --shop "$shop" --inputs "$inputs" "${common[@]}" \
        > "$WORK/rebound-postgres.json" || die "verifying the PostgreSQL run failed"
      "$PYTHON" - "$WORK/rebound-postgres.json" "$WORK/pg-seed.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1])); summary["seed"] = json.load(open(sys.argv[2]))
json.dump(summary, open(sys.argv[1], "w"), sort_keys=True)
PY
      pg_stop
      ;;
    celery)
      mkdir -p "$WORK/celery" "$WORK/redis"
      port=$(free_port)
      redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK/redis" \
        --logfile "$WORK/redis/redis.log" --daemonize no & redis_pid=$!; PIDS+=($redis_pid)
      for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
      export B2_BROKER="redis://127.0.0.1:$port/0" B2_OUT="$WORK/celery"
      log "celery worker (prefork, concurrency $(nproc)) on redis 127.0.0.1:$port"
      (cd "$HERE/peer" && exec "$PYTHON" -m celery -A tasks worker --loglevel=WARNING --concurrency "$(nproc)" \
        > "$WORK/celery/worker.log" 2>&1) & worker_pid=$!; PIDS+=($worker_pid)
      (cd "$HERE/peer" && "$PYTHON" -c '
import sys, time
from tasks import app
for _ in range(120):
    if app.control.ping(timeout=1): sys.exit(0)
    time.sleep(0.5)
sys.exit("celery worker did not answer")') || { tail -20 "$WORK/celery/worker.log" >&2; die "celery worker did not start"; }
      "$PYTHON" "$HERE/peer/peer.py" --tasks "$PEER_TASKS" --spread "$SPREAD" --lead "$LEAD_PEER" \
        --worker-pid "$worker_pid" --redis-pid "$redis_pid" > "$WORK/celery.json" 2> >(tee "$WORK/celery.log" >&2) \
        || die "the Celery peer failed"
      kill "$worker_pid" 2>/dev/null || true
      ;;
  esac
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/meta.txt"
[ -n "$OUT" ] || OUT="$HERE/results-$(date +%Y-%m-%d-%H%M).md"
"$PYTHON" "$HERE/lib/summarize.py" "$WORK" "$OUT"
log "results written to $OUT and ${OUT%.md}.json"
