// text_util.hpp — private: the text helpers every part of the core shares (no <locale>): ASCII
// case, white space as String#trim defines it, line terminators, and the one reader of decimal
// integers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "json_scan.hpp"  // LMS_INLINE

namespace lms::text {

// ASCII white space, as C's isspace in the "C" locale.
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
// A character of a CONSTANT_CASE name ("RATE_LIMITED"): A-Z, 0-9, '_'.
inline bool is_constant_char(char c) { return (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_'; }
LMS_INLINE char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// String#trim: strips ECMAScript white space and line terminators (ASCII and the UTF-8 encoded
// Unicode ones: U+00A0, U+FEFF, U+2028, …) at both ends. The one trim of the core: a message
// from an envelope and a key of a translation are trimmed as JS would trim them.
std::string_view trim(std::string_view text);

// True when a line terminator (\n \r U+2028 U+2029) starts at text[at].
bool line_terminator_at(std::string_view text, std::size_t at);

// The one reader of decimal integers. Its rules: the whole text is ASCII digits, at least one —
// no sign, no white space, no fraction or exponent ("4a4", " 4", "+4" and "" are nullopt);
// leading zeros are allowed. A value above `max` is refused (nullopt) or, with
// Overflow::saturate, read as `max`. Callers trim first where their grammar allows white space.
enum class Overflow : bool { refuse, saturate };
std::optional<std::uint64_t> parse_digits(std::string_view text, std::uint64_t max = UINT64_MAX,
                                          Overflow overflow = Overflow::refuse);

inline bool iequals(std::string_view a, std::string_view b) {
  const std::size_t size = a.size();
  if (size != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  for (std::size_t i = 0; i < size; ++i)
    if (lower(x[i]) != lower(y[i])) return false;
  return true;
}

inline bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

// Position of the first ASCII case-insensitive occurrence of `needle` at or after `from`.
inline std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  if (haystack.size() < needle.size()) return std::string_view::npos;
  const char first = lower(needle.front());
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i)
    if (lower(haystack[i]) == first && iequals(haystack.substr(i, needle.size()), needle)) return i;
  return std::string_view::npos;
}

}  // namespace lms::text
