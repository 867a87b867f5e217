#include "lms/plural.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "js_text.hpp"

namespace lms {
namespace {

// kCldrVersion and kCldrPluralRules, the rules of every CLDR locale as one compact string.
#include "plural_rules_cldr.inc"

constexpr std::string_view kCategoryNames[] = {"zero", "one", "two", "few", "many", "other"};

PluralDigits digits_value(std::string_view digits) {
  while (!digits.empty() && digits.front() == '0') digits.remove_prefix(1);
  PluralDigits value;
  if (digits.size() > 18) {
    value.big = true;
    digits = digits.substr(digits.size() - 18);
  }
  for (char c : digits) value.low = value.low * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

// Operands from the integer digits and the visible fraction digits of |number|.
PluralOperands operands_from(std::string_view integer, std::string_view fraction, std::uint32_t exponent) {
  PluralOperands operands;
  operands.i = digits_value(integer);
  operands.f = digits_value(fraction);
  operands.v = static_cast<std::uint32_t>(fraction.size());
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  operands.t = digits_value(fraction);
  operands.w = static_cast<std::uint32_t>(fraction.size());
  operands.e = exponent;
  return operands;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool parse_uint(std::string_view text, std::uint64_t& value) {
  if (text.empty() || text.size() > 18) return false;
  value = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

// The whole number at |p| (rule texts hold values below 2^32), leaving |p| after it.
std::uint64_t read_number(const char*& p) {
  std::uint64_t value = 0;
  while (is_digit(*p)) value = value * 10 + static_cast<std::uint64_t>(*p++ - '0');
  return value;
}

}  // namespace

std::string_view to_string(PluralCategory category) {
  return kCategoryNames[static_cast<std::size_t>(category)];
}

std::optional<PluralCategory> plural_category_from_string(std::string_view text) {
  for (std::size_t k = 0; k < std::size(kCategoryNames); ++k)
    if (kCategoryNames[k] == text) return static_cast<PluralCategory>(k);
  return std::nullopt;
}

std::string_view cldr_version() { return kCldrVersion; }

std::optional<PluralOperands> plural_operands(std::string_view decimal) {
  std::string_view text = decimal;
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  std::size_t at = 0;
  while (at < text.size() && is_digit(text[at])) ++at;
  const std::string_view integer = text.substr(0, at);
  if (integer.empty()) return std::nullopt;
  std::string_view fraction;
  if (at < text.size() && text[at] == '.') {
    const std::size_t begin = ++at;
    while (at < text.size() && is_digit(text[at])) ++at;
    fraction = text.substr(begin, at - begin);
    if (fraction.empty()) return std::nullopt;
  }
  std::uint64_t exponent = 0;
  if (at < text.size() && (text[at] == 'c' || text[at] == 'e')) {
    if (!parse_uint(text.substr(at + 1), exponent) || exponent > 1000) return std::nullopt;
    at = text.size();
  }
  if (at != text.size()) return std::nullopt;
  if (exponent == 0) return operands_from(integer, fraction, 0);
  // "1.2c6" is 1200000 written compactly: move the decimal point, keep e = 6.
  std::string digits(integer);
  digits += fraction;
  std::size_t point = integer.size() + static_cast<std::size_t>(exponent);
  if (point > digits.size()) digits.append(point - digits.size(), '0');
  return operands_from(std::string_view(digits).substr(0, point), std::string_view(digits).substr(point),
                       static_cast<std::uint32_t>(exponent));
}

PluralOperands plural_operands(double number) {
  if (!std::isfinite(number)) {
    PluralOperands operands;
    operands.finite = false;
    return operands;
  }
  if (number == 0) return {};
  js::Decimal decimal = js::shortest_decimal(std::fabs(number));
  // Intl.PluralRules: maximumFractionDigits 3, roundingMode halfExpand, on the shortest digits.
  const int keep = decimal.point + 3;
  if (decimal.length > keep) {
    const bool round_up = keep >= 0 && decimal.digits[keep] >= '5';
    decimal.length = std::max(keep, 0);
    if (round_up) {
      int k = decimal.length;
      while (k > 0 && decimal.digits[k - 1] == '9') decimal.digits[--k] = '0';
      if (k == 0) {  // 9.9996 -> 10.000: one more integer digit
        decimal.digits[0] = '1';
        decimal.length = 1;
        ++decimal.point;
      } else {
        ++decimal.digits[k - 1];
      }
    }
    while (decimal.length > 0 && decimal.digits[decimal.length - 1] == '0') --decimal.length;
    if (decimal.length == 0) return {};  // rounded to zero
  }
  // Lay the digits out as integer and fraction parts: point <= 0 means leading fraction zeros,
  // point >= length trailing integer zeros (at most 309 of them).
  char text[400];
  std::size_t integer_length = 0;
  std::size_t fraction_length = 0;
  const int n = decimal.point;
  char* integer = text;
  if (n > 0) {
    for (int k = 0; k < n; ++k) integer[integer_length++] = k < decimal.length ? decimal.digits[k] : '0';
  }
  char* fraction = text + integer_length;
  for (int k = n; k < 0; ++k) fraction[fraction_length++] = '0';
  for (int k = std::max(n, 0); k < decimal.length; ++k) fraction[fraction_length++] = decimal.digits[k];
  return operands_from({integer, integer_length}, {fraction, fraction_length}, 0);
}

PluralRules PluralRules::for_locale(std::string_view locale) {
  // " tag": every id of kCldrPluralRules follows a space and is followed by a space or ':'.
  char tag[65];
  tag[0] = ' ';
  std::size_t length = std::min(locale.size(), sizeof tag - 1);
  for (std::size_t k = 0; k < length; ++k) {
    char c = locale[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
    if (c == ' ' || c == ':') c = '.';  // in no id: such a tag must not match across a separator
    tag[k + 1] = c;
  }
  PluralRules rules;
  const std::string_view table = kCldrPluralRules;
  while (length > 0) {
    const std::string_view key(tag, length + 1);
    for (std::size_t at = table.find(key); at != std::string_view::npos; at = table.find(key, at + 1)) {
      const char* end = kCldrPluralRules + at + key.size();
      if (*end == ' ' || *end == ':') {
        rules.cldr_locale_ = std::string_view(kCldrPluralRules + at + 1, length);  // in the table, not in tag
        while (*end != ':') ++end;
        rules.rules_ = end + 1;
        return rules;
      }
    }
    while (length > 0 && tag[length] != '-') --length;  // drop the last subtag and its "-"
    if (length > 0) --length;
  }
  return rules;  // CLDR root: everything is 'other'
}

PluralCategory PluralRules::select(const PluralOperands& operands) const {
  if (!operands.finite) return PluralCategory::other;
  // A rule: its category letter, then relations "operand[%modulus](=|!)ranges"; a relation
  // directly after another is "and", "/" is "or" (see scripts/gen-plural-rules.mjs).
  const char* p = rules_;
  while (*p >= 'A' && *p <= 'Z') {
    const auto category = static_cast<PluralCategory>(std::string_view("ZOTFM").find(*p++));
    bool chain = true;  // the current "and" chain holds so far
    for (;;) {
      PluralDigits value;
      bool integral = true;  // n with a non-zero fraction matches no range ("n = 1" is false for 1.5)
      switch (*p++) {
        case 'n':
          value = operands.i;
          integral = operands.t.low == 0 && !operands.t.big;
          break;
        case 'i': value = operands.i; break;
        case 'f': value = operands.f; break;
        case 't': value = operands.t; break;
        case 'v': value.low = operands.v; break;
        case 'w': value.low = operands.w; break;
        default: value.low = operands.e; break;  // c, e
      }
      if (*p == '%') {
        value.low %= read_number(++p);  // exact: a power of ten dividing 10^18 (checked by the generator)
        value.big = false;
      }
      const bool negated = *p++ == '!';
      bool in_ranges = false;
      for (;;) {
        const std::uint64_t low = read_number(p);
        const std::uint64_t high = *p == '-' ? read_number(++p) : low;
        in_ranges = in_ranges || (integral && !value.big && value.low >= low && value.low <= high);
        if (*p != ',') break;
        ++p;
      }
      chain = chain && in_ranges != negated;
      if (*p >= 'a') continue;  // "and": the next relation's operand
      if (chain) return category;
      if (*p != '/') break;
      ++p;
      chain = true;
    }
  }
  return PluralCategory::other;
}

std::vector<PluralCategory> PluralRules::categories() const {
  std::vector<PluralCategory> result;
  for (const char* p = rules_; *p > ' '; ++p)
    if (*p >= 'A' && *p <= 'Z') result.push_back(static_cast<PluralCategory>(std::string_view("ZOTFM").find(*p)));
  result.push_back(PluralCategory::other);
  return result;
}

}  // namespace lms
