#!/usr/bin/env bash
# Installs everything the product and its tests need on a fresh Debian machine with Node 20 and npm:
# pnpm 10 (corepack cannot fetch it here), Debian packages (Chromium + CJK fonts for the dashboard's browser tests
# and PDFs), and the workspace's node modules. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version | grep -q '^10\.'; then
  echo "setup: installing pnpm 10"
  npm install -g pnpm@10 >/dev/null
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
# PostgreSQL server binaries: the metadata store's production path is tested against a throwaway cluster.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: apt-get install ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} (apt-get, as root)" >&2
    exit 1
  fi
fi

echo "setup: pnpm install"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -n 3
