#!/usr/bin/env bash
# Usage: bench/anchor/pgbench.sh
# PostgreSQL's own rate of durable single-row inserts, as a ceiling for one-row durable writes: pgbench
# with a custom script of one INSERT of a message-sized row into a small table, as many clients as wrk
# has connections (32), -j 2, for a fixed duration. It runs on the DRF anchor's PostgreSQL (Debian's main
# cluster on 127.0.0.1:5432, database and role drf), connecting over loopback TCP with a password as
# the anchor's Django does. If that database does not answer, it first runs the anchor's setup.sh from
# a temporary copy (nothing under /work/shared is written). It checks with SHOW, in the clients' own
# kind of session, that fsync and synchronous_commit are on (a commit waits for its WAL flush), runs a
# CHECKPOINT, creates the table pgbench_insert, runs pgbench, prints tps and latency (average from
# pgbench, p50 and p99 from its per-transaction log) and drops the table.
# Env: DURATION (15; seconds, a trailing "s" is accepted)  CLIENTS (32)  JOBS (2)
#      PROTOCOL (simple: as psycopg2 sends queries; extended or prepared as Npgsql does)
#      ANCHOR_DIR (/work/shared/anchors/drf_messaging)  DRF_DB_NAME DRF_DB_USER DRF_DB_PASSWORD (drf)
#      PGBENCH_PORT: run on another PostgreSQL server on 127.0.0.1 instead, e.g. the one of a local cluster
#      (anchor/cluster-pgbench.sh), as PGBENCH_USER (postgres) with the password in PGBENCH_PASSWORD_FILE,
#      in database PGBENCH_DB (messaging); the anchor's server is then neither started nor stopped
# Needs root for the anchor's server (starting the cluster, or the anchor's setup.sh), not with
# PGBENCH_PORT. Output: bench/results/<UTC stamp>/pgbench/ (OUT_DIR, if set, instead)
# (pgbench's output, the script, settings, summary.txt). On exit, also after a failure or Ctrl-C, it
# drops the table, stops the main cluster if it was not running before, and removes its temporary files.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-15}"; DURATION="${DURATION%s}"
CLIENTS="${CLIENTS:-32}"; JOBS="${JOBS:-2}"; PROTOCOL="${PROTOCOL:-simple}"
ANCHOR_DIR="${ANCHOR_DIR:-/work/shared/anchors/drf_messaging}"
TARGET_PORT="${PGBENCH_PORT:-}"
if [[ -n "$TARGET_PORT" ]]; then
  DB_NAME="${PGBENCH_DB:-messaging}"; DB_USER="${PGBENCH_USER:-postgres}"
  [[ -r "${PGBENCH_PASSWORD_FILE:-}" ]] || { echo "anchor/pgbench.sh: PGBENCH_PORT needs a readable PGBENCH_PASSWORD_FILE" >&2; exit 1; }
  PGPASSWORD="$(head -n 1 "$PGBENCH_PASSWORD_FILE")"; export PGPASSWORD
else
  DB_NAME="${DRF_DB_NAME:-drf}"; DB_USER="${DRF_DB_USER:-drf}"
  export PGPASSWORD="${DRF_DB_PASSWORD:-drf}"
fi

die() { echo "anchor/pgbench.sh: $*" >&2; exit 1; }
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "DURATION must be whole seconds"
[[ "$CLIENTS" =~ ^[1-9][0-9]*$ && "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "CLIENTS and JOBS must be whole numbers"
case "$PROTOCOL" in simple | extended | prepared) ;; *) die "PROTOCOL must be simple, extended or prepared" ;; esac
[[ -n "$TARGET_PORT" ]] && ! [[ "$TARGET_PORT" =~ ^[1-9][0-9]*$ ]] && die "PGBENCH_PORT must be a port number"
[[ -n "$TARGET_PORT" || "$(id -u)" -eq 0 ]] || die "run as root: it may start the PostgreSQL main cluster or run the anchor's setup.sh"

OUT="${OUT_DIR:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)/pgbench}"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/anchor-pgbench-XXXXXX")"
chmod 755 "$WORK"   # the anchor's setup.sh runs psql as postgres from its own directory
TABLE_CREATED=""; PGPORT=""

source "$HERE/pg-main.sh"
# psql as the anchor's role, over loopback TCP (the clients' kind of session).
sql() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$PGPORT" -U "$DB_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 -X -qtA "$@"; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$TABLE_CREATED" ]]; then
    sql -c "DROP TABLE IF EXISTS pgbench_insert" || echo "anchor/pgbench.sh: could not drop pgbench_insert" >&2
  fi
  pg_main_restore anchor/pgbench.sh
  rm -rf -- "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- The anchor's PostgreSQL, or the one PGBENCH_PORT names ------------------------------------------
if [[ -n "$TARGET_PORT" ]]; then
  PG_WAS_ONLINE=yes   # not the main cluster's: nothing to restore
  PGPORT="$TARGET_PORT"
  sql -c "SELECT 1" >/dev/null || die "no PostgreSQL answers as $DB_USER on 127.0.0.1:$PGPORT/$DB_NAME"
else
  pg_main_remember
  if [[ "$PG_WAS_ONLINE" == no ]] && [[ -n "$(pg_main_port 2>/dev/null || true)" ]]; then
    pg_ctlcluster "$(pg_version)" main start   # the cluster exists but is down
  fi
  PGPORT="$(pg_main_port 2>/dev/null || true)"
  if [[ -z "$PGPORT" ]] || ! sql -c "SELECT 1" >/dev/null 2>&1; then
    echo "# the anchor's database does not answer: running its setup.sh (from a temporary copy)" >&2
    [[ -x "$ANCHOR_DIR/setup.sh" ]] || die "no DRF anchor in $ANCHOR_DIR"
    cp -a "$ANCHOR_DIR" "$WORK/drf_messaging"
    bash "$WORK/drf_messaging/setup.sh" </dev/null >"$OUT/setup.log" 2>&1 \
      || { tail -20 "$OUT/setup.log" >&2; die "the anchor's setup.sh failed (see $OUT/setup.log)"; }
    PGPORT="$(pg_main_port)"
    sql -c "SELECT 1" >/dev/null || die "the anchor's database does not answer after setup.sh"
  fi
fi
command -v pgbench >/dev/null 2>&1 || die "no pgbench (Debian: postgresql-client)"

# Durability as the anchor runs it, checked rather than assumed.
sql -F ' = ' -c "SELECT name, current_setting(name) FROM pg_settings WHERE name IN
  ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'wal_level', 'max_connections',
   'shared_buffers', 'server_version', 'data_directory') ORDER BY name" >"$OUT/settings.txt"
[[ "$(sql -c 'SHOW fsync')" == on ]] || die "fsync is not on"
[[ "$(sql -c 'SHOW synchronous_commit')" == on ]] || die "synchronous_commit is not on"
if [[ -n "$TARGET_PORT" ]]; then
  DATA_DIR="$(sql -c 'SHOW data_directory')"   # PGBENCH_USER may read it: the local cluster's superuser
else
  DATA_DIR="$(runuser -u postgres -- psql -p "$PGPORT" -X -qtAc 'SHOW data_directory')"
fi
echo "data_directory filesystem: $(findmnt -n -o FSTYPE,SOURCE -T "$DATA_DIR")" >>"$OUT/settings.txt"
max_connections="$(sql -c 'SHOW max_connections')"
(( CLIENTS + 5 <= max_connections )) || die "$CLIENTS clients do not fit max_connections=$max_connections"

# --- The table and the script -----------------------------------------------------------------------
sql -c "DROP TABLE IF EXISTS pgbench_insert"   # left by an interrupted run
TABLE_CREATED=yes
sql -c "CREATE TABLE pgbench_insert (id bigserial PRIMARY KEY, conversation_id uuid, body text,
  sent_at timestamptz DEFAULT now())"
# One INSERT per transaction (autocommit): one of 100 conversation ids and a body like the one the wrk
# script posts ("bench message N").
cat >"$OUT/insert.sql" <<'SQL'
\set c random(1, 100)
\set n random(1, 1000000)
INSERT INTO pgbench_insert (conversation_id, body) VALUES (CAST('00000000-0000-4000-8000-' || lpad(CAST(:c AS text), 12, '0') AS uuid), 'bench message ' || :n);
SQL
sql -c "CHECKPOINT" 2>/dev/null || runuser -u postgres -- psql -p "$PGPORT" -X -qc CHECKPOINT

# --- The run ----------------------------------------------------------------------------------------
echo "# pgbench -n -c $CLIENTS -j $JOBS -T $DURATION -M $PROTOCOL, one INSERT a transaction, on 127.0.0.1:$PGPORT/$DB_NAME; $(uptime | sed 's/.*load/load/')" >&2
(cd "$WORK" && pgbench -n -c "$CLIENTS" -j "$JOBS" -T "$DURATION" -M "$PROTOCOL" -f "$OUT/insert.sql" \
  -l --log-prefix=txlog -h 127.0.0.1 -p "$PGPORT" -U "$DB_USER" "$DB_NAME") </dev/null >"$OUT/pgbench.txt" 2>&1 \
  || { cat "$OUT/pgbench.txt" >&2; die "pgbench failed"; }

# Per-transaction log lines: client transaction latency_us script epoch_s epoch_us.
cat "$WORK"/txlog.* | awk '{ print $3 }' | sort -n >"$WORK/latencies"
rows="$(sql -c "SELECT count(*) FROM pgbench_insert")"
awk -v tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.txt" | tail -n 1)" \
    -v avg="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$OUT/pgbench.txt")" \
    -v failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench.txt")" \
    -v rows="$rows" '
  { lat[NR] = $1 }
  END {
    p50 = lat[int((NR - 1) * 0.50) + 1]; p99 = lat[int((NR - 1) * 0.99) + 1]
    printf "pgbench_insert tps=%.1f latency_avg_ms=%.2f p50_ms=%.2f p99_ms=%.2f transactions=%d failed=%s rows=%s\n",
      tps, avg, p50 / 1000, p99 / 1000, NR, (failed == "" ? 0 : failed), rows
  }' "$WORK/latencies" | tee "$OUT/summary.txt"
echo "# settings: $(grep -E '^(fsync|synchronous_commit|wal_sync_method) ' "$OUT/settings.txt" | tr '\n' ' ')"
echo "# full output in $OUT"
