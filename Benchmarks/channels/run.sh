#!/usr/bin/env bash
# Benchmark B3: 20,000 cart-recovery emails rendered from the shipped template and sent to Postfix's smtp-sink,
# with and without DKIM, by channels-bench (Swift) and by the peer (aiosmtplib + Jinja2 + dkimpy), in one run.
#
# Needs: apt-get install -y postfix (smtp-sink; the postfix service is not started), pip install aiosmtplib jinja2 dkimpy,
# and a release build: swift build -c release --product channels-bench (from the package root).
# usage: Benchmarks/channels/run.sh [COUNT] [POOL]     results: Benchmarks/channels/results.jsonl
set -euo pipefail
cd "$(dirname "$0")"
COUNT=${COUNT:-${1:-20000}}
POOL=${POOL:-${2:-8}}
PORT=${PORT:-2526}
BENCH=${BENCH:-../../.build/release/channels-bench}
WORK=$(mktemp -d)
trap 'kill $SINK 2>/dev/null || true; rm -rf "$WORK"' EXIT

openssl genrsa -out "$WORK/dkim.pem" 2048 2>/dev/null
/usr/sbin/smtp-sink -u nobody -m 256 127.0.0.1:$PORT 512 &
SINK=$!
sleep 1

: > results.jsonl
for dkim in no yes; do
    extra=()
    [ "$dkim" = yes ] && extra=(--dkim "$WORK/dkim.pem")
    "$BENCH" --port $PORT --count "$COUNT" --pool "$POOL" "${extra[@]}" | tee -a results.jsonl
    python3 peer.py --port $PORT --count "$COUNT" --pool "$POOL" "${extra[@]}" | tee -a results.jsonl
done
