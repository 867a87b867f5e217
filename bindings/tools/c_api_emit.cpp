// The emission functions of include/lms_errors_tools.h (dist/lms_tools.wasm and the native
// library): what a server or a mock sends for an error. Pages parse envelopes and never emit
// them, so dist/lms_core.wasm leaves this out. It runs once per error response, so its common
// arguments are read in place.
#include <array>
#include <optional>
#include <span>

#include "../instance.hpp"
#include "json_scan.hpp"
#include "json_util.hpp"
#include "lms/envelope.hpp"
#include "lms_errors_tools.h"

using lms::c_api::fail;
using lms::c_api::may_write_into_result;
using lms::c_api::reply;
using lms::c_api::text;

namespace {

// The options a server passes on most calls — timestamp, path, message, requestId, retryAfter —
// read in place (no DOM; emit() runs once per error response). nullopt for any other form
// (data, errors, rateLimit, a wrong type, an unknown member): the core's reader takes those and
// words their errors.
std::optional<lms::EmitOptions> common_emit_options(std::string_view text) {
  std::string_view root;
  if (!lms::jscan::validate(text, lms::kMaxJsonDepth, root) || !lms::jscan::is_object(root)) return std::nullopt;
  lms::EmitOptions options;
  bool common = true;
  lms::jscan::for_each_member(root, [&](std::string_view key, std::string_view value) {
    if (!common) return;
    const std::string_view name = key.substr(1, key.size() - 2);  // an escaped name is not common
    if (name == "retryAfter") {
      const auto number = lms::jscan::to_int64(value);
      common = number && lms::jscan::copies_verbatim(value) && *number >= 0;
      if (common) options.retry_after_seconds = *number;
    } else if (lms::jscan::is_string(value) &&
               (name == "timestamp" || name == "path" || name == "message" || name == "requestId")) {
      std::string decoded = lms::jscan::decode_string(value);
      if (name == "timestamp") options.timestamp = std::move(decoded);
      else if (name == "path") options.path = std::move(decoded);
      else if (name == "message") options.message = std::move(decoded);
      else options.request_id = std::move(decoded);
    } else {
      common = false;
    }
  });
  if (!common) return std::nullopt;
  return options;
}

// At most this many params are read in place: a catalogue entry has a few.
constexpr std::size_t kMaxParamsInPlace = 8;

// Params as a server passes them most often — strings and names without escapes, whole numbers,
// booleans, each name once — read in place (no JSON object built), into `params`; their count,
// or nullopt for any other form: the core's JSON reader takes those and words their errors.
std::optional<std::size_t> emit_params_in_place(std::string_view text,
                                                std::array<lms::EmitParam, kMaxParamsInPlace>& params) {
  std::string_view root;
  if (!lms::jscan::validate(text, lms::kMaxJsonDepth, root) || !lms::jscan::is_object(root)) return std::nullopt;
  std::size_t count = 0;
  bool in_place = true;
  lms::jscan::for_each_member(root, [&](std::string_view key, std::string_view value) {
    if (!in_place) return;
    const auto name = lms::jscan::plain_string(key);
    in_place = name && count < params.size();
    for (std::size_t i = 0; in_place && i < count; ++i) in_place = params[i].name != *name;
    if (!in_place) return;
    lms::EmitParam& param = params[count++];
    param.name = *name;
    param.is_string = lms::jscan::is_string(value);
    if (param.is_string) {
      const auto characters = lms::jscan::plain_string(value);
      in_place = characters.has_value();
      if (in_place) param.text = *characters;
    } else {
      // A whole number's JSON is written back as it came, as the JSON reader would write it.
      in_place = lms::jscan::is_true(value) || lms::jscan::is_false(value) ||
                 (lms::jscan::is_number(value) && lms::jscan::to_int64(value) && lms::jscan::copies_verbatim(value));
      param.text = value;
    }
  });
  if (!in_place) return std::nullopt;
  return count;
}

// Epoch ms as the core counts them: the whole milliseconds of a finite time within JS's exact
// range (2^53), which every host's clock fits.
std::optional<std::int64_t> epoch_ms(double now_ms) {
  constexpr double kLimit = 9007199254740992.0;
  if (!(now_ms > -kLimit && now_ms < kLimit)) return std::nullopt;  // also NaN
  return static_cast<std::int64_t>(now_ms);
}

}  // namespace

LMS_C_API(lms_emit)
lms_status lms_emit(lms_instance* instance, const char* dialect, size_t dialect_size, const char* code,
                    size_t code_size, const char* params_json, size_t params_size, const char* path,
                    size_t path_size, const char* options_json, size_t options_size, double now_ms) {
  instance->emit_head_size = 0;
  const auto now = epoch_ms(now_ms);
  if (!now) return reply(*instance, "now must be epoch milliseconds (finite, within +-2^53)", LMS_INVALID_ARGUMENT);
  const std::string_view options_text = text(options_json, options_size);
  auto common = options_text.empty() ? std::nullopt : common_emit_options(options_text);
  auto options = common ? lms::StatusOr<lms::EmitOptions>(std::move(*common)) : lms::emit_options_from_json(options_text);
  if (!options.ok()) return fail(*instance, options.status());
  options.value().now_ms = *now;
  if (path_size > 0) options.value().path = text(path, path_size);
  const std::string_view params_text = text(params_json, params_size);
  std::array<lms::EmitParam, kMaxParamsInPlace> in_place;
  const auto in_place_count = params_text.empty() ? std::optional<std::size_t>(0) : emit_params_in_place(params_text, in_place);
  const bool reuse = may_write_into_result(*instance, {text(dialect, dialect_size), text(code, code_size), params_text,
                                                      text(path, path_size), options_text});
  std::string out = reuse ? std::move(instance->result) : std::string();
  auto head_size = [&]() -> lms::StatusOr<std::size_t> {
    if (in_place_count)
      return lms::emit_to_wire(out, instance->catalogue(), text(dialect, dialect_size), text(code, code_size),
                               std::span<const lms::EmitParam>(in_place.data(), *in_place_count), options.value());
    auto params = lms::emit_params_from_json(params_text);
    if (!params.ok()) return params.status();
    return lms::emit_to_wire(out, instance->catalogue(), text(dialect, dialect_size), text(code, code_size),
                             params.value(), options.value());
  }();
  if (!head_size.ok()) return fail(*instance, head_size.status());
  const lms_status status = reply(*instance, std::move(out));
  if (status == LMS_OK) instance->emit_head_size = head_size.value();
  return status;
}

LMS_C_API(lms_emit_head_size) size_t lms_emit_head_size(const lms_instance* instance) {
  return instance->emit_head_size;
}
