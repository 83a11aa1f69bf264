#!/usr/bin/env bash
# Benchmark B1, PostgreSQL case only: starts a throwaway PostgreSQL 15 cluster (lib/pg.sh),
# runs `rebound serve` on it under the same load as the other cases, then removes the cluster.
# Any run.sh option may be added (e.g. --duration 20, --soak). PG_SYNCHRONOUS_COMMIT=off is allowed.
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run.sh" --systems rebound-postgres "$@"
