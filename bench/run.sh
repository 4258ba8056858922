#!/usr/bin/env bash
# Runs the benchmarks on the production build, each against its own console, registry and fresh
# database; results go to bench/results/<name>.md and bench/RESULTS.md.
# Usage: bash bench/run.sh [tag-list token-service event-ingestion pages start-up front-door pull-counting storage gc retention builds build-trigger]   (no name: all)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

ensure_test_machine
ensure_build

names=("$@")
[ ${#names[@]} -eq 0 ] && names=(tag-list token-service event-ingestion pages start-up front-door pull-counting storage gc retention builds build-trigger)
for name in "${names[@]}"; do
  [ -f "bench/$name.ts" ] || { echo "error: no benchmark bench/$name.ts" >&2; exit 2; }
  echo "== bench: $name"
  node --conditions=react-server --import tsx "bench/$name.ts"
done
