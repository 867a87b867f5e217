#!/usr/bin/env bash
# npm start: set-up, build if needed, then serve the demo (PORT overrides 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# The build bundles the browser entry with esbuild and terser (devDependencies).
bash scripts/dev-deps.sh
bash scripts/build.sh --if-needed wasm
exec node web/demo/server.js
