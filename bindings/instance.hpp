// bindings/instance.hpp — what an lms_instance (include/lms_errors.h) holds, and how a C API
// function hands back its answer. Shared by the bindings/c_api_*.cpp files only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lms/catalogue.hpp"
#include "lms/i18n.hpp"
#include "lms/retry.hpp"
#include "lms/status.hpp"
#include "lms_errors.h"

// Defines a function of the C API. In the WebAssembly builds it is also a module export under
// its own name (the .wasm files are built with -sSTANDALONE_WASM and export nothing else).
#ifdef __EMSCRIPTEN__
#define LMS_C_API(name) extern "C" __attribute__((export_name(#name)))
#else
#define LMS_C_API(name) extern "C"
#endif

struct lms_instance {
  lms::Catalogue catalogue;
  lms::ResourceStore resources;
  lms::RetryPolicy retry_defaults;
  lms::RetryBudget retry_budget;
  std::string result;       // lms_result_data(): the last call's answer or message
  std::vector<char> input;  // lms_input(): where a WebAssembly host writes arguments
  std::string flat_params;  // the hot calls' params as FlatParams pairs: one buffer, reused
  std::size_t emit_head_size = 0;  // lms_emit_head_size(): where lms_emit()'s body begins
};

namespace lms::c_api {

// Arguments and results are bounded: a 16 MiB body with its headers, a large import report.
inline constexpr std::size_t kMaxTransferBytes = std::size_t{64} << 20;

// A (pointer, size) argument as a view; NULL is the empty text.
inline std::string_view text(const char* data, std::size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

// Makes `text` the call's result and returns `status`.
lms_status reply(lms_instance& instance, std::string text, lms_status status = LMS_OK);

// Whether `text` lies in the instance's result buffer: a host may pass the last answer (valid
// until the next call) back as an argument, and then the call cannot write its answer there.
inline bool in_result(const lms_instance& instance, std::string_view text) {
  const char* begin = instance.result.data();
  return std::greater_equal<const char*>()(text.data(), begin) &&
         std::less_equal<const char*>()(text.data(), begin + instance.result.capacity());
}

// For a call that wrote its answer into instance.result itself (reusing its buffer): returns
// LMS_OK, or LMS_TOO_LARGE with the message reply() gives.
lms_status reply_written(lms_instance& instance);

// A failed Status as the call's result: its message, with its code mapped to an lms_status.
lms_status fail(lms_instance& instance, const Status& status);

}  // namespace lms::c_api
