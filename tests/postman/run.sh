#!/usr/bin/env bash
# Runs the Postman collection with newman against a fresh gateway in its embedded default (co-hosted
# silo, SQLite, development signing key) on a free loopback port with a temporary data directory.
# Exits non-zero when any assertion fails. Needs the .NET SDK and Node.js (npm installs newman here).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
gateway_pid=""

cleanup() {
  if [ -n "$gateway_pid" ] && kill -0 "$gateway_pid" 2>/dev/null; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$here/node_modules/.bin/newman" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet build "$root/Gateway.Api/Gateway.Api.csproj" -c Release --nologo -v quiet

port="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
base_url="http://127.0.0.1:$port"

# The embedded default, as `dotnet run` starts it, on another port and in a scratch working directory (./data),
# with the bootstrap admin that the Administration folder logs in as (the environment's admin_username/admin_password).
(
  cd "$work"
  exec env ASPNETCORE_ENVIRONMENT=Development \
    Messaging__Bootstrap__AdminUsername=admin Messaging__Bootstrap__AdminPassword=Postman-Admin-Passw0rd \
    dotnet "$root/Gateway.Api/bin/Release/net10.0/Gateway.Api.dll" --urls "$base_url" --Silo:Port=0 --Accounts:AdminUsernames:0=postman-admin
) >"$work/gateway.log" 2>&1 &
gateway_pid=$!

ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$gateway_pid" 2>/dev/null; then
    break
  fi
  if node -e 'fetch(process.argv[1]).then(r => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$base_url/health/ready"; then
    ready=yes
    break
  fi
  sleep 0.5
done

if [ -z "$ready" ]; then
  echo "The gateway did not become ready at $base_url; its log:" >&2
  cat "$work/gateway.log" >&2
  exit 1
fi

status=0
(cd "$here" && npx --no-install newman run messaging.postman_collection.json \
  -e embedded.postman_environment.json --env-var "base_url=$base_url" --color off) || status=$?
if [ "$status" -ne 0 ]; then
  echo "newman failed ($status); the gateway's log is below." >&2
  tail -n 50 "$work/gateway.log" >&2
fi
exit "$status"
