#!/usr/bin/env bash
# Runs the product on the embedded default: installs everything, generates a demo province (a year of cases, plus a
# file of later versions), loads it through the real ETL, then starts the api (DEMO=1 seeds one user per role and
# prints their passwords). Ctrl-C stops it. DATA_DIR (default ./data), PORT (default 4000) apply.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export DATA_DIR="${DATA_DIR:-$PWD/data}"
demo="$DATA_DIR/demo"
mkdir -p "$demo"
if [ ! -f "$demo/.loaded" ]; then
  rows="${DEMO_ROWS:-200000}"
  echo "demo: generating $rows cases for 山西省 (140000), 2025-11 … 2026-10"
  pnpm -s etl generate --rows "$rows" --seed demo --from 2025-11 --to 2026-10 --province 140000 \
    --format csv --out "$demo/cases-2025-11_2026-10.csv" --versions-out "$demo/cases-later-versions.csv"
  echo "demo: loading"
  pnpm -s etl load "$demo/cases-2025-11_2026-10.csv" "$demo/cases-later-versions.csv" --rejects-dir "$demo" --user demo
  touch "$demo/.loaded"
fi
echo "demo: building the dashboard"
pnpm -s build
export DEMO=1
exec pnpm -s start
