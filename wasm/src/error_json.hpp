// error_json.hpp — private: the layout of a NormalizedError's JSON text, shared by
// to_json_text() (from the struct) and the envelope's direct path (from slices of the body),
// so the two cannot drift apart.
#pragma once

#include <span>

#include "json_writer.hpp"
#include "lms/error.hpp"

namespace lms {

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
