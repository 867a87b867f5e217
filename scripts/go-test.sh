#!/usr/bin/env bash
# The Go package (go/): installs the native library built by `bash scripts/build.sh native` into
# build/native-install (what cgo links, found through its lms_errors.pc), then gofmt, go vet and
# go test (with the race detector). The server test reads responses back with the package in
# dist/, so `bash scripts/build.sh wasm` must have run too.
#   bash scripts/go-test.sh [go test flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f build/native/CMakeCache.txt ]] || { echo "go-test.sh: run 'bash scripts/build.sh native' first" >&2; exit 1; }
cmake --build build/native --target lms_errors -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
cmake --install build/native --prefix build/native-install >/dev/null
export PKG_CONFIG_PATH=$PWD/build/native-install/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
# Standard library and cgo only: nothing is downloaded.
export GOFLAGS=-mod=mod GOPROXY=off
cd go
unformatted=$(gofmt -l .)
[[ -z $unformatted ]] || { echo "go-test.sh: not gofmt-clean: $unformatted" >&2; exit 1; }
go vet ./...
go test -race -count=1 "$@" ./...
