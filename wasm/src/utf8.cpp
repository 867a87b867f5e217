#include "utf8.hpp"

#include <cstdint>
#include <cstring>

namespace lms::utf8 {
namespace {

// Bytes up to the first non-ASCII one, eight at a time: most bodies are pure ASCII.
std::size_t ascii_prefix(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    if (chunk & 0x8080808080808080ull) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

}  // namespace

Sequence next_sequence(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {true, 1};
  std::size_t needed;
  unsigned char lower = 0x80, upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    if (lead == 0xE0) lower = 0xA0;  // overlong
    if (lead == 0xED) upper = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    if (lead == 0xF0) lower = 0x90;  // overlong
    if (lead == 0xF4) upper = 0x8F;  // above U+10FFFF
  } else {
    return {false, 1};
  }
  for (std::size_t i = 1; i <= needed; ++i) {
    if (i >= text.size()) return {false, i};
    const unsigned char c = byte(i);
    if (c < lower || c > upper) return {false, i};
    lower = 0x80;
    upper = 0xBF;
  }
  return {true, needed + 1};
}

bool is_valid(std::string_view text) {
  std::size_t i = ascii_prefix(text);
  while (i < text.size()) {
    const Sequence sequence = next_sequence(text.substr(i));
    if (!sequence.valid) return false;
    i += sequence.length;
    i += ascii_prefix(text.substr(i));
  }
  return true;
}

std::size_t count_invalid(std::string_view text, std::size_t limit) {
  std::size_t count = 0;
  std::size_t i = ascii_prefix(text);
  while (i < text.size() && count <= limit) {
    const Sequence sequence = next_sequence(text.substr(i));
    count += sequence.valid ? 0 : 1;
    i += sequence.length;
    i += ascii_prefix(text.substr(i));
  }
  return count;
}

std::optional<std::string> repaired(std::string_view text) {
  if (is_valid(text)) return std::nullopt;
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t ascii = ascii_prefix(text.substr(i));
    out.append(text.substr(i, ascii));
    i += ascii;
    if (i >= text.size()) break;
    const Sequence sequence = next_sequence(text.substr(i));
    if (sequence.valid)
      out.append(text.substr(i, sequence.length));
    else
      out.append(kReplacement);
    i += sequence.length;
  }
  return out;
}

char* put_code_point(char* out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string_view truncate(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Step back over continuation bytes to the start of the character that was cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace lms::utf8
