// js_text.hpp — private: how JavaScript turns values into text, for i18next-identical output.
//
// i18next runs in JS: it prints numbers with Number#toString, values with String(value), trims
// with String#trim. The core must produce the same bytes, so these are re-implemented here.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lms::js {

// The shortest round-trip decimal digits of a finite, positive double, as ECMAScript's
// Number::toString defines them: value = 0.DIGITS × 10^point (no leading or trailing zeros;
// "1" with point 3 is 100). At most 17 digits.
struct Decimal {
  char digits[20] = {};
  int length = 0;
  int point = 0;
  std::string_view view() const { return {digits, static_cast<std::size_t>(length)}; }
};
Decimal shortest_decimal(double positive);

// Where a Decimal's text switches to exponent notation and how it looks: Number#toString and
// nlohmann's dump (JsonWriter) lay out the same shortest digits, so one writer serves both and
// the .wasm holds one shortest-double algorithm.
struct NumberLayout {
  int min_point;  // fixed notation when min_point < point <= max_point
  int max_point;
  bool whole_as_float;   // 100 -> "100.0" (nlohmann) rather than "100" (JS)
  bool two_digit_exponent;  // 1e-7 -> "1e-07" (nlohmann, as printf's %g) rather than "1e-7"
};
inline constexpr NumberLayout kJsLayout{-6, 21, false, false};
inline constexpr NumberLayout kNlohmannLayout{-4, 15, true, true};
// Writes the digits of a positive value (no sign) at `out`; returns the end. At most 26 bytes.
char* write_decimal(char* out, const Decimal& decimal, NumberLayout layout);

// Number#toString: 1 -> "1", 1e21 -> "1e+21", 1.5e-7 -> "1.5e-7", -0 -> "0", NaN -> "NaN".
void append_number(std::string& out, double value);
std::string number_to_string(double value);

// String(value) for a JSON value as JSON.parse would have produced it (makeString in
// i18next): null -> "", arrays joined with ",", objects -> "[object Object]".
void append_string(std::string& out, const nlohmann::json& value);

// A JSON number as the JS number it becomes (integers beyond 2^53 lose digits, as in JS).
double to_number(const nlohmann::json& number);

}  // namespace lms::js
