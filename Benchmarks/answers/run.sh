#!/usr/bin/env bash
# ReboundAnswers evaluations and the B7 retrieval benchmark, ours (Swift, release) against the
# Python peers (scikit-learn, bm25s) on the same splits, tokens and queries.
#   bash Benchmarks/answers/run.sh            # everything
#   ONLY=b7 bash Benchmarks/answers/run.sh    # just retrieval; ONLY=intents for just the classifiers
#   ONLY=simulate bash Benchmarks/answers/run.sh   # the answer bot over held-out support tickets (HTML + JSON to $OUT/simulation)
# Env: DATA (default: the first shared/data above this folder), OUT (default: a temp dir),
#      PEER_C (LogisticRegression C for the peer, default 1.0 = scikit-learn's default).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PKG=$(cd "$HERE/../.." && pwd)
if [ -z "${DATA:-}" ]; then
  d="$HERE"
  while [ "$d" != "/" ] && [ ! -d "$d/shared/data" ]; do d=$(dirname "$d"); done
  DATA="$d/shared/data"
fi
[ -d "$DATA" ] || { echo "no shared/data found; set DATA" >&2; exit 1; }
OUT=${OUT:-$(mktemp -d /tmp/answers-bench.XXXXXX)}
ONLY=${ONLY:-all}
python3 -c "import sklearn, bm25s" 2>/dev/null || pip install -q scikit-learn bm25s
swift build -c release --package-path "$PKG" --product answers-eval >&2
BIN="$PKG/.build/release/answers-eval"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); data $DATA; out $OUT"

if [ "$ONLY" = all ] || [ "$ONLY" = intents ]; then
  "$BIN" split --data "$DATA" --out "$OUT/splits"
  for name in support_intents banking77 clinc150; do
    oos=()
    [ "$name" = clinc150 ] && oos=(--oos-label oos)
    start=$(date +%s.%N)
    json=$("$BIN" evaluate --train "$OUT/splits/$name.train.csv" --test "$OUT/splits/$name.test.csv" \
      --text-column text --label-column intent "${oos[@]}" --json --verbose 2>"$OUT/$name.swift.log")
    end=$(date +%s.%N)
    echo "ours  $name $json seconds=$(echo "$end - $start" | bc)"
    sed 's/^/      /' "$OUT/$name.swift.log"
  done
  python3 "$HERE/peer_intents.py" --splits "$OUT/splits" --C "${PEER_C:-1.0}" | sed 's/^/peer  /'
fi

if [ "$ONLY" = all ] || [ "$ONLY" = b7 ]; then
  echo "B7 retrieval (5,000 documents, single queries, top-10):"
  "$BIN" bench-retrieval --data "$DATA" --out "$OUT/b7" --runs 5 | sed 's/^/ours  /'
  python3 "$HERE/peer_bm25.py" --dir "$OUT/b7" --runs 5 | sed 's/^/peer  /'
fi

if [ "$ONLY" = all ] || [ "$ONLY" = simulate ]; then
  echo "Bot simulation (support_intents held-out 20 %, FAQ as knowledge; reports in $OUT/simulation):"
  "$BIN" simulate --data "$DATA" --out "$OUT/simulation" --map "$HERE/faq_intent_map.json" | sed 's/^/ours  /'
fi
