#!/usr/bin/env bash
# Runs every check CI runs: install, typecheck, lint, unit + integration tests (real chdb, real SQLite, real
# processes), end-to-end tests (whole stack, real Chromium) when present. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== build dashboard"; pnpm -s build
echo "== typecheck"; pnpm -s typecheck
echo "== lint"; pnpm -s lint
echo "== unit + integration tests"
pnpm -s jest --selectProjects unit integration dashboard --maxWorkers=2
echo "== the server path (CLICKHOUSE_URL) over ClickHouse's HTTP interface: golden fixtures, core api suites"
pnpm -s test:server-path --maxWorkers=2
if compgen -G "tests/**/*.e2e.test.ts" >/dev/null || compgen -G "tests/*.e2e.test.ts" >/dev/null; then
  echo "== end-to-end tests"; pnpm -s jest --selectProjects e2e --runInBand
fi
