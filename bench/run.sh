#!/usr/bin/env bash
# Usage: bench/run.sh [embedded|cluster]
# Starts the stack it measures, drives it with bench/LoadGen (open-loop, fixed request rates) for fixed
# durations, and stops everything it started.
#   embedded (default): Gateway.Api with its co-hosted silo over SQLite (synchronous=FULL), a temporary
#     data directory and signing key, on a free loopback port;
#   cluster: deploy/local/cluster.sh up --silos $SILOS --gateways 1 (PostgreSQL and the silos as separate
#     processes), LoadGen against the gateway directly; cluster.sh down at the end.
# For each scenario and each rate in RATES, LoadGen seeds its own users (each with a token) and
# conversations, warms up, then runs; it prints one line per run (throughput, p50/p95/p99/max latency
# measured from each request's scheduled time, errors, the gateway's CPU cores and peak RSS) and writes
# JSON. Scenarios: mixed (90% latest-page reads, 10% sends over many users and conversations), read,
# send, catchup (reads with after_seq from each user's last seen seq); and the live-event scenarios:
# streams (STREAMS idle event streams over SEED_USERS users on the first gateway, held for DURATION:
# the gateway's memory per stream; run once, RATES ignored) and fanout (one conversation of PARTICIPANTS
# users, a stream each spread over every gateway, its owner sending RATES messages/s: latency from each
# send's answer to its arrival at every stream).
# Env: SCENARIOS ("mixed catchup") RATES ("1000 2000 4000") DURATION (15s) WARMUP (3s) SILOS (3)
#      GATEWAYS (cluster: 1) STREAMS (10000) PARTICIPANTS (50)
#      SEED_USERS (50) SEED_CONVERSATIONS (100) SEED_MESSAGES (20) NO_BUILD (unset: build)
# Output: bench/results/<UTC stamp>/loadgen-<mode>/ (one JSON per run, summary.txt, logs).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$ROOT/bench/common.sh"
MODE="${1:-embedded}"
SCENARIOS="${SCENARIOS:-mixed catchup}"; RATES="${RATES:-1000 2000 4000}"
DURATION="${DURATION:-15s}"; WARMUP="${WARMUP:-3s}"; SILOS="${SILOS:-3}"; GATEWAYS="${GATEWAYS:-1}"
case "$MODE" in embedded | cluster) ;; *) echo "usage: bench/run.sh [embedded|cluster]" >&2; exit 2 ;; esac

OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)/loadgen-$MODE"
mkdir -p "$OUT"
if [[ -z "${NO_BUILD:-}" ]]; then
  for project in Gateway.Api/Gateway.Api.csproj bench/LoadGen/LoadGen.csproj $([[ "$MODE" == cluster ]] && echo Silo/Silo.csproj); do
    dotnet build "$ROOT/$project" -c Release -nologo -v q >> "$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log"; exit 1; }
  done
fi
LOADGEN="$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll"

GATEWAY_PID=""; DATA=""; RUN_DIR=""
stop() {
  if [[ -n "$RUN_DIR" ]]; then
    CLUSTER_RUN_DIR="$RUN_DIR" bash "$ROOT/deploy/local/cluster.sh" down >> "$OUT/cluster.log" 2>&1 || true
  elif [[ -n "$GATEWAY_PID" ]] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID"
    for _ in $(seq 1 100); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$GATEWAY_PID" 2>/dev/null && kill -KILL "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  [[ -n "$DATA" ]] && rm -rf "$DATA"
  return 0
}
trap stop EXIT
trap 'exit 130' INT TERM

if [[ "$MODE" == embedded ]]; then
  PORT="$(free_port)"
  BASE="http://127.0.0.1:$PORT"
  DATA="$(mktemp -d "${TMPDIR:-/tmp}/loadgen-bench-XXXXXX")"
  (
    cd "$ROOT/Gateway.Api/bin/Release/net10.0"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Urls="$BASE"
    export Messaging__DataDirectory="$DATA" Silo__ListenAddress=127.0.0.1 Silo__Port=0
    export Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)" Logging__LogLevel__Default=Warning
    exec dotnet Gateway.Api.dll --urls "$BASE"
  ) > "$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!
else
  RUN_DIR="$OUT/cluster"
  CLUSTER_RUN_DIR="$RUN_DIR" bash "$ROOT/deploy/local/cluster.sh" up --silos "$SILOS" --gateways "$GATEWAYS" --no-build > "$OUT/cluster.log" 2>&1 \
    || { tail -20 "$OUT/cluster.log" >&2; exit 1; }
  read -r GATEWAY_PID PORT < <(awk '$1 == "gateway-1" { print $2, $4 }' "$RUN_DIR/processes")
  BASE="http://127.0.0.1:$PORT"
fi
ALL_GATEWAYS="$BASE"
if [[ -n "$RUN_DIR" ]]; then
  ALL_GATEWAYS="$(awk '$1 ~ /^gateway-/ { printf "%shttp://127.0.0.1:%s", (n++ ? "," : ""), $4 }' "$RUN_DIR/processes")"
fi
for _ in $(seq 1 120); do curl -fs -o /dev/null --max-time 2 "$BASE/health/ready" && break; sleep 0.5; done
curl -fs -o /dev/null --max-time 2 "$BASE/health/ready" || { echo "the gateway at $BASE is not ready" >&2; exit 1; }

echo "# bench/run.sh $MODE: LoadGen against $BASE (gateway pid $GATEWAY_PID); $(uptime | sed 's/.*load/load/')" | tee "$OUT/summary.txt"
status=0
for scenario in $SCENARIOS; do
  rates="$RATES"; extra=(--seed-users "${SEED_USERS:-50}" --seed-conversations "${SEED_CONVERSATIONS:-100}" --seed-messages "${SEED_MESSAGES:-20}")
  case "$scenario" in
    streams) rates=idle; extra=(--seed-users "${SEED_USERS:-50}" --seed-conversations 1 --seed-messages 0 --streams "${STREAMS:-10000}") ;;
    fanout) extra=(--seed-users "${PARTICIPANTS:-50}" --seed-conversations 1 --seed-messages 0 --gateways "$ALL_GATEWAYS") ;;
  esac
  for rate in $rates; do
    dotnet "$LOADGEN" --base-url "$BASE" --scenario "$scenario" --rate "${rate/idle/1}" --duration "$DURATION" --warmup "$WARMUP" "${extra[@]}" \
      --server-pid "$GATEWAY_PID" --json "$OUT/$scenario-$rate.json" 2>> "$OUT/loadgen.log" | tee -a "$OUT/summary.txt" || status=1
  done
done
echo "# full output in $OUT"
exit "$status"
