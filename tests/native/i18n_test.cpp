#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../wasm/src/i18n_internal.hpp"  // compiled templates vs i18next's algorithm
#include "lms/i18n.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

json vectors(const char* name) {
  return json::parse(lms::test::read_file(lms::test::source_dir() / "tests/vectors/i18n" / name));
}

lms::ResourceStore store_of(const json& resources) {
  lms::ResourceStore store;
  for (const auto& [locale, namespaces] : resources.items())
    for (const auto& [ns, keys] : namespaces.items()) REQUIRE(store.add(locale, ns, keys).ok());
  return store;
}

std::string string_or_empty(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

TEST_CASE("translate: every shared vector (i18next's own output, see tests/node/i18n-parity.test.js)") {
  const json v = vectors("translate.json");
  const lms::ResourceStore store = store_of(v["resources"]);
  for (const json& c : v["cases"]) {
    const std::string locale = string_or_empty(c["options"], "locale");
    const std::string ns = string_or_empty(c["options"], "ns");
    const std::string context = string_or_empty(c["options"], "context");
    lms::TranslateOptions options;
    options.locale = locale;
    options.ns = ns;
    options.context = context;
    const std::string key = c["key"].get<std::string>();
    CHECK_MESSAGE(store.translate(key, c["params"], options) == c["expected"].get<std::string>(),
                  key << " " << c["params"].dump() << " " << c["options"].dump());
  }
}

TEST_CASE("values in $t(key, {…}) options are JSON-escaped there even without HTML escaping") {
  lms::ResourceStore store;
  REQUIRE(store.add("en-GB", "common", json{{"hello", "Hello {{name}}!"}, {"nest", R"($t(hello, {"name": "{{v}}"}))"}}).ok());
  REQUIRE(store.add("cy", "common", json{{"hello", "Helo {{name}}!"}}).ok());
  lms::TranslateOptions plain;
  plain.escape = false;
  const json injecting = {{"v", R"(x", "lng": "cy)"}};
  CHECK(store.translate("nest", injecting, plain) == R"(Hello x", "lng": "cy!)");
  CHECK(store.translate("nest", injecting, lms::TranslateOptions{}) == "Hello x&quot;, &quot;lng&quot;: &quot;cy!");
}

TEST_CASE("compiled templates render exactly what i18next's algorithm gives on the text") {
  // Every template of the vectors, plus awkward ones, against hostile data: the compiled
  // pieces must agree with interpolate_text(), the port of i18next's interpolate().
  std::vector<std::string> templates;
  const json v = vectors("translate.json");
  for (const auto& [locale, namespaces] : v["resources"].items())
    for (const auto& [ns, keys] : namespaces.items())
      for (const auto& [key, text] : keys.items()) templates.push_back(text.get<std::string>());
  for (const char* text : {"{{a}}{{a}}", "{{- a}}{{a}}", "{{a}} {{- b}} {{c}}", "{{a {{- b}}", "{{- a}}}", "{{-}}}",
                           "{{- a}} {{- a}}", "{{", "}}", "{{}}", "{{ }}", "{{-a\n}}", "x{{- a}}y{{b}}z{{- c}}", "{{{{a}}}}",
                           "{{- {{a}} }}", "{{a}}}}", "{{- a, b}} {{a , fmt}}"})
    templates.emplace_back(text);
  const json data_sets[] = {
      json::object(),
      {{"a", "A"}, {"b", "B"}, {"c", "C"}},
      {{"a", "}}"}, {"b", "{{a}}"}, {"c", "{{- a}}"}, {"- a", "dash"}, {"name", "<x>"}},
      {{"a", "{{"}, {"b", "}} {{c}}"}, {"c", 3}, {"-a", "m"}, {"", "empty"}},
      {{"a", nullptr}, {"b", json::array({1, 2})}, {"a {{- b", "odd"}, {"v", "$t(hello)"}, {"name", "$&"}},
  };
  std::size_t compiled_count = 0;
  for (const std::string& text : templates) {
    const lms::i18n::Template compiled = lms::i18n::compile(text);
    if (!compiled.interpret) ++compiled_count;
    for (const json& data : data_sets) {
      for (const bool escape : {true, false}) {
        const lms::i18n::Scope scope{&data, "en-GB", "common", ""};
        std::string rendered;
        lms::i18n::render(compiled, scope, {escape, false}, rendered);
        CHECK_MESSAGE(rendered == lms::i18n::interpolate_text(text, scope, {escape, false}),
                      json(text).dump() << " with " << data.dump());
      }
    }
  }
  CHECK(compiled_count > templates.size() / 2);
  CHECK(lms::i18n::compile("{{x {{- v}} }}").interpret);  // a {{ left open before a raw value
  CHECK_FALSE(lms::i18n::compile("{{- v}} and {{w}}").interpret);
}

TEST_CASE("the fallback chain is i18next's toResolveHierarchy") {
  auto chain = [](std::string_view locale) {
    lms::i18n::LocaleChain c;
    lms::i18n::locale_chain(locale, c);
    std::string out;
    for (int k = 0; k < c.size; ++k) (out += k ? " " : "") += c.codes[k];
    return out;
  };
  CHECK(chain("cy") == "cy en-GB");
  CHECK(chain("cy-gb") == "cy-GB cy en-GB");
  CHECK(chain("cy_GB") == "cy_GB cy en-GB");
  CHECK(chain("en-GB") == "en-GB en");
  CHECK(chain("zh-hant-tw") == "zh-Hant-TW zh-Hant zh en-GB");
  CHECK(chain("sr-Latn-x-private") == "sr-Latn-x-private sr en-GB");  // no "…-x" script part
  CHECK(chain("en-x-a") == "en-x-a en en-GB");
  CHECK(chain("not a tag-!") == "not a tag-! not a tag en-GB");
  // i18next 27 gives a well-formed bare language its canonical case too.
  CHECK(chain("CY") == "cy en-GB");
  CHECK(chain("CY-gb") == "cy-GB cy en-GB");
  CHECK(chain("ABCDE") == "abcde en-GB");
  CHECK(chain("Latn") == "Latn en-GB");
}

TEST_CASE("add() refuses what i18next could not load, and keeps what it had") {
  lms::ResourceStore store;
  CHECK(store.add("en-GB", "common", json{{"$meta", {{"locale", "en-GB"}}}, {"a", "A"}}).ok());
  CHECK_FALSE(store.add("", "common", json::object()).ok());
  CHECK_FALSE(store.add("en-GB", "", json::object()).ok());
  CHECK_FALSE(store.add("en-GB", "common", json::array()).ok());
  const auto status = store.add("en-GB", "common", json{{"b", "B"}, {"c", 3}});
  CHECK_FALSE(status.ok());
  CHECK(status.message() == "resources[\"c\"] must be a string, not number");
  CHECK(store.translate("b", json::object(), {}) == "b");  // nothing of the refused object
  CHECK(store.translate("a", json::object(), {}) == "A");
  CHECK(store.keys("en-GB", "common") == std::vector<std::string>{"a"});
  CHECK(store.add("en-GB", "common", json{{"a", "A2"}}).ok());  // merge: replaces the key
  CHECK(store.translate("a", json::object(), {}) == "A2");
  CHECK(store.translate("a", json("not an object"), {}) == "A2");
}

TEST_CASE("loaded locales, their namespaces and keys, as add() recorded them") {
  lms::ResourceStore store;
  const std::string longest(64, 'a');  // the longest tag add() takes
  CHECK(store.add("cy", "common", json{{"k", "{{count}} cy"}, {"k_one", "un"}}).ok());
  CHECK(store.add("en-GB", "http", json{{"a", "A"}}).ok());
  CHECK(store.add("en-GB", "empty", json::object()).ok());  // loaded, with no keys
  CHECK(store.add("en-GB", "common", json{{"b", "B"}, {"a", "A"}}).ok());
  CHECK(store.add("cy", "common", json{{"k_two", "dau"}}).ok());  // the same locale again
  CHECK(store.add(longest, "common", json{{"x", "X"}}).ok());
  CHECK_FALSE(store.add(longest + "a", "common", json{{"x", "X"}}).ok());
  CHECK(store.locales() == std::vector<std::string>{longest, "cy", "en-GB"});
  CHECK(store.namespaces("en-GB") == std::vector<std::string>{"common", "empty", "http"});
  CHECK(store.namespaces("cy") == std::vector<std::string>{"common"});
  CHECK(store.namespaces("fr").empty());
  CHECK(store.keys("en-GB", "common") == std::vector<std::string>{"a", "b"});
  CHECK(store.keys("en-GB", "empty").empty());
  CHECK(store.keys("cy", "common") == std::vector<std::string>{"k", "k_one", "k_two"});
  CHECK(store.translate("x", json::object(), {longest}) == "X");
  // Each locale keeps its own plural rules: cy has "two", en-GB does not.
  CHECK(store.translate("k", json{{"count", 2}}, {"cy"}) == "dau");
  CHECK(store.translate("k", json{{"count", 1}}, {"cy-GB"}) == "un");
  CHECK(store.translate("k", json{{"count", 2}}, {"en-GB"}) == "k");
}

TEST_CASE("hostile templates and values stay bounded") {
  lms::ResourceStore store;
  std::string wide;
  for (int k = 0; k < 20; ++k) wide += "$t(wide) ";
  REQUIRE(store.add("en-GB", "common", json{{"wide", wide}, {"deep", std::string(5000, '{') + "{{x}}"},
                                            {"many", [] { std::string s; for (int k = 0; k < 1200; ++k) s += "{{a}}"; return s; }()}})
              .ok());
  lms::TranslateOptions pupil;
  pupil.context = "pupil";
  const std::string fanned = store.translate("wide", json::object(), pupil);  // 20^8 without the budget
  CHECK(fanned.size() < 100000);
  // the first "{{" opens a placeholder that swallows the rest: nothing to replace
  CHECK(store.translate("deep", json{{"x", 1}}, {}) == std::string(5000, '{') + "{{x}}");
  const std::string many = store.translate("many", json{{"a", "b"}}, {});
  CHECK(many.substr(0, 1000) == std::string(1000, 'b'));  // i18next's maxReplaces: 1000 per pass
  CHECK(many.substr(1000, 5) == "{{a}}");
}

TEST_CASE("format and details: every shared vector") {
  const json v = vectors("format.json");
  const lms::ResourceStore store = store_of(v["resources"]);
  const lms::ResourceStore empty;
  auto catalogue = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
  REQUIRE(catalogue.ok());
  for (const json& c : v["format"]) {
    auto error = lms::error_from_json(c["error"]);
    REQUIRE(error.ok());
    const std::string locale = string_or_empty(c["options"], "locale");
    const std::string audience = string_or_empty(c["options"], "audience");
    lms::FormatOptions options;
    options.locale = locale;
    options.audience = audience == "pupil" ? lms::Audience::pupil : audience == "admin" ? lms::Audience::admin : lms::Audience::teacher;
    options.with_code = c["options"].value("withCode", true);
    const bool use_empty = string_or_empty(c, "store") == "empty";
    CHECK_MESSAGE(lms::format(use_empty ? empty : store, catalogue.value(), error.value(), options) == c["expected"].get<std::string>(),
                  c["error"].dump() << " " << c["options"].dump());
  }
  for (const json& c : v["details"]) {
    auto error = lms::error_from_json(c["error"]);
    REQUIRE(error.ok());
    const bool use_empty = string_or_empty(c, "store") == "empty";
    const auto lines = lms::details(use_empty ? empty : store, error.value(), string_or_empty(c["options"], "locale"));
    CHECK_MESSAGE(json(lines) == c["expected"], c["options"].dump());
  }
}

TEST_CASE("format with reused buffers: each line as a fresh format() gives it, in any order") {
  // lms_format() keeps one FormatBuffers and one line per instance: nothing of a line (its key,
  // its translated entity, its text) may reach the next one.
  const json v = vectors("format.json");
  const lms::ResourceStore store = store_of(v["resources"]);
  auto catalogue = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
  REQUIRE(catalogue.ok());
  json cases = v["format"];
  // Both replaced params at once (the second replacement rebuilds pairs the first one wrote).
  cases.push_back({{"error", {{"dialect", "nestjs"}, {"code", "SETUP_VALIDATION_FAILED"}, {"status", 400}, {"message", ""},
                              {"params", {{"entity", "student"}, {"reason", "overlap"}, {"field", "periods"}}}}},
                   {"options", json::object()}});
  struct Case {
    lms::NormalizedError error;
    std::string pairs;
    lms::FormatOptions options;
    std::string locale;
  };
  std::vector<Case> lines;
  for (const json& c : cases) {
    if (string_or_empty(c, "store") == "empty") continue;
    auto error = lms::error_from_json(c["error"]);
    REQUIRE(error.ok());
    Case line{error.value(), {}, {}, string_or_empty(c["options"], "locale")};
    const json params = c["error"].value("params", json::object());
    for (const auto& [name, value] : params.items())
      lms::i18n::append_flat_pair(line.pairs, name, value.get<std::string>());  // the vectors' params are strings
    const std::string audience = string_or_empty(c["options"], "audience");
    line.options.audience = audience == "pupil" ? lms::Audience::pupil : audience == "admin" ? lms::Audience::admin : lms::Audience::teacher;
    line.options.with_code = c["options"].value("withCode", true);
    lines.push_back(std::move(line));
  }
  REQUIRE(lines.size() > 25);
  lms::FormatBuffers buffers;
  std::string written;
  auto check_all = [&] {
    for (Case& c : lines) {
      c.options.locale = c.locale;
      const lms::NormalizedError& e = c.error;
      const lms::FormatInput input{e.dialect, e.code, e.status, e.message, {c.pairs, {}},
                                   e.server_code ? std::string_view(*e.server_code) : std::string_view()};
      lms::format(store, catalogue.value(), input, c.options, buffers, written);
      CHECK_MESSAGE(written == lms::format(store, catalogue.value(), e, c.options), e.code << " " << c.locale);
    }
  };
  check_all();
  std::reverse(lines.begin(), lines.end());
  check_all();
  CHECK(lines.front().error.params.contains("reason"));
}

TEST_CASE("format with reused buffers: a kept param translation follows the store, the locale and the key") {
  lms::ResourceStore store;
  REQUIRE(store.add("en-GB", "nestjs", json{{"NOT_FOUND", "{{entity}} not found"}, {"SETUP", "Failed: {{reason}}"}}).ok());
  REQUIRE(store.add("en-GB", "common", json{{"entity.student", "pupil"}, {"SETUP.overlap", "periods overlap"}}).ok());
  REQUIRE(store.add("cy", "nestjs", json{{"NOT_FOUND", "Ni chanfuwyd {{entity}}"}}).ok());
  REQUIRE(store.add("cy", "common", json{{"entity.student", "myfyriwr"}}).ok());
  const lms::Catalogue catalogue;
  lms::FormatBuffers buffers;
  std::string line;
  auto format = [&](const lms::ResourceStore& in, std::string_view code, std::string_view pairs, std::string_view locale) {
    lms::FormatOptions options;
    options.locale = locale;
    options.with_code = false;
    lms::format(in, catalogue, lms::FormatInput{"nestjs", code, 404, "", {pairs, {}}, ""}, options, buffers, line);
    return line;
  };
  using namespace std::string_literals;
  const std::string student = "entity\0student"s;
  CHECK(format(store, "NOT_FOUND", student, "cy") == "Ni chanfuwyd myfyriwr");
  CHECK(format(store, "NOT_FOUND", student, "cy") == "Ni chanfuwyd myfyriwr");
  CHECK(format(store, "NOT_FOUND", student, "en-GB") == "pupil not found");  // the locale changed
  CHECK(format(store, "NOT_FOUND", "entity\0school"s, "en-GB") == "school not found");  // the key changed
  CHECK(format(store, "NOT_FOUND", student, "cy") == "Ni chanfuwyd myfyriwr");
  const std::uint64_t before = store.version();
  REQUIRE(store.add("cy", "common", json{{"entity.student", "disgybl"}}).ok());  // the store changed
  CHECK(store.version() != before);
  CHECK(format(store, "NOT_FOUND", student, "cy") == "Ni chanfuwyd disgybl");
  lms::ResourceStore other;  // another store, in the same buffers
  REQUIRE(other.add("cy", "nestjs", json{{"NOT_FOUND", "Dim {{entity}}"}}).ok());
  CHECK(other.version() != store.version());
  CHECK(format(other, "NOT_FOUND", student, "cy") == "Dim student");
  CHECK(format(store, "NOT_FOUND", student, "cy") == "Ni chanfuwyd disgybl");
  // Two params kept apart: the reason's translation does not stand in for the entity's.
  const std::string both = "entity\0student\0reason\0overlap"s;
  CHECK(format(store, "SETUP", both, "en-GB") == "Failed: periods overlap");
  CHECK(format(store, "NOT_FOUND", both, "en-GB") == "pupil not found");
  CHECK(format(store, "SETUP", both, "en-GB") == "Failed: periods overlap");
}

TEST_CASE("right-to-left languages and scripts") {
  for (const char* rtl : {"ar", "ar-EG", "he", "fa", "ur", "ps", "yi", "ckb", "uz-Arab", "AR", "ar_SA", "ks"})
    CHECK_MESSAGE(lms::is_right_to_left(rtl), rtl);
  for (const char* ltr : {"en-GB", "cy", "pl", "arn", "ks-Deva", "az-Latn", "", "he-Latn"})
    CHECK_MESSAGE(!lms::is_right_to_left(ltr), ltr);
  // format() takes the direction from the fallback chain it keeps for the last locale: it must
  // follow every change of locale.
  const lms::ResourceStore store;
  const lms::Catalogue catalogue;
  lms::NormalizedError error;
  error.code = "E1";
  for (const char* locale : {"ar", "cy", "ar", "ar", "he-Latn", "fa", "en-GB"}) {
    lms::FormatOptions options;
    options.locale = locale;
    const bool isolated = lms::format(store, catalogue, error, options).find("\xE2\x81\xA8[E1]\xE2\x81\xA9") != std::string::npos;
    CHECK_MESSAGE(isolated == lms::is_right_to_left(locale), locale);
    lms::i18n::LocaleChain chain;
    lms::i18n::locale_chain(locale, chain);
    CHECK_MESSAGE(chain.right_to_left == lms::is_right_to_left(locale), locale);
  }
}

TEST_CASE("check_locales: the shared vector (one problem of each kind)") {
  const json v = vectors("lint.json");
  auto catalogue = lms::Catalogue::from_json(v["catalogue"].dump());
  REQUIRE_MESSAGE(catalogue.ok(), catalogue.status().message());
  const lms::ResourceStore store = store_of(v["resources"]);
  CHECK(json(lms::check_locales(store, catalogue.value())) == v["expected"]);
  // Nothing loaded: the fallback locale is reported missing.
  const auto nothing = lms::check_locales(lms::ResourceStore{}, catalogue.value());
  CHECK(json(nothing) == json::array({"en-GB/common.json: missing file", "en-GB/http.json: missing file",
                                      "en-GB/nestjs.json: missing file"}));
}
