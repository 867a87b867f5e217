// bindings/wire.hpp — the C API's one wire format, C++ side: JSON text for every structured
// argument and result (docs/wire-format.md says why and lists the members). Everything the
// bindings read from or write for a host goes through here; web/bridge.js is the JS side.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/envelope.hpp"
#include "lms/error.hpp"
#include "lms/retry.hpp"
#include "lms/status.hpp"

namespace lms::wire {

// A JSON argument, bounded in size and depth; `what` names it in the error message.
StatusOr<nlohmann::json> read_json(std::string_view text, std::string_view what);

// [[name, value], ...]; "" is no headers. Items that are not two strings are skipped. Read in
// place into `views` (replaced; header_views_from_json's rules: views into `text`, or into
// `decoded` for strings with escapes), so a call allocates nothing once the buffers are grown.
Status read_headers(std::string_view text, std::vector<HeaderView>& views, std::string& decoded);

// An error argument (format, details, decide) is read in place: wire_in_place.hpp.

// {attempt, method?, idempotencyKey?, elapsedMs?, now?, random?}
StatusOr<RetryContext> read_context(std::string_view text);

// A partial policy over `base`; "" is `base` itself.
StatusOr<RetryPolicy> read_policy(std::string_view text, const RetryPolicy& base);

// {"decision": {...}, "error": <error_json>}: a failed attempt's answer for a retrying client.
std::string error_and_decision_text(std::string_view error_json, const Decision& decision);

}  // namespace lms::wire
