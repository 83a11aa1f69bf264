#!/usr/bin/env bash
# Measure and segment: ReboundAnalytics (analytics-eval) against lifetimes 0.11.3 and scikit-learn 1.9.1, same data,
# same run. Writes Benchmarks/analytics/out/ and prints every figure as "key<TAB>value".
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$HERE/out}
SEED=${SEED:-42}
mkdir -p "$OUT"

dir=$ROOT
while [ "$dir" != "/" ] && [ ! -d "$dir/shared/data" ]; do dir=$(dirname "$dir"); done
RETAIL="$dir/shared/data/online_retail/online_retail_2010-12_to_2011-08.csv.gz"
SHOPPERS="$dir/shared/data/online_shoppers/online_shoppers_intention_train.csv"
[ -f "$RETAIL" ] && [ -f "$SHOPPERS" ] || { echo "cannot find shared/data above $ROOT" >&2; exit 1; }

echo "== build analytics-eval (release)"
(cd "$ROOT" && swift build -c release --product analytics-eval 2>&1 | tail -1)
BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/analytics-eval"

if [ ! -x "$HERE/.venv/bin/python" ]; then
    echo "== python peers venv"
    python3 -m venv "$HERE/.venv"
    "$HERE/.venv/bin/pip" install -q -r "$HERE/requirements.txt"
fi
PY="$HERE/.venv/bin/python"

echo "== propensity: ReboundAnalytics logistic regression (seed $SEED)"
"$BIN" propensity "$SHOPPERS" "$OUT" "$SEED" | tee "$OUT/swift_propensity.out"
echo "== propensity: scikit-learn on the same split"
"$PY" "$HERE/peer.py" sklearn "$SHOPPERS" "$OUT" | tee "$OUT/sklearn.out"

echo "== CLV: ReboundAnalytics BG/NBD + Gamma-Gamma (calibrate 2010-12-01..2011-05-31, hold out 2011-06-01..2011-08-31)"
"$BIN" clv "$RETAIL" "$OUT" | tee "$OUT/swift_clv.out"
echo "== CLV: lifetimes on the same rows and periods"
"$PY" "$HERE/peer.py" lifetimes "$RETAIL" "$OUT" | tee "$OUT/lifetimes.out"

echo "== CDNOW (lifetimes' copy of the paper's data): both fits"
"$PY" "$HERE/peer.py" cdnow "$OUT" | tee "$OUT/lifetimes_cdnow.out"
"$BIN" cdnow "$OUT/cdnow_summary.csv" | tee "$OUT/swift_cdnow.out"
