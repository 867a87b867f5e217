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

TEST_CASE("jscan::validate says which forms the DOM reads by rules of its own: surrogate escapes, large numbers") {
  // What validate() found in `text`, which must be valid.
  auto forms_of = [](std::string_view text) {
    lms::jscan::Forms forms;
    std::string_view root;
    REQUIRE_MESSAGE(lms::jscan::validate(text, lms::kMaxJsonDepth, root, nullptr, &forms), text);
    return forms;
  };
  const std::string run(301, '9');
  const std::string short_run(300, '9');
  struct Case {
    std::string text;
    bool surrogate_escape;
    bool large_number;
  };
  const Case cases[] = {
      {R"({"a":"plain","b":[1,-2.5,0,true,null]})", false, false},
      {R"({"message":"1e5 rows, 2.E3, \u00e9, \\ud800"})", false, false},  // only look like them, inside a string
      {R"({"a":"\ud800"})", true, false},
      {R"({"a":"\uD83D\uDE00"})", true, false},
      {R"({"\uDC00":1})", true, false},
      {R"([["x","\ud7ff\ue000"]])", false, false},
      {R"({"a":1e2})", false, true},
      {R"([0.5E-3])", false, true},
      {"[" + run + "]", false, true},
      {"[0." + run + "]", false, true},
      {"[-" + short_run + "." + short_run + "]", false, false},
      {"[\"" + run + "\"]", false, false},
      {R"({"a":"\ud800","b":-1E+400})", true, true},
  };
  for (const Case& c : cases) {
    const auto forms = forms_of(c.text);
    CHECK_MESSAGE(forms.surrogate_escape == c.surrogate_escape, c.text);
    CHECK_MESSAGE(forms.large_number == c.large_number, c.text);
  }
  // With a visitor, the same.
  lms::jscan::Forms forms;
  std::string_view root;
  REQUIRE(lms::jscan::validate(R"({"a":[1e3],"b":"\udfff"})", lms::kMaxJsonDepth, root,
                               [](lms::jscan::Slice, lms::jscan::Slice) {}, nullptr, &forms));
  CHECK(forms.surrogate_escape);
  CHECK(forms.large_number);
}
