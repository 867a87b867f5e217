// text_util.hpp — private: the few ASCII text helpers the envelope code needs (no <locale>).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "json_scan.hpp"  // LMS_INLINE
#include "lms/envelope.hpp"

namespace lms::text {

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
LMS_INLINE char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

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

// Leading decimal digits as a non-negative integer, saturating at 10^15 (enough for epoch ms,
// and safe to multiply by 1000); nullopt when the text does not start with a digit.
inline std::optional<std::int64_t> leading_integer(std::string_view text) {
  text = trim(text);
  if (text.empty() || !is_digit(text.front())) return std::nullopt;
  constexpr std::int64_t kCap = 1000000000000000;
  std::int64_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) break;
    value = value * 10 + (c - '0');
    if (value > kCap) value = kCap;
  }
  return value;
}

}  // namespace lms::text
