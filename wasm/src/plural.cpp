#include "lms/plural.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "js_text.hpp"
#include "text_util.hpp"

namespace lms {
namespace {

using text::is_digit;

// kCldrVersion and kCldrPluralRules, the rules of every CLDR locale as one compact string.
#include "plural_rules_cldr.inc"

constexpr std::string_view kCategoryNames[] = {"zero", "one", "two", "few", "many", "other"};

constexpr std::uint64_t kTenTo18 = 1000000000000000000;

// The whole number written by the digits of |text| (a '.' among them is skipped) and |zeros|
// more zeros: its last 18 digits, and whether it has more.
PluralDigits digits_value(std::string_view text, std::size_t zeros) {
  PluralDigits value;
  std::size_t significant = 0;  // digits from the first non-zero one on
  for (char c : text) {
    if (c == '.') continue;
    significant += significant != 0 || c != '0';
    value.low = (value.low * 10 + static_cast<std::uint64_t>(c - '0')) % kTenTo18;
  }
  if (significant != 0) significant += zeros;
  for (; zeros > 0 && value.low != 0; --zeros) value.low = value.low * 10 % kTenTo18;
  value.big = significant > 18;
  return value;
}

// The operands of a number: its integer digits (see digits_value) and its visible fraction digits.
PluralOperands operands_from(std::string_view integer, std::size_t zeros, std::string_view fraction,
                             std::uint32_t exponent) {
  PluralOperands operands;
  operands.i = digits_value(integer, zeros);
  operands.f = digits_value(fraction, 0);
  operands.v = static_cast<std::uint32_t>(fraction.size());
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  operands.t = digits_value(fraction, 0);
  operands.w = static_cast<std::uint32_t>(fraction.size());
  operands.e = exponent;
  return operands;
}

// The whole number at |p| (rule texts hold values below 2^32), leaving |p| after it.
std::uint64_t read_number(const char*& p) {
  const char* const begin = p;
  while (is_digit(*p)) ++p;
  return text::parse_digits(std::string_view(begin, static_cast<std::size_t>(p - begin))).value_or(0);
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
  const auto digits = [&] {  // how many digits follow, skipped
    const std::size_t begin = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    return at - begin;
  };
  if (digits() == 0) return std::nullopt;
  std::size_t fraction_begin = at;
  if (at < text.size() && text[at] == '.') {
    fraction_begin = ++at;
    if (digits() == 0) return std::nullopt;
  }
  const std::string_view number = text.substr(0, at);  // "1" or "1.5"
  std::uint32_t exponent = 0;
  if (at < text.size() && (text[at] == 'c' || text[at] == 'e')) {
    const std::size_t begin = ++at;
    digits();
    const auto value = text::parse_digits(text.substr(begin, at - begin), 1000);
    if (!value) return std::nullopt;
    exponent = static_cast<std::uint32_t>(*value);
  }
  if (at != text.size()) return std::nullopt;
  // "1.2c6" is 1200000 written compactly: the point moves right by the exponent, e = 6.
  std::string_view fraction = number.substr(fraction_begin);
  const std::size_t moved = std::min<std::size_t>(exponent, fraction.size());
  fraction.remove_prefix(moved);
  return operands_from(number.substr(0, number.size() - fraction.size()), exponent - moved, fraction, exponent);
}

PluralOperands plural_operands(double number) {
  if (!std::isfinite(number)) {
    PluralOperands operands;
    operands.finite = false;
    return operands;
  }
  if (number == 0) return {};
  const double magnitude = std::fabs(number);
  // A whole number below 2^53 is its own integer digits (no fraction to round): the common
  // count, without the shortest-digits search.
  if (magnitude < 9007199254740992.0 && static_cast<double>(static_cast<std::uint64_t>(magnitude)) == magnitude) {
    PluralOperands operands;
    operands.i.low = static_cast<std::uint64_t>(magnitude);
    return operands;
  }
  js::Decimal decimal = js::shortest_decimal(magnitude);
  // Intl.PluralRules: maximumFractionDigits 3, roundingMode halfExpand, on the shortest digits.
  const int keep = decimal.point + 3;
  if (decimal.length > keep) {
    if (keep < 0) return {};  // below 0.0001: rounds to zero
    const bool round_up = decimal.digits[keep] >= '5';
    decimal.length = keep;
    if (round_up) {
      // Trailing 9s become zeros (dropped below); 9.9996 -> 10: one more integer digit.
      while (decimal.length > 0 && decimal.digits[decimal.length - 1] == '9') --decimal.length;
      if (decimal.length == 0) {
        decimal.digits[decimal.length++] = '0';
        ++decimal.point;
      }
      ++decimal.digits[decimal.length - 1];
    }
    while (decimal.length > 0 && decimal.digits[decimal.length - 1] == '0') --decimal.length;
    if (decimal.length == 0) return {};  // rounded to zero
  }
  // 0.005 ("5", point -2) as "005", point 0: the fraction's leading zeros are visible digits.
  for (; decimal.point < 0; ++decimal.point) {  // at most twice after the rounding: room enough
    for (int k = decimal.length++; k > 0; --k) decimal.digits[k] = decimal.digits[k - 1];
    decimal.digits[0] = '0';
  }
  const std::string_view digits = decimal.view();
  const std::size_t point = static_cast<std::size_t>(decimal.point);
  const std::size_t integer = std::min(point, digits.size());  // more: trailing integer zeros
  return operands_from(digits.substr(0, integer), point - integer, digits.substr(integer), 0);
}

PluralRules PluralRules::for_locale(std::string_view locale) {
  char tag[64];
  std::size_t length = std::min(locale.size(), sizeof tag);
  for (std::size_t k = 0; k < length; ++k) {
    char c = locale[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
    if (c == ' ' || c == ':') c = '.';  // in no id: a tag must not match across the separators
    tag[k] = c;
  }
  PluralRules rules;
  const std::string_view table = kCldrPluralRules;
  while (length > 0) {
    // An id follows a ' ' (the table's first byte: |at| > 0) and precedes a ' ' or ':'. The tag
    // is searched without that ' ': its first letter is rarer in the table, the search faster.
    const std::string_view key(tag, length);
    for (std::size_t at = table.find(key); at != std::string_view::npos; at = table.find(key, at + 1)) {
      const char* end = kCldrPluralRules + at + length;
      if (kCldrPluralRules[at - 1] == ' ' && (*end == ' ' || *end == ':')) {
        rules.cldr_locale_ = table.substr(at, length);
        while (*end != ':') ++end;
        rules.rules_ = end + 1;
        return rules;
      }
    }
    while (length > 0 && tag[length - 1] != '-') --length;  // drop the last subtag and its "-"
    if (length > 0) --length;
  }
  return rules;  // CLDR root: everything is 'other'
}

PluralCategory PluralRules::select(const PluralOperands& operands) const {
  if (!operands.finite) return PluralCategory::other;
  // A rule: its category letter, then relations "operand[%modulus](=|!)ranges"; a relation
  // directly after another is "and", "/" is "or" (see scripts/gen-plural-rules.mjs).
  const char* p = rules_;
  while (*p > ' ') {  // up to the next locale list (or the end)
    const auto category = static_cast<PluralCategory>(*p++ - 'A');
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
    if (*p >= 'A' && *p <= 'E') result.push_back(static_cast<PluralCategory>(*p - 'A'));
  result.push_back(PluralCategory::other);
  return result;
}

}  // namespace lms
