// bindings/wire_in_place.hpp — the wire format's hot readers: the error, params and import
// report arguments of format(), translate(), details() and decide(), read in place in their
// JSON text (jscan: one validation pass, then slices), with no JSON DOM built.
//
// They cover the forms JS and Go write: string, whole-number and boolean params, integer
// statuses and rows. A form whose meaning only the DOM reader defines (a fractional status,
// nested params, a repeated param name, invalid JSON, ...) is answered with nullopt / false,
// and the caller reads the argument with wire.hpp's reader instead, which also words every
// error. So both readers give the same answer for every input the fast one accepts
// (tests/native/wire_test.cpp runs both over the same arguments).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lms/error.hpp"
#include "lms/i18n.hpp"

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
// Reads `text` into `error` (a fresh one); false for a form only the DOM reader takes.
bool read_error_members(std::string_view text, ErrorMembers& error);

// Params (the text of one JSON object, already validated or from read_error_members) as
// FlatParams pairs: "name\0value\0…" with each value as JS String() writes it, and the count.
// False for a form only the DOM reader takes (see above).
bool read_flat_params(std::string_view object, std::string& pairs, PluralCount& count);

// The same for a params argument as a host sends it ("" is {}), read as it is validated.
bool read_flat_params_argument(std::string_view text, std::string& pairs, PluralCount& count);

// details() of an error argument, its lines as a JSON array of strings; nullopt for a form
// only the DOM reader takes.
std::optional<std::string> details_in_place(const ResourceStore& store, const ErrorMembers& error,
                                            std::string_view locale);

}  // namespace lms::wire
