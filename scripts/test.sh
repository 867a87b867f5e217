#!/usr/bin/env bash
# npm test: everything — set-up, native build + doctest (plain and sanitized, through ctest),
# a short fuzzing run (FUZZ_SECONDS, default 20), WASM build, the CMake package's out-of-tree
# consumer, the Go package's tests, the Node suites against the built package, and the
# headless-Chromium tests.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "bootstrap"
bash scripts/bootstrap.sh
bash scripts/dev-deps.sh

step "native build + doctest"
bash scripts/build.sh native
ctest --preset native

step "native build + doctest under AddressSanitizer + UBSan"
bash scripts/build.sh asan
ctest --preset asan

step "fuzzing the envelope parser (libFuzzer, ASan + UBSan)"
FUZZ_SECONDS=${FUZZ_SECONDS:-20} bash scripts/fuzz.sh

step "WASM build"
bash scripts/build.sh wasm
printf 'dist/lms_core.wasm: %s bytes, %s gzip -9\n' "$(stat -c %s dist/lms_core.wasm)" "$(gzip -9c dist/lms_core.wasm | wc -c)"

step "generated files match the catalogue (codegen --check)"
bash scripts/check-generated.sh

step "CMake package: find_package from a consumer outside the tree (g++ and clang++)"
bash tests/cmake/consumer-test.sh

step "Go package: gofmt, go vet, go test (shared vectors; a net/http server read back by lms.parse)"
bash scripts/go-test.sh

step "Node suites against the built package, and Chromium"
node --test --test-reporter=spec tests/node/ tests/browser/

step "ecosystem: the packed package in Vite, webpack, Next.js, esbuild, Rollup, Vitest, Jest and React, and through the TanStack Query, ky and axios adapters (tests/ecosystem/)"
node --test --test-reporter=spec --test-concurrency=1 tests/ecosystem/ecosystem.test.js
