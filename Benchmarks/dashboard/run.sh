#!/usr/bin/env bash
# Benchmark B8 — the dashboard. Generates EVENTS events and ORDERS orders (seeded from the real UCI Online Retail
# baskets), bulk-loads them into SQLite and PostgreSQL, builds the rollups with the rebuild path, then times the
# dashboard's reads for RUNS random date ranges on both engines, and DuckDB answering the same questions over the
# same rows in the same run. Prints every figure as tab-separated lines.
#   EVENTS=1000000 ORDERS=100000 PG=postgres://postgres@127.0.0.1:5433/postgres Benchmarks/dashboard/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$HERE/out}
EVENTS=${EVENTS:-1000000}
ORDERS=${ORDERS:-100000}
SEED=${SEED:-42}
export RUNS=${RUNS:-200}
PG=${PG:-postgres://postgres@127.0.0.1:5433/postgres}
DB=${DB:-b8}
BIN=${BIN:-}
mkdir -p "$OUT"

dir=$ROOT
while [ "$dir" != "/" ] && [ ! -d "$dir/shared/data" ]; do dir=$(dirname "$dir"); done
RETAIL="$dir/shared/data/online_retail/online_retail_2010-12_to_2011-08.csv.gz"
[ -f "$RETAIL" ] || { echo "cannot find shared/data above $ROOT" >&2; exit 1; }

if [ -z "$BIN" ]; then
    echo "== build rebound (release)"
    (cd "$ROOT" && swift build -c release --product rebound --scratch-path .build-release 2>&1 | tail -1)
    BIN="$(cd "$ROOT" && swift build -c release --scratch-path .build-release --show-bin-path)/rebound"
fi
if [ ! -x "$HERE/.venv/bin/python" ]; then
    python3 -m venv "$HERE/.venv"
    "$HERE/.venv/bin/pip" install -q -r "$HERE/requirements.txt"
fi
PY="$HERE/.venv/bin/python"

echo "== machine"; nproc; uptime
if [ ! -f "$OUT/data/ranges.txt" ]; then
    echo "== generate $EVENTS events, $ORDERS orders"
    "$PY" "$HERE/generate.py" "$RETAIL" "$OUT/data" "$EVENTS" "$ORDERS" "$SEED"
fi

echo "== SQLite"
rm -f "$OUT/b8.sqlite" "$OUT/b8.sqlite-wal" "$OUT/b8.sqlite-shm"
SHOP=$("$BIN" bench dashboard --database "$OUT/b8.sqlite" --prepare | cut -f2)
"$PY" "$HERE/load_sqlite.py" "$OUT/b8.sqlite" "$OUT/data" "$SHOP"
"$BIN" bench dashboard --database "$OUT/b8.sqlite" --shop "$SHOP" --ranges "$OUT/data/ranges.txt" --rebuild
uptime

echo "== PostgreSQL"
BASE=${PG%/*}
psql "$PG" -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
SHOP=$("$BIN" bench dashboard --database "$BASE/$DB" --prepare | cut -f2)
"$HERE/load_postgres.sh" "$BASE/$DB" "$OUT/data" "$SHOP"
"$BIN" bench dashboard --database "$BASE/$DB" --shop "$SHOP" --ranges "$OUT/data/ranges.txt" --rebuild
uptime

echo "== DuckDB $("$PY" -c 'import duckdb; print(duckdb.__version__)')"
"$PY" "$HERE/peer.py" "$OUT/data"
uptime
