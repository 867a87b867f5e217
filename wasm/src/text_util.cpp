#include "text_util.hpp"

namespace lms::text {
namespace {

// ECMAScript WhiteSpace + LineTerminator outside ASCII, as code points.
bool is_unicode_space(char32_t c) {
  return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Length of the white-space character starting at text[at] (0 when there is none). Every
// non-ASCII one is two bytes (U+00A0) or three.
std::size_t space_at(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) return is_space(text[at]) ? 1 : 0;
  if (byte == 0xC2 && at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) == 0xA0) return 2;
  if ((byte & 0xF0) == 0xE0 && at + 2 < text.size()) {
    const char32_t c = (static_cast<char32_t>(byte & 0x0F) << 12) |
                       (static_cast<char32_t>(static_cast<unsigned char>(text[at + 1]) & 0x3F) << 6) |
                       (static_cast<char32_t>(static_cast<unsigned char>(text[at + 2]) & 0x3F));
    return is_unicode_space(c) ? 3 : 0;
  }
  return 0;
}

// Length of the white-space character ending at text[end - 1] (0 when there is none).
std::size_t space_before(std::string_view text, std::size_t end) {
  if (end >= 1 && static_cast<unsigned char>(text[end - 1]) < 0x80) return is_space(text[end - 1]) ? 1 : 0;
  if (end >= 2 && space_at(text, end - 2) == 2) return 2;
  if (end >= 3 && space_at(text, end - 3) == 3) return 3;
  return 0;
}

}  // namespace

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t length = space_at(text, begin);
    if (length == 0) break;
    begin += length;
  }
  std::size_t end = text.size();
  while (end > begin) {
    const std::size_t length = space_before(text, end);
    if (length == 0) break;
    end -= length;
  }
  return text.substr(begin, end - begin);
}

bool line_terminator_at(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == '\n' || c == '\r') return true;
  return static_cast<unsigned char>(c) == 0xE2 && at + 2 < text.size() &&
         static_cast<unsigned char>(text[at + 1]) == 0x80 &&
         (static_cast<unsigned char>(text[at + 2]) == 0xA8 || static_cast<unsigned char>(text[at + 2]) == 0xA9);
}

std::optional<std::uint64_t> parse_digits(std::string_view text, std::uint64_t max, Overflow overflow) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  bool over = false;
  for (const char c : text) {
    if (!is_digit(c)) return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    over = over || value > (max - digit) / 10;  // value * 10 + digit > max
    if (!over) value = value * 10 + digit;
  }
  if (!over) return value;
  if (overflow == Overflow::saturate) return max;
  return std::nullopt;
}

}  // namespace lms::text
