#!/usr/bin/env bash
# Checks that every tool the build and tests need is here; as root, installs what is missing
# from Debian's packages. Idempotent, and fast (no apt call) when everything is present.
#   bash scripts/bootstrap.sh            # build + test tools
set -euo pipefail

# "check-command-or-file:debian-package"
requirements=(
  "cmake:cmake"
  "g++:g++"
  "clang++:clang"
  "emcc:emscripten"
  "wasm-opt:binaryen"
  "/usr/include/nlohmann/json.hpp:nlohmann-json3-dev"
  "/usr/include/fmt/format.h:libfmt-dev"
  "/usr/include/doctest/doctest.h:doctest-dev"
  "node:nodejs"
  "npm:npm"
  "chromium:chromium"
  "firefox-esr:firefox-esr"
  "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev"
  "go:golang-go"
  "pkg-config:pkg-config"
)

missing=()
for requirement in "${requirements[@]}"; do
  check=${requirement%%:*}
  package=${requirement##*:}
  if [[ $check == /* ]]; then
    [[ -e $check ]] || missing+=("$package")
  else
    command -v "$check" >/dev/null 2>&1 || missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "bootstrap: missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists when they are absent or older than a day.
if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1) ]]; then
  apt-get update -q
fi
apt-get install -y -q --no-install-recommends "${missing[@]}"
