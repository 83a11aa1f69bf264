# Throwaway PostgreSQL 15 cluster for benchmark B1. Sourced by run.sh.
#
# pg_start DIR  -> sets PG_PORT, PG_URL, PG_SOCKDIR; writes DIR/pg-settings.txt
# pg_stop       -> stops the cluster (fast, then immediate) and removes its files
#
# Durability: PostgreSQL defaults (fsync=on, full_page_writes=on). synchronous_commit is
# PG_SYNCHRONOUS_COMMIT (default "on" = PostgreSQL's default); "off" is accepted and is then
# recorded in the results. fsync=off is never used.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_SYNCHRONOUS_COMMIT=${PG_SYNCHRONOUS_COMMIT:-on}
PG_DIR=""
PG_PORT=""
PG_URL=""

pg_psql() { # runs psql as the postgres OS user over the cluster's private socket
  runuser -u postgres -- "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKDIR" -p "$PG_PORT" -U postgres "$@"
}

pg_start() {
  local out=$1
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 binaries not found in $PG_BIN (apt-get install -y postgresql-15)"
  id postgres >/dev/null 2>&1 || die "no 'postgres' OS user (installed with the postgresql package)"
  case "$PG_SYNCHRONOUS_COMMIT" in on|off|local|remote_write|remote_apply) ;; *) die "bad PG_SYNCHRONOUS_COMMIT=$PG_SYNCHRONOUS_COMMIT";; esac
  PG_DIR=$(mktemp -d /tmp/rebound-b1-pg.XXXXXX)
  chown postgres:postgres "$PG_DIR"; chmod 700 "$PG_DIR"
  PG_SOCKDIR=$PG_DIR
  local pass="b1-$(date +%s)-$RANDOM"
  printf '%s\n' "$pass" > "$PG_DIR/pw"; chown postgres:postgres "$PG_DIR/pw"
  log "initdb in $PG_DIR (as OS user postgres)"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PG_DIR/pw" > "$PG_DIR/initdb.log" 2>&1 \
    || { tail -20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  PG_PORT=$(free_port)
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT (synchronous_commit=$PG_SYNCHRONOUS_COMMIT)"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_SOCKDIR -c synchronous_commit=$PG_SYNCHRONOUS_COMMIT -c max_connections=100" \
      start > "$PG_DIR/pg_ctl.log" 2>&1 \
    || { tail -20 "$PG_DIR/server.log" >&2; die "pg_ctl start failed"; }
  pg_psql -d postgres -c "CREATE ROLE rebound LOGIN PASSWORD '$pass'" -c "CREATE DATABASE rebound OWNER rebound" \
    || die "could not create the benchmark database"
  PG_URL="postgres://rebound:$pass@127.0.0.1:$PG_PORT/rebound?sslmode=disable"
  {
    pg_psql -d postgres -Atc "SELECT version()"
    pg_psql -d postgres -Atc "SELECT name || ' = ' || setting || coalesce(' ' || unit, '') FROM pg_settings
      WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_level','wal_sync_method','shared_buffers',
                     'max_connections','checkpoint_timeout','max_wal_size','work_mem','commit_delay','wal_buffers')
      ORDER BY name"
  } > "$out/pg-settings.txt"
}

pg_count_events() {
  pg_psql -d rebound -Atc "SELECT count(*) FROM events" 2>/dev/null || echo "?"
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
  PG_DIR=""
}
