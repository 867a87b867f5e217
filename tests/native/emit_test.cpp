// emit()'s two forms of params — a JSON object (the C++ API) and EmitParams read in place
// (lms_emit's common case) — give the same response byte for byte, and lms_emit gives the
// same bytes whichever of its readers takes the params.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/envelope.hpp"
#include "lms_errors.h"
#include "lms_errors_tools.h"
#include "test_support.hpp"

namespace {

using nlohmann::json;

const lms::Catalogue& catalogue() { return lms::test::embedded_catalogue(); }

// The same params in both forms. `texts` owns the EmitParams' text.
struct BothForms {
  json object = json::object();
  std::vector<std::string> texts;
  std::vector<lms::EmitParam> in_place;
};

// One param per name of `names`, its value of the kind `variant` picks: strings (one that
// JSON must escape), whole numbers (negative too) and booleans.
BothForms params_for(const std::vector<std::string>& names, std::size_t variant) {
  BothForms forms;
  forms.texts.reserve(names.size());  // EmitParam views into these: no reallocation
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    switch ((variant + i) % 5) {
      case 0: forms.object[name] = "x" + name, forms.texts.push_back("x" + name); break;
      case 1: forms.object[name] = "Année \"7\"\n\\ ✓", forms.texts.push_back("Année \"7\"\n\\ ✓"); break;
      case 2: forms.object[name] = 42, forms.texts.push_back("42"); break;
      case 3: forms.object[name] = -9007199254740993LL, forms.texts.push_back("-9007199254740993"); break;
      default: forms.object[name] = true, forms.texts.push_back("true"); break;
    }
    forms.in_place.push_back({name, forms.texts.back(), forms.object[name].is_string()});
  }
  return forms;
}

void check_same(const lms::StatusOr<lms::EmittedResponse>& from_object,
                const lms::StatusOr<lms::EmittedResponse>& in_place) {
  REQUIRE(from_object.ok() == in_place.ok());
  if (!from_object.ok()) {
    CHECK(from_object.status().message() == in_place.status().message());
    return;
  }
  CHECK(from_object.value().status == in_place.value().status);
  CHECK(lms::head_to_json_text(from_object.value()) == lms::head_to_json_text(in_place.value()));
  CHECK(from_object.value().body == in_place.value().body);
}

}  // namespace

TEST_CASE("emit: params in place give the JSON object's bytes, for every entry and every kind of value") {
  lms::EmitOptions options;
  options.now_ms = 1709900400000;
  options.path = "/api/v1/thing";
  std::size_t compared = 0;
  for (const lms::Entry& entry : catalogue().entries()) {
    if (entry.dialect == "network") continue;
    CAPTURE(entry.dialect);
    CAPTURE(entry.code);
    for (std::size_t variant = 0; variant < 5; ++variant) {
      BothForms forms = params_for(entry.params, variant);
      check_same(lms::emit(catalogue(), entry.dialect, entry.code, forms.object, options),
                 lms::emit(catalogue(), entry.dialect, entry.code, forms.in_place, options));
      // In any order: the JSON object keeps its names sorted, and so does the body.
      std::reverse(forms.in_place.begin(), forms.in_place.end());
      check_same(lms::emit(catalogue(), entry.dialect, entry.code, forms.object, options),
                 lms::emit(catalogue(), entry.dialect, entry.code, forms.in_place, options));
      ++compared;
    }
  }
  CHECK(compared == 5 * (catalogue().entries().size() - 3));  // all but the three network entries
  // Where the params show most: seed 003's NOT_FOUND {entity} carries them in its body.
  const std::vector<lms::EmitParam> entity = {{"entity", "school", true}};
  const auto emitted = lms::emit(catalogue(), "nestjs", "NOT_FOUND", entity, options);
  REQUIRE(emitted.ok());
  CHECK(emitted.value().body.find(R"("params":{"entity":"school"})") != std::string::npos);
}

TEST_CASE("emit: params in place are refused with the JSON object's words") {
  const lms::EmitOptions none;
  auto both = [&](const char* dialect, const char* code, const BothForms& forms) {
    const auto from_object = lms::emit(catalogue(), dialect, code, forms.object, none);
    CHECK_FALSE(from_object.ok());
    check_same(from_object, lms::emit(catalogue(), dialect, code, forms.in_place, none));
  };
  both("nestjs", "NOT_FOUND", params_for({}, 0));                   // needs params.entity
  both("nestjs", "NOT_FOUND", params_for({"id", "entity"}, 0));     // has no param 'id'
  both("nestjs", "NOT_FOUND", params_for({"entity", "zone"}, 2));   // the first unknown by name
  both("lms", "LMS-ADM-007", params_for({"id"}, 2));                // takes no params
  both("nestjs", "NO_SUCH_CODE", params_for({"entity"}, 0));        // no catalogue entry
  // A name twice, which a JSON object cannot hold: refused, never sent as a duplicate member.
  const std::vector<lms::EmitParam> twice = {{"entity", "school", true}, {"entity", "class", true}};
  const auto refused = lms::emit(catalogue(), "nestjs", "NOT_FOUND", twice, none);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message() == "params.entity is given twice");
}

TEST_CASE("lms_emit: the same bytes whichever reader takes the params") {
  lms_instance* instance = lms_create();
  auto emitted = [&](const char* dialect, const char* code, const std::string& params) {
    const std::string options = R"({"path":"/api/v1/schools/7"})";
    const lms_status status = lms_emit(instance, dialect, std::string(dialect).size(), code, std::string(code).size(),
                                       params.data(), params.size(), options.data(), options.size(), 1709900400000.0);
    return std::to_string(status) + " " + std::string(lms_result_data(instance), lms_result_size(instance));
  };
  // Each pair: a form read in place, then one only the JSON reader takes (an escape, a repeated
  // name), which means the same params.
  const std::pair<const char*, const char*> same[] = {
      {R"({"entity":"school"})", R"({"entity":"sch\u006fol"})"},
      {R"({"entity":"school"})", R"({"entity":"x","entity":"school"})"},
      {R"({"entity":"school"})", R"({"\u0065ntity":"school"})"},
      {R"({"entity":7})", R"({"entity":false,"entity":7})"},
      {R"({"entity":true})", R"( { "entity" : true } )"},
  };
  for (const auto& [in_place, from_object] : same) {
    CAPTURE(in_place);
    CAPTURE(from_object);
    const std::string expected = emitted("nestjs", "NOT_FOUND", in_place);
    CHECK(expected.rfind("0 ", 0) == 0);
    CHECK(emitted("nestjs", "NOT_FOUND", from_object) == expected);
  }
  // Refusals read in place word the JSON reader's errors.
  CHECK(emitted("nestjs", "NOT_FOUND", R"({"entity":"school","id":7})") ==
        emitted("nestjs", "NOT_FOUND", R"({"entity":"school","id":7.5})"));
  CHECK(emitted("nestjs", "NOT_FOUND", "{}").find("NOT_FOUND needs params.entity") != std::string::npos);
  CHECK(emitted("nestjs", "NOT_FOUND", R"({"entity":[1]})").find("params.entity must be a string") != std::string::npos);
  CHECK(emitted("nestjs", "NOT_FOUND", "[1]").find("params must be an object") != std::string::npos);
  lms_destroy(instance);
}
