# Sourced by the bench scripts that drive wrk: makes sure wrk is on PATH. As root on a machine with
# apt-get it installs Debian's wrk package (apt-get update first: a new machine has no package lists);
# otherwise it stops the script with what to install.
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
