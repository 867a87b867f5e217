// bindings/instance.hpp — what an lms_instance (include/lms_errors.h) holds, and how a C API
// function hands back its answer. Shared by the bindings/c_api_*.cpp files only.
#pragma once

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lms/catalogue.hpp"
#include "lms/envelope.hpp"
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
  // The catalogue in force: lms_load_catalogue()'s, else the embedded one, read the first time
  // a call needs it — so lms_create() (every init()) does not read a catalogue the app may
  // replace before its first use (bindings/c_api.cpp).
  const lms::Catalogue& catalogue();
  void replace_catalogue(lms::Catalogue catalogue) { loaded_catalogue = std::move(catalogue); }

  // The translations, with lms_add_resources_deferred()'s texts merged in first, in the order
  // they were added (bindings/c_api_i18n.cpp).
  lms::ResourceStore& resources() {
    if (!deferred_resources.empty()) merge_deferred_resources();
    return merged_resources;
  }
  void defer_resources(std::string_view locale, std::string_view ns, std::string_view json) {
    deferred_resources.push_back({std::string(locale), std::string(ns), std::string(json)});
  }

  lms::RetryPolicy retry_defaults;
  lms::RetryBudget retry_budget;
  std::string result;       // lms_result_data(): the last call's answer or message
  std::vector<char> input;  // lms_input(): where a WebAssembly host writes arguments
  std::string flat_params;  // the hot calls' params as FlatParams pairs: one buffer, reused
  std::vector<lms::HeaderView> header_views;  // lms_parse*()'s headers, read in place: reused
  std::string header_text;                     // ... and the text of those that had escapes
  lms::FormatBuffers format_buffers;  // lms_format()'s params and param translations, kept
  std::size_t emit_head_size = 0;  // lms_emit_head_size(): where lms_emit()'s body begins

 private:
  std::optional<lms::Catalogue> loaded_catalogue;  // empty until catalogue() or replace_catalogue()
  lms::ResourceStore merged_resources;
  struct DeferredResources {
    std::string locale, ns, json;
  };
  std::vector<DeferredResources> deferred_resources;  // not yet in merged_resources
  void merge_deferred_resources();
};

namespace lms::c_api {

// Arguments and results are bounded: a 16 MiB body with its headers, a large import report.
inline constexpr std::size_t kMaxTransferBytes = std::size_t{64} << 20;
// A result up to this size lends its memory to the next call that writes its answer in place;
// a larger one is given back.
inline constexpr std::size_t kKeptResultBytes = std::size_t{64} << 10;

// A (pointer, size) argument as a view; NULL is the empty text.
inline std::string_view text(const char* data, std::size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

// Makes `text` the call's result and returns `status`.
lms_status reply(lms_instance& instance, std::string text, lms_status status = LMS_OK);

// Whether any byte of `text` lies in the instance's result buffer: a host may pass the last
// answer (valid until the next call) back as an argument, and then the call cannot write its
// answer there.
inline bool in_result(const lms_instance& instance, std::string_view text) {
  const std::less<const char*> before;
  const char* begin = instance.result.data();
  return !text.empty() && before(text.data(), begin + instance.result.capacity()) &&
         before(begin, text.data() + text.size());
}

// Whether a call may write its answer into the last result's memory, so that it allocates no
// result: not when one of its `arguments` lies there (a host may pass a result back), nor when
// that memory is larger than kKeptResultBytes (it is given back instead).
inline bool may_write_into_result(const lms_instance& instance, std::initializer_list<std::string_view> arguments) {
  return instance.result.capacity() <= kKeptResultBytes &&
         std::none_of(arguments.begin(), arguments.end(),
                      [&instance](std::string_view argument) { return in_result(instance, argument); });
}

// For a call that wrote its answer into instance.result itself (reusing its buffer): returns
// LMS_OK, or LMS_TOO_LARGE with the message reply() gives.
lms_status reply_written(lms_instance& instance);

// A failed Status as the call's result: its message, with its code mapped to an lms_status.
lms_status fail(lms_instance& instance, const Status& status);

}  // namespace lms::c_api
