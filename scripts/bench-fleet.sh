#!/usr/bin/env bash
# npm run bench:fleet [-- --json] [-- --clients N --runs N --seed N]: builds the native preset
# and runs the fleet simulation (bench/fleet.cpp), which also redraws bench/fleet.svg.
# Build output goes to stderr, so `--json` leaves exactly one JSON object on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2
bash scripts/build.sh native >&2
exec build/native/bench/lms_fleet --svg bench/fleet.svg "$@"
