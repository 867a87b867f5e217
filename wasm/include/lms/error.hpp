// lms/error.hpp — the one normalized error every envelope becomes.
//
// parse() (envelope.hpp) produces it from any HTTP response, networkError() from a failed
// fetch; decide() (retry.hpp), format() and details() (i18n.hpp) consume it. Its JSON form is
// exactly the object the JS API returns, so JS can hand an error back to the core unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/status.hpp"

namespace lms {

// Interpolation values as the server sent them (strings, numbers, nested objects): always a
// JSON object, possibly empty. Kept as JSON so no type information is lost on the way to JS.
using Params = nlohmann::json;

struct FieldError {
  std::string field;                   // dot-notation path, e.g. "anagraphic.firstName"
  std::optional<std::string> rule;     // class-validator constraint, e.g. "maxLength"
  std::optional<std::string> message;  // the server's text for this field, when it sent one
  Params params = Params::object();    // constraint values, e.g. {"max": "100"}
};

struct RowRange {
  std::int64_t start = 0;
  std::int64_t end = 0;  // inclusive; equal to start for a single row
};

struct ImportError {
  std::string code;                        // ImportErrorCode, e.g. "FIELD_INVALID"
  std::optional<std::string> column;
  std::vector<RowRange> rows;              // "2-5, 8" -> [[2,5],[8,8]]
  std::optional<nlohmann::json> params;    // as sent (seed 003 sends an array of names)
  std::vector<std::string> allowed_values;
};

struct RateLimit {
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_at_ms = 0;  // epoch milliseconds
};

struct NormalizedError {
  std::string dialect;  // lms | wrapped | nestjs | okflag | problem | http | network
  std::string code;     // e.g. "LMS-ADM-007", "NOT_FOUND", "HTTP_502"
  int status = 0;       // HTTP status; 0 for network failures
  std::string message;  // the server's own message, possibly empty
  bool known = false;   // (dialect, code) is in the catalogue in force
  Params params = Params::object();
  std::vector<FieldError> field_errors;
  std::vector<ImportError> import_errors;
  std::optional<std::int64_t> retry_after_ms;
  std::optional<RateLimit> rate_limit;
  std::optional<std::string> path;
  std::optional<std::string> timestamp;
  std::optional<std::string> request_id;
  // The machine code a foreign server sent beside its message (Google's "INVALID_ARGUMENT",
  // Stripe's "card_declined", OAuth's "invalid_grant", Slack's "channel_not_found"), as sent:
  // `code` stays the catalogue's code or HTTP_<status>, this one is for apps and format().
  std::optional<std::string> server_code;
};

// The JS API's object: {dialect, code, status, message, known, params, fieldErrors,
// importErrors, retryAfterMs, rateLimit, path?, timestamp?, requestId?, serverCode?}. to_json()
// reads back what to_json_text() writes: one writer.
nlohmann::json to_json(const NormalizedError& error);
std::string to_json_text(const NormalizedError& error);

// Reads an error object back (as JS hands it to decide/format/details). Lenient like parse():
// wrong-typed members are ignored, but a non-object or missing code is an error.
StatusOr<NormalizedError> error_from_json(const nlohmann::json& value);
// The same without fieldErrors and importErrors (left empty): all that decide() reads, and the
// page's .wasm then has no reader for the lists it never needs there.
StatusOr<NormalizedError> error_head_from_json(const nlohmann::json& value);

}  // namespace lms
