#!/usr/bin/env bash
# A complete cluster on this machine, on loopback only: a private PostgreSQL, N silos, M gateways
# (cluster clients) and nginx load-balancing the gateways.
#
#   deploy/local/cluster.sh up [--silos N] [--gateways M] [--port P] [--no-build]
#   deploy/local/cluster.sh status
#   deploy/local/cluster.sh add-silo            one more silo (scale up)
#   deploy/local/cluster.sh stop-silo silo-N    graceful stop of one silo (scale down)
#   deploy/local/cluster.sh down
#
# Every silo listens on three free loopback ports: HTTP (health, /silo, the Orleans Dashboard at
# /dashboard), the silo port (silo to silo) and the gateway port (the gateways, as Orleans clients).
# Everything it creates lives in the run directory (deploy/local/.run, or $CLUSTER_RUN_DIR): state,
# secrets (mode 600), logs, the nginx config and, when the postgres user can reach it, PostgreSQL's
# data directory. `down` stops exactly the processes `up` recorded (checked by PID and start time)
# and removes the run directory.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
RUN_DIR=${CLUSTER_RUN_DIR:-"$SCRIPT_DIR/.run"}
STATE_FILE="$RUN_DIR/state"           # key=value lines: ports, directories
PROCS_FILE="$RUN_DIR/processes"       # one line per process: name pid starttime http_port silo_port gateway_port
LOG_DIR="$RUN_DIR/logs"
SECRETS_DIR="$RUN_DIR/secrets"
SILO_DLL="$REPO_ROOT/Silo/bin/Release/net10.0/Silo.dll"
GATEWAY_DLL="$REPO_ROOT/Gateway.Api/bin/Release/net10.0/Gateway.Api.dll"
DATABASE=messaging

# Bounded waits, in seconds.
READY_TIMEOUT=${CLUSTER_READY_TIMEOUT:-90}
STOP_TIMEOUT=35        # a silo's graceful stop takes at most the host's 30 s shutdown timeout

die() { echo "cluster.sh: $*" >&2; exit 1; }
info() { echo "==> $*"; }

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

need() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required but not found on PATH."
  done
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------------------------------------
# Processes: a PID is ours only if its start time (field 22 of /proc/PID/stat) is the one recorded
# when we started it, so a recycled PID is never signalled.

proc_starttime() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }                          # drop "pid (comm) ", comm may contain spaces
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"                               # field 22 overall = 20th after pid and comm
}

# Running: exists and is not a zombie (exited, not yet reaped).
pid_running() {
  local state
  state=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != "Z" ]
}

is_ours() {
  local pid=$1 start=$2 now
  now=$(proc_starttime "$pid") || return 1
  [ "$now" = "$start" ] || return 1
  pid_running "$pid"
}

record_process() { # name pid http_port silo_port gateway_port
  local start
  if ! start=$(proc_starttime "$2") || ! pid_running "$2"; then
    echo "cluster.sh: $1 (pid $2) exited right after start; last lines of $LOG_DIR/$1.log:" >&2
    tail -n 30 "$LOG_DIR/$1.log" >&2 || true
    die "$1 did not start"
  fi
  echo "$1 $2 $start $3 $4 $5" >>"$PROCS_FILE"
}

# Starts a program in its own session (so a Ctrl-C in this terminal does not reach it), output to
# its log file; sets STARTED_PID. Settings are exported in the subshell, not passed as arguments,
# so secrets never show in a process list. setsid does not fork here (the subshell is not a process
# group leader), so $! is the program itself once it has exec'd.
start_process() { # name workdir [VAR=value...] -- command...
  local name=$1 workdir=$2
  shift 2
  (
    # shellcheck disable=SC2163  # each argument is VAR=value
    while [ "$1" != "--" ]; do export "$1"; shift; done
    shift
    cd "$workdir" && exec setsid "$@" </dev/null >>"$LOG_DIR/$name.log" 2>&1
  ) &
  STARTED_PID=$!
  # Not a job of this shell: no "Aborted"/"Killed" job notices when one exits.
  disown "$STARTED_PID" 2>/dev/null || true
}

# Sends SIGNAL, waits up to TIMEOUT seconds for the process to go, then SIGKILLs it.
stop_process() { # name pid start signal timeout
  local name=$1 pid=$2 start=$3 signal=$4 timeout=$5 waited=0
  if ! is_ours "$pid" "$start"; then
    echo "    $name (pid $pid): not running"
    return 0
  fi
  kill "-$signal" "$pid" 2>/dev/null || true
  while is_ours "$pid" "$start"; do
    if [ "$waited" -ge $((timeout * 10)) ]; then
      echo "    $name (pid $pid): still running after ${timeout}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      return 0
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "    $name (pid $pid): stopped (SIG$signal, $((waited / 10)).$((waited % 10))s)"
}

# ---------------------------------------------------------------------------------------------
# Ports: random free loopback ports below the usual ephemeral range (32768+), never the same twice
# in one run.

ALLOCATED=" "
alloc_port() { # variable-name
  local listening port tries
  listening=" $(ss -Htan 2>/dev/null | awk '{n = split($4, a, ":"); print a[n]}' | sort -u | tr '\n' ' ') "
  for tries in $(seq 1 500); do
    port=$((20000 + RANDOM % 12000))
    case "$listening$ALLOCATED" in *" $port "*) continue ;; esac
    ALLOCATED="$ALLOCATED$port "
    printf -v "$1" '%s' "$port"
    return 0
  done
  die "no free loopback port found after $tries tries"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

find_pg_bin() {
  if [ -n "${POSTGRES_BIN_DIR:-}" ]; then
    [ -x "$POSTGRES_BIN_DIR/initdb" ] || die "POSTGRES_BIN_DIR=$POSTGRES_BIN_DIR holds no initdb."
    echo "$POSTGRES_BIN_DIR"
    return
  fi
  local dir
  # The newest version's binaries (an unmatched glob stays as written and fails the tests below).
  dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [ ! -x "$dir/initdb" ] || [ ! -x "$dir/pg_ctl" ]; then
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install them (Debian/Ubuntu: apt-get update && apt-get install -y postgresql) or set POSTGRES_BIN_DIR."
  fi
  echo "$dir"
}

# initdb and postgres refuse to run as root: under root they run as the postgres user.
as_pg() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local pg_bin=$1 pg_root pg_port password
  # The data directory goes in the run directory when the postgres user can reach it, else in /tmp.
  if ! is_root || runuser -u postgres -- test -x "$RUN_DIR" 2>/dev/null; then
    pg_root="$RUN_DIR/postgres"
    mkdir -m 700 "$pg_root"
  else
    pg_root=$(mktemp -d /tmp/messaging-cluster-pg.XXXXXX)
  fi
  echo "PG_ROOT=$pg_root" >>"$STATE_FILE"
  mkdir -m 700 "$pg_root/sock"

  password=$(openssl rand -hex 24)
  (umask 077 && printf '%s\n' "$password" >"$SECRETS_DIR/postgres-password")
  (umask 077 && printf '%s\n' "$password" >"$pg_root/pwfile")
  is_root && chown -R postgres:postgres "$pg_root"

  info "PostgreSQL: initdb in $pg_root/data"
  as_pg "$pg_bin/initdb" --pgdata="$pg_root/data" --username=postgres --pwfile="$pg_root/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C --no-instructions \
    >"$LOG_DIR/initdb.log" 2>&1 || { cat "$LOG_DIR/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pg_root/pwfile"

  local attempt
  for attempt in 1 2 3; do
    alloc_port pg_port
    if as_pg "$pg_bin/pg_ctl" start --pgdata="$pg_root/data" --wait --timeout=60 \
      --log="$pg_root/postgres.log" \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_root/sock -c unix_socket_permissions=0700 -c max_connections=300" \
      >>"$LOG_DIR/pg_ctl.log" 2>&1; then
      break
    fi
    [ "$attempt" -lt 3 ] || { tail -n 20 "$pg_root/postgres.log" >&2 || true; die "PostgreSQL did not start"; }
  done
  echo "PG_PORT=$pg_port" >>"$STATE_FILE"
  ln -s "$pg_root/postgres.log" "$LOG_DIR/postgres.log"

  PGPASSWORD=$password "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$DATABASE" ||
    die "could not create database $DATABASE"
  (umask 077 && printf '%s\n' "Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$password;Database=$DATABASE" \
    >"$SECRETS_DIR/connection-string")
  info "PostgreSQL: 127.0.0.1:$pg_port, database $DATABASE"
}

stop_postgres() {
  local pg_root=${PG_ROOT:-} pg_bin
  [ -n "$pg_root" ] && [ -f "$pg_root/data/postmaster.pid" ] || return 0
  pg_bin=$(find_pg_bin)
  echo "    postgres: stopping"
  as_pg "$pg_bin/pg_ctl" stop --pgdata="$pg_root/data" --mode=fast --wait --timeout=60 >/dev/null ||
    echo "    postgres: pg_ctl stop failed; see $pg_root/postgres.log" >&2
}

# ---------------------------------------------------------------------------------------------
# nginx

# Installs nginx when missing and running as root on Debian/Ubuntu. The package lists are refreshed
# first (a fresh machine has none, and then `apt-get install` finds no nginx). Output goes to
# $LOG_DIR/apt-nginx.log, so LOG_DIR must exist.
ensure_nginx() {
  command -v nginx >/dev/null 2>&1 && return 0
  if is_root && command -v apt-get >/dev/null 2>&1; then
    local log="$LOG_DIR/apt-nginx.log"
    info "installing nginx (apt-get update, apt-get install -y nginx; output in $log); this script does not use the system service"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 ||
      { tail -n 20 "$log" >&2; die "apt-get update failed (see $log)"; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >>"$log" 2>&1 ||
      { tail -n 20 "$log" >&2; die "apt-get install nginx failed (see $log)"; }
    command -v nginx >/dev/null 2>&1 || die "nginx is still not on PATH after installing it (see $log)"
  else
    die "nginx is required; install it (Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y nginx)."
  fi
}

write_nginx_conf() { # listen-port gateway-http-ports...
  local port=$1 prefix="$RUN_DIR/nginx" gw
  shift
  mkdir -p "$prefix/tmp"
  {
    echo "# Generated by deploy/local/cluster.sh: nginx in front of the local gateways."
    echo "worker_processes 1;"
    echo "daemon off;"
    echo "pid $prefix/nginx.pid;"
    echo "error_log $LOG_DIR/nginx-error.log warn;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "  access_log $LOG_DIR/nginx-access.log;"
    echo "  client_body_temp_path $prefix/tmp/body;"
    echo "  proxy_temp_path $prefix/tmp/proxy;"
    echo "  fastcgi_temp_path $prefix/tmp/fastcgi;"
    echo "  uwsgi_temp_path $prefix/tmp/uwsgi;"
    echo "  scgi_temp_path $prefix/tmp/scgi;"
    echo "  upstream gateways {"
    for gw in "$@"; do
      echo "    server 127.0.0.1:$gw max_fails=1 fail_timeout=5s;"
    done
    echo "    keepalive 32;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$port;"
    echo "    client_max_body_size 1m;"
    echo "    location / {"
    echo "      proxy_pass http://gateways;"
    echo "      proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\";"
    echo "      proxy_set_header Host \$http_host;"
    echo "      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
    echo "      proxy_set_header X-Forwarded-Proto \$scheme;"
    echo "      proxy_connect_timeout 2s;"
    echo "      proxy_read_timeout 60s;   # above the gateways' grain call timeouts and retries"
    echo "      proxy_buffering off;      # streamed responses pass through as they come"
    echo "    }"
    echo "  }"
    echo "}"
  } >"$prefix/nginx.conf"
}

# ---------------------------------------------------------------------------------------------
# Waiting

# Waits until URL answers 2xx, while the process PID is alive; false on timeout or exit.
wait_ready() { # name pid url timeout
  local name=$1 pid=$2 url=$3 timeout=$4 start=$SECONDS
  while [ $((SECONDS - start)) -lt "$timeout" ]; do
    if ! pid_running "$pid"; then
      echo "cluster.sh: $name (pid $pid) exited; last lines of $LOG_DIR/$name.log:" >&2
      tail -n 30 "$LOG_DIR/$name.log" >&2 || true
      return 1
    fi
    curl -fsS -m 2 -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "cluster.sh: $name not ready at $url after ${timeout}s; last lines of $LOG_DIR/$name.log:" >&2
  tail -n 30 "$LOG_DIR/$name.log" >&2 || true
  return 1
}

# ---------------------------------------------------------------------------------------------
# State

load_state() {
  PG_ROOT="" PG_PORT="" NGINX_PORT=""
  [ -f "$STATE_FILE" ] || return 0
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      PG_ROOT) PG_ROOT=$value ;;
      PG_PORT) PG_PORT=$value ;;
      NGINX_PORT) NGINX_PORT=$value ;;
    esac
  done <"$STATE_FILE"
}

# Prints "alive total" over the recorded processes (postgres counts as one).
count_alive() {
  local alive=0 total=0 name pid start rest
  if [ -f "$PROCS_FILE" ]; then
    while read -r name pid start rest; do
      total=$((total + 1))
      if is_ours "$pid" "$start"; then alive=$((alive + 1)); fi
    done <"$PROCS_FILE"
  fi
  if [ -n "${PG_ROOT:-}" ]; then
    total=$((total + 1))
    if postgres_alive; then alive=$((alive + 1)); fi
  fi
  echo "$alive $total"
}

postgres_alive() {
  local pid
  [ -n "${PG_ROOT:-}" ] && [ -f "$PG_ROOT/data/postmaster.pid" ] || return 1
  pid=$(head -n 1 "$PG_ROOT/data/postmaster.pid")
  kill -0 "$pid" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# Silos and gateways

# The settings every silo and gateway gets, one VAR=value a line. Both find the cluster through the
# membership table in this database (Orleans' ADO.NET clustering).
service_env() {
  echo ASPNETCORE_ENVIRONMENT=Production
  echo DOTNET_ENVIRONMENT=Production
  echo "Messaging__ConnectionString=$(cat "$SECRETS_DIR/connection-string")"
}

# Starts a silo on three free loopback ports (HTTP, silo port, gateway port) and records it; does
# not wait. Its Orleans name is the script's name for it (silo-N), as the dashboard shows it.
launch_silo() { # name
  local name=$1 http_port silo_port gateway_port env
  mapfile -t env < <(service_env)
  alloc_port http_port
  alloc_port silo_port
  alloc_port gateway_port
  start_process "$name" "$(dirname "$SILO_DLL")" "${env[@]}" \
    Messaging__Storage=postgres "Silo__Name=$name" \
    Silo__ListenAddress=127.0.0.1 Silo__AdvertisedAddress=127.0.0.1 \
    "Silo__Port=$silo_port" "Silo__GatewayPort=$gateway_port" \
    "Urls=http://127.0.0.1:$http_port" \
    -- dotnet "$SILO_DLL"
  sleep 0.2
  record_process "$name" "$STARTED_PID" "$http_port" "$silo_port" "$gateway_port"
  info "$name: pid $STARTED_PID, http 127.0.0.1:$http_port, silo port $silo_port, gateway port $gateway_port"
}

# Fails unless `up` has run and PostgreSQL is alive.
require_up() {
  [ -f "$PROCS_FILE" ] || die "the cluster is not up (no run directory at $RUN_DIR); run '$0 up' first."
  load_state
  postgres_alive || die "PostgreSQL of this cluster is not running; '$0 down' cleans up, then '$0 up'."
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_up() {
  local silos=3 gateways=2 nginx_port="" build=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) silos=${2:?--silos needs a number}; shift 2 ;;
      --gateways) gateways=${2:?--gateways needs a number}; shift 2 ;;
      --port) nginx_port=${2:?--port needs a port number}; shift 2 ;;
      --no-build) build=0; shift ;;
      -h | --help) usage 0 ;;
      *) echo "cluster.sh: unknown option '$1'" >&2; usage 2 ;;
    esac
  done
  [[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "--silos must be a whole number >= 1"
  [[ "$gateways" =~ ^[0-9]+$ ]] || die "--gateways must be a whole number >= 0"
  [ -z "$nginx_port" ] || [[ "$nginx_port" =~ ^[0-9]+$ ]] || die "--port must be a port number"

  if [ -d "$RUN_DIR" ]; then
    load_state
    local counts alive total
    counts=$(count_alive)
    read -r alive total <<<"$counts"
    if [ "$alive" -gt 0 ] && [ "$alive" -eq "$total" ]; then
      echo "The cluster is already up ($alive processes). '$0 status' shows it; '$0 down' stops it."
      [ -z "$NGINX_PORT" ] || echo "URL: http://127.0.0.1:$NGINX_PORT"
      return 0
    elif [ "$alive" -gt 0 ]; then
      die "the cluster is partly up ($alive of $total processes alive): '$0 status' shows which; '$0 down' stops the rest."
    fi
    info "removing a stale run directory (nothing in it is running): $RUN_DIR"
    cmd_down >/dev/null
  fi

  need dotnet curl openssl ss setsid awk
  is_root && need runuser
  local pg_bin
  pg_bin=$(find_pg_bin)

  # The run directory and its logs come first: installing nginx already writes a log.
  mkdir -p "$RUN_DIR"
  chmod 755 "$RUN_DIR"
  mkdir -p "$LOG_DIR"
  mkdir -m 700 "$SECRETS_DIR"
  : >"$STATE_FILE"
  : >"$PROCS_FILE"
  # From here on, a failure stops whatever was started (logs are kept until `down`).
  trap 'on_up_failure' EXIT

  [ "$gateways" -eq 0 ] || ensure_nginx

  if [ "$build" -eq 1 ]; then
    info "building Release (Silo$([ "$gateways" -eq 0 ] || echo ", Gateway.Api"))"
    dotnet build "$REPO_ROOT/Silo/Silo.csproj" -c Release -nologo -v q -clp:ErrorsOnly --disable-build-servers
    [ "$gateways" -eq 0 ] || dotnet build "$REPO_ROOT/Gateway.Api/Gateway.Api.csproj" -c Release -nologo -v q -clp:ErrorsOnly --disable-build-servers
  fi
  [ -f "$SILO_DLL" ] || die "$SILO_DLL not found: build it (or drop --no-build)."
  [ "$gateways" -eq 0 ] || [ -f "$GATEWAY_DLL" ] || die "$GATEWAY_DLL not found: build it (or drop --no-build)."

  start_postgres "$pg_bin"

  local i name http_port pid common_env dashboard_port=""
  mapfile -t common_env < <(service_env)
  # The first silo applies the database schema; the others then start side by side.
  for i in $(seq 1 "$silos"); do
    launch_silo "silo-$i"
    if [ "$i" -eq 1 ]; then
      read -r name pid _ http_port _ <"$PROCS_FILE"
      dashboard_port=$http_port
      wait_ready "$name" "$pid" "http://127.0.0.1:$http_port/health/ready" "$READY_TIMEOUT" || die "$name did not become ready"
    fi
  done
  while read -r name pid _ http_port _; do
    wait_ready "$name" "$pid" "http://127.0.0.1:$http_port/health/ready" "$READY_TIMEOUT" || die "$name did not become ready"
  done <"$PROCS_FILE"
  info "silos ready (active in Orleans' membership)"

  if [ "$gateways" -gt 0 ]; then
    local key_file="$SECRETS_DIR/jwt-signing-key" gateway_ports=()
    (umask 077 && openssl rand -base64 48 >"$key_file")
    for i in $(seq 1 "$gateways"); do
      alloc_port http_port
      gateway_ports+=("$http_port")
      # An Orleans client of the silos: it reads their gateway ports from the membership table.
      start_process "gateway-$i" "$(dirname "$GATEWAY_DLL")" "${common_env[@]}" \
        Messaging__Mode=cluster "Jwt__SigningKey=$(cat "$key_file")" \
        "Urls=http://127.0.0.1:$http_port" \
        -- dotnet "$GATEWAY_DLL"
      pid=$STARTED_PID
      sleep 0.2
      record_process "gateway-$i" "$pid" "$http_port" - -
      info "gateway-$i: pid $pid, http 127.0.0.1:$http_port"
    done
    while read -r name pid _ http_port _; do
      case "$name" in gateway-*) ;; *) continue ;; esac
      wait_ready "$name" "$pid" "http://127.0.0.1:$http_port/health/ready" "$READY_TIMEOUT" || die "$name did not become ready"
    done <"$PROCS_FILE"
    info "gateways ready"

    if [ -n "$nginx_port" ]; then
      case "$(ss -Htln "sport = :$nginx_port" 2>/dev/null)" in
        "") ;;
        *) die "port $nginx_port is already in use" ;;
      esac
    else
      alloc_port nginx_port
    fi
    write_nginx_conf "$nginx_port" "${gateway_ports[@]}"
    nginx -t -q -e "$LOG_DIR/nginx-error.log" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" ||
      die "nginx rejected the generated config $RUN_DIR/nginx/nginx.conf"
    start_process nginx "$RUN_DIR/nginx" -- nginx -e "$LOG_DIR/nginx-error.log" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf"
    pid=$STARTED_PID
    sleep 0.2
    record_process nginx "$pid" "$nginx_port" - -
    echo "NGINX_PORT=$nginx_port" >>"$STATE_FILE"
    wait_ready nginx "$pid" "http://127.0.0.1:$nginx_port/health/ready" 30 || die "nginx did not answer /health/ready"
  fi

  trap - EXIT
  echo
  if [ "$gateways" -gt 0 ]; then
    echo "Cluster up: $silos silos, $gateways gateways behind nginx."
    echo "  URL:       http://127.0.0.1:$nginx_port   (API under /api/, health at /health/ready)"
  else
    echo "Cluster up: $silos silos, no gateways."
  fi
  echo "  dashboard: http://127.0.0.1:$dashboard_port/dashboard/   (silo-1's HTTP port; every silo serves one)"
  echo "  status:    $0 status"
  echo "  logs:      tail -f $LOG_DIR/*.log"
  echo "  stop:      $0 down"
}

on_up_failure() {
  local status=$?
  trap - EXIT
  echo "cluster.sh: 'up' failed; stopping what it started. Logs are kept in $LOG_DIR until '$0 down'." >&2
  stop_all || true
  exit "$status"
}

# Stops every recorded process (nginx, gateways, silos in reverse order) and PostgreSQL.
stop_all() {
  load_state
  [ -f "$PROCS_FILE" ] || { stop_postgres; return 0; }
  local lines=() name pid start idx kind
  mapfile -t lines <"$PROCS_FILE"
  # Front to back: nginx (SIGQUIT: finishes open requests), gateways, silos (newest first).
  for kind in nginx gateway silo; do
    for ((idx = ${#lines[@]} - 1; idx >= 0; idx--)); do
      read -r name pid start _ <<<"${lines[idx]}"
      case "$kind:$name" in
        nginx:nginx) stop_process "$name" "$pid" "$start" QUIT 10 ;;
        gateway:gateway-* | silo:silo-*) stop_process "$name" "$pid" "$start" TERM "$STOP_TIMEOUT" ;;
      esac
    done
  done
  stop_postgres
}

cmd_down() {
  if [ ! -d "$RUN_DIR" ]; then
    echo "Nothing to stop: no run directory at $RUN_DIR."
    return 0
  fi
  info "stopping the cluster in $RUN_DIR"
  stop_all
  load_state
  if [ -n "$PG_ROOT" ] && [ "$PG_ROOT" != "$RUN_DIR/postgres" ]; then
    case "$PG_ROOT" in /tmp/messaging-cluster-pg.*) rm -rf -- "$PG_ROOT" ;; esac
  fi
  rm -rf -- "$RUN_DIR"
  info "stopped; removed $RUN_DIR"
}

# Scaling up: one more silo. Orleans places new activations on it; existing ones stay where they are.
cmd_add_silo() {
  require_up
  [ -f "$SILO_DLL" ] || die "$SILO_DLL not found"
  local last name pid http_port
  # Ports already recorded are not handed out again, even if their process is gone.
  ALLOCATED=" $(awk '{print $4; print $5; print $6}' "$PROCS_FILE" | tr '\n' ' ')"
  last=$(sed -n 's/^silo-\([0-9]*\) .*/\1/p' "$PROCS_FILE" | sort -n | tail -n 1)
  name="silo-$((${last:-0} + 1))"
  launch_silo "$name"
  read -r _ pid _ http_port _ < <(grep "^$name " "$PROCS_FILE")
  wait_ready "$name" "$pid" "http://127.0.0.1:$http_port/health/ready" "$READY_TIMEOUT" || die "$name did not become ready"
  info "$name ready"
}

# Scaling down: a graceful stop (SIGTERM) of one silo, which is then forgotten. Orleans deactivates its
# grains and marks it dead in the membership table before it exits; their next calls go to the others.
cmd_stop_silo() {
  local name=${1:-}
  [[ "$name" =~ ^silo-[0-9]+$ ]] || die "usage: $0 stop-silo silo-N (see '$0 status')"
  require_up
  local line pid start
  line=$(grep "^$name " "$PROCS_FILE" || true)
  [ -n "$line" ] || die "no $name in this cluster (see '$0 status')"
  read -r _ pid start _ <<<"$line"
  stop_process "$name" "$pid" "$start" TERM "$STOP_TIMEOUT"
  grep -v "^$name " "$PROCS_FILE" >"$PROCS_FILE.new" || true
  mv "$PROCS_FILE.new" "$PROCS_FILE"
}

cmd_status() {
  if [ ! -d "$RUN_DIR" ]; then
    echo "The cluster is not up (no run directory at $RUN_DIR)."
    return 0
  fi
  load_state
  local name pid start http_port silo_port gateway_port state ready info
  local format='%-11s %-8s %-6s %-6s %-6s %-8s %-6s %s\n'
  # shellcheck disable=SC2059  # the format is the one above
  printf "$format" PROCESS PID ALIVE HTTP SILO GATEWAY READY INFO
  if postgres_alive; then state=yes; else state=no; fi
  # shellcheck disable=SC2059
  printf "$format" postgres "$(head -n 1 "$PG_ROOT/data/postmaster.pid" 2>/dev/null || echo -)" \
    "$state" "${PG_PORT:--}" - - - "database $DATABASE"
  [ -f "$PROCS_FILE" ] || return 0
  while read -r name pid start http_port silo_port gateway_port; do
    info="" ready=-
    if is_ours "$pid" "$start"; then
      state=yes
      ready=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/health/ready" 2>/dev/null || true)
      case "$name" in
        silo-*) info=$(curl -s -m 2 "http://127.0.0.1:$http_port/silo" 2>/dev/null || true) ;;
        nginx) info="http://127.0.0.1:$http_port" ;;
      esac
    else
      state=no
    fi
    # shellcheck disable=SC2059
    printf "$format" "$name" "$pid" "$state" "$http_port" "${silo_port:--}" "${gateway_port:--}" "${ready:--}" "$info"
  done <"$PROCS_FILE"
  echo "logs: $LOG_DIR/"
}

main() {
  [ $# -ge 1 ] || usage 2
  local command=$1
  shift
  case "$command" in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    add-silo) cmd_add_silo ;;
    stop-silo) cmd_stop_silo "$@" ;;
    -h | --help | help) usage 0 ;;
    *) echo "cluster.sh: unknown command '$command'" >&2; usage 2 ;;
  esac
}

main "$@"
