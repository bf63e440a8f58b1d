#!/usr/bin/env bash
# Runs the benchmarks (SupportAgent.Tests/Benchmarks) and prints their figures. They are xunit facts that skip unless
# SUPPORTAGENT_BENCH=1, so the test suite never times anything; here they run one after another against the whole app
# (real PostgreSQL and Redis as local processes). Figures also go to artifacts/bench/*.md and *.json.
#
#   scripts/bench.sh                       # everything: router, checkpoint store, HTTP+SSE offline and fake model,
#                                          # one thread grown to 200 turns
#   scripts/bench.sh RouterBenchmarks      # one class (or any name under SupportAgent.Tests.Benchmarks)
#   SUPPORTAGENT_BENCH_LEVELS=1:12,50:50 scripts/bench.sh TurnLatencyBenchmarks   # concurrency:conversations pairs
#   SUPPORTAGENT_BENCH_API_POOL=150 scripts/bench.sh TurnLatencyBenchmarks          # the Api's Npgsql Maximum Pool Size
#   SUPPORTAGENT_BENCH_PREFETCH_WAIT=0 scripts/bench.sh TurnLatencyBenchmarks  # ROUTE's reads off (Graph:PrefetchWaitSeconds)
#   SUPPORTAGENT_BENCH_CONFIGURATION=Release scripts/bench.sh TurnLatencyBenchmarks.Fake_openai_model_through_http_and_sse
#                                          # a Release build (default Debug, as the test suite), one benchmark method
#
# Exits non-zero when a benchmark fails (a failed turn, an error), never because something was slow.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/prerequisites.sh
configuration="${SUPPORTAGENT_BENCH_CONFIGURATION:-Debug}"
dotnet build SupportAgent.sln -c "$configuration" -nologo -v quiet

out="$PWD/artifacts/bench"
rm -rf "$out"
mkdir -p "$out"
filter="FullyQualifiedName~SupportAgent.Tests.Benchmarks${1:+.$1}"
echo "Running benchmarks ($filter, $configuration, levels ${SUPPORTAGENT_BENCH_LEVELS:-1:12,50:50,200:200}); log: $out/dotnet-test.log"

status=0
SUPPORTAGENT_BENCH=1 SUPPORTAGENT_BENCH_OUT="$out" \
  dotnet test SupportAgent.Tests/SupportAgent.Tests.csproj --no-build -c "$configuration" --filter "$filter" \
  --logger "console;verbosity=detailed" >"$out/dotnet-test.log" 2>&1 || status=$?

for name in router checkpoints http-offline http-fake-openai growth; do
  if [[ -f "$out/$name.md" ]]; then
    printf '\n## %s\n\n' "$name"
    cat "$out/$name.md"
  fi
done
echo
grep -E '^\s+(Passed|Failed|Skipped) SupportAgent|^\s*(Total tests|Passed|Failed):' "$out/dotnet-test.log" || true
grep -A3 -E '^\s+Failed SupportAgent' "$out/dotnet-test.log" | grep -E 'Error Message|Assert' -A1 || true
exit $status
