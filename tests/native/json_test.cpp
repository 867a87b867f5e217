// lms::parse_json and lms::dump_json against nlohmann's own parser and serializer, which the
// .wasm no longer contains (jscan + fast_float read, JsonWriter writes): the same values, with
// the same types and bits, and the same text.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../wasm/src/json_scan.hpp"  // private, tested directly against nlohmann
#include "../../wasm/src/json_number.hpp"
#include "../../wasm/src/json_util.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

// Equal in type (number_integer vs number_unsigned too), bits (-0.0 vs 0.0) and key order;
// nlohmann's operator== compares numbers across types and discarded values as unequal.
bool same(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case json::value_t::discarded: return true;
    case json::value_t::number_float: {
      const double x = a.get<double>(), y = b.get<double>();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case json::value_t::array:
    case json::value_t::object: {
      if (a.size() != b.size()) return false;
      for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
        if (a.is_object() && i.key() != j.key()) return false;
        if (!same(*i, *j)) return false;
      }
      return true;
    }
    default: return a == b;
  }
}

json theirs(std::string_view text) { return json::parse(text.begin(), text.end(), nullptr, false); }

std::string nlohmann_dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

const json& number_vectors() {
  static const json vectors =
      json::parse(lms::test::read_file(lms::test::source_dir() / "tests/vectors/json/numbers.json"));
  return vectors;
}

// jscan::to_json's rule for a lone number (params): an integer that fits int64 is
// number_integer, anything else as nlohmann reads it, null where nlohmann refuses it.
json lenient(const std::string& number) {
  const json parsed = theirs(number);
  if (parsed.is_discarded()) return nullptr;
  if (parsed.is_number_unsigned() && parsed.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
    return parsed.get<std::int64_t>();
  return parsed;
}

}  // namespace

TEST_CASE("parse_json reads numbers exactly as nlohmann does") {
  for (const json& vector : number_vectors()["numbers"]) {
    const std::string number = vector.get<std::string>();
    CAPTURE(number);
    for (const std::string& text : {number, "[" + number + "]", "{\"n\":" + number + "}", " [1, " + number + " ,2] "}) {
      const json ours = lms::parse_json(text);
      CHECK_MESSAGE(same(ours, theirs(text)), text, " -> ", nlohmann_dump(ours), " vs ", nlohmann_dump(theirs(text)));
      // nlohmann's layout with the shortest digits (not always Grisu2's: 1e23 is 1e+23 here,
      // 9.999999999999999e+22 in nlohmann's dump): read back, the same value as its dump.
      if (!ours.is_discarded()) CHECK(same(theirs(lms::dump_json(ours)), theirs(nlohmann_dump(ours))));
    }
    std::string_view root;
    REQUIRE(lms::jscan::validate(number, 4, root));
    CHECK_MESSAGE(same(lms::jscan::to_json(root), lenient(number)), nlohmann_dump(lms::jscan::to_json(root)));
  }
  // Spot checks that the comparison above is not vacuous.
  CHECK(lms::parse_json("18446744073709551615").is_number_unsigned());
  CHECK(lms::parse_json("18446744073709551616").is_number_float());
  CHECK(lms::parse_json("-0").is_number_integer());
  CHECK(std::signbit(lms::parse_json("-0.0").get<double>()));
  CHECK(lms::parse_json("1e400").is_discarded());
  CHECK(lms::parse_json("[1, 1e400]").is_discarded());
  CHECK(lms::jscan::to_json("1e400").is_null());
}

TEST_CASE("to_int64 accepts what std::from_chars accepts for int64, with the same value") {
  const char* texts[] = {"0", "-0", "7", "-7", "007", "-007", "9223372036854775807", "-9223372036854775808",
                         "9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
                         "99999999999999999999", "", "-", "--1", "+1", "1.5", "1e3", " 1", "1 ", "12a", "a12", "0x10"};
  for (const char* text : texts) {
    CAPTURE(text);
    std::int64_t expected = 0;
    const char* end = text + std::strlen(text);
    const auto [ptr, ec] = std::from_chars(text, end, expected);
    const auto ours = lms::jscan::to_int64(text);
    CHECK(ours.has_value() == (ec == std::errc() && ptr == end));
    if (ours) CHECK(*ours == expected);
  }
}

TEST_CASE("parse_json refuses malformed numbers as nlohmann does") {
  for (const json& vector : number_vectors()["malformed"]) {
    const std::string number = vector.get<std::string>();
    CAPTURE(number);
    for (const std::string& text : {number, "[" + number + "]", "{\"n\":" + number + "}"}) {
      CHECK(theirs(text).is_discarded());
      CHECK(lms::parse_json(text).is_discarded());
    }
  }
}

TEST_CASE("parse_json: strings, keys, byte order mark and depth as nlohmann") {
  const char* documents[] = {
      "\xEF\xBB\xBF{\"a\":1}", "\xEF\xBB{}", "\xEF\xBB\xBF", " \xEF\xBB\xBF{}",
      "{\"a\":1,\"a\":2}", "{\"b\":1,\"a\":{\"x\":[]},\"b\":[3]}", "{\"\":0}",
      "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\ud83dx\"", "{\"\\udc00\":1}",
      "\"\\\\ud83d\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\xC3\xA9\"", "\"\xC3\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"",
      "\"\xC0\xAF\"", "\"\x7F\"", "[\"\xFF\"]", "\"\\/\\b\\f\\n\\r\\t\"", "[null,true,false]", "\t\r\n[]\t\r\n"};
  for (const char* text : documents) {
    CAPTURE(text);
    CHECK(same(lms::parse_json(text), theirs(text)));
  }
  const std::string deepest = std::string(lms::kMaxJsonDepth, '[') + std::string(lms::kMaxJsonDepth, ']');
  CHECK(same(lms::parse_json(deepest), theirs(deepest)));
  CHECK(lms::parse_json("[" + deepest + "]").is_discarded());  // callers refuse it first (json_depth_within)
}

TEST_CASE("parse_json agrees with nlohmann on generated near-JSON") {
  // Random token soup, mostly valid: every branch of the reader sees both outcomes.
  const char* tokens[] = {"{", "}", "[", "]", ",", ":", " ", "\"k\"", "\"\\u00e9\"", "\"\\ud800\"", "\"\\ud800\\udc00\"",
                          "\"\xE2\x82\xAC\"", "\"\xE2\x82\"", "0", "-0", "12", "-7", "1.5", "1e3", "1e999", "-",
                          "18446744073709551615", "99999999999999999999", "true", "null", "\"a\"", "\"\\\"\"", "01"};
  std::mt19937 random(20240607);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(tokens) - 1);
  int valid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    if (round % 2 == 0) {  // an object of members, likely valid
      text = "{";
      const std::size_t members = round % 7;
      for (std::size_t m = 0; m < members; ++m) {
        if (m) text += ',';
        text += "\"k" + std::to_string(m % 3) + "\":";
        const std::size_t extra = pick(random) % 3;
        text += extra == 0 ? "[" + std::string(tokens[pick(random)]) + "]" : tokens[pick(random)];
      }
      text += "}";
    } else {
      const std::size_t length = 1 + pick(random) % 8;
      for (std::size_t t = 0; t < length; ++t) text += tokens[pick(random)];
    }
    CAPTURE(text);
    const json ours = lms::parse_json(text);
    REQUIRE(same(ours, theirs(text)));
    if (!ours.is_discarded()) {
      ++valid;
      REQUIRE(lms::dump_json(ours) == nlohmann_dump(ours));
    }
  }
  CHECK(valid > 2000);
}

TEST_CASE("dump_json writes nlohmann's layout with the shortest digits, invalid UTF-8 replaced") {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 12);
  // Mostly the interesting bytes: NUL and other controls, quotes, lead and continuation bytes.
  static constexpr unsigned char kBytes[] = {0x00, 0x01, 0x1F, '"', '\\', 0x7F, 0xC2, 0xA9, 0xE2, 0x82, 0xAC, 0xED,
                                             0xA0, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x90, 0xC0, 0xFF, 'a'};
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int n = length(random);
    for (int k = 0; k < n; ++k) {
      const int b = byte(random);
      text += static_cast<char>(b < 96 ? kBytes[static_cast<std::size_t>(b) % std::size(kBytes)] : b);
    }
    CAPTURE(text);
    const json value = {{"s", text}, {text, {1, -2, 0.5, text}}};
    REQUIRE(lms::dump_json(value) == nlohmann_dump(value));
  }
  const json doubles = {0.0,  -0.0, 1.0,  -1.5, 1e23, 1e-7, 5e-324, 1.7976931348623157e308,
                        0.1, 100.0, 1e15, 1e16, 123456789.125};
  CHECK(lms::dump_json(doubles) ==
        "[0.0,-0.0,1.0,-1.5,1e+23,1e-07,5e-324,1.7976931348623157e+308,0.1,100.0,1e+15,1e+16,123456789.125]");
  CHECK(lms::dump_json(json(std::numeric_limits<double>::infinity())) == "null");
  CHECK(lms::dump_json(json(UINT64_MAX)) == "18446744073709551615");
  CHECK(lms::dump_json(json(INT64_MIN)) == "-9223372036854775808");
}

TEST_CASE("json_number_to_double rounds as strtod does, ties and long mantissas included") {
  std::mt19937_64 random(42);
  const auto check = [](const std::string& text) {
    const double ours = lms::json_number_to_double(text);
    const double expected = std::strtod(text.c_str(), nullptr);
    REQUIRE_MESSAGE(std::memcmp(&ours, &expected, sizeof ours) == 0, text);
  };
  char buffer[1200];
  for (int round = 0; round < 20000; ++round) {
    // A random double: its shortest form, and the exact decimal of the midpoint to its
    // neighbour (a tie: long double holds it exactly) and of a hair either side of it.
    std::uint64_t bits = random() & 0x7FEFFFFFFFFFFFFFull;
    double value;
    std::memcpy(&value, &bits, sizeof value);
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    check(buffer);
    const long double next = std::nextafter(value, std::numeric_limits<double>::infinity());
    const long double midpoint = (static_cast<long double>(value) + next) / 2;
    std::snprintf(buffer, sizeof buffer, "%.1100Lg", midpoint);
    std::string tie = buffer;
    if (tie.find('e') == std::string::npos && tie.find('.') == std::string::npos) tie += ".0";
    check(tie);
    const std::size_t e = tie.find('e');
    const std::string mantissa = tie.substr(0, e), exponent = e == std::string::npos ? "" : tie.substr(e);
    check(mantissa + "000000000000000000001" + exponent);  // just above the tie
    // Random digit strings with random exponents, around and beyond the double range.
    std::string digits = std::to_string(random() % 1000000000) + "." + std::to_string(random());
    if (round % 3 == 0) digits += std::string(random() % 40, static_cast<char>('0' + random() % 10));
    check(digits + "e" + std::to_string(static_cast<int>(random() % 700) - 350));
    check("-" + digits);
  }
  // Half the smallest denormal, 2^-1075: exactly a tie (rounds to even, 0), and the last of
  // its 750-odd digits one lower (0) or one higher (the denormal).
  std::snprintf(buffer, sizeof buffer, "%.1100Lg", std::ldexp(1.0L, -1075));
  std::string smallest_tie = buffer;
  REQUIRE(smallest_tie.size() > 700);
  REQUIRE(smallest_tie.substr(smallest_tie.size() - 6) == "5e-324");
  check(smallest_tie);
  smallest_tie[smallest_tie.size() - 6] = '4';
  check(smallest_tie);
  smallest_tie[smallest_tie.size() - 6] = '6';
  check(smallest_tie);
  check("1" + std::string(5000, '0') + "e-5000");
  check("0." + std::string(5000, '0') + "1e5001");
  check("1e99999999999999999999");
  check("-1e-99999999999999999999");
}
