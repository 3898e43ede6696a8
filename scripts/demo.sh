#!/usr/bin/env bash
# Sets up and starts the terminal in demo mode on http://localhost:3000: databases created,
# migrated and filled with demo data on first start; simulated hardware.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh demo
npm run build --silent
export SIFEE_MODE=${SIFEE_MODE:-demo}
export PORT=${PORT:-3000}
export HOST=${HOST:-127.0.0.1}
export ORIGIN=${ORIGIN:-http://localhost:$PORT}
# A village's list (collector batch upload) may be tens of MB; other requests stay small by their schemas.
export BODY_SIZE_LIMIT=${BODY_SIZE_LIMIT:-33M}
echo "== 演示模式已启动：$ORIGIN  （演示账号 clerk01 / demo1234，3号窗口；Ctrl+C 退出）"
exec bash scripts/start.sh
