#include "json_number.hpp"

#include <cstdint>

// Why not fast_float::from_chars: its Eisel-Lemire step needs a table of 128-bit powers of five
// that gzip cannot shrink, and strtod brings long-double arithmetic: either would be most of the
// page's size budget (measured in third_party/fast_float/README.md), and pupils download it.
// Instead: Clinger's exact fast path, then, for the rare rest (more than 15 significant digits
// or a large exponent), fast_float's "Simple Decimal Conversion" by Nigel Tao (exact decimal
// shifting, small tables), from the vendored copy in third_party/fast_float (its README says
// what was restored there).
#include <fast_float/simple_decimal_conversion.h>

namespace lms {
namespace {

fast_float::decimal to_decimal(const char* p, const char* end) {
  fast_float::decimal d;
  if (p < end && *p == '-') {
    d.negative = true;
    ++p;
  }
  std::int32_t point = 0;
  std::uint32_t count = 0;         // significant digits seen, stored or not
  std::uint32_t significant = 0;   // `count` at the last non-zero digit: trailing zeros drop
  bool in_fraction = false;
  for (; p < end; ++p) {
    const char c = *p;
    if (c == '.') {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') break;  // the exponent
    if (count == 0 && c == '0') {   // a leading zero only moves the point
      if (in_fraction) --point;
      continue;
    }
    if (count < fast_float::max_digits) d.digits[count] = static_cast<std::uint8_t>(c - '0');
    else if (c != '0') d.truncated = true;
    ++count;
    if (!in_fraction) ++point;
    if (c != '0') significant = count;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    const bool negative_exponent = p < end && *p == '-';
    if (p < end && (*p == '-' || *p == '+')) ++p;
    std::int32_t exponent = 0;
    for (; p < end && *p >= '0' && *p <= '9'; ++p)
      if (exponent < 0x10000) exponent = exponent * 10 + (*p - '0');  // beyond: 0 or infinity anyway
    point += negative_exponent ? -exponent : exponent;
  }
  d.num_digits = significant < fast_float::max_digits ? significant : fast_float::max_digits;
  d.decimal_point = d.num_digits == 0 ? 0 : point;
  return d;
}

}  // namespace

double json_number_to_double(std::string_view number) {
  using Binary = fast_float::binary_format<double>;
  fast_float::decimal decimal = to_decimal(number.data(), number.data() + number.size());
  // Clinger: at most 15 digits are an exact integer, 10^0..10^22 are exact doubles, so one
  // multiplication or division rounds once, correctly. Most JSON numbers end here.
  const std::int32_t exponent = decimal.decimal_point - static_cast<std::int32_t>(decimal.num_digits);
  if (decimal.num_digits <= 15 && exponent >= -22 && exponent <= 22) {
    std::uint64_t mantissa = 0;
    for (std::uint32_t i = 0; i < decimal.num_digits; ++i) mantissa = mantissa * 10 + decimal.digits[i];
    double value = static_cast<double>(mantissa);
    if (exponent < 0) value = value / Binary::exact_power_of_ten(-exponent);
    else value = value * Binary::exact_power_of_ten(exponent);
    return decimal.negative ? -value : value;
  }
  const fast_float::adjusted_mantissa binary = fast_float::compute_float<Binary>(decimal);
  double value = 0;
  fast_float::to_float(decimal.negative, binary, value);
  return value;
}

}  // namespace lms
