// foreign_conventions.hpp — private: what an object in none of the in-house envelopes says,
// read from the tables of foreign conventions in foreign_conventions.cpp (where frameworks,
// public APIs and OAuth servers keep their message, their machine code and their field errors).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_scan.hpp"
#include "lms/error.hpp"

namespace lms::envelope {

struct ForeignReading {
  std::string message;                     // one line of the server's text, or ""
  std::optional<std::string> server_code;  // its machine code, as sent
  std::vector<FieldError> field_errors;    // at most kMaxFieldErrors
};

// Reads `body` (a validated JSON object, or an array of results with an `error`: tRPC
// batches) by the tables; `index` is validate()'s, or null. `status` is the response's: a
// numeric code that only repeats it is no machine code.
ForeignReading read_foreign(std::string_view body, const jscan::Index* index, int status);

}  // namespace lms::envelope
