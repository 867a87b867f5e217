#!/usr/bin/env bash
# npm start: set-up, build if needed, then serve the demo (PORT overrides 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# The build bundles the browser entry with esbuild (a devDependency).
[[ -d node_modules/esbuild ]] || npm ci --no-audit --no-fund
bash scripts/build.sh --if-needed wasm
exec node web/demo/server.js
