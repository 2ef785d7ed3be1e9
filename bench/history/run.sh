#!/usr/bin/env bash
# Usage: bench/history/run.sh
# Does a conversation's cost grow with its history? Starts the embedded default (Release build, SQLite,
# synchronous=FULL) with a fresh data directory, creates two conversations through the API (prepare.py),
# stops the gateway, bulk-loads HISTORY messages into the first one (load.py), starts the gateway again on
# the same data, sends 40 messages into the second one through the API (its latest page as full as the long
# one's), then runs get_messages (latest page) and post_message with wrk against the long conversation alone
# and against the new one alone, taking turns for ROUNDS rounds (the order swapped every round), and prints
# throughput and latency of each with the ratios long / new. A conversation is one grain, so every
# request of a run goes to the same activation: the numbers are one conversation's, not the service's.
# Env: HISTORY (1000000) ROUNDS (2) PROCESS_WARMUP (10s: get_messages on each conversation once, after the restart) THREADS (2) CONNS (32) DURATION (10s) WARMUP (3s) NO_BUILD (unset: build)
# Output: bench/results/<UTC stamp>/history/ (wrk output, gateway logs, summary.txt).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HISTORY="${HISTORY:-1000000}"; ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-2}"; CONNS="${CONNS:-32}"; DURATION="${DURATION:-10s}"; WARMUP="${WARMUP:-3s}"
[[ "$HISTORY" =~ ^[1-9][0-9]*$ ]] || { echo "HISTORY must be a whole number >= 1" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a whole number >= 1" >&2; exit 1; }
. "$ROOT/bench/common.sh"
require_wrk
export BENCH_USER="${BENCH_USER:-bench}" BENCH_PASSWORD="${BENCH_PASSWORD:-bench-pass-12345}"

OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)/history"
mkdir -p "$OUT"
BIN="$ROOT/Gateway.Api/bin/Release/net10.0"
build_gateway "$OUT"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
DATA="$(mktemp -d "${TMPDIR:-/tmp}/history-bench-XXXXXX")"
KEY="$(head -c 48 /dev/urandom | base64 -w0)"
GATEWAY_PID=""

start_gateway() {
  (
    cd "$BIN"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Urls="$BASE"
    export Messaging__DataDirectory="$DATA" Silo__ListenAddress=127.0.0.1 Silo__Port=0
    export Jwt__SigningKey="$KEY" Logging__LogLevel__Default=Warning
    exec dotnet Gateway.Api.dll --urls "$BASE"
  ) >> "$OUT/gateway-$1.log" 2>&1 &
  GATEWAY_PID=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null --max-time 2 "$BASE/health/ready" && return 0
    kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -20 "$OUT/gateway-$1.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the gateway is not ready after 60 s" >&2; exit 1
}
stop_gateway() {
  if [[ -n "$GATEWAY_PID" ]] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID"
    for _ in $(seq 1 150); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$GATEWAY_PID" 2>/dev/null && kill -KILL "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  GATEWAY_PID=""
}
trap 'stop_gateway; rm -rf "$DATA"' EXIT
trap 'exit 130' INT TERM

start_gateway setup
SEED_USERS=1 SEED_CONVERSATIONS=2 SEED_MESSAGES=0 /usr/bin/python3 "$ROOT/bench/http/prepare.py" "$BASE" "$OUT" > "$OUT/prepare.txt"
TOKEN="$(cat "$OUT/token")"
USER_ID="$(curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/users/me/" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["user_id"])')"
LONG="$(sed -n 1p "$OUT/conversations.txt")"; NEW="$(sed -n 2p "$OUT/conversations.txt")"
echo "$LONG" > "$OUT/long.txt"; echo "$NEW" > "$OUT/new.txt"
stop_gateway
/usr/bin/python3 "$HERE/load.py" "$DATA/messaging.db" "$LONG" "$USER_ID" "$BENCH_USER" "$HISTORY" | tee "$OUT/load.txt"
start_gateway measured

# The history is served: the latest page of the long conversation ends at seq HISTORY.
newest="$(curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/conversations/$LONG/messages/?limit=1" \
  | /usr/bin/python3 -c 'import json, sys; p = json.load(sys.stdin); print(p["count"], p["results"][0]["seq"])')"
[[ "$newest" == "$HISTORY $HISTORY" ]] || { echo "the long conversation answers count and newest seq '$newest', not '$HISTORY $HISTORY'" >&2; exit 1; }

# A latest page of the new conversation as full as the long one's (get_messages.lua reads 20), so that the two
# reads differ in the history behind the page only, not in what the page holds.
for i in $(seq 1 40); do
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    -d "{\"message_body\":\"new conversation message $i\"}" "$BASE/api/conversations/$NEW/messages/" \
    || { echo "seeding the new conversation failed" >&2; exit 1; }
done

export TOKEN BENCH_DIR="$ROOT/bench/http" USERS_FILE="$OUT/users.txt"
# The gateway was just restarted: warm the process (JIT tiers, pools) on both conversations first,
# so that the first measured run is not the cold one.
for which in new long; do
  CONV_FILE="$OUT/$which.txt" wrk -t"$THREADS" -c"$CONNS" -d"${PROCESS_WARMUP:-10s}" -s "$ROOT/bench/http/get_messages.lua" "$BASE" > /dev/null 2>&1 || true
done
echo "# $HISTORY messages in one conversation against a new one; wrk -t$THREADS -c$CONNS -d$DURATION (warmup $WARMUP), $ROUNDS rounds" | tee "$OUT/summary.txt"
for round in $(seq 1 "$ROUNDS"); do
  # Odd rounds measure the long conversation first, even rounds the new one: a run right after a send run
  # shares the machine with what that run left (the log's checkpoint, the kernel writing pages back).
  order="long new"; (( round % 2 == 0 )) && order="new long"
  for scenario in get_messages post_message; do
    for which in $order; do
      export CONV_FILE="$OUT/$which.txt"
      wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$ROOT/bench/http/$scenario.lua" "$BASE" > /dev/null 2>&1 || true
      wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$ROOT/bench/http/$scenario.lua" "$BASE" > "$OUT/$scenario.$which.r$round.txt" 2>&1 || true
      line="$(grep -E "^$scenario " "$OUT/$scenario.$which.r$round.txt" || echo "$scenario failed")"
      echo "round=$round conversation=$which $line" | tee -a "$OUT/summary.txt"
    done
  done
done

/usr/bin/python3 - "$OUT/summary.txt" <<'PY' | tee -a "$OUT/summary.txt"
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"round=\d+ conversation=(\w+) (\w+) .*rps=([\d.]+) p50_ms=([\d.]+) p99_ms=([\d.]+)", line)
    if m:
        runs.setdefault((m[2], m[1]), []).append(tuple(float(x) for x in m.groups()[2:]))
print("# means: scenario, long / new (rps, p50, p99)")
for scenario in ("get_messages", "post_message"):
    if (scenario, "long") in runs and (scenario, "new") in runs:
        long_, new = ([statistics.mean(c) for c in zip(*runs[(scenario, k)])] for k in ("long", "new"))
        print(f"{scenario}: long rps={long_[0]:.0f} p50={long_[1]:.2f} p99={long_[2]:.2f}; "
              f"new rps={new[0]:.0f} p50={new[1]:.2f} p99={new[2]:.2f}; "
              f"long/new p50={long_[1] / new[1]:.2f}x p99={long_[2] / new[2]:.2f}x")
PY
echo "# full output in $OUT"
