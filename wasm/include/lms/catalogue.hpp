// lms/catalogue.hpp — the error catalogue: every error of every convention the platform speaks.
//
// Entries are keyed by (dialect, code): the same code means different things in different
// conventions (DATABASE_ERROR is 500 and retryable in `wrapped`, 400 and final in `nestjs`).
// The catalogue is data (catalogue/*.json), embedded at build time and replaceable at run time
// with a catalogue the server serves, so browser and server use exactly the same table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lms/status.hpp"

namespace lms {

// How an error may be retried automatically.
enum class RetryClass : std::uint8_t {
  transient,  // may succeed if sent again (5xx, timeouts)
  throttle,   // rate limited: wait for the server's hint, then send again
  never,      // sending again cannot help
};

// What the user (or the app) should do about an error.
enum class Action : std::uint8_t { retry, wait, refresh, login, reload, fix, contact, none };

std::string_view to_string(RetryClass retry);
std::string_view to_string(Action action);
std::optional<RetryClass> retry_class_from_string(std::string_view text);
std::optional<Action> action_from_string(std::string_view text);

// The dialects whose envelopes the catalogue describes, in look-up order.
inline constexpr std::string_view kDialects[] = {"lms",     "wrapped", "nestjs", "okflag",
                                                 "problem", "http",    "network"};
bool is_known_dialect(std::string_view dialect);

struct Entry {
  std::string dialect;
  std::string code;
  int status = 0;            // HTTP status; 0 for network failures
  std::string message;       // the server's own message; may hold {placeholders}
  std::string cause;         // the likely cause, for the people who debug it
  std::string resolution;    // what to do about it, where the convention documents it
  std::string group;         // section of the source document
  std::vector<std::string> params;           // names of the values the error carries
  std::vector<std::string> optional_params;  // subset of params that may be absent
  RetryClass retry = RetryClass::never;
  Action action = Action::none;
  std::string note;          // decisions taken where the source document is silent
};

struct RateLimitTier {
  std::string dialect;
  std::string tier;
  int limit = 0;
  int window_seconds = 0;
  std::string applies_to;
};

struct SetupReason {
  std::string reason;
  std::string when;
  std::vector<std::string> example_fields;
};

struct ImportCode {
  std::string code;
  std::string description;
};

struct ValidationRule {
  std::string rule;
  std::vector<std::string> params;
  std::string message;
};

class Catalogue {
 public:
  // Parses and validates a catalogue document:
  //   {"version": 1, "revision": "<hex>", "dialects": [<one catalogue/<dialect>.json file>, ...]}
  // ("revision" is optional: the build writes it, a hand-made document may leave it out.)
  // On failure the status message lists every problem found (up to a cap), one per line,
  // each prefixed with its JSON path, e.g. "dialects[0].entries[4].status: must be ...".
  static StatusOr<Catalogue> from_json(std::string_view text);

  // The catalogue compiled into this build (catalogue/*.json at build time).
  static std::string_view embedded_json();

  // nullptr when (dialect, code) is not in the catalogue.
  const Entry* find(std::string_view dialect, std::string_view code) const;
  // The first entry with this code, in kDialects order.
  const Entry* find_any(std::string_view code) const;

  // The content hash the build gave this catalogue (scripts/embed-catalogue.cmake): the first
  // 16 hex digits of the SHA-256 of the merged document without its revision. Servers send it
  // (X-Lms-Catalogue-Revision) so a client can tell its table differs; "" when the document has none.
  const std::string& revision() const { return revision_; }

  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<RateLimitTier>& rate_limits() const { return rate_limits_; }
  const std::vector<SetupReason>& setup_reasons() const { return setup_reasons_; }
  const std::vector<ImportCode>& import_codes() const { return import_codes_; }
  const std::vector<ValidationRule>& validation_rules() const { return validation_rules_; }

 private:
  std::string revision_;
  std::vector<Entry> entries_;
  // Hash index of entries_ by (dialect, code): open-addressing slots holding an entries_
  // position + 1, 0 when empty (wasm/src/string_table.hpp).
  std::vector<std::uint32_t> index_;
  std::vector<RateLimitTier> rate_limits_;
  std::vector<SetupReason> setup_reasons_;
  std::vector<ImportCode> import_codes_;
  std::vector<ValidationRule> validation_rules_;
};

// An entry as a JSON object (the shape the JS API returns):
// {"dialect","code","status","message","cause","resolution","params","optionalParams","retry","action"}
std::string entry_to_json(const Entry& entry);
// A JSON array of entry objects.
std::string entries_to_json(const std::vector<const Entry*>& entries);

}  // namespace lms
