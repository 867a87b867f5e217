#!/usr/bin/env bash
# npm run fuzz: builds the libFuzzer target for the envelope parser (clang++, ASan + UBSan) and
# runs it for FUZZ_SECONDS (default 60, or 20 when CI=true) on a corpus seeded from the
# envelope test vectors. New inputs collect in build/fuzz/corpus (kept between runs); a
# finding stops the run with its input saved as build/fuzz/crash-* (see tests/fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n ${FUZZ_SECONDS:-} ]]; then
  seconds=$FUZZ_SECONDS
elif [[ ${CI:-} == true ]]; then
  seconds=20
else
  seconds=60
fi

[[ -f build/fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc 2>/dev/null || echo 2)"

seeds=build/fuzz/seed-corpus
corpus=build/fuzz/corpus
rm -rf "$seeds"
mkdir -p "$corpus"
node tests/fuzz/make-corpus.mjs "$seeds"

# -rss_limit_mb: a 64 KiB input must never need gigabytes; -timeout: nor seconds.
# tests/fuzz/regressions holds every input that once broke an invariant: replayed on each run.
exec build/fuzz/tests/fuzz/lms_fuzz_envelope "$corpus" "$seeds" tests/fuzz/regressions \
  -dict=tests/fuzz/envelope.dict -max_len=65536 -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/
