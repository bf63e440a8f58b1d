#!/usr/bin/env bash
# Installs what the product and its tests need on a fresh Debian machine with the .NET 10 SDK.
# Idempotent: each package is installed only when missing. Usage: scripts/prerequisites.sh [--browser]
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# PostgreSQL server binaries (initdb, postgres) for local-process mode; any major version works.
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || need+=(postgresql)
# setpriv runs PostgreSQL as its own user when we are root.
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
if [[ "${1:-}" == "--browser" ]]; then
  [[ -x /usr/bin/chromium ]] || need+=(chromium chromium-driver fonts-dejavu-core)
fi

if ((${#need[@]})); then
  echo "Installing: ${need[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian's postgresql package may start a system cluster; we never use it, but it does not get in the way either.
