// json_number.hpp — private: a JSON number's text to the nearest double, without strtod.
#pragma once

#include <string_view>

namespace lms {

// The double nearest to `number` (ties to even, as strtod), which must be valid JSON number
// syntax (validated text); ±infinity when it is too large. Correctly rounded for any length.
double json_number_to_double(std::string_view number);

}  // namespace lms
