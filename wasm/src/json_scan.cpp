#include "json_scan.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "utf8.hpp"

namespace lms::jscan {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// SWAR: does any byte of `word` need a closer look inside a string ('"', '\\' or < 0x20)?
inline bool has_special(std::uint64_t word) {
  const std::uint64_t quote = word ^ (kOnes * '"');
  const std::uint64_t backslash = word ^ (kOnes * '\\');
  const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHighs;
  return (has_zero(quote) | has_zero(backslash) | control) != 0;
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Validates a string starting at the opening quote; returns the position after the closing
// quote, or nullptr.
const char* scan_string(const char* p, const char* end) {
  ++p;
  for (;;) {
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      if (has_special(word)) break;
      p += 8;
    }
    while (p < end) {
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++p;
    }
    if (p >= end) return nullptr;
    const char c = *p;
    if (c == '"') return p + 1;
    if (c != '\\') return nullptr;  // a raw control character
    if (++p >= end) return nullptr;
    switch (*p) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        ++p;
        break;
      case 'u':
        if (end - p < 5 || !is_hex(p[1]) || !is_hex(p[2]) || !is_hex(p[3]) || !is_hex(p[4]))
          return nullptr;
        p += 5;
        break;
      default: return nullptr;
    }
  }
}

const char* scan_number(const char* p, const char* end) {
  if (p < end && *p == '-') ++p;
  if (p >= end) return nullptr;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    while (p < end && is_digit(*p)) ++p;
  } else {
    return nullptr;
  }
  if (p < end && *p == '.') {
    ++p;
    if (p >= end || !is_digit(*p)) return nullptr;
    while (p < end && is_digit(*p)) ++p;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p < end && (*p == '+' || *p == '-')) ++p;
    if (p >= end || !is_digit(*p)) return nullptr;
    while (p < end && is_digit(*p)) ++p;
  }
  return p;
}

const char* scan_literal(const char* p, const char* end, std::string_view word) {
  if (static_cast<std::size_t>(end - p) < word.size() || std::memcmp(p, word.data(), word.size()) != 0)
    return nullptr;
  return p + word.size();
}

// Reads the hex digits of a \uXXXX escape (the caller checked there are four).
char32_t hex4(const char* p) {
  char32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = p[i];
    value <<= 4;
    if (is_digit(c)) value |= static_cast<char32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') value |= static_cast<char32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') value |= static_cast<char32_t>(c - 'A' + 10);
  }
  return value;
}

std::string_view inner(std::string_view value) {
  return value.size() >= 2 ? value.substr(1, value.size() - 2) : std::string_view{};
}

}  // namespace

namespace detail {

const char* skip_string(const char* p, const char* end) {
  ++p;
  while (p < end) {
    const char c = *p;
    if (c == '"') return p + 1;
    p += (c == '\\') ? 2 : 1;
  }
  return end;
}

const char* skip_value(const char* p, const char* end) {
  if (p >= end) return end;
  const char first = *p;
  if (first == '"') return skip_string(p, end);
  if (first == '{' || first == '[') {
    std::size_t depth = 0;
    while (p < end) {
      const char c = *p;
      if (c == '"') {
        p = skip_string(p, end);
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return p + 1;
      }
      ++p;
    }
    return end;
  }
  while (p < end && !is_space(*p) && *p != ',' && *p != '}' && *p != ']' && *p != ':') ++p;
  return p;
}

}  // namespace detail

bool validate(std::string_view text, std::size_t max_depth, std::string_view& root) {
  using detail::skip_space;
  const char* p = text.data();
  const char* const end = p + text.size();
  p = skip_space(p, end);
  const char* const start = p;
  std::string stack;  // the open containers, '{' or '['
  bool need_value = true;
  for (;;) {
    if (need_value) {
      if (p >= end) return false;
      const char c = *p;
      if (c == '{' || c == '[') {
        if (stack.size() >= max_depth) return false;
        stack.push_back(c);
        p = skip_space(p + 1, end);
        if (p >= end) return false;
        if (*p == (c == '{' ? '}' : ']')) {
          stack.pop_back();
          ++p;
          need_value = false;
        } else if (c == '{') {
          if (*p != '"' || !(p = scan_string(p, end))) return false;
          p = skip_space(p, end);
          if (p >= end || *p != ':') return false;
          p = skip_space(p + 1, end);
        }
        continue;
      }
      if (c == '"') p = scan_string(p, end);
      else if (c == 't') p = scan_literal(p, end, "true");
      else if (c == 'f') p = scan_literal(p, end, "false");
      else if (c == 'n') p = scan_literal(p, end, "null");
      else p = scan_number(p, end);
      if (!p) return false;
      need_value = false;
      continue;
    }
    // After a complete value.
    if (stack.empty()) {
      root = std::string_view(start, static_cast<std::size_t>(p - start));
      return skip_space(p, end) == end;
    }
    p = skip_space(p, end);
    if (p >= end) return false;
    const char open = stack.back();
    if (*p == ',') {
      p = skip_space(p + 1, end);
      if (open == '{') {
        if (p >= end || *p != '"' || !(p = scan_string(p, end))) return false;
        p = skip_space(p, end);
        if (p >= end || *p != ':') return false;
        p = skip_space(p + 1, end);
      }
      need_value = true;
    } else if (*p == (open == '{' ? '}' : ']')) {
      stack.pop_back();
      ++p;
    } else {
      return false;
    }
  }
}

std::optional<std::string_view> plain_string(std::string_view value) {
  const std::string_view text = inner(value);
  if (std::memchr(text.data(), '\\', text.size()) != nullptr) return std::nullopt;
  return text;
}

std::string decode_string(std::string_view value) {
  const std::string_view text = inner(value);
  if (std::memchr(text.data(), '\\', text.size()) == nullptr) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= text.size()) break;
    switch (text[i]) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        if (i + 4 >= text.size()) {  // not reachable for validated text
          i = text.size();
          break;
        }
        char32_t cp = hex4(text.data() + i + 1);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < text.size() && text[i + 1] == '\\' &&
            text[i + 2] == 'u') {
          const char32_t low = hex4(text.data() + i + 3);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        utf8::append_code_point(out, cp);  // lone surrogates become U+FFFD
        break;
      }
      default: out.push_back(text[i]); break;  // '"', '\\', '/'
    }
  }
  return out;
}

bool string_equals(std::string_view value, std::string_view plain) {
  if (auto text = plain_string(value)) return *text == plain;
  return decode_string(value) == plain;
}

std::optional<std::int64_t> to_int64(std::string_view number) {
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || ptr != number.data() + number.size()) return std::nullopt;
  return value;
}

std::optional<double> to_double(std::string_view number) {
  const std::string text(number);  // strtod needs a terminator
  char* parsed_end = nullptr;
  const double value = std::strtod(text.c_str(), &parsed_end);
  if (parsed_end == text.c_str() || !std::isfinite(value)) return std::nullopt;
  return value;
}

nlohmann::json to_json(std::string_view value) {
  switch (kind(value)) {
    case Kind::null:
    case Kind::invalid: return nullptr;
    case Kind::boolean: return is_true(value);
    case Kind::string: return decode_string(value);
    case Kind::number: {
      if (auto integer = to_int64(value)) return *integer;
      std::uint64_t unsigned_value = 0;
      const auto [ptr, ec] =
          std::from_chars(value.data(), value.data() + value.size(), unsigned_value);
      if (ec == std::errc() && ptr == value.data() + value.size()) return unsigned_value;
      if (auto real = to_double(value)) return *real;
      return nullptr;
    }
    case Kind::array: {
      nlohmann::json array = nlohmann::json::array();
      for_each_element(value, [&](std::string_view element) { array.push_back(to_json(element)); });
      return array;
    }
    case Kind::object: {
      nlohmann::json object = nlohmann::json::object();
      for_each_member(value, [&](std::string_view key, std::string_view member) {
        object[decode_string(key)] = to_json(member);  // the last duplicate wins, as in JSON.parse
      });
      return object;
    }
  }
  return nullptr;
}

std::optional<nlohmann::json> parse(std::string_view text, std::size_t max_depth) {
  std::string_view root;
  if (!validate(text, max_depth, root)) return std::nullopt;
  return to_json(root);
}

}  // namespace lms::jscan
