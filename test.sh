#!/usr/bin/env bash
# Runs every test: the solution's xunit projects (grains on TestClusters, storage on SQLite and a
# throwaway PostgreSQL, the gateway over HTTP, the web client in Chromium), then the Postman collection
# with newman against a gateway started in the embedded default. Needs PostgreSQL's server binaries
# (apt: postgresql), Chromium at /usr/bin/chromium (apt: chromium) and newman (npm ci in tests/postman);
# .ci/run installs all three.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
newman_log=$(mktemp)
trap 'rm -f "$log" "$newman_log"' EXIT

dotnet build Messaging.sln -c Release -nologo -clp:ErrorsOnly
status=0
# The browser tests time live updates (a message on the other screen within a second), so they run on
# their own after the other suites instead of beside them on a busy machine.
dotnet test Messaging.sln -c Release --no-build -nologo --filter 'FullyQualifiedName!~Web.Tests' 2>&1 | tee "$log" || status=$?
dotnet test tests/Web.Tests -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=$?

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')

if [ -x tests/postman/run.sh ]; then
  newman_status=0
  tests/postman/run.sh 2>&1 | tee "$newman_log" || newman_status=$?
  # newman's summary table: "│ assertions │ executed │ failed │"
  assertions=$(grep -E 'assertions' "$newman_log" | grep -oE '[0-9]+' | head -2 | tr '\n' ' ')
  read -r executed assertion_failures <<<"${assertions:-0 0}"
  passed=$((passed + executed - assertion_failures))
  failed=$((failed + assertion_failures))
  if [ "$newman_status" -ne 0 ] && [ "$assertion_failures" -eq 0 ]; then
    failed=$((failed + 1))
  fi
  [ "$newman_status" -eq 0 ] || status=$newman_status
fi

# The names of failed tests again at the very end, where a truncated CI log still shows them.
if grep -qE '^ +Failed [A-Za-z]' "$log"; then
  echo "failed tests:"
  grep -E -A 6 '^ +Failed [A-Za-z]' "$log" | cut -c1-300
fi
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
