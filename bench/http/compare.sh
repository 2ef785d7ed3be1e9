#!/usr/bin/env bash
# Usage: bench/http/compare.sh [REV_A [REV_B]]
# Compares two git revisions under the same HTTP load (default: e24bd05, the last commit before the move
# onto Orleans, and HEAD). For each it makes a temporary git worktree and builds Gateway.Api in Release
# there (and Silo in cluster mode), then runs that revision's own bench/http/run.sh, the revisions taking
# turns (A B A B ...), and collects the summary lines into one table. The worktrees are removed at the end.
# Env: ROUNDS (2): runs of each revision
#      SCENARIOS ("post_message get_messages"), and what run.sh reads (THREADS CONNS DURATION WARMUP
#      TIMEOUT SEED_USERS SEED_CONVERSATIONS SEED_MESSAGES ...), passed through to every run
#      MODE (embedded): embedded = run.sh starts that revision's gateway with its co-hosted silo;
#      cluster = that revision's deploy/local/cluster.sh up --silos $SILOS --gateways 1 before each run,
#      run.sh against its gateway directly (BASE_URL, GATEWAY_PID), cluster.sh down after
#      SILOS (3): silos per cluster in cluster mode
# Output: bench/results/<UTC stamp>/compare/: table.txt (also printed), table.tsv, and per run its log
# and run.sh's results directory (wrk output, gateway log).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel)"
ROUNDS="${ROUNDS:-2}"; MODE="${MODE:-embedded}"; SILOS="${SILOS:-3}"
export SCENARIOS="${SCENARIOS:-post_message get_messages}"

die() { echo "compare.sh: $*" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number >= 1"
[[ "$SILOS" =~ ^[1-9][0-9]*$ ]] || die "SILOS must be a whole number >= 1"
case "$MODE" in embedded | cluster) ;; *) die "MODE must be embedded or cluster, not '$MODE'" ;; esac

. "$ROOT/bench/common.sh"
require_wrk

LABELS=(A B)
REFS=("${1:-e24bd05}" "${2:-HEAD}")
SHAS=()
for ref in "${REFS[@]}"; do
  sha="$(git -C "$ROOT" rev-parse --verify --quiet "$ref^{commit}")" || die "'$ref' is not a commit in $ROOT"
  SHAS+=("$sha")
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/bench/results/$STAMP/compare"
mkdir -p "$OUT/runs"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-compare-XXXXXX")"
TREES=()
CLUSTER_UP=""   # the worktree whose cluster is up, if one is

# A revision's cluster keeps its run directory where its cluster.sh puts it by default; it is named
# explicitly too (CLUSTER_RUN_DIR), so that it is the same place whether or not that script reads it.
run_dir() { echo "$1/deploy/local/.run"; }

cluster_down() {
  local tree=$1
  CLUSTER_RUN_DIR="$(run_dir "$tree")" bash "$tree/deploy/local/cluster.sh" down >>"$OUT/cluster-down.log" 2>&1 \
    || echo "compare.sh: cluster.sh down failed in $tree (see $OUT/cluster-down.log)" >&2
}

cleanup() {
  local tree
  if [[ -n "$CLUSTER_UP" ]]; then cluster_down "$CLUSTER_UP"; CLUSTER_UP=""; fi
  for tree in "${TREES[@]}"; do
    git -C "$ROOT" worktree remove --force "$tree" 2>/dev/null || true
  done
  rm -rf -- "$WORK"
  git -C "$ROOT" worktree prune
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Worktrees and builds, once per revision --------------------------------------------------------
for i in 0 1; do
  tree="$WORK/${LABELS[i]}"
  git -C "$ROOT" worktree add --detach --quiet "$tree" "${SHAS[i]}"
  TREES+=("$tree")
  projects=(Gateway.Api/Gateway.Api.csproj)
  [[ "$MODE" == cluster ]] && projects+=(Silo/Silo.csproj)
  for project in "${projects[@]}"; do
    echo "# ${LABELS[i]} = ${REFS[i]} (${SHAS[i]:0:10}): building $project in Release" >&2
    dotnet build "$tree/$project" -c Release -nologo -v q --disable-build-servers >"$OUT/build-${LABELS[i]}-$(basename "$project" .csproj).log" 2>&1 \
      || { tail -20 "$OUT/build-${LABELS[i]}-$(basename "$project" .csproj).log" >&2; die "building $project at ${REFS[i]} failed"; }
  done
done

# --- Cluster mode: a revision's own cluster.sh, its gateway found in what the script leaves ----------
# The gateway's pid and HTTP port: from the run directory's process list (lines "name pid starttime
# http_port ..."), else from what `up` printed ("gateway-1: pid P, http 127.0.0.1:PORT").
find_gateway() { # tree up-log
  local processes line
  processes="$(run_dir "$1")/processes"
  if [[ -f "$processes" ]]; then
    line="$(awk '$1 ~ /^gateway-/ { print $2, $4; exit }' "$processes")"
  fi
  if [[ -z "${line:-}" ]]; then
    line="$(sed -n 's/.*gateway-[0-9]*: pid \([0-9][0-9]*\), http 127\.0\.0\.1:\([0-9][0-9]*\).*/\1 \2/p' "$2" | head -n 1)"
  fi
  echo "${line:-}"
}

start_cluster() { # tree log; sets GATEWAY_PID, BASE_URL
  local tree=$1 log=$2 script="$1/deploy/local/cluster.sh" options=(--silos "$SILOS" --gateways 1) pid port
  [[ -f "$script" ]] || die "no deploy/local/cluster.sh in $tree"
  # Silo and Gateway.Api are built already; a cluster.sh that knows --no-build need not build again.
  grep -q -- '--no-build' "$script" && options+=(--no-build)
  CLUSTER_UP="$tree"
  CLUSTER_RUN_DIR="$(run_dir "$tree")" bash "$script" up "${options[@]}" >"$log" 2>&1 \
    || { tail -30 "$log" >&2; die "cluster.sh up failed in $tree (see $log)"; }
  read -r pid port <<<"$(find_gateway "$tree" "$log")"
  [[ "${pid:-}" =~ ^[0-9]+$ && "${port:-}" =~ ^[0-9]+$ ]] || die "found no gateway's pid and port in $(run_dir "$tree") or $log"
  kill -0 "$pid" 2>/dev/null || die "gateway pid $pid from cluster.sh is not running"
  curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$port/health/ready" || die "the gateway at 127.0.0.1:$port is not ready"
  GATEWAY_PID="$pid" BASE_URL="http://127.0.0.1:$port"
}

# --- The runs ---------------------------------------------------------------------------------------
printf 'revision\tround\tscenario\trps\tp50_ms\tp99_ms\tpeak_rss_mb\tnon2xx\tcpu_ms_req\tmachine_cpu_ms_req\n' >"$OUT/table.tsv"

# run.sh's results directories in a worktree, named by UTC stamps: oldest first.
result_dirs() { find "$1/bench/results" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort; }

run_one() { # index round
  local i=$1 round=$2 tree="$WORK/${LABELS[$1]}" name="${LABELS[$1]}-r$2" log status=0 before newest line s
  local revision="${LABELS[i]}:${REFS[i]}@${SHAS[i]:0:10}"
  log="$OUT/runs/$name.log"
  mkdir -p "$tree/bench/results"
  before="$(result_dirs "$tree")"
  echo "# run $name: ${REFS[i]} (${SHAS[i]:0:10}), $MODE$([[ "$MODE" == cluster ]] && echo ", $SILOS silos"), $(uptime | sed 's/.*load/load/')" >&2
  if [[ "$MODE" == cluster ]]; then
    start_cluster "$tree" "$OUT/runs/$name.cluster-up.log"
    (cd "$tree" && BASE_URL="$BASE_URL" GATEWAY_PID="$GATEWAY_PID" bash bench/http/run.sh) >"$log" 2>&1 || status=$?
    cluster_down "$tree"
    CLUSTER_UP=""
  else
    (cd "$tree" && unset BASE_URL GATEWAY_PID && NO_BUILD=1 bash bench/http/run.sh) >"$log" 2>&1 || status=$?
  fi
  [[ "$status" -eq 0 ]] || echo "compare.sh: run $name: run.sh exited $status (see $log)" >&2

  # Keep run.sh's results directory (it is in the worktree, which goes at the end): the newest stamp,
  # if this run made it.
  newest="$(result_dirs "$tree" | tail -n 1)"
  if [[ -n "$newest" ]] && ! grep -qxF -- "$newest" <<<"$before"; then
    mv "$tree/bench/results/$newest" "$OUT/runs/$name"
  fi

  for s in $SCENARIOS; do
    line="$(grep -E "^${s}[[:space:]]+rps=" "$log" | tail -n 1 || true)"
    if [[ -z "$line" ]]; then
      printf '%s\t%s\t%s\tfailed\t-\t-\t-\t-\t-\t-\n' "$revision" "$round" "$s" >>"$OUT/table.tsv"
      continue
    fi
    awk -v rev="$revision" -v round="$round" -v s="$s" '{
      for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
      # A revision whose run.sh predates the CPU figures has none: "-".
      cpu = ("cpu_ms_per_req" in v) ? v["cpu_ms_per_req"] : "-"; machine = ("machine_cpu_ms_per_req" in v) ? v["machine_cpu_ms_per_req"] : "-"
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rev, round, s, v["rps"], v["p50_ms"], v["p99_ms"], v["peak_rss_mb"], v["non2xx"], cpu, machine
    }' <<<"$line" >>"$OUT/table.tsv"
  done
}

for round in $(seq 1 "$ROUNDS"); do
  run_one 0 "$round"
  run_one 1 "$round"
done

# --- The table --------------------------------------------------------------------------------------
{
  echo "# $MODE$([[ "$MODE" == cluster ]] && echo " ($SILOS silos, 1 gateway, benchmarked directly)"); scenarios: $SCENARIOS;" \
    "THREADS=${THREADS:-2} CONNS=${CONNS:-32} DURATION=${DURATION:-15s} WARMUP=${WARMUP:-3s}; $ROUNDS round(s), A and B taking turns"
  column -t -s $'\t' "$OUT/table.tsv"
  echo
  echo "# mean over the rounds"
  awk -F'\t' 'NR > 1 && $4 != "failed" {
      k = $1 "\t" $3; if (!(k in n)) order[++count] = k
      n[k]++; rps[k] += $4; p50[k] += $5; p99[k] += $6; if ($7 + 0 > rss[k]) rss[k] = $7 + 0
      if ($9 ~ /^[0-9.]+$/) { cpu_n[k]++; cpu[k] += $9 }
      if ($10 ~ /^[0-9.]+$/) { machine_n[k]++; machine[k] += $10 }
    }
    function mean(sum, runs) { return runs ? sprintf("%.3f", sum / runs) : "-" }
    END {
      print "revision\tscenario\truns\trps\tp50_ms\tp99_ms\tmax_peak_rss_mb\tcpu_ms_req\tmachine_cpu_ms_req"
      for (i = 1; i <= count; i++) {
        k = order[i]
        printf "%s\t%d\t%.1f\t%.2f\t%.2f\t%d\t%s\t%s\n", k, n[k], rps[k] / n[k], p50[k] / n[k], p99[k] / n[k], rss[k], mean(cpu[k], cpu_n[k]), mean(machine[k], machine_n[k])
      }
    }' "$OUT/table.tsv" | column -t -s $'\t'
} | tee "$OUT/table.txt"
echo "# full output in $OUT"
