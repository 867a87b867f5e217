// The tooling functions of include/lms_errors_tools.h (dist/lms_tools.wasm and the native
// library): the code generators, the locale lint, the heap figure. They run when an app is
// built or checked, not per request: the WASM build compiles this file for size (CMakeLists.txt).
#ifdef __EMSCRIPTEN__
#include <emscripten/emmalloc.h>
#endif

#include <string>

#include "../instance.hpp"
#include "json_util.hpp"
#include "lms/codegen.hpp"
#include "lms/i18n.hpp"
#include "lms_errors_tools.h"

using lms::c_api::reply;
using lms::c_api::text;

LMS_C_API(lms_codegen)
lms_status lms_codegen(lms_instance* instance, const char* language, size_t language_size, const char* dialect,
                       size_t dialect_size, const char* go_package, size_t go_package_size) {
  const std::string_view wanted = text(language, language_size);
  lms::CodegenOptions options;
  options.dialect = text(dialect, dialect_size);
  const auto language_wanted = lms::codegen_language_from_string(wanted);
  if (!language_wanted)
    return reply(*instance, "unknown language '" + std::string(wanted) + "' (expected ts, go or dts)", LMS_NOT_FOUND);
  options.language = *language_wanted;
  if (go_package_size > 0) options.go_package = text(go_package, go_package_size);
  auto generated = lms::generate_code(instance->catalogue(), options);
  if (!generated.ok()) return reply(*instance, generated.status().message(), LMS_NOT_FOUND);
  return reply(*instance, std::move(generated).value());
}

LMS_C_API(lms_check_locales) lms_status lms_check_locales(lms_instance* instance) {
  return reply(*instance, lms::dump_json(lms::check_locales(instance->resources(), instance->catalogue())));
}

// Live allocations with their headers, from emmalloc's own count: WebAssembly memory grows in
// 64 KiB pages and never shrinks, too coarse to see a leak. Walks the free lists: diagnostics only.
LMS_C_API(lms_heap_bytes_in_use) double lms_heap_bytes_in_use(void) {
#ifdef __EMSCRIPTEN__
  return static_cast<double>(emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory());
#else
  return 0;
#endif
}
