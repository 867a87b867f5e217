#include "lms/plural.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "js_text.hpp"

namespace lms {
namespace {

// The generated tables (byte-sized fields: they are downloaded with the .wasm).
struct CldrRange {
  std::uint32_t low, high;
};
struct CldrRelation {
  char operand;                 // n i v w f t c e
  std::uint8_t modulus_digits;  // "% 10^digits"; 0: none
  bool negated;                 // "!=" instead of "="
  bool ends_and_chain;          // an "or" (or the end of the rule) follows
  std::uint8_t first_range, range_count;
};
struct CldrRule {
  std::uint8_t category;  // PluralCategory zero..many
  std::uint8_t first_relation, relation_count;
};
struct CldrRuleSet {
  std::uint8_t first_rule, rule_count;
};
struct CldrLocale {
  std::uint16_t id_offset;  // the lower-case id, in kCldrLocaleIds
  std::uint8_t id_size;
  std::uint8_t rule_set;
};

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

bool holds(const CldrRelation& relation, const PluralOperands& operands) {
  PluralDigits value;
  bool integral = true;  // n with a non-zero fraction matches no range ("n = 1" is false for 1.5)
  switch (relation.operand) {
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
  if (relation.modulus_digits != 0) {
    std::uint64_t modulus = 1;
    for (std::uint8_t k = 0; k < relation.modulus_digits; ++k) modulus *= 10;
    value.low %= modulus;  // exact: a power of ten below 10^18 (checked by the generator)
    value.big = false;
  }
  bool in_ranges = false;
  if (integral && !value.big) {
    for (std::uint16_t k = 0; k < relation.range_count && !in_ranges; ++k) {
      const CldrRange& range = kCldrRanges[relation.first_range + k];
      in_ranges = value.low >= range.low && value.low <= range.high;
    }
  }
  return in_ranges != relation.negated;
}

bool matches(const CldrRule& rule, const PluralOperands& operands) {
  bool chain = true;  // the current "and" chain holds so far
  for (std::uint16_t k = 0; k < rule.relation_count; ++k) {
    const CldrRelation& relation = kCldrRelations[rule.first_relation + k];
    chain = chain && holds(relation, operands);
    if (relation.ends_and_chain) {
      if (chain) return true;
      chain = true;
    }
  }
  return false;
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
  char tag[64];
  std::size_t length = std::min(locale.size(), sizeof tag);
  for (std::size_t k = 0; k < length; ++k) {
    const char c = locale[k];
    tag[k] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  PluralRules rules;
  auto id = [](const CldrLocale& row) { return std::string_view(kCldrLocaleIds + row.id_offset, row.id_size); };
  for (;;) {
    const std::string_view key(tag, length);
    const auto* end = std::end(kCldrLocales);
    const auto* it = std::lower_bound(std::begin(kCldrLocales), end, key,
                                      [id](const CldrLocale& row, std::string_view wanted) { return id(row) < wanted; });
    if (it != end && id(*it) == key) {
      rules.cldr_locale_ = id(*it);
      rules.rule_set_ = it->rule_set;
      return rules;
    }
    while (length > 0 && tag[length - 1] != '-') --length;  // drop the last subtag and its "-"
    if (length == 0) return rules;  // CLDR root: everything is 'other'
    --length;
  }
}

PluralCategory PluralRules::select(const PluralOperands& operands) const {
  if (!operands.finite || rule_set_ >= std::size(kCldrRuleSets)) return PluralCategory::other;
  const CldrRuleSet& set = kCldrRuleSets[rule_set_];
  for (std::uint16_t k = 0; k < set.rule_count; ++k) {
    const CldrRule& rule = kCldrRules[set.first_rule + k];
    if (matches(rule, operands)) return static_cast<PluralCategory>(rule.category);
  }
  return PluralCategory::other;
}

std::vector<PluralCategory> PluralRules::categories() const {
  std::vector<PluralCategory> result;
  if (rule_set_ < std::size(kCldrRuleSets)) {
    const CldrRuleSet& set = kCldrRuleSets[rule_set_];
    for (std::uint16_t k = 0; k < set.rule_count; ++k)
      result.push_back(static_cast<PluralCategory>(kCldrRules[set.first_rule + k].category));
  }
  result.push_back(PluralCategory::other);
  return result;
}

}  // namespace lms
