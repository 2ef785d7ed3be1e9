# Sourced by the bench scripts (after they set ROOT, the repository's root): the steps they share.

# Makes sure wrk is on PATH. As root on a machine with apt-get it installs Debian's wrk package
# (apt-get update first: a new machine has no package lists); otherwise it stops the script with what
# to install.
require_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "# installing wrk (apt-get update, apt-get install -y wrk)" >&2
    if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; then
      return 0
    fi
    echo "could not install wrk with apt-get" >&2
  else
    echo "wrk is required (Debian/Ubuntu: apt-get update && apt-get install -y wrk)" >&2
  fi
  exit 1
}

# A TCP port free on 127.0.0.1 now.
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Builds Gateway.Api in Release, its output in $1/build.log, unless NO_BUILD is set; stops the script
# with the log's end if the build fails.
build_gateway() {
  [[ -n "${NO_BUILD:-}" ]] && return 0
  dotnet build "$ROOT/Gateway.Api/Gateway.Api.csproj" -c Release -nologo -v q > "$1/build.log" 2>&1 \
    || { tail -20 "$1/build.log"; exit 1; }
}
