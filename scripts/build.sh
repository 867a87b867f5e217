#!/usr/bin/env bash
# Builds the core. Targets: wasm (dist/: the two .wasm builds, the merged catalogue, and the
# browser entry bundled into dist/lms-errors.js),
# native (library, doctest suites, tools), asan (native under AddressSanitizer + UBSan).
#   bash scripts/build.sh [wasm|native|asan]...      default: wasm
#   bash scripts/build.sh --if-needed wasm           skip when dist/ is newer than the sources
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's emcc needs Node to find acorn & co. in the system module folder.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
jobs=$(nproc 2>/dev/null || echo 2)

if_needed=0
targets=()
for arg in "$@"; do
  case $arg in
    --if-needed) if_needed=1 ;;
    wasm | native | asan) targets+=("$arg") ;;
    *) echo "build.sh: unknown argument '$arg' (expected wasm, native, asan, --if-needed)" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(wasm)

wasm_is_current() {
  [[ -f dist/lms_core.wasm && -f dist/lms_tools.wasm && -f dist/catalogue.json ]] || return 1
  [[ -z $(find CMakeLists.txt CMakePresets.json wasm bindings catalogue scripts/embed-catalogue.cmake \
    -newer dist/lms_core.wasm -type f 2>/dev/null | head -n 1) ]]
}

bundle_web() {
  if [[ ! -d node_modules/esbuild || ! -d node_modules/terser ]]; then
    echo "build.sh: esbuild or terser is missing (devDependencies): run 'npm ci' first" >&2
    exit 1
  fi
  node scripts/bundle-web.mjs
}

for target in "${targets[@]}"; do
  # esbuild + terser take a second: the browser bundle is always rebuilt with wasm.
  [[ $target == wasm ]] && bundle_web
  if [[ $target == wasm && $if_needed == 1 ]] && wasm_is_current; then
    continue
  fi
  [[ -f build/$target/CMakeCache.txt ]] || cmake --preset "$target" >/dev/null
  cmake --build --preset "$target" -j "$jobs"
done
