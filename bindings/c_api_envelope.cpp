// Envelope parsing and the retry decisions of include/lms_errors.h. Emission is in the tools
// build (bindings/tools/c_api_tools.cpp).
#include <cmath>

#include "instance.hpp"
#include "lms/envelope.hpp"
#include "lms/retry.hpp"
#include "wire.hpp"
#include "wire_in_place.hpp"

using lms::c_api::fail;
using lms::c_api::may_write_into_result;
using lms::c_api::reply;
using lms::c_api::text;

namespace {

constexpr std::string_view kUnknownNetworkKind = "the network error kind must be offline, timeout or aborted";

// Host numbers -> epoch ms: NaN and values beyond the range of a JS Date become 0 or the bound.
std::int64_t epoch_ms(double value) {
  constexpr double kLimit = 8.64e15;
  if (!std::isfinite(value)) return 0;
  return static_cast<std::int64_t>(std::fmax(-kLimit, std::fmin(kLimit, value)));
}

// The response a host handed over, or why it cannot be read. Its headers are read into the
// instance's buffers: the response is valid until the next call.
lms::StatusOr<lms::HttpResponseView> response_of(lms_instance& instance, int status, std::string_view headers_json,
                                                 std::string_view body, double now_ms) {
  if (status < 0 || status > 999) return lms::invalid_argument("status must be an HTTP status (0 to 999)");
  const lms::Status headers = lms::wire::read_headers(headers_json, instance.header_views, instance.header_text);
  if (!headers.ok()) return headers;
  return lms::HttpResponseView{status, instance.header_views, body, epoch_ms(now_ms)};
}

// decide() for `error` with the host's context and policy, charging the instance's budget.
lms::StatusOr<lms::Decision> decide_for(lms_instance& instance, const lms::NormalizedError& error,
                                        std::string_view context_json, std::string_view policy_json) {
  auto context = lms::wire::read_context(context_json);
  if (!context.ok()) return context.status();
  auto policy = lms::wire::read_policy(policy_json, instance.retry_defaults);
  if (!policy.ok()) return policy.status();
  return lms::decide(instance.catalogue(), error, context.value(), policy.value(), &instance.retry_budget);
}

// What decide() reads of an error argument.
lms::StatusOr<lms::NormalizedError> error_for_decide(std::string_view text) {
  lms::wire::ErrorMembers members;
  if (const lms::Status read = lms::wire::read_error_members(text, members); !read.ok()) return read;
  lms::NormalizedError error;
  error.dialect = members.dialect;
  error.code = members.code;
  error.status = members.status;
  error.retry_after_ms = members.retry_after_ms;
  error.rate_limit = members.rate_limit;
  return error;
}

}  // namespace

LMS_C_API(lms_parse)
lms_status lms_parse(lms_instance* instance, int status, const char* headers_json, size_t headers_size,
                     const char* body, size_t body_size, double now_ms) {
  const std::string_view headers_text = text(headers_json, headers_size);
  const std::string_view body_text = text(body, body_size);
  auto response = response_of(*instance, status, headers_text, body_text, now_ms);
  if (!response.ok()) return fail(*instance, response.status());
  std::string out = may_write_into_result(*instance, {headers_text, body_text}) ? std::move(instance->result) : std::string();
  lms::parse_to_json_text(out, instance->catalogue(), response.value());
  return reply(*instance, std::move(out));
}

LMS_C_API(lms_network_error) lms_status lms_network_error(lms_instance* instance, const char* kind, size_t kind_size) {
  auto network_kind = lms::network_kind_from_string(text(kind, kind_size));
  if (!network_kind) return reply(*instance, std::string(kUnknownNetworkKind), LMS_NOT_FOUND);
  return reply(*instance, lms::to_json_text(lms::network_error(instance->catalogue(), *network_kind)));
}

LMS_C_API(lms_set_retry_policy)
lms_status lms_set_retry_policy(lms_instance* instance, const char* policy_json, size_t policy_size) {
  auto policy = lms::wire::read_policy(text(policy_json, policy_size), lms::RetryPolicy{});
  if (!policy.ok()) return fail(*instance, policy.status());
  instance->retry_defaults = policy.value();
  return reply(*instance, {});
}

LMS_C_API(lms_decide)
lms_status lms_decide(lms_instance* instance, const char* error_json, size_t error_size, const char* context_json,
                      size_t context_size, const char* policy_json, size_t policy_size) {
  auto error = error_for_decide(text(error_json, error_size));
  if (!error.ok()) return fail(*instance, error.status());
  auto decision = decide_for(*instance, error.value(), text(context_json, context_size), text(policy_json, policy_size));
  if (!decision.ok()) return fail(*instance, decision.status());
  return reply(*instance, lms::to_json_text(decision.value()));
}

LMS_C_API(lms_parse_and_decide)
lms_status lms_parse_and_decide(lms_instance* instance, int status, const char* headers_json, size_t headers_size,
                                const char* body, size_t body_size, double now_ms, const char* context_json,
                                size_t context_size, const char* policy_json, size_t policy_size) {
  auto response = response_of(*instance, status, text(headers_json, headers_size), text(body, body_size), now_ms);
  if (!response.ok()) return fail(*instance, response.status());
  lms::ParsedResponse parsed = lms::parse_with_json(instance->catalogue(), response.value());
  auto decision = decide_for(*instance, parsed.head, text(context_json, context_size), text(policy_json, policy_size));
  if (!decision.ok()) return fail(*instance, decision.status());
  return reply(*instance, lms::wire::error_and_decision_text(parsed.json, decision.value()));
}

LMS_C_API(lms_network_error_and_decide)
lms_status lms_network_error_and_decide(lms_instance* instance, const char* kind, size_t kind_size,
                                        const char* context_json, size_t context_size, const char* policy_json,
                                        size_t policy_size) {
  auto network_kind = lms::network_kind_from_string(text(kind, kind_size));
  if (!network_kind) return reply(*instance, std::string(kUnknownNetworkKind), LMS_NOT_FOUND);
  const lms::NormalizedError error = lms::network_error(instance->catalogue(), *network_kind);
  auto decision = decide_for(*instance, error, text(context_json, context_size), text(policy_json, policy_size));
  if (!decision.ok()) return fail(*instance, decision.status());
  return reply(*instance, lms::wire::error_and_decision_text(lms::to_json_text(error), decision.value()));
}

LMS_C_API(lms_retry_succeeded)
lms_status lms_retry_succeeded(lms_instance* instance, const char* policy_json, size_t policy_size, double spent,
                               double now_ms) {
  auto policy = lms::wire::read_policy(text(policy_json, policy_size), instance->retry_defaults);
  if (!policy.ok()) return fail(*instance, policy.status());
  if (!(spent >= 0 && spent <= 1e9) || !(now_ms >= 0 && now_ms <= 1e15))
    return reply(*instance, "spent must be 0 to 1e9 tokens and now 0 to 1e15 ms", LMS_INVALID_ARGUMENT);
  instance->retry_budget.on_success(spent, static_cast<std::int64_t>(now_ms), policy.value().budget);
  return reply(*instance, {});
}
