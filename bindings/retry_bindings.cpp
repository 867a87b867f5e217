// Retry decisions for JS. Arguments and results cross as JSON text (web/retry.js converts),
// so callers get plain objects.
//
// State: the instance's default policy and its retry budget. Each init() instantiates its own
// WASM module, so this per-module state is exactly "one budget per lms instance".
#include <fmt/compile.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bridge.hpp"
#include "json_util.hpp"
#include "json_writer.hpp"
#include "lms/retry.hpp"
#include "state.hpp"

namespace {

using nlohmann::json;

// An error object may carry a whole import report; the JS layer sends only the members
// decide() reads, so anything near this size is a caller's mistake.
constexpr std::size_t kMaxArgumentBytes = 1u << 20;

struct RetryState {
  lms::RetryPolicy defaults;
  lms::RetryBudget budget;
};

RetryState& state() {
  static RetryState instance;
  return instance;
}

std::optional<json> parse_argument(std::string_view text, const char* what, std::string& problem) {
  if (text.size() > kMaxArgumentBytes || !lms::json_depth_within(text, lms::kMaxJsonDepth)) {
    problem = fmt::format(FMT_COMPILE("{} is too large or too deeply nested"), what);
    return std::nullopt;
  }
  json value = lms::parse_json(text);
  if (value.is_discarded()) {
    problem = fmt::format(FMT_COMPILE("{} is not valid JSON"), what);
    return std::nullopt;
  }
  return value;
}

// The instance default, or `text` (a partial policy) over it.
lms::StatusOr<lms::RetryPolicy> policy_for(std::string_view text) {
  if (text.empty()) return state().defaults;
  std::string problem;
  auto value = parse_argument(text, "retry policy", problem);
  if (!value) return lms::invalid_argument(problem);
  return lms::policy_from_json(*value, state().defaults);
}

std::int32_t failure(std::string_view message) { return lms::bridge::reply(message, lms::bridge::kTypeError); }

}  // namespace

// (error JSON, context JSON, policy JSON or "") -> {"retry","delayMs","action","reason","cost"}
LMS_EXPORT(lms_decide)
std::int32_t lms_decide(std::uint32_t error_size, std::uint32_t context_size, std::uint32_t policy_size) {
  lms::bridge::Arguments arguments;
  const std::string_view error_text = arguments.next(error_size);
  const std::string_view context_text = arguments.next(context_size);
  const std::string_view policy_text = arguments.next(policy_size);
  std::string problem;
  auto error_value = parse_argument(error_text, "error", problem);
  if (!error_value) return failure(problem);
  auto error = lms::error_head_from_json(*error_value);
  if (!error.ok()) return failure(error.status().message());
  auto context_value = parse_argument(context_text, "retry context", problem);
  if (!context_value) return failure(problem);
  auto context = lms::context_from_json(*context_value);
  if (!context.ok()) return failure(context.status().message());
  auto policy = policy_for(policy_text);
  if (!policy.ok()) return failure(policy.status().message());

  const lms::Decision decision =
      lms::decide(lms::bindings::catalogue(), error.value(), context.value(), policy.value(), &state().budget);
  // lms::to_json(decision) plus cost, written directly (members in that object's order): no DOM
  // built only to be serialized.
  lms::JsonWriter result;
  result.begin_object();
  result.key("action").string(lms::to_string(decision.action));
  result.key("cost").value(json(decision.cost));  // for lms.fetch's per-request accounting; not shown to users
  result.key("delayMs").integer(decision.delay_ms);
  result.key("reason").string(decision.reason);
  result.key("retry").boolean(decision.retry);
  result.end_object();
  return lms::bridge::reply(std::move(result).text());
}

// init({ retry }): the instance's default policy, over the built-in one (a TypeError if invalid).
LMS_EXPORT(lms_set_retry_policy) std::int32_t lms_set_retry_policy(std::uint32_t policy_size) {
  lms::bridge::Arguments arguments;
  std::string problem;
  auto value = parse_argument(arguments.next(policy_size), "retry policy", problem);
  if (!value) return failure(problem);
  auto policy = lms::policy_from_json(*value, lms::RetryPolicy{});
  if (!policy.ok()) return failure(policy.status().message());
  state().defaults = policy.value();
  return lms::bridge::reply({});
}

// lms.fetch got a response it returns: the request's withdrawn tokens come back (or one for a
// first-try success). Policy text as for decide(), for the budget's numbers.
LMS_EXPORT(lms_retry_succeeded)
std::int32_t lms_retry_succeeded(std::uint32_t policy_size, double spent, double now_ms) {
  lms::bridge::Arguments arguments;
  auto policy = policy_for(arguments.next(policy_size));
  if (policy.ok() && spent >= 0 && spent <= 1e9 && now_ms >= 0 && now_ms <= 1e15)
    state().budget.on_success(spent, static_cast<std::int64_t>(now_ms), policy.value().budget);
  return lms::bridge::reply({});
}
