// Envelope parsing for JS (web/envelope.js); emission is in the tools build
// (bindings/tools/emit_bindings.cpp).
//
// parse() is on the hot path of every failed request, and bodies can be megabytes: JS writes
// the body's bytes (a string encoded straight into WASM memory) and then the headers as
// "name\0value\0...", and gets the normalized error back as a JSON array of its members
// (lms::parse_to_json_array; web/envelope.js names them).
#include <cmath>
#include <cstdint>

#include "bridge.hpp"
#include "lms/envelope.hpp"
#include "state.hpp"

using lms::bridge::Arguments;
using lms::bridge::reply;

namespace {

// JS numbers -> epoch ms: NaN and values beyond the range of a JS Date become 0 or the bound.
std::int64_t epoch_ms(double value) {
  constexpr double kLimit = 8.64e15;
  if (!std::isfinite(value)) return 0;
  return static_cast<std::int64_t>(std::fmax(-kLimit, std::fmin(kLimit, value)));
}

}  // namespace

LMS_EXPORT(lms_parse)
std::int32_t lms_parse(std::uint32_t body_size, std::uint32_t headers_size, std::int32_t status, double now) {
  Arguments arguments;
  lms::HttpResponse response;
  response.status = status;
  response.body = arguments.next(body_size);
  response.header_block = arguments.next(headers_size);
  response.now_ms = epoch_ms(now);
  return reply(lms::parse_to_json_array(lms::bindings::catalogue(), response));
}

LMS_EXPORT(lms_max_body_bytes) std::uint32_t lms_max_body_bytes() { return lms::kMaxBodyBytes; }

// 'offline' | 'timeout' | 'aborted' -> the error's JSON (a TypeError for any other kind).
LMS_EXPORT(lms_network_error) std::int32_t lms_network_error(std::uint32_t kind_size) {
  Arguments arguments;
  auto kind = lms::network_kind_from_string(arguments.next(kind_size));
  if (!kind) return reply("unknown network error kind", lms::bridge::kTypeError);
  return reply(lms::to_json_text(lms::network_error(lms::bindings::catalogue(), *kind)));
}
