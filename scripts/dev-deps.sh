#!/usr/bin/env bash
# Runs `npm ci` when any devDependency of package.json is missing from node_modules (a fresh
# clone, or a checkout older than a newly added one). npm start and npm test both call it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! node -e "const { devDependencies } = require('./package.json');
  process.exit(Object.keys(devDependencies).every((name) => require('fs').existsSync('node_modules/' + name + '/package.json')) ? 0 : 1)"; then
  printf '\n== npm ci\n'
  npm ci --no-audit --no-fund
fi
