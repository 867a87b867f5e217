// error_json.hpp — private: the layout of a NormalizedError's JSON text, shared by
// to_json_text() (from the struct) and the envelope's direct path (from slices of the body),
// so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "json_writer.hpp"
#include "lms/error.hpp"

namespace lms {

// The rule for an error's integer members (status, retryAfterMs, rateLimit's three), which both
// readers of an error apply — error.cpp's (a DOM value) and the C API's (bindings/
// wire_in_place.cpp, slices of the text): a whole number up to 9e18 as it is; a number with a
// fraction or an exponent within ±9e15, truncated toward zero; anything else is absent (a whole
// number past int64 too).
inline std::optional<std::int64_t> integer_member_value(std::int64_t whole) {
  if (whole > 9'000'000'000'000'000'000) return std::nullopt;
  return whole;
}
inline std::optional<std::int64_t> integer_member_value(double number) {
  if (!(number > -9.0e15 && number < 9.0e15)) return std::nullopt;  // beyond: undefined to convert
  return static_cast<std::int64_t>(number);
}

void write_field_error(JsonWriter& out, const FieldError& field);
void write_import_error(JsonWriter& out, const ImportError& import);
// [[start, end], ...]: an import error's rows, from the struct or the envelope's direct path.
void write_row_ranges(JsonWriter& out, std::span<const RowRange> rows);

// Writes the parts of the error that do not live in the struct itself (the direct path keeps
// them as slices of the body). One interface rather than a template, so the layout below is
// compiled once: every KiB of the .wasm is downloaded by a pupil.
class ErrorParts {
 public:
  virtual void write_params(JsonWriter& out) const = 0;
  virtual void write_field_errors(JsonWriter& out) const = 0;   // inside the open array
  virtual void write_import_errors(JsonWriter& out) const = 0;  // inside the open array

 protected:
  ~ErrorParts() = default;
};

// How write_error_json lays the members out: the JS API's object, or the same values as an
// array in that order with absent optional members (path, timestamp, requestId, serverCode) as null —
// what the WASM hands to JS for parse(), since JSON.parse reads values faster than keys.
enum class ErrorLayout { object, array };

// Writes `error` as the JS API's object (or `layout`), taking params and the two lists from `parts`.
void write_error_json(JsonWriter& out, const NormalizedError& error, const ErrorParts& parts,
                      ErrorLayout layout = ErrorLayout::object);

}  // namespace lms
