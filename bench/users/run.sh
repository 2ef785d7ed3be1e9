#!/usr/bin/env bash
# Usage: bench/users/run.sh
# Does the cost of an account grow with the number of users? Starts two embedded defaults (Release build, SQLite,
# synchronous=FULL) on fresh data directories, seeds each through the API (prepare.py: the bench user, an admin here,
# and SEED_USERS others), stops them, bulk-loads USERS entries into the first one's user directory (load.py), starts
# both again, then takes turns between them for ROUNDS rounds: logins rotating over the seeded users with wrk (each
# login writes the user's directory entry), REGISTRATIONS registrations one at a time, and the admin listing (first
# page, and a search by part of a name), and prints each with the ratios many / few.
# Env: USERS (100000) ROUNDS (2) SEED_USERS (48) REGISTRATIONS (20) THREADS (2) CONNS (8) DURATION (10s) WARMUP (3s)
#      SETTLE (3: seconds between the two gateways' runs) NO_BUILD (unset: build)
# Output: bench/results/<UTC stamp>/users/ (wrk output, gateway logs, summary.txt).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
USERS="${USERS:-100000}"; ROUNDS="${ROUNDS:-2}"; SEED_USERS="${SEED_USERS:-48}"; REGISTRATIONS="${REGISTRATIONS:-20}"
THREADS="${THREADS:-2}"; CONNS="${CONNS:-8}"; DURATION="${DURATION:-10s}"; WARMUP="${WARMUP:-3s}"; SETTLE="${SETTLE:-3}"
[[ "$USERS" =~ ^[1-9][0-9]*$ ]] || { echo "USERS must be a whole number >= 1" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a whole number >= 1" >&2; exit 1; }
. "$ROOT/bench/common.sh"
require_wrk
export BENCH_USER="${BENCH_USER:-bench}" BENCH_PASSWORD="${BENCH_PASSWORD:-bench-pass-12345}"

OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)/users"
mkdir -p "$OUT"
BIN="$ROOT/Gateway.Api/bin/Release/net10.0"
build_gateway "$OUT"
declare -A PORT DATA PID
for which in many few; do
  PORT[$which]="$(free_port)"
  DATA[$which]="$(mktemp -d "${TMPDIR:-/tmp}/users-bench-$which-XXXXXX")"
  PID[$which]=""
done
KEY="$(head -c 48 /dev/urandom | base64 -w0)"

start_gateway() {
  local which=$1 base="http://127.0.0.1:${PORT[$1]}"
  (
    cd "$BIN"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Urls="$base"
    export Messaging__DataDirectory="${DATA[$which]}" Silo__ListenAddress=127.0.0.1 Silo__Port=0
    export Jwt__SigningKey="$KEY" Logging__LogLevel__Default=Warning Accounts__AdminUsernames__0="$BENCH_USER"
    exec dotnet Gateway.Api.dll --urls "$base"
  ) >> "$OUT/gateway-$which.log" 2>&1 &
  PID[$which]=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null --max-time 2 "$base/health/ready" && return 0
    kill -0 "${PID[$which]}" 2>/dev/null || { tail -20 "$OUT/gateway-$which.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the $which gateway is not ready after 60 s" >&2; exit 1
}
stop_gateway() {
  local pid="${PID[$1]}"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  PID[$1]=""
}
trap 'stop_gateway many; stop_gateway few; rm -rf "${DATA[many]}" "${DATA[few]}"' EXIT
trap 'exit 130' INT TERM

for which in many few; do
  start_gateway "$which"
  mkdir -p "$OUT/$which"
  SEED_USERS="$SEED_USERS" SEED_CONVERSATIONS=1 SEED_MESSAGES=0 \
    /usr/bin/python3 "$ROOT/bench/http/prepare.py" "http://127.0.0.1:${PORT[$which]}" "$OUT/$which" > "$OUT/$which/prepare.txt"
  stop_gateway "$which"
done
/usr/bin/python3 "$HERE/load.py" "${DATA[many]}/messaging.db" "$USERS" | tee "$OUT/load.txt"
for which in many few; do
  start_gateway "$which"
done

export BENCH_DIR="$ROOT/bench/http"
echo "# $USERS more users in the directory (many) against none (few); login_rotating over $SEED_USERS users: wrk -t$THREADS -c$CONNS -d$DURATION (warmup $WARMUP); $REGISTRATIONS registrations and 5 listings one at a time; $ROUNDS rounds" | tee "$OUT/summary.txt"
for round in $(seq 1 "$ROUNDS"); do
  for which in many few; do
    base="http://127.0.0.1:${PORT[$which]}"
    export USERS_FILE="$OUT/$which/users.txt"
    # Password checks that the other gateway's run left queued when wrk closed its connections end first.
    sleep "$SETTLE"
    wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s -s "$ROOT/bench/http/login_rotating.lua" "$base" > /dev/null 2>&1 || true
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency -s "$ROOT/bench/http/login_rotating.lua" "$base" > "$OUT/login.$which.r$round.txt" 2>&1 || true
    line="$(grep -E "^login_rotating " "$OUT/login.$which.r$round.txt" || echo "login_rotating failed")"
    echo "round=$round directory=$which $line" | tee -a "$OUT/summary.txt"
    # A fresh token each round: the one prepare.py wrote may have expired during a long run.
    token="$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"$BENCH_USER\",\"password\":\"$BENCH_PASSWORD\"}" "$base/api/token/" \
      | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["access"])')"
    /usr/bin/python3 "$HERE/measure.py" "$base" "$token" "new_r${round}" "$REGISTRATIONS" | sed "s/^/round=$round directory=$which /" | tee -a "$OUT/summary.txt"
  done
done
for which in many few; do
  echo "directory=$which rss_kb=$(ps -o rss= -p "${PID[$which]}" | tr -d ' ')" | tee -a "$OUT/summary.txt"
done

/usr/bin/python3 - "$OUT/summary.txt" <<'PY' | tee -a "$OUT/summary.txt"
import re, statistics, sys
runs, rates = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"round=\d+ directory=(\w+) (\w+) .*?(?:rps=([\d.]+) )?p50_ms=([\d.]+) (?:p99|max)_ms=([\d.]+)", line)
    if m:
        runs.setdefault((m[2], m[1]), []).append((float(m[4]), float(m[5])))
        if m[3]:
            rates.setdefault((m[2], m[1]), []).append(float(m[3]))
print("# means: measure, many / few (p50 and tail ms: p99 for logins, max for the others; logins also req/s)")
for measure in ("login_rotating", "register", "list_all", "list_search"):
    if (measure, "many") in runs and (measure, "few") in runs:
        many, few = ([statistics.mean(c) for c in zip(*runs[(measure, k)])] for k in ("many", "few"))
        rate = ""
        if (measure, "many") in rates and (measure, "few") in rates:
            rate = f" rps many={statistics.mean(rates[(measure, 'many')]):.1f} few={statistics.mean(rates[(measure, 'few')]):.1f};"
        print(f"{measure}:{rate} many p50={many[0]:.1f} tail={many[1]:.1f}; few p50={few[0]:.1f} tail={few[1]:.1f}; "
              f"many/few p50={many[0] / few[0]:.2f}x")
PY
echo "# full output in $OUT"
