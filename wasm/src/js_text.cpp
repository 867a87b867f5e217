#include "js_text.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "text_util.hpp"

namespace lms::js {

Decimal shortest_decimal(double positive) {
  // fmt prints a double with the shortest digits that read back as the same double
  // (Dragonbox) — the digits ECMAScript prescribes. Only its layout differs from JS's and
  // nlohmann's, so the digits and the point are read back from its text ("123.45", "0.00012",
  // "1.5e-07", "1e+16") and laid out by write_decimal.
  char text[32];
  const char* const end = fmt::format_to(text, FMT_COMPILE("{}"), positive);
  Decimal result;
  bool after_point = false;
  const char* p = text;
  for (; p < end && *p != 'e'; ++p) {
    if (*p == '.') {
      after_point = true;
    } else if (result.length == 0 && *p == '0') {  // a leading zero: "0.00012"
      if (after_point) --result.point;
    } else if (result.length < static_cast<int>(sizeof result.digits)) {  // (never more than 17 + zeros)
      result.digits[result.length++] = *p;
      if (!after_point) ++result.point;
    }
  }
  while (result.length > 0 && result.digits[result.length - 1] == '0') --result.length;  // "1200"
  if (p < end) {  // "e+16", "e-07"
    const bool negative = p + 1 < end && p[1] == '-';
    const auto exponent = text::parse_digits(std::string_view(p + 2, static_cast<std::size_t>(end - p - 2)));
    const int magnitude = static_cast<int>(exponent.value_or(0));  // at most 324
    result.point += negative ? -magnitude : magnitude;
  }
  return result;
}

char* write_decimal(char* out, const Decimal& decimal, NumberLayout layout) {
  const char* const digits = decimal.digits;
  const int k = decimal.length;
  const int n = decimal.point;
  const auto copy = [&](const char* from, int count) {
    std::memcpy(out, from, static_cast<std::size_t>(count));
    out += count;
  };
  const auto zeros = [&](int count) {
    std::memset(out, '0', static_cast<std::size_t>(count));
    out += count;
  };
  if (layout.min_point < n && n <= layout.max_point) {
    if (n <= 0) {  // 0.000ddd
      copy("0.", 2);
      zeros(-n);
      copy(digits, k);
    } else if (k <= n) {  // ddd000
      copy(digits, k);
      zeros(n - k);
      if (layout.whole_as_float) copy(".0", 2);
    } else {  // dd.ddd
      copy(digits, n);
      *out++ = '.';
      copy(digits + n, k - n);
    }
    return out;
  }
  *out++ = digits[0];  // d.ddde+xx
  if (k > 1) {
    *out++ = '.';
    copy(digits + 1, k - 1);
  }
  *out++ = 'e';
  *out++ = n - 1 >= 0 ? '+' : '-';
  const int exponent = n - 1 >= 0 ? n - 1 : 1 - n;  // at most 324
  if (exponent >= 100) *out++ = static_cast<char>('0' + exponent / 100);
  if (exponent >= 10 || layout.two_digit_exponent) *out++ = static_cast<char>('0' + exponent / 10 % 10);
  *out++ = static_cast<char>('0' + exponent % 10);
  return out;
}

void append_number(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (value == 0) {  // also -0
    out += '0';
    return;
  }
  if (value < 0) {
    out += '-';
    value = -value;
  }
  if (std::isinf(value)) {
    out += "Infinity";
    return;
  }
  // A whole number below 2^53 is its digits (JS writes no exponent below 1e21): the integer
  // writer is several times faster than the shortest-digits search (details() writes a count
  // per line).
  if (value < 9007199254740992.0 && static_cast<double>(static_cast<std::int64_t>(value)) == value) {
    const fmt::format_int digits(static_cast<std::int64_t>(value));
    out.append(digits.data(), digits.size());
    return;
  }
  char text[32];
  out.append(text, write_decimal(text, shortest_decimal(value), kJsLayout));
}

std::string number_to_string(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

double to_number(const nlohmann::json& number) {
  if (number.is_number_unsigned()) return static_cast<double>(number.get<std::uint64_t>());
  if (number.is_number_integer()) return static_cast<double>(number.get<std::int64_t>());
  if (number.is_number_float()) return number.get<double>();
  return std::nan("");
}

namespace {

void append_string_at(std::string& out, const nlohmann::json& value, int depth) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: break;
    case nlohmann::json::value_t::string: out += value.get_ref<const std::string&>(); break;
    case nlohmann::json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; break;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: append_number(out, to_number(value)); break;
    case nlohmann::json::value_t::array: {
      // Array#join: null elements are empty; JS would throw on a cyclic array, JSON has none.
      bool first = true;
      for (const auto& element : value.get_ref<const nlohmann::json::array_t&>()) {  // not nlohmann's iterators
        if (!first) out += ',';
        first = false;
        if (depth < 64) append_string_at(out, element, depth + 1);
      }
      break;
    }
    default: out += "[object Object]"; break;
  }
}

}  // namespace

void append_string(std::string& out, const nlohmann::json& value) { append_string_at(out, value, 0); }

}  // namespace lms::js
