#!/usr/bin/env bash
# Usage: bench/anchor/compare.sh
# This service against the DRF reference implementation of the same API (the "anchor",
# /work/shared/anchors/drf_messaging), side by side in one run on this machine, both driven by the
# anchor's own wrk scripts (bench/post_message.lua, bench/get_messages.lua, bench/common.lua) with the
# same wrk settings. For ROUNDS rounds, taking turns:
#   (a) the anchor: its setup.sh (apt packages if missing, PostgreSQL main cluster on 127.0.0.1:5432,
#       migrate, a fresh seed), its serve.sh on a free loopback port with the configuration its README
#       says to compare against (WORKERS=5 DRF_DB_CONN_MAX_AGE=60: gunicorn sync workers, persistent
#       database connections), its own bench/bench.sh (login, conversation ids, warmup, wrk, drain),
#       then its stop.sh and a PostgreSQL CHECKPOINT, so that its dirty pages are not written during
#       the service's turn;
#   (b) this service: bench/http/run.sh with LUA_DIR set to the anchor's bench/ directory (the embedded
#       default: Gateway.Api with a co-hosted silo, SQLite synchronous=FULL, fresh data directory, seeded
#       by bench/http/prepare.py in the anchor's seed shape), built once in Release up front.
# The anchor runs from a temporary copy of its directory, because its scripts write next to themselves
# (run/, bench/results/, __pycache__/) and nothing under /work/shared is to be modified; the copy is
# checked to be identical to the original first. Login is not compared (see bench/README.md).
# Env: ROUNDS (2)  SCENARIOS ("post_message get_messages")
#      THREADS (2) CONNS (32) DURATION (15s) WARMUP (3s) TIMEOUT (10s): passed to both sides
#      SEED_USERS SEED_CONVERSATIONS SEED_MESSAGES BENCH_USER BENCH_PASSWORD: passed to both seeds
#      ANCHOR_DIR (/work/shared/anchors/drf_messaging)  ANCHOR_WORKERS (5)  ANCHOR_CONN_MAX_AGE (60)
#      NO_BUILD (unset: build Gateway.Api in Release first)
# Needs root (the anchor's setup.sh runs apt-get and runuser). Installs wrk with apt-get when missing.
# Output: bench/results/<UTC stamp>/anchor/: table.txt (also printed) and table.tsv, machine.txt
# (versions, load, script checksums), and under runs/ each run's log and full output (wrk, logs).
# On exit, also after a failure or Ctrl-C, it stops what it started: the run in progress (by its
# process group), the anchor's gunicorn (by its pid file), the PostgreSQL main cluster if it was not
# running before, and removes the anchor's temporary copy.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROUNDS="${ROUNDS:-2}"
ANCHOR_DIR="${ANCHOR_DIR:-/work/shared/anchors/drf_messaging}"
ANCHOR_WORKERS="${ANCHOR_WORKERS:-5}"; ANCHOR_CONN_MAX_AGE="${ANCHOR_CONN_MAX_AGE:-60}"
export SCENARIOS="${SCENARIOS:-post_message get_messages}"
export THREADS="${THREADS:-2}" CONNS="${CONNS:-32}" DURATION="${DURATION:-15s}" WARMUP="${WARMUP:-3s}" TIMEOUT="${TIMEOUT:-10s}"
export BENCH_USER="${BENCH_USER:-bench}" BENCH_PASSWORD="${BENCH_PASSWORD:-bench-pass-12345}"

die() { echo "anchor/compare.sh: $*" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number >= 1"
[[ "$(id -u)" -eq 0 ]] || die "run as root: the anchor's setup.sh installs packages and administers PostgreSQL"
[[ -x "$ANCHOR_DIR/setup.sh" && -f "$ANCHOR_DIR/bench/bench.sh" ]] || die "no DRF anchor in $ANCHOR_DIR"
for s in $SCENARIOS; do
  case "$s" in
    post_message | get_messages) ;;
    # The anchor's login.lua formats its request before wrk knows the Host header (Kestrel answers
    # 400), and the two sides hash passwords at different costs: not a like-for-like comparison.
    *) die "scenario '$s' is not compared (post_message and get_messages are)" ;;
  esac
  [[ -f "$ANCHOR_DIR/bench/$s.lua" ]] || die "the anchor has no bench/$s.lua"
done

. "$ROOT/bench/common.sh"
require_wrk

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/bench/results/$STAMP/anchor"
mkdir -p "$OUT/runs"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/anchor-compare-XXXXXX")"
chmod 755 "$WORK"   # the anchor's setup.sh runs psql as postgres from its own directory
ANCHOR="$WORK/drf_messaging"            # the anchor's working copy
ANCHOR_PIDFILE="$WORK/gunicorn.pid"
LUA_DIR="$ANCHOR/bench"                 # the wrk scripts both sides run
CHILD=""                                # the process group of the step in progress

source "$HERE/pg-main.sh"

stop_anchor() {
  [[ -f "$ANCHOR_PIDFILE" ]] || return 0
  PIDFILE="$ANCHOR_PIDFILE" bash "$ANCHOR/stop.sh" >&2 || echo "anchor/compare.sh: the anchor's stop.sh failed" >&2
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$CHILD" ]] && kill -0 "$CHILD" 2>/dev/null; then
    # The step's whole process group (run.sh, wrk, the gateway; setup.sh and its psql): TERM, then KILL.
    kill -TERM -- "-$CHILD" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$CHILD" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  stop_anchor
  pg_main_restore anchor/compare.sh
  rm -rf -- "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs one step in the background in its own process group (so that cleanup can stop all of it; a
# Ctrl-C reaches only this script's group) with no terminal input, waits for it and returns its exit
# status. Usage: step LOG COMMAND...
step() {
  local log=$1 status=0
  shift
  set -m
  "$@" </dev/null >"$log" 2>&1 &
  CHILD=$!
  set +m
  wait "$CHILD" || status=$?
  CHILD=""
  return "$status"
}

# --- Preparation ------------------------------------------------------------------------------------
pg_main_remember

cp -a "$ANCHOR_DIR" "$ANCHOR"
chmod -R u+w "$ANCHOR"
diff -r "$ANCHOR_DIR" "$ANCHOR" >/dev/null || die "the copy of $ANCHOR_DIR differs from the original"
rm -f "$ANCHOR/run/gunicorn.pid"

if [[ -z "${NO_BUILD:-}" ]]; then
  echo "# building Gateway.Api in Release" >&2
  step "$OUT/build.log" dotnet build "$ROOT/Gateway.Api/Gateway.Api.csproj" -c Release -nologo -v q \
    || { tail -20 "$OUT/build.log" >&2; die "the build failed (see $OUT/build.log)"; }
fi
[[ -f "$ROOT/Gateway.Api/bin/Release/net10.0/Gateway.Api.dll" ]] || die "no Gateway.Api.dll: build first"

{
  echo "stamp: $STAMP"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "before: $(uptime)"
  echo "service: $(git -C "$ROOT" rev-parse HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench/results' || echo ' (with uncommitted changes)'), dotnet $(dotnet --version)"
  echo "anchor: $ANCHOR_DIR (run from a verified identical copy), WORKERS=$ANCHOR_WORKERS DRF_DB_CONN_MAX_AGE=$ANCHOR_CONN_MAX_AGE"
  echo "wrk: -t$THREADS -c$CONNS -d$DURATION --timeout $TIMEOUT --latency after a $WARMUP warmup; scenarios: $SCENARIOS"
  echo "wrk scripts (the anchor's, for both sides):"
  (cd "$ANCHOR_DIR/bench" && sha256sum common.lua $(for s in $SCENARIOS; do echo "$s.lua"; done) | sed 's/^/  /')
} >"$OUT/machine.txt"

# --- The runs ---------------------------------------------------------------------------------------
printf 'system\tround\tscenario\trps\tp50_ms\tp99_ms\tnon2xx\tsocket_errors\ttimeouts\n' >"$OUT/table.tsv"
FAILED=0

# Appends one table row per scenario from a run's log (summary lines "scenario rps=... p50_ms=...").
record() { # system round log
  local system=$1 round=$2 log=$3 s line
  for s in $SCENARIOS; do
    line="$(grep -E "^${s}[[:space:]]+rps=" "$log" | tail -n 1 || true)"
    if [[ -z "$line" ]]; then
      printf '%s\t%s\t%s\tfailed\t-\t-\t-\t-\t-\n' "$system" "$round" "$s" >>"$OUT/table.tsv"
      FAILED=1
      continue
    fi
    awk -v sys="$system" -v round="$round" -v s="$s" '{
      for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", sys, round, s, v["rps"], v["p50_ms"], v["p99_ms"], v["non2xx"], v["socket_errors"], v["timeouts"]
    }' <<<"$line" >>"$OUT/table.tsv"
  done
}

anchor_run() { # round
  local round=$1 dir="$OUT/runs/anchor-r$1" port status=0 newest pgport
  mkdir -p "$dir"
  echo "# round $round: anchor, setup.sh (re-seeds), $(uptime | sed 's/.*load/load/')" >&2
  step "$dir/setup.log" bash "$ANCHOR/setup.sh" || { tail -20 "$dir/setup.log" >&2; die "the anchor's setup.sh failed (see $dir/setup.log)"; }
  port="$(free_port)"
  step "$dir/serve.log" env WORKERS="$ANCHOR_WORKERS" DRF_DB_CONN_MAX_AGE="$ANCHOR_CONN_MAX_AGE" PIDFILE="$ANCHOR_PIDFILE" \
    bash "$ANCHOR/serve.sh" "$port" || { cat "$dir/serve.log" >&2; stop_anchor; die "the anchor's serve.sh failed"; }
  echo "# round $round: anchor on 127.0.0.1:$port ($(tail -n 1 "$dir/serve.log")), bench/bench.sh" >&2
  step "$dir/bench.log" bash "$ANCHOR/bench/bench.sh" "$port" || status=$?
  stop_anchor >>"$dir/serve.log" 2>&1
  [[ "$status" -eq 0 ]] || echo "anchor/compare.sh: anchor round $round: bench.sh exited $status (see $dir/bench.log)" >&2
  # bench.sh's results directory (the only one in the fresh copy), and gunicorn's log.
  newest="$(find "$ANCHOR/bench/results" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | LC_ALL=C sort | tail -n 1)"
  [[ -n "$newest" ]] && mv "$newest" "$dir/wrk"
  [[ -f "$ANCHOR/run/gunicorn.log" ]] && mv "$ANCHOR/run/gunicorn.log" "$dir/gunicorn.log"
  pgport="$(pg_main_port)"
  runuser -u postgres -- psql -p "$pgport" -qc CHECKPOINT >/dev/null || echo "anchor/compare.sh: CHECKPOINT failed" >&2
  record anchor "$round" "$dir/bench.log"
}

service_run() { # round
  local round=$1 dir="$OUT/runs/service-r$1" status=0 results
  mkdir -p "$dir"
  echo "# round $round: service, bench/http/run.sh with LUA_DIR=$LUA_DIR, $(uptime | sed 's/.*load/load/')" >&2
  step "$dir/run.log" env -u BASE_URL -u GATEWAY_PID -u PORT NO_BUILD=1 LUA_DIR="$LUA_DIR" bash "$ROOT/bench/http/run.sh" || status=$?
  [[ "$status" -eq 0 ]] || echo "anchor/compare.sh: service round $round: run.sh exited $status (see $dir/run.log)" >&2
  # run.sh's results directory, named in its last line.
  results="$(sed -n 's/^# full output in //p' "$dir/run.log" | tail -n 1)"
  if [[ -n "$results" && -d "$results" ]]; then
    mv "$results" "$dir/http"
    rmdir --ignore-fail-on-non-empty "$(dirname "$results")"
  fi
  record service "$round" "$dir/run.log"
}

for round in $(seq 1 "$ROUNDS"); do
  anchor_run "$round"
  service_run "$round"
done
echo "after: $(uptime)" >>"$OUT/machine.txt"

# --- The table --------------------------------------------------------------------------------------
{
  echo "# anchor: DRF reference ($ANCHOR_DIR), gunicorn sync WORKERS=$ANCHOR_WORKERS, DRF_DB_CONN_MAX_AGE=$ANCHOR_CONN_MAX_AGE, PostgreSQL main cluster"
  echo "# service: Gateway.Api embedded default (co-hosted Orleans silo, SQLite synchronous=FULL), $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "# both: the anchor's wrk scripts, wrk -t$THREADS -c$CONNS -d$DURATION --timeout $TIMEOUT after a $WARMUP warmup;" \
    "$ROUNDS round(s), anchor then service in each"
  column -t -s $'\t' "$OUT/table.tsv"
  echo
  echo "# mean over the rounds (non2xx: summed)"
  awk -F'\t' 'NR > 1 && $4 != "failed" {
      k = $3 "\t" $1; if (!(k in n)) order[++count] = k
      n[k]++; rps[k] += $4; p50[k] += $5; p99[k] += $6; bad[k] += $7
    }
    END {
      print "scenario\tsystem\truns\trps\tp50_ms\tp99_ms\tnon2xx"
      for (i = 1; i <= count; i++) { k = order[i]; printf "%s\t%d\t%.1f\t%.2f\t%.2f\t%d\n", k, n[k], rps[k] / n[k], p50[k] / n[k], p99[k] / n[k], bad[k] }
    }' "$OUT/table.tsv" | column -t -s $'\t'
  echo
  echo "# service / anchor, of the means (rps: above 1 = the service serves more; p99: below 1 = the service's tail is shorter)"
  awk -F'\t' 'NR > 1 && $4 != "failed" {
      k = $3 SUBSEP $1; if (!($3 in seen)) { seen[$3] = 1; order[++count] = $3 }
      n[k]++; rps[k] += $4; p99[k] += $6
    }
    END {
      print "scenario\trps_ratio\tp99_ratio"
      for (i = 1; i <= count; i++) {
        s = order[i]; a = s SUBSEP "anchor"; b = s SUBSEP "service"
        if (n[a] && n[b] && rps[a] > 0 && p99[a] > 0)
          printf "%s\t%.2fx\t%.3fx\n", s, (rps[b] / n[b]) / (rps[a] / n[a]), (p99[b] / n[b]) / (p99[a] / n[a])
        else
          printf "%s\t-\t-\n", s
      }
    }' "$OUT/table.tsv" | column -t -s $'\t'
} | tee "$OUT/table.txt"
echo "# full output in $OUT"
[[ "$FAILED" -eq 0 ]] || die "some runs failed (marked 'failed' in the table)"
