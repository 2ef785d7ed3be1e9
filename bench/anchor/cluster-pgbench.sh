#!/usr/bin/env bash
# Usage: bench/anchor/cluster-pgbench.sh
# The cluster's durable sends against PostgreSQL's own single-row insert rate, in one run, on the same
# PostgreSQL server. Each round starts a fresh local cluster (deploy/local/cluster.sh up: a private
# PostgreSQL with fsync on, SILOS silos, one gateway), runs bench/http/run.sh's post_message against the
# gateway directly (it seeds through the API, warms up, then wrk), then anchor/pgbench.sh on that
# cluster's PostgreSQL (one INSERT a transaction, as many clients as wrk has connections, the same
# duration), and stops the cluster. Rounds repeat that, so that a drift in the machine's load hits both.
# Env: ROUNDS (2)  SILOS (1)  DURATION (15s)  CONNS (32, also pgbench's clients)  THREADS (2)  WARMUP (3s)
#      NO_BUILD (unset: build Gateway.Api and Silo in Release first)
# Output: bench/results/<UTC stamp>/cluster-pgbench/: table.txt (also printed), table.tsv, and under
# runs/rN/ each round's cluster logs, run.sh's log and results (service/) and pgbench's (pgbench/). On exit, also after a failure or
# Ctrl-C, the cluster still up is stopped (cluster.sh down removes its run directory and database).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROUNDS="${ROUNDS:-2}"; SILOS="${SILOS:-1}"
export DURATION="${DURATION:-15s}" CONNS="${CONNS:-32}" THREADS="${THREADS:-2}" WARMUP="${WARMUP:-3s}"

die() { echo "anchor/cluster-pgbench.sh: $*" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number >= 1"
[[ "$SILOS" =~ ^[1-9][0-9]*$ ]] || die "SILOS must be a whole number >= 1"
[[ "${DURATION%s}" =~ ^[1-9][0-9]*$ ]] || die "DURATION must be whole seconds (15 or 15s)"
. "$ROOT/bench/common.sh"
require_wrk
command -v pgbench >/dev/null 2>&1 || die "pgbench is required (Debian/Ubuntu: apt-get install -y postgresql-client)"

OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)/cluster-pgbench"
mkdir -p "$OUT/runs"
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/cluster-pgbench-XXXXXX")"
rmdir "$RUN_DIR"   # cluster.sh up creates it, and down removes it
CLUSTER_UP=""

cluster() { CLUSTER_RUN_DIR="$RUN_DIR" bash "$ROOT/deploy/local/cluster.sh" "$@"; }
cleanup() {
  if [[ -n "$CLUSTER_UP" ]]; then
    cluster down >>"$OUT/cluster-down.log" 2>&1 || echo "anchor/cluster-pgbench.sh: cluster.sh down failed (see $OUT/cluster-down.log)" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${NO_BUILD:-}" ]]; then
  for project in Gateway.Api Silo; do
    echo "# building $project in Release" >&2
    dotnet build "$ROOT/$project/$project.csproj" -c Release -nologo -v q >"$OUT/build-$project.log" 2>&1 \
      || { tail -20 "$OUT/build-$project.log" >&2; die "building $project failed"; }
  done
fi
{ echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "commit: $(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "cluster: $SILOS silo(s), 1 gateway, benchmarked directly; wrk -t$THREADS -c$CONNS -d$DURATION; pgbench -c $CONNS -T ${DURATION%s}"
  echo "before: $(uptime)"; } >"$OUT/machine.txt"

# One row of table.tsv from a summary line of key=value fields (run.sh's or pgbench.sh's), or "failed"
# without one: the rate is the field named RATE_KEY, the errors the sum of the fields named after it.
table_row() { # round system line rate_key error_key...
  local round=$1 system=$2 line=$3 rate_key=$4
  shift 4
  if [[ -z "$line" ]]; then
    printf '%s\t%s\tfailed\t-\t-\t-\n' "$round" "$system" >>"$OUT/table.tsv"
    return
  fi
  awk -v round="$round" -v name="$system" -v rate="$rate_key" -v errors="$*" '{
    for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
    n = split(errors, keys, " "); e = 0; for (k = 1; k <= n; k++) e += v[keys[k]]
    printf "%s\t%s\t%s\t%s\t%s\t%d\n", round, name, v[rate], v["p50_ms"], v["p99_ms"], e
  }' <<<"$line" >>"$OUT/table.tsv"
}

printf 'round\tsystem\trate\tp50_ms\tp99_ms\terrors\n' >"$OUT/table.tsv"
for round in $(seq 1 "$ROUNDS"); do
  dir="$OUT/runs/r$round"
  mkdir -p "$dir"
  echo "# round $round: cluster up ($SILOS silo(s)), $(uptime | sed 's/.*load/load/')" >&2
  CLUSTER_UP=yes
  cluster up --silos "$SILOS" --gateways 1 --no-build >"$dir/cluster-up.log" 2>&1 \
    || { tail -30 "$dir/cluster-up.log" >&2; die "cluster.sh up failed (see $dir/cluster-up.log)"; }
  read -r gateway_pid gateway_port <<<"$(awk '$1 ~ /^gateway-/ { print $2, $4; exit }' "$RUN_DIR/processes")"
  pg_port="$(sed -n 's/^PG_PORT=//p' "$RUN_DIR/state")"
  [[ "${gateway_pid:-}" =~ ^[0-9]+$ && "${gateway_port:-}" =~ ^[0-9]+$ && "$pg_port" =~ ^[0-9]+$ ]] \
    || die "found no gateway or PostgreSQL port in $RUN_DIR"

  # The service: seed, warm up, then wrk, against the gateway directly.
  BASE_URL="http://127.0.0.1:$gateway_port" GATEWAY_PID="$gateway_pid" SCENARIOS=post_message \
    bash "$ROOT/bench/http/run.sh" >"$dir/service.log" 2>&1 || true
  results="$(sed -n 's/^# full output in //p' "$dir/service.log" | tail -n 1)"
  [[ -n "$results" && -d "$results" ]] && mv "$results" "$dir/service" && rmdir "$(dirname "$results")" 2>/dev/null || true
  table_row "$round" "cluster sends" "$(grep -E '^post_message[[:space:]]+rps=' "$dir/service.log" | tail -n 1 || true)" rps non2xx socket_errors timeouts

  # PostgreSQL's own inserts on the same server, the cluster idle beside it.
  OUT_DIR="$dir/pgbench" PGBENCH_PORT="$pg_port" PGBENCH_PASSWORD_FILE="$RUN_DIR/secrets/postgres-password" \
    CLIENTS="$CONNS" DURATION="${DURATION%s}" bash "$HERE/pgbench.sh" >"$dir/pgbench.log" 2>&1 || true
  table_row "$round" "pgbench inserts" "$(grep -E '^pgbench_insert ' "$dir/pgbench.log" | tail -n 1 || true)" tps failed

  cluster down >"$dir/cluster-down.log" 2>&1 || echo "anchor/cluster-pgbench.sh: cluster.sh down failed (see $dir/cluster-down.log)" >&2
  CLUSTER_UP=""
done
echo "after: $(uptime)" >>"$OUT/machine.txt"

{
  echo "# cluster ($SILOS silo(s), 1 gateway): post_message req/s; pgbench on the cluster's PostgreSQL: one-INSERT transactions/s;" \
    "$CONNS connections or clients, $DURATION a run, $ROUNDS round(s)"
  column -t -s $'\t' "$OUT/table.tsv"
  echo
  awk -F'\t' 'NR > 1 && $3 != "failed" { n[$2]++; sum[$2] += $3 }
    END {
      if (n["cluster sends"] && n["pgbench inserts"]) {
        s = sum["cluster sends"] / n["cluster sends"]; p = sum["pgbench inserts"] / n["pgbench inserts"]
        printf "# mean: cluster sends %.1f req/s, pgbench %.1f tps: cluster / pgbench = %.2fx\n", s, p, s / p
      } else print "# no ratio: a run failed (see runs/)"
    }' "$OUT/table.tsv"
} | tee "$OUT/table.txt"
echo "# full output in $OUT"
grep -q failed "$OUT/table.tsv" && exit 1
exit 0
