#!/usr/bin/env bash
# The whole test suite: type check, lint and format check, unit and integration tests (vitest,
# real SQLite files and serial pty pairs), then end-to-end tests in Chromium against the built server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== type check"
npx svelte-kit sync
npx svelte-check --tsconfig ./tsconfig.json --threshold error --output human

echo "== lint (ESLint) and format check (Prettier; npm run format rewrites)"
npm run lint --silent
npm run format:check --silent

# Built first: integration tests of what the browser really gets run against the built server.
echo "== build"
npm run build --silent

echo "== unit and integration tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=$?

echo "== end-to-end tests (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json || status=$?

node scripts/test-summary.mjs "$results/vitest.json" "$results/playwright.json"
exit $status
