#!/usr/bin/env bash
# Bulk-loads the generated CSVs into a migrated Rebound PostgreSQL database with COPY (the statement-level dashboard
# triggers fire once per COPY). usage: load_postgres.sh URL DIR SHOP_ID
set -euo pipefail
URL=$1; DIR=$2; SHOP=$3
for table in products events carts orders messages conversations conversation_messages; do
    start=$(date +%s.%N)
    header=$(head -1 "$DIR/$table.csv")
    # The rows carry no shop: a column default gives them the benchmark's shop during the COPY.
    psql "$URL" -q -v ON_ERROR_STOP=1 -c "ALTER TABLE $table ALTER COLUMN shop_id SET DEFAULT '$SHOP'"
    psql "$URL" -q -v ON_ERROR_STOP=1 -c "\\copy $table ($header) FROM '$DIR/$table.csv' WITH (FORMAT csv, HEADER true)"
    psql "$URL" -q -v ON_ERROR_STOP=1 -c "ALTER TABLE $table ALTER COLUMN shop_id DROP DEFAULT"
    printf 'postgres\tload\t%s\t%s rows\t%.1f s\n' "$table" "$(($(wc -l < "$DIR/$table.csv") - 1))" "$(echo "$(date +%s.%N) - $start" | bc)"
done
psql "$URL" -q -c "ANALYZE"
