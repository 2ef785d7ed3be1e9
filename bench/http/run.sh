#!/usr/bin/env bash
# Usage: bench/http/run.sh
# Builds Gateway.Api in Release, starts it (embedded default: one co-hosted silo over SQLite) on a free
# loopback port with a temporary data directory, seeds it through the API (prepare.py), runs each
# scenario with wrk after a warmup, prints one summary line per scenario (throughput, latency, memory,
# and the CPU each request cost the gateway and the whole machine) and stops the gateway.
# Env: THREADS (2) CONNS (32) DURATION (15s) WARMUP (3s) TIMEOUT (10s)
#      SCENARIOS ("post_message get_messages login"; login_rotating also exists) PORT (a free one) NO_BUILD (unset: build)
#      BENCH_USER (bench) BENCH_PASSWORD (bench-pass-12345)
#      SEED_USERS (200) SEED_CONVERSATIONS (100) SEED_MESSAGES (30): see prepare.py; PREPARE_TIMEOUT (900 s)
#      BASE_URL: bench a gateway that is already running there (e.g. one of deploy/local/cluster.sh)
#      instead of starting the embedded default; GATEWAY_PID: its process, for memory and idle checks
#      LUA_DIR (this directory): where the wrk scripts (<scenario>.lua and the common.lua they load
#      through BENCH_DIR) come from, e.g. the DRF anchor's bench/ (bench/anchor/compare.sh)
# Full output (wrk, gateway log, machine load) goes to bench/results/<UTC stamp>/http/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
THREADS="${THREADS:-2}"; CONNS="${CONNS:-32}"; DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-3s}"; TIMEOUT="${TIMEOUT:-10s}"
SCENARIOS="${SCENARIOS:-post_message get_messages login}"
LUA_DIR="$(cd "${LUA_DIR:-$HERE}" && pwd)"
for s in $SCENARIOS; do
  [[ -f "$LUA_DIR/$s.lua" ]] || { echo "no $LUA_DIR/$s.lua for scenario $s" >&2; exit 1; }
done
. "$ROOT/bench/common.sh"
require_wrk
export BENCH_USER="${BENCH_USER:-bench}" BENCH_PASSWORD="${BENCH_PASSWORD:-bench-pass-12345}"
PORT="${PORT:-$(free_port)}"
BASE="${BASE_URL:-http://127.0.0.1:${PORT}}"

OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)/http"
mkdir -p "$OUT"
BIN="$ROOT/Gateway.Api/bin/Release/net10.0"
GATEWAY_PID="${GATEWAY_PID:-}"
if [[ -n "${BASE_URL:-}" ]]; then
  echo "# benchmarking the running gateway at $BASE_URL${GATEWAY_PID:+ (pid $GATEWAY_PID)}" >&2
else
  build_gateway "$OUT"
fi
[[ -n "${BASE_URL:-}" || -f "$BIN/Gateway.Api.dll" ]] || { echo "no $BIN/Gateway.Api.dll: build first" >&2; exit 1; }

DATA="$(mktemp -d "${TMPDIR:-/tmp}/gateway-bench-XXXXXX")"
stop() {
  if [[ -n "${BASE_URL:-}" ]]; then
    rm -rf "$DATA"
    return
  fi
  if [[ -n "$GATEWAY_PID" ]] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID"
    for _ in $(seq 1 100); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$GATEWAY_PID" 2>/dev/null && kill -KILL "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap stop EXIT
trap 'exit 130' INT TERM

if [[ -z "${BASE_URL:-}" ]]; then
  # The embedded default, on loopback only (its silo endpoint on any free port), with a throwaway key
  # and data directory; appsettings.json
  # comes from the build output (the content root), everything run-specific from the environment.
  (
    cd "$BIN"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$BASE" Urls="$BASE"
    export Messaging__DataDirectory="$DATA"
    export Silo__ListenAddress=127.0.0.1 Silo__Port=0
    export Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)"
    export Logging__LogLevel__Default=Warning
    exec dotnet Gateway.Api.dll --urls "$BASE"
  ) > "$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!

  for _ in $(seq 1 120); do
    curl -fs -o /dev/null --max-time 2 "$BASE/health/ready" && break
    kill -0 "$GATEWAY_PID" 2>/dev/null || { echo "the gateway exited:" >&2; tail -20 "$OUT/gateway.log" >&2; exit 1; }
    sleep 0.5
  done
fi
curl -fs -o /dev/null --max-time 2 "$BASE/health/ready" || { echo "the gateway is not ready after 60 s" >&2; exit 1; }

rss_mb() {
  if [[ -n "$GATEWAY_PID" ]]; then awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$GATEWAY_PID/status"; else echo "n/a"; fi
}

{ echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "before: $(uptime)"; } > "$OUT/machine.txt"
timeout "${PREPARE_TIMEOUT:-900}" /usr/bin/python3 "$HERE/prepare.py" "$BASE" "$OUT" | tee "$OUT/prepare.txt" >&2
echo "after prepare: rss_mb=$(rss_mb VmRSS) peak_rss_mb=$(rss_mb VmHWM)" >> "$OUT/machine.txt"
export TOKEN="$(cat "$OUT/token")" CONV_FILE="$OUT/conversations.txt" USERS_FILE="$OUT/users.txt" BENCH_DIR="$LUA_DIR"

# Between runs: wait until a probe comes back and the gateway is nearly idle (under a tenth of a core
# for half a second, at most 30 s), so that work left by connections wrk closed (a login's password
# hash goes on after its client is gone) is not measured in the next run.
cpu_ticks() {
  if [[ -n "$GATEWAY_PID" ]]; then awk '{ print $14 + $15 }' "/proc/$GATEWAY_PID/stat"; else echo 0; fi
}
# CPU per request during the measured run: the gateway's process (user and system time; in embedded
# mode that is the silo too) and the whole machine's (wrk, and in cluster mode the silos and PostgreSQL,
# included; time stolen by the hypervisor not), in milliseconds. The machine's figure times the rate is
# how many of the cores the run kept busy.
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
cpu_per_request() { # summary-line gateway-ticks machine-ticks
  awk -v g="$2" -v m="$3" -v hz="$(getconf CLK_TCK)" -v pid="$GATEWAY_PID" '{
    for (f = 2; f <= NF; f++) { split($f, kv, "="); if (kv[1] == "requests") n = kv[2] + 0 }
    if (n <= 0) { print "cpu_ms_per_req=n/a machine_cpu_ms_per_req=n/a"; exit }
    printf "cpu_ms_per_req=%s machine_cpu_ms_per_req=%.3f\n", pid == "" ? "n/a" : sprintf("%.3f", g * 1000 / hz / n), m * 1000 / hz / n
  }' <<<"$1"
}
drain() {
  curl -s -o /dev/null --max-time 60 "$BASE/health/live" || true
  local previous now
  previous="$(cpu_ticks)"
  for _ in $(seq 1 60); do
    sleep 0.5
    now="$(cpu_ticks)"
    (( now - previous <= $(getconf CLK_TCK) / 20 )) && break
    previous="$now"
  done
}

echo "# wrk -t${THREADS} -c${CONNS} -d${DURATION} --timeout ${TIMEOUT} (warmup ${WARMUP}) against ${BASE}, scripts from ${LUA_DIR}; $(uptime | sed 's/.*load/load/')"
for s in $SCENARIOS; do
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout "$TIMEOUT" -s "$LUA_DIR/$s.lua" "$BASE" > "$OUT/$s.warmup.txt" 2>&1 || true
  drain
  gateway_before="$(cpu_ticks)"; machine_before="$(machine_ticks)"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$LUA_DIR/$s.lua" "$BASE" \
    > "$OUT/$s.txt" 2>&1 || true
  gateway_cpu=$(( $(cpu_ticks) - gateway_before )); machine_cpu=$(( $(machine_ticks) - machine_before ))
  drain
  line="$(grep -E "^${s} " "$OUT/$s.txt" || true)"
  if [[ -n "$line" ]]; then
    echo "$line rss_mb=$(rss_mb VmRSS) peak_rss_mb=$(rss_mb VmHWM) $(cpu_per_request "$line" "$gateway_cpu" "$machine_cpu")" \
      | tee -a "$OUT/summary.txt"
  else
    echo "${s}: wrk failed, see $OUT/$s.txt"; tail -5 "$OUT/$s.txt"
  fi
done
echo "after: $(uptime)" >> "$OUT/machine.txt"
echo "# full output in $OUT"
