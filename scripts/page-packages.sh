#!/usr/bin/env bash
# Installs the npm packages of the Host's pages (wwwroot/<page>/package.json) from their lock files, when missing or
# older than the lock file. Called by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for dir in src/Verification.Host/wwwroot src/Verification.Host/wwwroot/*/; do
  dir="${dir%/}"
  [ -f "$dir/package.json" ] || continue
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    command -v npm >/dev/null || { echo "npm is required to install the packages of $dir" >&2; exit 1; }
    echo "page packages: $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --silent && touch node_modules)
  fi
done
