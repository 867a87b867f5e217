// Envelope parsing and emission for JS (web/envelope.js).
//
// parse() is on the hot path of every failed request, and bodies can be megabytes, so it
// avoids embind's std::string conversions, which copy byte by byte in JS: the body (and the
// headers after it) arrive as bytes JS wrote into WASM memory with one set() or
// encodeInto(), and the result leaves as a handle to a {data, size} pair JS decodes with one
// TextDecoder call and then releases. Everything else crosses as JSON text, as in the other
// bindings.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "lms/envelope.hpp"
#include "state.hpp"

namespace {

// Read by JS as two 32-bit words at the handle: where the text is and how long it is.
struct TextResult {
  std::uint32_t data;
  std::uint32_t size;
  std::string text;
};

std::uintptr_t hand_over(std::string text) {
  auto* result = new TextResult{0, 0, std::move(text)};
  result->data = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(result->text.data()));
  result->size = static_cast<std::uint32_t>(result->text.size());
  return reinterpret_cast<std::uintptr_t>(result);
}

void release_text(std::uintptr_t handle) { delete reinterpret_cast<TextResult*>(handle); }

// JS numbers -> epoch ms: NaN and values beyond the range of a JS Date become 0 or the bound.
std::int64_t epoch_ms(double value) {
  constexpr double kLimit = 8.64e15;
  if (!std::isfinite(value)) return 0;
  return static_cast<std::int64_t>(std::fmax(-kLimit, std::fmin(kLimit, value)));
}

// The block at `input` holds the body (body_size bytes) followed by the headers as
// "name\0value\0..." (headers_size bytes): JS writes both with one allocation.
std::uintptr_t parse_envelope(std::uintptr_t input, std::size_t body_size, std::size_t headers_size,
                              int status, double now) {
  const char* bytes = reinterpret_cast<const char*>(input);
  lms::HttpResponse response;
  response.status = status;
  if (input != 0) {
    response.body = std::string_view(bytes, body_size);
    response.header_block = std::string_view(bytes + body_size, headers_size);
  }
  response.now_ms = epoch_ms(now);
  return hand_over(lms::parse_to_json_text(lms::bindings::catalogue(), response));
}

std::size_t max_body_bytes() { return lms::kMaxBodyBytes; }

// "" when the kind is not one of offline, timeout, aborted.
std::string network_error(const std::string& kind) {
  auto parsed = lms::network_kind_from_string(kind);
  if (!parsed) return {};
  return lms::to_json_text(lms::network_error(lms::bindings::catalogue(), *parsed));
}

// {status, headers, body}, or {error, errorType} naming the JS error class to throw.
std::string emit(const std::string& dialect, const std::string& code, const std::string& params,
                 const std::string& options) {
  const auto failure = [](const lms::Status& status) {
    nlohmann::json result = {{"error", status.message()},
                             {"errorType", status.code() == lms::StatusCode::not_found ? "RangeError" : "TypeError"}};
    return result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  auto parsed_options = lms::emit_options_from_json(options);
  if (!parsed_options.ok()) return failure(parsed_options.status());
  auto parsed_params = lms::emit_params_from_json(params);
  if (!parsed_params.ok()) return failure(parsed_params.status());
  auto response =
      lms::emit(lms::bindings::catalogue(), dialect, code, parsed_params.value(), parsed_options.value());
  if (!response.ok()) return failure(response.status());
  return lms::to_json_text(response.value());
}

}  // namespace

EMSCRIPTEN_BINDINGS(lms_envelope) {
  emscripten::function("parseEnvelope", &parse_envelope);
  emscripten::function("releaseText", &release_text);
  emscripten::function("maxBodyBytes", &max_body_bytes);
  emscripten::function("networkError", &network_error);
  emscripten::function("emit", &emit);
}
