// The core's shared text helpers: the one integer reader, the one trim, FunctionRef.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../wasm/src/function_ref.hpp"  // private
#include "../../wasm/src/text_util.hpp"     // private

using namespace std::literals;
using lms::text::Overflow;
using lms::text::parse_digits;

TEST_CASE("parse_digits: the whole text is digits, or it is not a number") {
  CHECK(parse_digits("0") == 0u);
  CHECK(parse_digits("007") == 7u);
  CHECK(parse_digits("1234567890") == 1234567890u);
  for (const std::string_view bad : {""sv, "4a4"sv, "4 "sv, " 4"sv, "+4"sv, "-4"sv, "4.0"sv, "4e2"sv, "٤"sv, "x"sv})
    CHECK_MESSAGE(!parse_digits(bad), bad);
}

TEST_CASE("parse_digits: the range is the caller's, overflow refused or saturated as asked") {
  CHECK(parse_digits("18446744073709551615") == UINT64_MAX);
  CHECK_FALSE(parse_digits("18446744073709551616"));
  CHECK_FALSE(parse_digits("99999999999999999999999999999999"));
  CHECK(parse_digits("99999999999999999999999999999999", UINT64_MAX, Overflow::saturate) == UINT64_MAX);
  CHECK(parse_digits("599", 599) == 599u);
  CHECK_FALSE(parse_digits("600", 599));
  CHECK(parse_digits("600", 599, Overflow::saturate) == 599u);
  CHECK(parse_digits("0000000000000000000000000000042", 100) == 42u);  // leading zeros never overflow
  // Digits past an overflow are still checked: "9…9x" is not a number, saturated or not.
  CHECK_FALSE(parse_digits("99999999999999999999x", 10, Overflow::saturate));
}

TEST_CASE("trim: String#trim's white space, ASCII and Unicode, at both ends only") {
  CHECK(lms::text::trim("  a b \t\r\n") == "a b");
  CHECK(lms::text::trim("\v\fa\f\v") == "a");
  CHECK(lms::text::trim("\xC2\xA0" "a\xE2\x80\xA8") == "a");        // U+00A0, U+2028
  CHECK(lms::text::trim("\xEF\xBB\xBF" "a\xE3\x80\x80") == "a");     // U+FEFF, U+3000
  CHECK(lms::text::trim("\xE2\x80\x8B" "a") == "\xE2\x80\x8B" "a");  // U+200B is not white space
  CHECK(lms::text::trim("   ").empty());
  CHECK(lms::text::trim("\xC2").size() == 1);  // a cut sequence stays
}

TEST_CASE("line_terminator_at: \\n \\r U+2028 U+2029, nothing else") {
  CHECK(lms::text::line_terminator_at("a\nb", 1));
  CHECK(lms::text::line_terminator_at("\r", 0));
  CHECK(lms::text::line_terminator_at("\xE2\x80\xA9", 0));
  CHECK_FALSE(lms::text::line_terminator_at("\xE2\x80\xAA", 0));
  CHECK_FALSE(lms::text::line_terminator_at("\xE2\x80", 0));
  CHECK_FALSE(lms::text::line_terminator_at("\t", 0));
}

TEST_CASE("FunctionRef calls the callable it refers to, with its state") {
  std::vector<int> seen;
  const auto visit_all = [](lms::FunctionRef<void(int)> visit) {
    for (int k = 0; k < 3; ++k) visit(k);
  };
  visit_all([&seen](int k) { seen.push_back(k * 10); });
  CHECK(seen == std::vector<int>{0, 10, 20});
  const auto twice = [](lms::FunctionRef<int(int)> f, int x) { return f(f(x)); };
  CHECK(twice([](int x) { return x + 1; }, 1) == 3);
}
