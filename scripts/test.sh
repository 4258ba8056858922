#!/usr/bin/env bash
# Runs every check: formatting, lint, types, unit + integration tests (real PostgreSQL, real registry, skopeo)
# and the browser tests (Playwright in Debian's Chromium).
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

ensure_test_machine

rm -rf .reports && mkdir -p .reports
echo "== format (prettier --check; npm run format fixes)"; npx prettier --check --log-level=warn .
echo "== lint"; npx eslint --max-warnings=0 .
echo "== typecheck"; npx tsc --noEmit
echo "== dependency audit"; node scripts/audit.mjs
ensure_build

status=0
echo "== unit + integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json || status=1
echo "== browser (playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.reports/playwright.json npx playwright test --reporter=list,json || status=1

node scripts/lib/summarize-tests.mjs .reports/vitest.json .reports/playwright.json || status=1
exit $status
