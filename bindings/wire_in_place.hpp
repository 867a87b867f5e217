// bindings/wire_in_place.hpp — the C API's reader of error arguments (format(), details(),
// decide()) and of params (translate(), format()): in place in their JSON text (jscan: one
// validation pass that hands over the root's members, then slices), with no JSON DOM built
// unless params are not flat pairs (the translations take those as a JSON value).
//
// It refuses what lms::parse_json refuses, with the words wire.hpp uses for every argument,
// and reads every member by the rules error.cpp's error_from_json applies to a DOM value (the
// integer rule is one function, error_json.hpp's integer_member_value), so a C++ host with an
// nlohmann value and a JS or Go host with text get the same error: tests/native/wire_test.cpp
// runs both over every envelope vector's error and hand-made edge cases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lms/error.hpp"
#include "lms/i18n.hpp"
#include "lms/status.hpp"

namespace lms::wire {

// The members of an error argument that format(), decide() and details() read. The texts are
// views of the argument, or of the struct's own copies of those written with escapes: it is
// filled in place and never copied or moved.
struct ErrorMembers {
  ErrorMembers() = default;
  ErrorMembers(const ErrorMembers&) = delete;
  ErrorMembers& operator=(const ErrorMembers&) = delete;

  std::string_view dialect = "http";
  std::string_view code;  // non-empty
  int status = 0;         // 0 unless 0..999
  std::string_view message;
  std::string_view server_code;  // the foreign server's own code (serverCode), or empty
  std::string_view params;  // the object's text, or empty when absent or not an object
  std::optional<std::int64_t> retry_after_ms;
  std::optional<RateLimit> rate_limit;
  std::string_view field_errors;   // the array's text, or empty
  std::string_view import_errors;  // the array's text, or empty
  // The decoded texts of dialect, code, message and server_code when written with escapes
  // (rare: JS and Go escape only quotes, backslashes and controls).
  std::string decoded[4];
};
// Reads `text` into `error` (a fresh one). Not ok for what is not an error argument: invalid
// JSON, not an object, no non-empty string code.
Status read_error_members(std::string_view text, ErrorMembers& error);

// Params (the text of one JSON object from read_error_members; empty is none) as FlatParams
// pairs: "name\0value\0…" with each value as JS String() writes it, and the count. False when
// they do not have that flat form (a nested object, null, a fraction, a repeated name, a NUL):
// the caller then gives the params to the translations as the DOM value they are.
bool read_flat_params(std::string_view object, std::string& pairs, PluralCount& count);

// A params argument as a host sends it ("" is {}), in one pass: as flat pairs (`pairs`, `count`)
// when every member has the flat form, else as the translations' JSON value in `object` (set
// only then). Not ok, in wire.hpp's words, when it is not valid JSON or not an object.
Status read_params_argument(std::string_view text, std::string& pairs, PluralCount& count,
                            std::optional<nlohmann::json>& object);

// details() of an error argument: its lines as a JSON array of strings.
std::string details_of(const ResourceStore& store, const ErrorMembers& error, std::string_view locale);

}  // namespace lms::wire
