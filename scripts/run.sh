#!/usr/bin/env bash
# Starts SupportAgent: PostgreSQL, Redis, MockBackends, ToolsService and the Api under the Aspire AppHost.
# Containers when a container engine answers, local processes otherwise (Infrastructure__Mode forces one).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/prerequisites.sh
dotnet build SupportAgent.AppHost/SupportAgent.AppHost.csproj -c Debug -v quiet -nologo

cat <<'MSG'

  SupportAgent is starting (about 15 s until every resource is healthy).
    Dashboard (resources, traces, logs): http://localhost:15100
    Customer chat:                        http://localhost:5100/
    Agents' console:                      http://localhost:5100/console
    API reference:                        http://localhost:5100/scalar
  Stop with Ctrl+C.

MSG
exec dotnet run --project SupportAgent.AppHost --no-build --launch-profile http -- "$@"
