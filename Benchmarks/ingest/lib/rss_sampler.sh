#!/usr/bin/env bash
# Samples VmRSS of one process every INTERVAL seconds and appends CSV rows:
#   system,case,epoch_s,elapsed_s,rss_kb
# Usage: rss_sampler.sh PID INTERVAL CSV SYSTEM CASE   (stops when PID exits or on SIGTERM)
pid=$1 interval=$2 csv=$3 system=$4 case=$5
start=$(date +%s.%N)
trap 'exit 0' TERM INT
while [ -r "/proc/$pid/status" ]; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
  [ -n "$rss" ] || break
  now=$(date +%s.%N)
  awk -v s="$system" -v c="$case" -v now="$now" -v t0="$start" -v r="$rss" \
    'BEGIN { printf "%s,%s,%.1f,%.1f,%s\n", s, c, now, now - t0, r }' >> "$csv"
  sleep "$interval" & wait $!
done
