#include "lms/plural.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "js_text.hpp"

namespace lms {
namespace {

struct CldrLocaleRow {
  std::string_view locale;  // lower case
  std::uint16_t row;
};

#include "plural_rules_cldr.inc"

constexpr std::string_view kCategoryNames[] = {"zero", "one", "two", "few", "many", "other"};
constexpr std::uint64_t kLowModulus = 1000000000000000000ull;  // 10^18

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

// Splits on one separator character; empty pieces are kept so that malformed text fails.
template <class F>
void for_each_piece(std::string_view text, char separator, F&& f) {
  for (;;) {
    const std::size_t at = text.find(separator);
    f(text.substr(0, at));
    if (at == std::string_view::npos) return;
    text.remove_prefix(at + 1);
  }
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
  if (static_cast<int>(decimal.digits.size()) > keep) {
    const bool round_up = keep >= 0 && decimal.digits[static_cast<std::size_t>(keep)] >= '5';
    decimal.digits.resize(static_cast<std::size_t>(std::max(keep, 0)));
    if (round_up) {
      std::size_t k = decimal.digits.size();
      while (k > 0 && decimal.digits[k - 1] == '9') decimal.digits[--k] = '0';
      if (k == 0) {
        decimal.digits.insert(decimal.digits.begin(), '1');
        ++decimal.point;
      } else {
        ++decimal.digits[k - 1];
      }
    }
    while (!decimal.digits.empty() && decimal.digits.back() == '0') decimal.digits.pop_back();
    if (decimal.digits.empty()) return {};  // rounded to zero
  }
  std::string integer;
  std::string fraction;
  const int k = static_cast<int>(decimal.digits.size());
  const int n = decimal.point;
  if (n <= 0) {
    fraction.assign(static_cast<std::size_t>(-n), '0');
    fraction += decimal.digits;
  } else if (n >= k) {
    integer = decimal.digits;
    integer.append(static_cast<std::size_t>(n - k), '0');
  } else {
    integer = decimal.digits.substr(0, static_cast<std::size_t>(n));
    fraction = decimal.digits.substr(static_cast<std::size_t>(n));
  }
  return operands_from(integer, fraction, 0);
}

PluralRules PluralRules::for_locale(std::string_view locale) {
  std::string tag(locale.substr(0, 64));
  for (char& c : tag) {
    if (c == '_') c = '-';
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const CldrLocaleRow* found = nullptr;
  for (;;) {
    const auto* end = std::end(kCldrLocales);
    const auto* it = std::lower_bound(std::begin(kCldrLocales), end, tag,
                                      [](const CldrLocaleRow& row, const std::string& key) { return row.locale < key; });
    if (it != end && it->locale == tag) {
      found = it;
      break;
    }
    const std::size_t dash = tag.rfind('-');
    if (dash == std::string::npos) break;
    tag.resize(dash);
  }

  PluralRules rules;
  if (!found) return rules;  // CLDR root: everything is 'other'
  rules.cldr_locale_ = found->locale;
  // Parse "one:i = 1 and v = 0;many:e = 0 and i != 0 ..." once. The table is generated from
  // CLDR, so a malformed rule is a generator bug: it is dropped (its numbers become 'other'),
  // and the CLDR sample test fails loudly.
  for_each_piece(kCldrRuleRows[found->row], ';', [&](std::string_view part) {
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos) return;
    const auto category = plural_category_from_string(part.substr(0, colon));
    if (!category) return;
    Rule rule;
    rule.category = *category;
    rule.first_relation = static_cast<std::uint16_t>(rules.relations_.size());
    const std::size_t relations_before = rules.relations_.size();
    const std::size_t ranges_before = rules.ranges_.size();
    bool ok = true;
    // Tokens: operand [% modulus] (= | !=) ranges {and|or ...}
    std::string_view rest = part.substr(colon + 1);
    auto next_token = [&rest]() {
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      const std::size_t space = rest.find(' ');
      const std::string_view token = rest.substr(0, space);
      rest.remove_prefix(space == std::string_view::npos ? rest.size() : space);
      return token;
    };
    for (;;) {
      Relation relation;
      const std::string_view operand = next_token();
      if (operand.size() != 1 || std::string_view("nivwftce").find(operand[0]) == std::string_view::npos) {
        ok = false;
        break;
      }
      relation.operand = operand[0];
      std::string_view op = next_token();
      if (op == "%") {
        if (!parse_uint(next_token(), relation.modulus) || relation.modulus == 0 ||
            kLowModulus % relation.modulus != 0) {
          ok = false;
          break;
        }
        op = next_token();
      }
      if (op != "=" && op != "!=") {
        ok = false;
        break;
      }
      relation.negated = op == "!=";
      relation.first_range = static_cast<std::uint16_t>(rules.ranges_.size());
      for_each_piece(next_token(), ',', [&](std::string_view item) {
        Range range;
        const std::size_t dots = item.find("..");
        if (dots == std::string_view::npos) {
          ok = ok && parse_uint(item, range.low);
          range.high = range.low;
        } else {
          ok = ok && parse_uint(item.substr(0, dots), range.low) && parse_uint(item.substr(dots + 2), range.high);
        }
        rules.ranges_.push_back(range);
      });
      relation.range_count = static_cast<std::uint16_t>(rules.ranges_.size() - relation.first_range);
      const std::string_view joiner = next_token();
      relation.ends_and_chain = joiner != "and";
      rules.relations_.push_back(relation);
      if (!ok || joiner.empty()) break;
      if (joiner != "and" && joiner != "or") {
        ok = false;
        break;
      }
    }
    if (!ok) {
      rules.relations_.resize(relations_before);
      rules.ranges_.resize(ranges_before);
      return;
    }
    rule.relation_count = static_cast<std::uint16_t>(rules.relations_.size() - relations_before);
    rules.rules_.push_back(rule);
  });
  return rules;
}

bool PluralRules::holds(const Relation& relation, const PluralOperands& operands) const {
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
  if (relation.modulus != 0) {
    value.low %= relation.modulus;  // exact: every modulus divides 10^18
    value.big = false;
  }
  bool in_ranges = false;
  if (integral && !value.big) {
    for (std::uint16_t k = 0; k < relation.range_count && !in_ranges; ++k) {
      const Range& range = ranges_[relation.first_range + k];
      in_ranges = value.low >= range.low && value.low <= range.high;
    }
  }
  return in_ranges != relation.negated;
}

bool PluralRules::matches(const Rule& rule, const PluralOperands& operands) const {
  bool chain = true;  // the current "and" chain holds so far
  for (std::uint16_t k = 0; k < rule.relation_count; ++k) {
    const Relation& relation = relations_[rule.first_relation + k];
    chain = chain && holds(relation, operands);
    if (relation.ends_and_chain) {
      if (chain) return true;
      chain = true;
    }
  }
  return false;
}

PluralCategory PluralRules::select(const PluralOperands& operands) const {
  if (!operands.finite) return PluralCategory::other;
  for (const Rule& rule : rules_)
    if (matches(rule, operands)) return rule.category;
  return PluralCategory::other;
}

std::vector<PluralCategory> PluralRules::categories() const {
  std::vector<PluralCategory> result;
  for (const Rule& rule : rules_) result.push_back(rule.category);
  result.push_back(PluralCategory::other);
  return result;
}

}  // namespace lms
