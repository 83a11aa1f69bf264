#!/usr/bin/env bash
# B5: frequent itemsets + association rules on Online Retail, ReboundRecs versus efficient-apriori and mlxtend.
#
# Basket rule (BasketRules.onlineRetail): invoices not starting with "C", lines with quantity > 0 and
# unit price > 0, stock codes starting with five digits (drops POST, DOT, M, C2, S, D, AMAZONFEE,
# BANK CHARGES, gift vouchers, DCGS…, PADS, B, CRUK); a basket is the set of distinct stock codes of
# one invoice. recs-bench writes the baskets to $OUT/baskets.txt and every miner reads that file.
#
# Thresholds: MIN_SUPPORT=0.01, MIN_CONFIDENCE=0.5, MAX_LENGTH=none (no limit; the longest frequent
# itemset at 1 % has 6 items). Override through the environment. SKIP_MLXTEND_APRIORI=1 skips the
# ~10 GB mlxtend apriori run.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MIN_SUPPORT=${MIN_SUPPORT:-0.01}
MIN_CONFIDENCE=${MIN_CONFIDENCE:-0.5}
MAX_LENGTH=${MAX_LENGTH:-none}
OUT=${OUT:-$HERE/out}
mkdir -p "$OUT"

# The data lives in shared/data beside the package (or above it).
dir=$ROOT
while [ "$dir" != "/" ] && [ ! -d "$dir/shared/data" ]; do dir=$(dirname "$dir"); done
CSV="$dir/shared/data/online_retail/online_retail_2010-12_to_2011-08.csv.gz"
[ -f "$CSV" ] || { echo "cannot find shared/data/online_retail above $ROOT" >&2; exit 1; }

echo "== build recs-bench (release)"
(cd "$ROOT" && swift build -c release --product recs-bench 2>&1 | tail -1)
BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/recs-bench"

if [ ! -x "$HERE/.venv/bin/python" ]; then
    echo "== python peers venv"
    python3 -m venv "$HERE/.venv"
    "$HERE/.venv/bin/pip" install -q -r "$HERE/requirements.txt"
fi
PY="$HERE/.venv/bin/python"

# Runs a command under /usr/bin/time -v, keeps its output, prints wall time and peak RSS.
measure() {
    local name=$1; shift
    /usr/bin/time -v -o "$OUT/$name.time" "$@" | tee "$OUT/$name.out"
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$name.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")
    echo "$name wall=$wall peak_rss_mb=$((rss / 1024))" | tee -a "$OUT/summary.txt"
}

: > "$OUT/summary.txt"
echo "== prepare: gunzip, parse, baskets, incremental refresh, hit rate@5 (train 2010-12..2011-05, test 2011-06..2011-08)"
measure prepare "$BIN" prepare "$CSV" "$OUT"
echo "== mine: minsup=$MIN_SUPPORT minconf=$MIN_CONFIDENCE maxlen=$MAX_LENGTH"
measure swift "$BIN" mine "$OUT/baskets.txt" "$OUT" "$MIN_SUPPORT" "$MIN_CONFIDENCE" "$MAX_LENGTH"
PEERS="efficient-apriori mlxtend-fpgrowth"
[ "${SKIP_MLXTEND_APRIORI:-0}" = 1 ] || PEERS="$PEERS mlxtend"
status=0
for peer in $PEERS; do
    measure "$peer" "$PY" "$HERE/peers.py" "$peer" "$OUT/baskets.txt" "$OUT" "$MIN_SUPPORT" "$MIN_CONFIDENCE" "$MAX_LENGTH"
    "$PY" "$HERE/compare.py" "$OUT" "${peer//-/_}" | tee -a "$OUT/summary.txt" || status=1
done
echo "== summary"
grep -h -E '^(swift\.|mine_total_s|eval\.|refresh\.)' "$OUT/prepare.out" "$OUT/swift.out" || true
for peer in $PEERS; do echo "$peer $(grep mine_total_s "$OUT/$peer.out")"; done
cat "$OUT/summary.txt"
exit $status
