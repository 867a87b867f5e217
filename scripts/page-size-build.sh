#!/usr/bin/env bash
# The page build's .wasm with function names (--profiling-funcs keeps the name section; the
# code is the same as dist/lms_core.wasm's), in build/wasm-names/, for bench/page-size.mjs.
# It never replaces dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
[[ -f build/wasm-names/CMakeCache.txt ]] ||
  cmake -S . -B build/wasm-names -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
    -DCMAKE_BUILD_TYPE=MinSizeRel -DLMS_DIST_DIR="$PWD/build/wasm-names/dist" \
    "-DLMS_WASM_OPT=-Oz;-sINLINING_LIMIT=0;--profiling-funcs" >/dev/null
cmake --build build/wasm-names -j "$(nproc 2>/dev/null || echo 2)" --target lms_core_wasm
