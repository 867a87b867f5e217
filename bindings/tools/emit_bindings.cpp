// The tools build only (dist/lms_tools.wasm: Node's default, the CLI, init({ tools: true })):
// emission, what a server or a mock sends. Pages parse envelopes and never emit them, so the
// page build (dist/lms_core.wasm) leaves the writers of every convention out.
#include <cmath>
#include <cstdint>

#include "../bridge.hpp"
#include "../state.hpp"
#include "lms/envelope.hpp"

using lms::bridge::Arguments;
using lms::bridge::reply;

namespace {

std::int32_t failure(const lms::Status& status) {
  return reply(status.message(),
               status.code() == lms::StatusCode::not_found ? lms::bridge::kRangeError : lms::bridge::kTypeError);
}

}  // namespace

// (dialect, code, params JSON or "", options JSON or "", now in epoch ms) -> {status, headers,
// body} as JSON; a RangeError for an unknown (dialect, code), a TypeError for bad params or
// options. "" skips the JSON reader for the common call without params or options.
LMS_EXPORT(lms_emit)
std::int32_t lms_emit(std::uint32_t dialect_size, std::uint32_t code_size, std::uint32_t params_size,
                      std::uint32_t options_size, double now) {
  Arguments arguments;
  const std::string_view dialect = arguments.next(dialect_size);
  const std::string_view code = arguments.next(code_size);
  const std::string_view params_json = arguments.next(params_size);
  auto options = lms::emit_options_from_json(arguments.next(options_size));
  if (!options.ok()) return failure(options.status());
  // Within what a Date can hold (±8.64e15 ms), so the conversion is defined.
  options.value().now_ms = static_cast<std::int64_t>(std::fmax(-8.64e15, std::fmin(8.64e15, now)));
  auto params = lms::emit_params_from_json(params_json);
  if (!params.ok()) return failure(params.status());
  auto response = lms::emit(lms::bindings::catalogue(), dialect, code, params.value(), options.value());
  if (!response.ok()) return failure(response.status());
  return reply(lms::to_json_text(response.value()));
}
