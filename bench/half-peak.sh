#!/usr/bin/env bash
# Usage: bench/half-peak.sh [embedded|cluster]
# The latest-page read p99 at half of peak throughput, with the peak measured on this machine in the
# same run instead of taken from another day's figure. Both steps are bench/run.sh runs of the mixed
# scenario (90% latest-page reads, 10% sends), each in a new gateway process warmed at WARM_RATE first:
#   1. the peak: one process runs each of PEAK_RATES in turn, from below the peak to above it; the peak is
#      the most successful answers a second of those runs (LoadGen's throughput less its failed answers;
#      requests it could not send never count). Far above the peak, the backlog makes the gateway answer
#      fewer than at the peak, so a single overload run would understate it. A warning says when the
#      highest rate was nearly all answered, so that the peak may lie above it;
#   2. half of it, rounded down to a hundred: PROCESSES new processes, each RUNS runs at that rate,
#      each run's read p99 set against TARGET_MS.
# Env: PEAK_RATES ("8000 9000 10000 11000 12000") WARM_RATE (2000) PROCESSES (3) RUNS (3) TARGET_MS (10) DURATION (15s)
#      NO_BUILD (unset: build before the first step); run.sh's other settings pass through (SILOS, ...).
# Output: bench/results/<UTC stamp>/half-peak/summary.txt (a line per run and the count within the
# target), with the run.sh results directory of each step named in it.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
MODE="${1:-embedded}"
PEAK_RATES="${PEAK_RATES:-8000 9000 10000 11000 12000}"; WARM_RATE="${WARM_RATE:-2000}"
PROCESSES="${PROCESSES:-3}"; RUNS="${RUNS:-3}"; TARGET_MS="${TARGET_MS:-10}"
case "$MODE" in embedded | cluster) ;; *) echo "usage: bench/half-peak.sh [embedded|cluster]" >&2; exit 2 ;; esac

OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)/half-peak"
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
note() { echo "$*" | tee -a "$SUMMARY"; }

# Runs bench/run.sh with the mixed scenario at the rates given; prints its results directory. A run
# with failed requests makes run.sh exit 1, which an overload run is expected to: its lines still count.
run_mixed() {
  local log="$OUT/run-$1.log"
  SCENARIOS=mixed RATES="$2" bash "$ROOT/bench/run.sh" "$MODE" > "$log" 2>&1 || true
  local dir
  dir="$(sed -n 's/^# full output in //p' "$log" | tail -1)"
  [[ -n "$dir" ]] || { echo "bench/run.sh failed; its output:" >&2; tail -20 "$log" >&2; exit 1; }
  echo "$dir"
}

note "# bench/half-peak.sh $MODE: the mixed scenario's peak, then the read p99 at half of it; $(uptime | sed 's/.*load/load/')"
dir="$(run_mixed peak "$WARM_RATE $PEAK_RATES")"
export NO_BUILD=1
# Each rate's successful answers a second: LoadGen's throughput (answers a second from the first due time
# to the last answer) less its errors' share. The peak is the highest of them.
best=0; best_rate=""
for rate in $PEAK_RATES; do
  read -r ok p99 < <(python3 - "$dir/mixed-$rate.json" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))
ok = run["completed"] - run["errors"]
print(int(run["throughput_rps"] * ok / run["completed"]) if run["completed"] else 0, run["latency_ms"]["all"]["p99"])
EOF
)
  note "offered $rate: $ok successful answers a second, p99 $p99 ms"
  if (( ok > best )); then best=$ok; best_rate=$rate; fi
done
peak=$best
half=$(( peak / 2 / 100 * 100 ))
note "peak: $peak req/s (offered $best_rate; $dir); half of it: $half req/s"
(( half > 0 )) || { echo "no peak measured" >&2; exit 1; }
last_rate="${PEAK_RATES##* }"
if [[ "$best_rate" == "$last_rate" ]] && (( peak * 100 >= last_rate * 97 )); then
  note "warning: the highest rate offered was nearly all answered, so the peak may lie above it; add higher PEAK_RATES"
fi

within=0; total=0
for process in $(seq 1 "$PROCESSES"); do
  rates="$WARM_RATE"
  for _ in $(seq 1 "$RUNS"); do rates="$rates $half"; done
  dir="$(run_mixed "half-$process" "$rates")"
  while read -r read_p99 send_p99 cores; do
    total=$((total + 1))
    verdict="over"
    if python3 -c "import sys; sys.exit(0 if float('$read_p99') <= $TARGET_MS else 1)"; then
      within=$((within + 1)); verdict="within"
    fi
    note "process $process: read p99 $read_p99 ms ($verdict $TARGET_MS ms), send p99 $send_p99 ms, gateway $cores cores"
  done < <(grep "^mixed rate=$half " "$dir/summary.txt" | tail -n "$RUNS" \
    | sed -E 's/.*server_cores=([0-9.]+).*read_p99_ms=([0-9.]+).*send_p99_ms=([0-9.]+).*/\2 \3 \1/')
  note "  ($dir)"
done
note "read p99 within $TARGET_MS ms at half of peak ($half req/s): $within of $total runs"
