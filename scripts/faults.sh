#!/usr/bin/env bash
# The fault and adversarial suite (SupportAgent.Tests/Faults) at full size, then the figures RELIABILITY.md reports.
#   scripts/faults.sh            full size: 200 refund turns cut by SIGKILL, 3 PostgreSQL restarts, 25 of each race,
#                                800+ hostile inputs (about 15 minutes on 2 cores)
#   FAULTS_SCALE=reduced scripts/faults.sh   the size the normal test run uses (about 4 minutes)
#   FAULTS_SEED=1234 scripts/faults.sh       repeat a run's random choices (kill points, fuzz); the seed is in the figures
# Exits non-zero when any fault test fails; the figures are printed either way.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/prerequisites.sh
dotnet build SupportAgent.sln -c Debug -nologo -v quiet

export FAULTS_SCALE="${FAULTS_SCALE:-full}"
export FAULTS_FIGURES="${FAULTS_FIGURES:-$(mktemp -t supportagent-faults-XXXXXX.md)}"
: > "$FAULTS_FIGURES"

started=$(date +%s)
status=0
dotnet test SupportAgent.Tests/SupportAgent.Tests.csproj --no-build -nologo \
  --filter "FullyQualifiedName~SupportAgent.Tests.Faults" --logger "console;verbosity=minimal" || status=$?
elapsed=$(( $(date +%s) - started ))

echo
echo "## Fault suite figures ($FAULTS_SCALE size, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -m | awk '/Mem:/ {printf "%.0f", $2/1024}') GiB, ${elapsed} s)"
echo
cat "$FAULTS_FIGURES"
echo "Figures file: $FAULTS_FIGURES"
exit $status
