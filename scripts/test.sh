#!/usr/bin/env bash
# Runs the whole test suite: unit tests, whole-app tests through Aspire.Hosting.Testing (real PostgreSQL and
# Redis as local processes), and browser tests in Debian's Chromium. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/prerequisites.sh --browser
dotnet build SupportAgent.sln -c Debug -nologo -v quiet

results="$(mktemp -d)"
status=0
dotnet test SupportAgent.sln --no-build -c Debug --logger "trx;LogFileName=results.trx" \
  --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

# One plain summary line that any CI can read.
if compgen -G "$results/*.trx" >/dev/null; then
  passed=$(grep -o 'passed="[0-9]*"' "$results"/*.trx | head -1 | grep -o '[0-9]*')
  failed=$(grep -o 'failed="[0-9]*"' "$results"/*.trx | head -1 | grep -o '[0-9]*')
  echo "${passed:-0} passed, ${failed:-0} failed"
  [[ "${failed:-0}" != "0" ]] && status=1
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
