#include "json_scan.hpp"

#include <cmath>
#include <cstdint>

#include "json_number.hpp"
#include "text_util.hpp"
#include "utf8.hpp"

namespace lms::jscan {
namespace {

using detail::has_byte;
using detail::kHighs;
using detail::kOnes;

LMS_INLINE bool is_digit(char c) { return c >= '0' && c <= '9'; }
LMS_INLINE bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

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

// What a \uXXXX escape names, as UTF-16 pairs surrogates: `u` is at its 'u', its four hex
// digits checked. `pair`: a high surrogate followed by a low one's escape (checked here), one
// character of 12 bytes; `lone`: any other D800–DFFF unit.
enum class Surrogate { none, pair, lone };
Surrogate surrogate_at(const char* u, const char* end) {
  const char32_t unit = hex4(u + 1);
  if (unit < 0xD800 || unit > 0xDFFF) return Surrogate::none;
  const bool low_follows = unit <= 0xDBFF && end - u >= 11 && u[5] == '\\' && u[6] == 'u' && is_hex(u[7]) &&
                           is_hex(u[8]) && is_hex(u[9]) && is_hex(u[10]);
  if (!low_follows) return Surrogate::lone;
  const char32_t low = hex4(u + 7);
  return low >= 0xDC00 && low <= 0xDFFF ? Surrogate::pair : Surrogate::lone;
}

// Validates a string starting at the opening quote; returns the position after the closing
// quote, or nullptr. A surrogate escape is noted in `forms`.
LMS_INLINE const char* scan_string(const char* p, const char* end, Forms& forms) {
  ++p;
  for (;;) {
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHighs;  // a byte < 0x20
      if (has_byte(word, '"') | has_byte(word, '\\') | control) break;
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
        if (end - p < 5 || !is_hex(p[1]) || !is_hex(p[2]) || !is_hex(p[3]) || !is_hex(p[4])) return nullptr;
        switch (surrogate_at(p, end)) {
          case Surrogate::pair: p += 6; break;  // the low half's escape, read with it
          case Surrogate::lone: forms.lone_surrogate = true; break;
          case Surrogate::none: break;
        }
        p += 5;
        break;
      default: return nullptr;
    }
  }
}

// A member's key and colon, from the key's opening quote: the position of the value (white
// space skipped), or nullptr when this is not valid JSON. `key_end` is set past the key.
LMS_INLINE const char* scan_member_key(const char* p, const char* end, const char*& key_end, Forms& forms) {
  using detail::skip_space;
  if (p >= end || *p != '"' || !(key_end = scan_string(p, end, forms))) return nullptr;
  p = skip_space(key_end, end);
  if (p >= end || *p != ':') return nullptr;
  return skip_space(p + 1, end);
}

LMS_INLINE const char* scan_digits(const char* p, const char* end) {
  while (p < end && is_digit(*p)) ++p;
  return p;
}

// Validates a number; returns the position after it, or nullptr. One beyond a double's range
// is noted in `forms`: only a number with an exponent or a run of more than 300 digits can be,
// so only those are converted to tell.
const char* scan_number(const char* p, const char* end, Forms& forms) {
  constexpr std::ptrdiff_t kLongRun = 300;
  const char* const first = p;
  bool may_overflow = false;
  if (p < end && *p == '-') ++p;
  if (p >= end) return nullptr;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    const char* const run = p;
    p = scan_digits(p, end);
    may_overflow = p - run > kLongRun;
  } else {
    return nullptr;
  }
  if (p < end && *p == '.') {
    ++p;
    if (p >= end || !is_digit(*p)) return nullptr;
    const char* const run = p;
    p = scan_digits(p, end);
    may_overflow = may_overflow || p - run > kLongRun;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    may_overflow = true;
    ++p;
    if (p < end && (*p == '+' || *p == '-')) ++p;
    if (p >= end || !is_digit(*p)) return nullptr;
    p = scan_digits(p, end);
  }
  if (may_overflow && !std::isfinite(json_number_to_double(std::string_view(first, static_cast<std::size_t>(p - first)))))
    forms.overflowing_number = true;
  return p;
}

const char* scan_literal(const char* p, const char* end, const char* word, std::size_t length) {
  if (static_cast<std::size_t>(end - p) < length || std::memcmp(p, word, length) != 0) return nullptr;
  return p + length;
}

std::string_view inner(std::string_view value) {
  return value.size() >= 2 ? value.substr(1, value.size() - 2) : std::string_view{};
}

}  // namespace

namespace detail {

const char* skip_container(const char* p, const char* end) {
  std::size_t depth = 0;
  while (p < end) {
    const char c = *p;
    if (c == '"') {
      bool escaped = false;
      p = skip_string(p, end, escaped);
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

}  // namespace detail

const char* for_each_member_at(const char* p, const char* end, MemberVisitor on_member, const Index* index) {
  using namespace detail;
  if (p >= end || *p != '{') return p;
  p = skip_space(p + 1, end);
  while (p < end && *p == '"') {
    bool escaped = false;
    const char* key_end = skip_string(p, end, escaped);
    const Slice key{p, static_cast<std::size_t>(key_end - p)};
    p = skip_space(key_end, end);
    if (p >= end || *p != ':') return end;
    p = skip_space(p + 1, end);
    const char* value_end = skip_value(p, end, index);
    on_member(key, Slice{p, static_cast<std::size_t>(value_end - p)});
    p = skip_space(value_end, end);
    if (p >= end || *p != ',') break;
    p = skip_space(p + 1, end);
  }
  return p < end ? p + 1 : end;  // past the '}'
}

void for_each_member(std::string_view object, MemberVisitor on_member, const Index* index) {
  for_each_member_at(object.data(), object.data() + object.size(), on_member, index);
}

const char* skip_element(const char* p, const char* end) { return detail::skip_value(p, end, nullptr); }

void for_each_element(std::string_view array, FunctionRef<void(std::string_view element)> on_element,
                      const Index* index) {
  for_each_element_at(array, [&](const char* p, const char* end) {
    const char* element_end = detail::skip_value(p, end, index);
    on_element(std::string_view(p, static_cast<std::size_t>(element_end - p)));
    return element_end;
  });
}

const char* Index::end_of(const char* open) const {
  if (starts_.empty() || open < base_) return nullptr;
  const auto offset = static_cast<std::uint64_t>(open - base_);
  std::size_t low = 0, high = starts_.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (starts_[middle] < offset) low = middle + 1;
    else high = middle;
  }
  if (low == starts_.size() || starts_[low] != offset || ends_[low] == 0) return nullptr;
  return base_ + ends_[low];
}

namespace detail {

bool validate_text(std::string_view text, std::size_t max_depth, std::string_view& root, Index* index,
                   const MemberVisitor* on_root_item, Forms* forms_seen) {
  using detail::skip_space;
  const char* const begin = text.data();
  const char* p = begin;
  const char* const end = p + text.size();
  // The open containers: which bracket, and where its end goes in the index (-1: not recorded).
  constexpr std::size_t kSmall = 128;
  char small_open[kSmall];
  std::int32_t small_slot[kSmall];
  std::vector<char> big_open;
  std::vector<std::int32_t> big_slot;
  char* open = small_open;
  std::int32_t* slot = small_slot;
  if (max_depth >= kSmall) {
    big_open.resize(max_depth + 1);
    big_slot.resize(max_depth + 1);
    open = big_open.data();
    slot = big_slot.data();
  }
  std::size_t depth = 0;
  std::size_t budget = 0;
  Forms forms;
  if (index) {
    index->base_ = begin;
    index->starts_.clear();
    index->ends_.clear();
    budget = text.size() / 32 + 16;
  }

  p = skip_space(p, end);
  const char* const start = p;
  // The root's member (or element: no key) being read, for on_root_item: its key, and where its
  // value begins (nullptr: none is being read).
  Slice member_key{};
  const char* member_value = nullptr;
  bool need_key = false;  // next: an object member's key and colon, then its value
  bool need_value = true;
  for (;;) {
    if (need_key) {
      const char* const key = p;
      const char* key_end = nullptr;
      if (!(p = scan_member_key(p, end, key_end, forms))) return false;
      if (on_root_item && depth == 1) {
        member_key = Slice{key, static_cast<std::size_t>(key_end - key)};
        member_value = p;
      }
      need_key = false;
    }
    if (need_value) {
      if (p >= end) return false;
      if (on_root_item && depth == 1 && !member_value) {  // an element of the root array
        member_key = Slice{p, 0};
        member_value = p;
      }
      const char c = *p;
      if (c == '{' || c == '[') {
        if (depth >= max_depth) return false;
        open[depth] = c;
        slot[depth] = -1;
        if (index && depth < kIndexDepth && budget > 0) {
          --budget;
          slot[depth] = static_cast<std::int32_t>(index->starts_.size());
          index->starts_.push_back(static_cast<std::uint32_t>(p - begin));
          index->ends_.push_back(0);
        }
        ++depth;
        p = skip_space(p + 1, end);
        if (p >= end) return false;
        if (*p == (c == '{' ? '}' : ']')) {
          need_value = false;
          continue;  // closed below, as any other container
        }
        need_key = c == '{';
        continue;
      }
      if (c == '"') p = scan_string(p, end, forms);
      else if (c == 't') p = scan_literal(p, end, "true", 4);
      else if (c == 'f') p = scan_literal(p, end, "false", 5);
      else if (c == 'n') p = scan_literal(p, end, "null", 4);
      else p = scan_number(p, end, forms);
      if (!p) return false;
      need_value = false;
      continue;
    }
    // After a complete value (or just inside an empty container, at its closing bracket).
    if (depth == 0) {
      root = std::string_view(start, static_cast<std::size_t>(p - start));
      if (forms_seen) *forms_seen = forms;
      return skip_space(p, end) == end;
    }
    if (member_value && depth == 1) {  // a member or element of the root, complete
      (*on_root_item)(member_key, Slice{member_value, static_cast<std::size_t>(p - member_value)});
      member_value = nullptr;
    }
    p = skip_space(p, end);
    if (p >= end) return false;
    const char bracket = open[depth - 1];
    if (*p == ',') {
      p = skip_space(p + 1, end);
      need_key = bracket == '{';
      need_value = true;
    } else if (*p == (bracket == '{' ? '}' : ']')) {
      --depth;
      ++p;
      if (slot[depth] >= 0) index->ends_[static_cast<std::size_t>(slot[depth])] = static_cast<std::uint32_t>(p - begin);
    } else {
      return false;
    }
  }
}

}  // namespace detail

bool validate(std::string_view text, std::size_t max_depth, std::string_view& root, Index* index, Forms* forms) {
  return detail::validate_text(text, max_depth, root, index, nullptr, forms);
}

bool validate(std::string_view text, std::size_t max_depth, std::string_view& root, MemberVisitor on_root_item,
              Index* index, Forms* forms) {
  return detail::validate_text(text, max_depth, root, index, &on_root_item, forms);
}

bool is_empty_container(std::string_view value) {
  if (value.size() < 2) return false;
  const char* p = detail::skip_space(value.data() + 1, value.data() + value.size());
  return p < value.data() + value.size() && (*p == '}' || *p == ']');
}

std::optional<std::string_view> plain_string(std::string_view value) {
  const std::string_view text = inner(value);
  if (!text.empty() && std::memchr(text.data(), '\\', text.size()) != nullptr) return std::nullopt;
  return text;
}

std::string decode_string(std::string_view value) {
  const std::string_view text = inner(value);
  if (text.empty() || std::memchr(text.data(), '\\', text.size()) == nullptr) return std::string(text);
  // Decoding never lengthens: \n is 1 byte for 2, \uXXXX at most 3 for 6, a pair 4 for 12.
  std::string decoded(text.size(), '\0');
  char* out = decoded.data();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\\') {
      *out++ = c;
      continue;
    }
    if (++i >= text.size()) break;
    switch (text[i]) {
      case 'b': *out++ = '\b'; break;
      case 'f': *out++ = '\f'; break;
      case 'n': *out++ = '\n'; break;
      case 'r': *out++ = '\r'; break;
      case 't': *out++ = '\t'; break;
      case 'u': {
        if (i + 4 >= text.size()) {  // not reachable for validated text
          i = text.size();
          break;
        }
        char32_t cp = hex4(text.data() + i + 1);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < text.size() && text[i + 1] == '\\' && text[i + 2] == 'u') {
          const char32_t low = hex4(text.data() + i + 3);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        out = utf8::put_code_point(out, cp);  // lone surrogates become U+FFFD
        break;
      }
      default: *out++ = text[i]; break;  // '"', '\\', '/'
    }
  }
  decoded.resize(static_cast<std::size_t>(out - decoded.data()));
  return decoded;
}

namespace {

// An integer's text (digits with an optional '-', no fraction or exponent): the magnitude and
// the sign, or nullopt for an empty, non-digit or over-64-bit text.
struct Integer {
  std::uint64_t magnitude;
  bool negative;
};
std::optional<Integer> read_integer(std::string_view number) {
  const bool negative = !number.empty() && number.front() == '-';
  const auto magnitude = text::parse_digits(number.substr(negative ? 1 : 0));
  if (!magnitude) return std::nullopt;
  return Integer{*magnitude, negative};
}

constexpr std::uint64_t kInt64Limit = std::uint64_t{1} << 63;  // |INT64_MIN|

}  // namespace

std::optional<std::int64_t> to_int64(std::string_view number) {
  const auto integer = read_integer(number);
  if (!integer || integer->magnitude > kInt64Limit - (integer->negative ? 0 : 1)) return std::nullopt;
  return integer->negative ? static_cast<std::int64_t>(0 - integer->magnitude)
                           : static_cast<std::int64_t>(integer->magnitude);
}

namespace {

// A number (validated text) as nlohmann's lexer reads it: integers without a sign that fit a
// uint64 are number_unsigned, negative ones that fit an int64 number_integer, everything else
// the correctly rounded double (as strtod gives it, without strtod's long-double machinery in
// the .wasm). Discarded when the double overflows: nlohmann refuses such a number.
nlohmann::json read_number(std::string_view number) {
  const char* const first = number.data();
  if (std::memchr(first, '.', number.size()) == nullptr && std::memchr(first, 'e', number.size()) == nullptr &&
      std::memchr(first, 'E', number.size()) == nullptr) {
    if (const auto integer = read_integer(number)) {
      if (!integer->negative) return integer->magnitude;
      if (integer->magnitude <= kInt64Limit) return static_cast<std::int64_t>(0 - integer->magnitude);
    }
  }
  const double value = json_number_to_double(number);
  if (!std::isfinite(value)) return nlohmann::json(nlohmann::json::value_t::discarded);
  return value;
}

// True when a string (validated, quotes included) has a \uD800-\uDFFF escape that is not half
// of a high-low pair.
bool has_lone_surrogate(std::string_view value) {
  const std::string_view text = inner(value);
  const char* const end = text.data() + text.size();
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '\\') continue;
    if (text[++i] != 'u' || i + 4 >= text.size()) continue;
    switch (surrogate_at(text.data() + i, end)) {
      case Surrogate::lone: return true;
      case Surrogate::pair: i += 6; break;
      case Surrogate::none: break;
    }
    i += 4;
  }
  return false;
}

// One pass over validated text, building the tree (recursion is bounded by the depth that
// validate() allowed). `as_parsed` selects to_json_as_parsed's rules over to_json's; a value
// those rules refuse sets `refused` and stops the walk.
class Builder {
 public:
  explicit Builder(bool as_parsed) : as_parsed_(as_parsed) {}
  bool refused() const { return refused_; }

  // Builds the value starting at `p` into `out`; returns the position after it.
  const char* value(const char* p, const char* end, nlohmann::json& out) {
    using detail::skip_space;
    if (p >= end) return end;
    switch (*p) {
      case '{': {
        out = nlohmann::json::object();
        p = skip_space(p + 1, end);
        while (p < end && *p == '"') {
          bool escaped = false;
          const char* key_end = detail::skip_string(p, end, escaped);
          const std::string_view key(p, static_cast<std::size_t>(key_end - p));
          if (escaped && as_parsed_ && has_lone_surrogate(key)) return refuse(end);
          p = skip_space(key_end, end);
          if (p >= end) return end;  // not reachable for validated text: ':' follows
          p = value(skip_space(p + 1, end), end, out[decode_string(key)]);  // the last duplicate wins
          p = skip_space(p, end);
          if (p >= end || *p != ',') break;
          p = skip_space(p + 1, end);
        }
        return p < end ? p + 1 : end;  // past the '}'
      }
      case '[': {
        out = nlohmann::json::array();
        p = skip_space(p + 1, end);
        while (p < end && *p != ']') {
          nlohmann::json element;
          p = value(p, end, element);
          out.push_back(std::move(element));
          p = skip_space(p, end);
          if (p >= end || *p != ',') break;
          p = skip_space(p + 1, end);
        }
        return p < end ? p + 1 : end;  // past the ']'
      }
      case '"': {
        bool escaped = false;
        const char* string_end = detail::skip_string(p, end, escaped);
        const std::string_view string(p, static_cast<std::size_t>(string_end - p));
        if (escaped && as_parsed_ && has_lone_surrogate(string)) return refuse(end);
        out = decode_string(string);
        return string_end;
      }
      case 't': out = true; return p + 4;
      case 'f': out = false; return p + 5;
      case 'n': out = nullptr; return p + 4;
      default: {
        Forms unused;  // the number was validated with its text; only its end is wanted here
        const char* number_end = scan_number(p, end, unused);
        if (!number_end) return refuse(end);  // not reachable for validated text
        out = read_number(std::string_view(p, static_cast<std::size_t>(number_end - p)));
        if (out.is_discarded()) {
          if (as_parsed_) return refuse(end);
          out = nullptr;
        } else if (!as_parsed_ && out.is_number_unsigned()) {
          // to_json's rule: an integer that fits an int64 is number_integer.
          const std::uint64_t integer = out.get<std::uint64_t>();
          if (integer <= static_cast<std::uint64_t>(INT64_MAX)) out = static_cast<std::int64_t>(integer);
        }
        return number_end;
      }
    }
  }

 private:
  const char* refuse(const char* end) {
    refused_ = true;
    return end;
  }
  bool as_parsed_;
  bool refused_ = false;
};

}  // namespace

nlohmann::json to_json(std::string_view value) {
  nlohmann::json out;
  Builder(/*as_parsed=*/false).value(value.data(), value.data() + value.size(), out);
  return out;
}

nlohmann::json to_json_as_parsed(std::string_view value) {
  nlohmann::json out;
  Builder builder(/*as_parsed=*/true);
  builder.value(value.data(), value.data() + value.size(), out);
  if (builder.refused()) return nlohmann::json(nlohmann::json::value_t::discarded);
  return out;
}

bool copies_verbatim(std::string_view value) {
  bool in_string = false;
  char previous = ' ';
  std::size_t digits = 0;  // length of the current run of digits
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (in_string) {
      if (c == '\\') return false;
      if (c == '"') in_string = false;
      continue;
    }
    digits = is_digit(c) ? digits + 1 : 0;
    if (digits > 300) return false;  // hundreds of digits can overflow a double
    if (c == '"') {
      in_string = true;
    } else if ((c == 'e' || c == 'E') && (is_digit(previous) || previous == '.')) {
      return false;  // an exponent: may overflow to Infinity in JSON.parse
    } else if (c == '-' && i + 1 < value.size() && value[i + 1] == '0' &&
               (i + 2 >= value.size() || (value[i + 2] != '.' && !is_digit(value[i + 2])))) {
      return false;  // -0: an integer 0 once read here
    }
    previous = c;
  }
  return true;
}

std::optional<nlohmann::json> parse(std::string_view text, std::size_t max_depth) {
  std::string_view root;
  if (!validate(text, max_depth, root)) return std::nullopt;
  return to_json(root);
}

}  // namespace lms::jscan
