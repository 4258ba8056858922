#!/usr/bin/env bash
# Starts the console with its registry (and, without DATABASE_URL, an embedded PostgreSQL).
# Usage: bash scripts/start.sh      (Ctrl-C stops everything it started)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

ensure_packages /usr/bin/docker-registry:docker-registry skopeo:skopeo
ensure_node_modules
ensure_build
exec node --conditions=react-server --import tsx scripts/console.ts
