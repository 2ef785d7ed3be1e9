# Sourced by bench/anchor/compare.sh and pgbench.sh: Debian's PostgreSQL "main" cluster, which the DRF
# anchor uses. Each script records whether it was running before (pg_main_remember) and stops it on
# exit only if it was not (pg_main_restore), so that a machine is left as it was found.
PG_WAS_ONLINE=""   # "yes" when the main cluster was running before the script

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1; }
pg_main_online() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters -h 2>/dev/null | awk -v v="$(pg_version)" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'
}
pg_main_port() { pg_lsclusters -h | awk -v v="$(pg_version)" '$1 == v && $2 == "main" { print $3 }'; }
pg_main_remember() { if pg_main_online; then PG_WAS_ONLINE=yes; else PG_WAS_ONLINE=no; fi; }
pg_main_restore() { # who (for messages)
  if [[ "$PG_WAS_ONLINE" == no ]] && pg_main_online; then
    echo "# stopping the PostgreSQL main cluster (it was not running before)" >&2
    pg_ctlcluster "$(pg_version)" main stop || echo "$1: could not stop the main cluster" >&2
  fi
}
