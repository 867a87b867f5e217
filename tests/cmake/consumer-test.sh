#!/usr/bin/env bash
# The CMake package from outside the tree: installs the native build (build/native, from
# `bash scripts/build.sh native`) into a temporary prefix, then builds a consumer project created
# in a temporary folder with find_package(lms_errors CONFIG), with g++ and with clang++, and runs
# it. Also configures (without building) the tree with LMS_ERRORS_BUILD_TESTS=OFF and doctest
# made unfindable, and a project that adds the tree with add_subdirectory().
#   bash tests/cmake/consumer-test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
[[ -f $root/build/native/CMakeCache.txt ]] || { echo "consumer-test: run 'bash scripts/build.sh native' first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --build "$root/build/native" --target lms_errors -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
cmake --install "$root/build/native" --prefix "$work/prefix" >/dev/null
if find "$work/prefix" -iname '*doctest*' | grep -q .; then
  echo "consumer-test: doctest was installed" >&2; exit 1
fi

# Tests off: doctest is not even looked for (a REQUIRED find of a disabled package fails).
cmake -S "$root" -B "$work/no-tests" -DLMS_ERRORS_BUILD_TESTS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON --no-warn-unused-cli >/dev/null

# add_subdirectory(): tests default to OFF there, the lms_errors:: names resolve, and generated
# files land in the subproject's own build folder.
mkdir -p "$work/parent"
cat >"$work/parent/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(parent LANGUAGES C CXX)
add_subdirectory(${LMS_ROOT} lms_errors)
if(LMS_ERRORS_BUILD_TESTS OR TARGET lms_tests)
  message(FATAL_ERROR "tests are built in a subproject")
endif()
add_executable(parent_server main.cpp)
target_link_libraries(parent_server PRIVATE lms_errors::core lms_errors::c_api)
get_target_property(sources lms_core SOURCES)
list(FILTER sources INCLUDE REGEX "embedded_catalogue")
if(NOT sources)
  message(FATAL_ERROR "no embedded catalogue source")
endif()
foreach(source IN LISTS sources)
  string(FIND "${source}" "${CMAKE_BINARY_DIR}/lms_errors/generated/" at)
  if(NOT at EQUAL 0)
    message(FATAL_ERROR "generated source outside the subproject's build folder: ${source}")
  endif()
endforeach()
CMAKE
touch "$work/parent/main.cpp"
cmake -S "$work/parent" -B "$work/parent-build" -DLMS_ROOT="$root" -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON --no-warn-unused-cli >/dev/null

mkdir -p "$work/consumer"
cat >"$work/consumer/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(lms_errors_consumer LANGUAGES C CXX)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
find_package(lms_errors 0.1 CONFIG REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE lms_errors::core lms_errors::c_api)
CMAKE
cat >"$work/consumer/main.cpp" <<'CPP'
// Uses both installed libraries: the C++ core (a parse and an emit) and the C API (a lookup).
#include <cstdio>
#include <string>
#include <string_view>

#include <lms/catalogue.hpp>
#include <lms/envelope.hpp>
#include <lms_errors.h>

int main() {
  auto catalogue = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
  if (!catalogue.ok()) { std::puts("catalogue did not load"); return 1; }
  const std::string body = R"({"statusCode":404,"code":"NOT_FOUND","message":"Student not found"})";
  lms::HttpResponse response;
  response.status = 404;
  response.body = body;
  const lms::NormalizedError error = lms::parse(catalogue.value(), response);
  std::printf("parse: %s %s %d %s\n", error.dialect.c_str(), error.code.c_str(), error.status,
              error.known ? "known" : "unknown");

  lms_instance* instance = lms_create();
  const std::string_view code = "LMS-ADM-007";
  const lms_status status = lms_lookup(instance, code.data(), code.size(), "", 0);
  std::printf("lookup: %d %.*s\n", static_cast<int>(status), static_cast<int>(lms_result_size(instance)),
              lms_result_data(instance));
  lms_destroy(instance);
  return status == LMS_OK && error.known ? 0 : 1;
}
CPP

for compiler in g++ clang++; do
  dir="$work/consumer-build-$compiler"
  cmake -S "$work/consumer" -B "$dir" -DCMAKE_CXX_COMPILER="$compiler" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
  cmake --build "$dir" >/dev/null
  out=$("$dir/consumer")
  printf '%s\n%s\n' "== consumer built with $compiler" "$out"
  grep -qx 'parse: nestjs NOT_FOUND 404 known' <<<"$out" &&
    grep -q '^lookup: 0 {"dialect":"lms","code":"LMS-ADM-007","status":500,"message":"update failed"' <<<"$out" ||
    { echo "consumer-test: unexpected output" >&2; exit 1; }
done
echo "consumer-test: ok (g++ and clang++)"
