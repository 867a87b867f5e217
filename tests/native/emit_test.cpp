// emit()'s two forms of params — a JSON object (the C++ API) and EmitParams read in place
// (lms_emit's common case) — give the same response byte for byte, lms_emit gives the same
// bytes whichever of its readers takes the params, and emit_to_wire() (what lms_emit hands
// out) is emit()'s head and body, byte for byte.
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
    const lms_status status =
        lms_emit(instance, dialect, std::string(dialect).size(), code, std::string(code).size(), params.data(),
                 params.size(), nullptr, 0, options.data(), options.size(), 1709900400000.0);
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
  for (const auto& pair : same) {
    const char* in_place = pair.first;  // not a structured binding: clang 14 cannot capture one
    const char* from_object = pair.second;
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
  // Bytes that are not UTF-8 are the JSON reader's to judge: the same answer either way.
  CHECK(emitted("nestjs", "NOT_FOUND", "{\"entity\":\"sch\xFF\"}") ==
        emitted("nestjs", "NOT_FOUND", "{\"entity\":\"x\",\"entity\":\"sch\xFF\"}"));
  lms_destroy(instance);
}

TEST_CASE("lms_emit: options read in place are refused with the JSON reader's words") {
  lms_instance* instance = lms_create();
  auto emitted = [&](const std::string& options) {
    const lms_status status = lms_emit(instance, "nestjs", 6, "INTERNAL_ERROR", 14, nullptr, 0, nullptr, 0,
                                       options.data(), options.size(), 1709900400000.0);
    return std::to_string(status) + " " + std::string(lms_result_data(instance), lms_result_size(instance));
  };
  CHECK(emitted(R"({"message":"Slow down"})").rfind("0 ", 0) == 0);
  // A root that is no object, whether its items look like common options or not; invalid JSON.
  CHECK(emitted(R"(["message"])").find("options must be an object") != std::string::npos);
  CHECK(emitted(R"(["message"])") == emitted(R"([{"data":{}}])"));
  CHECK(emitted(R"({"message":"a",})") == emitted(R"({"data":{},})"));
  CHECK(emitted(R"({"message":"a",})").find("options must be an object") != std::string::npos);
  lms_destroy(instance);
}

namespace {

// emit()'s response in the C API's form: the head's JSON, then the body.
std::string as_wire(const lms::StatusOr<lms::EmittedResponse>& emitted) {
  return lms::head_to_json_text(emitted.value()) + emitted.value().body;
}

}  // namespace

TEST_CASE("emit_to_wire: emit()'s head and body, byte for byte, for every entry, both forms, every option") {
  lms::EmitOptions plain;
  plain.now_ms = 1709900400000;
  plain.path = "/api/v1/students/abc-123";
  lms::EmitOptions full = plain;
  full.timestamp = "2026-03-10T12:00:00.000Z";
  full.request_id = "req-\"7\"";
  full.retry_after_seconds = 30;
  full.rate_limit = lms::RateLimit{100, 0, 1709900460500};
  lms::EmitOptions worded = plain;
  worded.message = "Ça n'a pas marché \u2014 \"réessayez\"";
  std::string out = "left over from an earlier call, which the next text replaces";
  std::size_t compared = 0;
  for (const lms::Entry& entry : catalogue().entries()) {
    if (entry.dialect == "network") continue;
    CAPTURE(entry.dialect);
    CAPTURE(entry.code);
    for (const lms::EmitOptions* options : {&plain, &full, &worded}) {
      BothForms forms = params_for(entry.params, compared);
      const auto expected = lms::emit(catalogue(), entry.dialect, entry.code, forms.object, *options);
      REQUIRE(expected.ok());
      const auto from_object = lms::emit_to_wire(out, catalogue(), entry.dialect, entry.code, forms.object, *options);
      REQUIRE(from_object.ok());
      CHECK(from_object.value() == lms::head_to_json_text(expected.value()).size());
      CHECK(out == as_wire(expected));
      const auto in_place = lms::emit_to_wire(out, catalogue(), entry.dialect, entry.code, forms.in_place, *options);
      REQUIRE(in_place.ok());
      CHECK(in_place.value() == from_object.value());
      CHECK(out == as_wire(expected));
      ++compared;
    }
  }
  CHECK(compared == 3 * (catalogue().entries().size() - 3));
  // The fallback, data and errors, and a refusal, which leaves `out` as it was.
  lms::EmitOptions with_data = plain;
  with_data.data = nlohmann::json{{"errors", {{{"field", "name"}, {"rule", "required"}}}}};
  const json none = json::object();
  CHECK(lms::emit_to_wire(out, catalogue(), "nestjs", "HTTP_418", none, with_data).ok());
  CHECK(out == as_wire(lms::emit(catalogue(), "nestjs", "HTTP_418", none, with_data)));
  lms::EmitOptions with_errors = plain;
  with_errors.errors = nlohmann::json::array({"one", "two"});
  CHECK(lms::emit_to_wire(out, catalogue(), "okflag", "HTTP_500", none, with_errors).ok());
  const std::string before = out;
  const auto refused = lms::emit_to_wire(out, catalogue(), "nestjs", "NOT_FOUND", none, plain);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message() == "NOT_FOUND needs params.entity");
  CHECK(out == before);
}

TEST_CASE("emit: a plain array of EmitParams is taken as they are") {
  lms::EmitOptions options;
  options.now_ms = 1709900400000;
  const lms::EmitParam entity[] = {{"entity", "school", true}};
  const auto emitted = lms::emit(catalogue(), "nestjs", "NOT_FOUND", entity, options);
  REQUIRE(emitted.ok());
  CHECK(emitted.value().body.find(R"("message":"school not found")") != std::string::npos);
}

TEST_CASE("lms_emit: the path argument is the nestjs path; the last result may be an argument") {
  lms_instance* instance = lms_create();
  const std::string path = "/api/v1/students/abc-123";
  const auto body = [&] {
    return std::string(lms_result_data(instance) + lms_emit_head_size(instance),
                       lms_result_size(instance) - lms_emit_head_size(instance));
  };
  REQUIRE(lms_emit(instance, "nestjs", 6, "INTERNAL_ERROR", 14, nullptr, 0, path.data(), path.size(), nullptr, 0,
                   1709900400000.0) == LMS_OK);
  const std::string with_argument = body();
  CHECK(with_argument.find(R"("path":"/api/v1/students/abc-123")") != std::string::npos);
  const std::string options = R"({"path":"/api/v1/students/abc-123"})";
  REQUIRE(lms_emit(instance, "nestjs", 6, "INTERNAL_ERROR", 14, nullptr, 0, nullptr, 0, options.data(), options.size(),
                   1709900400000.0) == LMS_OK);
  CHECK(body() == with_argument);
  // The last result as an argument: still readable while the call writes the next one.
  REQUIRE(lms_lookup(instance, "NOT_FOUND", 9, "nestjs", 6) == LMS_OK);
  const std::string looked_up(lms_result_data(instance), lms_result_size(instance));
  REQUIRE(lms_emit(instance, "nestjs", 6, "INTERNAL_ERROR", 14, nullptr, 0, lms_result_data(instance),
                   lms_result_size(instance), nullptr, 0, 0) == LMS_OK);
  CHECK(body().find(json(looked_up).dump()) != std::string::npos);
  // Part of the last emitted body as the path, and a result too short to need memory of its own.
  const std::string emitted_body = body();
  REQUIRE(lms_emit(instance, "nestjs", 6, "INTERNAL_ERROR", 14, nullptr, 0,
                   lms_result_data(instance) + lms_emit_head_size(instance), emitted_body.size(), nullptr, 0,
                   0) == LMS_OK);
  CHECK(body().find(json(emitted_body).dump()) != std::string::npos);
  REQUIRE(lms_plural_category(instance, "en", 2, 1) == LMS_OK);
  REQUIRE(lms_emit(instance, "nestjs", 6, "INTERNAL_ERROR", 14, nullptr, 0, lms_result_data(instance),
                   lms_result_size(instance), nullptr, 0, 0) == LMS_OK);
  CHECK(body().find(R"("path":"one")") != std::string::npos);
  lms_destroy(instance);
}
