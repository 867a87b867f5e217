// jscan::validate() with a visitor: the root's members or elements, handed over in the same
// pass, are exactly what for_each_member() and for_each_element() read after it.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_scan.hpp"
#include "json_util.hpp"

namespace {

using Items = std::vector<std::pair<std::string, std::string>>;

// What validate() hands over, and whether the text is valid.
std::pair<bool, Items> visited(std::string_view text) {
  Items items;
  std::string_view root;
  const bool valid = lms::jscan::validate(text, lms::kMaxJsonDepth, root, [&](lms::jscan::Slice key, lms::jscan::Slice value) {
    items.emplace_back(std::string(std::string_view(key)), std::string(std::string_view(value)));
  });
  return {valid, items};
}

// What the two-pass way reads.
Items read_after(std::string_view text) {
  Items items;
  std::string_view root;
  REQUIRE(lms::jscan::validate(text, lms::kMaxJsonDepth, root));
  if (lms::jscan::is_object(root))
    lms::jscan::for_each_member(root, [&](lms::jscan::Slice key, lms::jscan::Slice value) {
      items.emplace_back(std::string(std::string_view(key)), std::string(std::string_view(value)));
    });
  else
    lms::jscan::for_each_element(root, [&](std::string_view element) { items.emplace_back("", std::string(element)); });
  return items;
}

}  // namespace

TEST_CASE("jscan::validate hands over the root's members and elements as the second pass reads them") {
  const char* texts[] = {
      R"({"statusCode":404,"code":"NOT_FOUND","params":{"entity":"student","a":[1,{"b":[]}]},"e":{},"f":[],"n":null})",
      R"( { "a" : "x" , "a" : -1.5e3 , "t" : true , "o" : { "k" : { } } } )",
      R"({"k\"ey":"v\\","\u0041":[[],[{}]]})",
      R"([["content-type","application/json"],["x-request-id","r-1"],"junk",[],{},1,[[["deep"]]]])",
      R"({})",
      R"([])",
      R"("a string")",
      R"(42)",
  };
  for (const char* text : texts) {
    const auto [valid, items] = visited(text);
    CHECK_MESSAGE(valid, text);
    std::string_view root;
    REQUIRE(lms::jscan::validate(text, lms::kMaxJsonDepth, root));
    if (lms::jscan::is_object(root) || lms::jscan::is_array(root)) CHECK_MESSAGE(items == read_after(text), text);
    else CHECK_MESSAGE(items.empty(), text);
  }
  CHECK(visited(R"({"a":1,"b":{"c":2}})").second == Items{{R"("a")", "1"}, {R"("b")", R"({"c":2})"}});
}

TEST_CASE("jscan::validate with a visitor refuses what validate refuses") {
  for (const char* text : {R"({"a":1,"b":})", R"({"a":1} x)", R"([1,2)", R"({"a" 1})", R"({"a":[1,]})", ""}) {
    std::string_view root;
    CHECK_MESSAGE(!lms::jscan::validate(text, lms::kMaxJsonDepth, root), text);
    CHECK_MESSAGE(!visited(text).first, text);
  }
  // The depth limit applies as it does without a visitor.
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  CHECK(!visited(deep).first);
  const std::string limit = "{\"a\":" + std::string(63, '[') + std::string(63, ']') + "}";
  CHECK(visited(limit).first);
  CHECK(visited(limit).second.size() == 1);
}

TEST_CASE("jscan::validate says which forms the DOM refuses: a lone surrogate escape, a number beyond a double") {
  // What validate() found in `text`, which must be valid.
  auto forms_of = [](std::string_view text) {
    lms::jscan::Forms forms;
    std::string_view root;
    REQUIRE_MESSAGE(lms::jscan::validate(text, lms::kMaxJsonDepth, root, nullptr, &forms), text);
    return forms;
  };
  const std::string run(301, '9');
  const std::string huge(400, '7');
  struct Case {
    std::string text;
    bool lone_surrogate;
    bool overflowing_number;
  };
  const Case cases[] = {
      {R"({"a":"plain","b":[1,-2.5,0,true,null]})", false, false},
      {R"({"message":"1e999 rows, 2.E3, \u00e9, \\ud800"})", false, false},  // only look like them, inside a string
      {R"({"a":"\ud800"})", true, false},
      {R"({"a":"\ud800x"})", true, false},
      {R"({"a":"\ud800\u0041"})", true, false},
      {R"({"a":"\udc00\ud800"})", true, false},
      {R"({"a":"\uD83D\uDE00"})", false, false},  // a pair: one character
      {R"({"a":"\uD83D\uDE00\uDE00"})", true, false},
      {R"({"\uDC00":1})", true, false},
      {R"({"\ud83d\ude00":1})", false, false},
      {R"([["x","\ud7ff\ue000"]])", false, false},
      {R"({"a":1e2})", false, false},
      {R"([0.5E-3, 1e-400, 1.7976931348623157e308])", false, false},
      {R"({"a":1e400})", false, true},
      {R"([-1E+309])", false, true},
      {"[" + run + "]", false, false},
      {"[" + huge + "]", false, true},
      {"[0." + huge + "]", false, false},
      {R"({"a":"\ud800","b":-1E+400})", true, true},
  };
  for (const Case& c : cases) {
    const auto forms = forms_of(c.text);
    CHECK_MESSAGE(forms.lone_surrogate == c.lone_surrogate, c.text);
    CHECK_MESSAGE(forms.overflowing_number == c.overflowing_number, c.text);
    // Exactly what the DOM refuses.
    CHECK_MESSAGE(lms::parse_json(c.text).is_discarded() == (c.lone_surrogate || c.overflowing_number), c.text);
  }
  // With a visitor, the same.
  lms::jscan::Forms forms;
  std::string_view root;
  REQUIRE(lms::jscan::validate(R"({"a":[1e999],"b":"\udfff"})", lms::kMaxJsonDepth, root,
                               [](lms::jscan::Slice, lms::jscan::Slice) {}, nullptr, &forms));
  CHECK(forms.lone_surrogate);
  CHECK(forms.overflowing_number);
}
