#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "lms/plural.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

std::string category(std::string_view locale, std::string_view decimal) {
  auto operands = lms::plural_operands(decimal);
  if (!operands) return "invalid";
  return std::string(lms::to_string(lms::PluralRules::for_locale(locale).select(*operands)));
}

std::string category(std::string_view locale, double number) {
  return std::string(lms::to_string(lms::PluralRules::for_locale(locale).select(lms::plural_operands(number))));
}

}  // namespace

TEST_CASE("every CLDR sample number falls in its own category (vectors from cldr-core)") {
  const json vectors = json::parse(lms::test::read_file(lms::test::source_dir() / "tests/vectors/i18n/plural-cldr.json"));
  std::size_t checked = 0;
  for (const auto& [locale, categories] : vectors["locales"].items()) {
    const auto rules = lms::PluralRules::for_locale(locale);
    CHECK_MESSAGE(rules.cldr_locale() != "und", locale);
    std::vector<std::string> expected_categories;
    for (const auto& [name, samples] : categories.items()) {
      expected_categories.push_back(name);
      for (const auto& sample : samples) {
        const std::string text = sample.get<std::string>();
        auto operands = lms::plural_operands(text);
        REQUIRE_MESSAGE(operands.has_value(), locale << " " << text);
        CHECK_MESSAGE(lms::to_string(rules.select(*operands)) == name, locale << " " << text);
        ++checked;
      }
    }
    std::vector<std::string> actual_categories;
    for (auto c : rules.categories()) actual_categories.emplace_back(lms::to_string(c));
    std::sort(expected_categories.begin(), expected_categories.end());
    std::sort(actual_categories.begin(), actual_categories.end());
    CHECK_MESSAGE(actual_categories == expected_categories, locale);
  }
  CHECK(checked > 1000);
}

TEST_CASE("operands are those of the number as written") {
  auto o = lms::plural_operands("1.50");
  REQUIRE(o);
  CHECK(o->i.low == 1);
  CHECK(o->v == 2);
  CHECK(o->w == 1);
  CHECK(o->f.low == 50);
  CHECK(o->t.low == 5);
  o = lms::plural_operands("1.2c6");
  REQUIRE(o);
  CHECK(o->i.low == 1200000);
  CHECK(o->v == 0);
  CHECK(o->e == 6);
  o = lms::plural_operands("123456789012345678901234.5");
  REQUIRE(o);
  CHECK(o->i.big);
  CHECK(o->i.low == 789012345678901234ull);
  for (const char* bad : {"", "-", "1.", ".5", "1e", "1,5", " 1", "1 ", "+1", "0x10", "1.5.5", "NaN", "1c1001"})
    CHECK_MESSAGE(!lms::plural_operands(bad).has_value(), bad);
}

TEST_CASE("shipped locales: English, Welsh, Polish, Arabic") {
  CHECK(category("en-GB", "1") == "one");
  CHECK(category("en-GB", "1.0") == "other");  // v = 1
  CHECK(category("en", "0") == "other");
  CHECK(category("cy", "0") == "zero");
  CHECK(category("cy", "1") == "one");
  CHECK(category("cy", "2") == "two");
  CHECK(category("cy", "3") == "few");
  CHECK(category("cy", "6") == "many");
  CHECK(category("cy", "4") == "other");
  CHECK(category("cy-GB", "1.0") == "one");  // n = 1 counts 1.0 too
  CHECK(category("pl", "22") == "few");
  CHECK(category("pl", "12") == "many");
  CHECK(category("pl", "1.5") == "other");
  CHECK(category("ar", "0") == "zero");
  CHECK(category("ar", "103") == "few");
  CHECK(category("ar", "111") == "many");
  CHECK(category("ar", "100") == "other");
  CHECK(category("ar", "3.5") == "other");  // n % 100 = 3..10 needs a whole number
  CHECK(category("fr", "1000000") == "many");
  CHECK(category("fr", "1e21") == "many");     // compact exponent e = 21
  CHECK(category("fr", "1000000000000000000000") == "many");  // i beyond 64 bits
  CHECK(category("xx", "1") == "other");    // unknown language: CLDR root
  CHECK(category("ja", "1") == "other");
  CHECK(category("pt-PT", "0") == "other");
  CHECK(category("pt-BR", "0") == "one");
  CHECK(category("EN_gb", "1") == "one");
  CHECK(lms::PluralRules::for_locale("zh-Hant-TW").cldr_locale() == "zh");
  CHECK(lms::cldr_version() == "48");
}

TEST_CASE("a locale tag matches a whole CLDR id or, dropping subtags, a shorter one") {
  const auto cldr_locale = [](std::string_view tag) { return std::string(lms::PluralRules::for_locale(tag).cldr_locale()); };
  CHECK(cldr_locale("kok-Latn-IN") == "kok-latn");
  CHECK(cldr_locale("KOK_latn") == "kok-latn");
  CHECK(cldr_locale("kok-Deva") == "kok");
  CHECK(cldr_locale("pt_pt") == "pt-pt");
  CHECK(cldr_locale("xog") == "xog");      // the last id of its list
  CHECK(cldr_locale("tzm") == "tzm");
  CHECK(cldr_locale("und") == "und");
  CHECK(cldr_locale("a") == "und");        // a prefix of ids is none of them
  CHECK(cldr_locale("af an") == "und");    // the ids' separators never match
  CHECK(cldr_locale("xog:On=1") == "und");
  CHECK(cldr_locale("ar:") == "und");
  CHECK(cldr_locale(":") == "und");
  CHECK(cldr_locale(" ") == "und");
  CHECK(cldr_locale("") == "und");
  CHECK(cldr_locale("-en") == "und");
  CHECK(cldr_locale("en--") == "en");
  CHECK(cldr_locale(std::string_view("en\0", 3)) == "und");
  CHECK(cldr_locale(std::string(200, 'a')) == "und");
  CHECK(cldr_locale("cy-" + std::string(200, 'a')) == "cy");
  CHECK(category("xog:On=1", "1") == "other");
  CHECK(category("af an", "1") == "other");
}

TEST_CASE("numbers follow Intl.PluralRules: at most three fraction digits, trailing zeros dropped") {
  CHECK(category("en", 1.0) == "one");
  CHECK(category("en", 1.0004) == "one");
  CHECK(category("en", 1.0005) == "other");  // rounds half away from zero to 1.001
  CHECK(category("en", 0.9996) == "one");    // 1.000 -> 1
  CHECK(category("en", -1.0) == "one");
  CHECK(category("cy", 0.0001) == "zero");
  CHECK(category("en", std::nan("")) == "other");
  CHECK(category("fr", 1e21) == "many");
  CHECK(category("fr", 1e6) == "many");
  CHECK(category("fr", 1.5) == "one");
  CHECK(category("pl", 5.0) == "many");
}
