// The C API's readers of arguments in place (bindings/wire_in_place.*) against the C++ API's
// reader of a DOM value (error.cpp's error_from_json over lms::parse_json): format(),
// translate(), details() and decide() answer the same for every argument, and refuse the same
// ones with the same words — over every shared envelope vector's parsed error and hand-made
// edge cases.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../bindings/instance.hpp"
#include "../../bindings/wire.hpp"
#include "../../bindings/wire_in_place.hpp"
#include "json_util.hpp"
#include "lms/i18n.hpp"
#include "lms/retry.hpp"
#include "lms_errors.h"
#include "test_support.hpp"

namespace {

using nlohmann::json;

std::string result_of(lms_instance* instance) {
  return std::string(lms_result_data(instance), lms_result_size(instance));
}

// An instance with the embedded catalogue and en-GB and Welsh loaded.
lms_instance* instance_with_locales() {
  lms_instance* instance = lms_create();
  for (const char* locale : {"en-GB", "cy"})
    for (const auto& file : std::filesystem::directory_iterator(lms::test::source_dir() / "i18n" / locale)) {
      const std::string ns = file.path().stem().string();
      const std::string text = lms::test::read_file(file.path());
      REQUIRE(lms_add_resources(instance, locale, std::string(locale).size(), ns.data(), ns.size(), text.data(),
                                text.size()) == LMS_OK);
    }
  return instance;
}

// Errors as JS and Go send them: every envelope vector's parse() result, then edge cases.
std::vector<std::string> error_arguments(lms_instance* instance) {
  std::vector<std::string> errors;
  for (const auto& file : std::filesystem::directory_iterator(lms::test::source_dir() / "tests/vectors/envelopes")) {
    if (file.path().extension() != ".json") continue;
    const json document = json::parse(lms::test::read_file(file.path()));
    for (const json& vector : document["vectors"]) {
      const json& input = vector["input"];
      if (!input.contains("body") || !input["body"].is_string()) continue;
      json headers = json::array();
      if (input.contains("headers") && input["headers"].is_object())
        for (const auto& [name, value] : input["headers"].items()) headers.push_back({name, value});
      const std::string headers_text = headers.dump();
      const std::string body = input["body"];
      if (lms_parse(instance, input["status"].get<int>(), headers_text.data(), headers_text.size(), body.data(),
                    body.size(), input.value("now", 0.0)) == LMS_OK)
        errors.push_back(result_of(instance));
    }
  }
  const char* edges[] = {
      R"({"code":"NOT_FOUND","dialect":"nestjs","status":404,"params":{"entity":"student"}})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","status":404.5,"params":{"entity":"student"}})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","status":4294967700,"params":{}})",
      R"({"code":"NOT_FOUND","dialect":7,"status":"404","message":null,"params":[]})",
      R"({"code":"NOT_FOUND","code":5})",
      R"({"code":5,"code":"NOT_FOUND","message":"a","message":3})",
      R"({"c\u006fde":"NOT_FOUND"})",
      R"({"code":""})",
      R"([1])",
      R"({"code":"X","params":{"count":0}})",
      R"({"code":"X","params":{"count":true,"a":false,"b":-12,"c":"x\u0000y"}})",
      R"({"code":"X","params":{"count":"3","n":1e3,"m":0.5,"k":-0}})",
      R"({"code":"X","params":{"a":"1","a":"2"}})",
      R"({"code":"X","params":{"a":null,"o":{"b":1}}})",
      R"({"code":"X","params":{"big":9007199254740993,"huge":123456789012345678901234}})",
      R"({"code":"RATE_LIMITED","dialect":"nestjs","status":429,"retryAfterMs":1500.7,"rateLimit":{"limit":5,"remaining":0,"resetAt":1e3}})",
      R"({"code":"RATE_LIMITED","dialect":"nestjs","status":429,"retryAfterMs":2000,"rateLimit":{"limit":5}})",
      R"({"code":"V","fieldErrors":[{"field":"a.b","rule":"maxLength","params":{"max":100}},7,{"field":3,"message":"m"}]})",
      R"({"code":"I","importErrors":[{"code":"FIELD_INVALID","column":"gender","rows":[[2,5],[8,8],[1.5,2],["a",1],[1],[9223372036854775807,1]],"params":["a",1,null,{"x":1}],"allowedValues":["MALE",3,"FEMALE"]}]})",
      R"({"code":"I","importErrors":[{"code":"X","rows":[[18446744073709551615,1]]}]})",
      R"({"code":"I","importErrors":[{"code":"FIELD_\u0049NVALID","column":"gen\"der","rows":[[1,1]]}],"fieldErrors":[{"field":"a\u002eb","rule":"max\u004cength","message":"m\u00e9","params":{"max":5}}]})",
      R"({"code":"NOT_\u0046OUND","dialect":"nest\u006as","message":"\u00e9","serverCode":"x\u0079","params":{"entity":"stud\u0065nt"}})",
      R"({"code":"I","importErrors":[{"c\u006fde":"X"}],"fieldErrors":"no"})",
      R"({"code":"I","fieldErrors":[{"field":"f","params":{"s":"\ud800"}}]})",
      // jscan::Forms: a number the DOM reads by rules of its own in a member this reader skips,
      // and texts that only look like such numbers inside strings.
      R"({"code":"NOT_FOUND","dialect":"nestjs","extra":1e400})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","extra":[2.5E-3]})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","message":"1e5 rows, 2.E3"})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","extra":"\ud83d\ude00","\udc00":1})",
      R"({"code":"X"
  )",
      // Forms the DOM reads by rules of its own: refused (a lone surrogate, a number beyond a
      // double) or read (a pair, an exponent, a byte order mark, escaped member names).
      R"({"code":"NOT_FOUND","dialect":"nestjs","extra":"\ud800"})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","message":"\ud83d\ude00 \udc00"})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","message":"\ud83d\ude00"})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","status":4.04e2,"retryAfterMs":1.5E3})",
      R"({"code":"NOT_FOUND","dialect":"nestjs","status":-4e1,"retryAfterMs":-1e16,"rateLimit":{"limit":1e300,"resetAt":-0.5}})",
      R"({"code":"NOT_FOUND","status":404,"retryAfterMs":9000000000000000001,"rateLimit":{"remaining":-9223372036854775808}})",
      R"({"code":"NOT_FOUND","status":404,"retryAfterMs":-9223372036854775809,"rateLimit":{"limit":18446744073709551616}})",
      "\xEF\xBB\xBF{\"code\":\"NOT_FOUND\",\"dialect\":\"nestjs\",\"status\":404}",
      "{\"code\":\"NOT_FOUND\"}\xEF\xBB\xBF",
      R"({"c\u006fde":"RATE_LIMITED","d\u0069alect":"nestjs","st\u0061tus":429,"r\u0061teLimit":{"l\u0069mit":5,"resetAt":9}})",
      R"({"code":"I","importErrors":[{"c\u006fde":"FIELD_INVALID","c\u006flumn":"gender","r\u006fws":[[1,1]],"allowedValues":["A"]}]})",
      R"({"code":"I","importErrors":[{"code":"X","rows":[[1e0,2],[3,4.0],[-5,-4],[9223372036854775808,1]],"params":[1.5,1e21,true,"\u0041"]}]})",
      R"({"code":"X","params":{"entity":"student","nested":{"a":[1,{"b":null}]},"n":1.5e-7}})",
      R"({"code":"X","params":{"entity":1e400}})",
      R"({"code":"X","message":"\uDBFF\uDFFF","serverCode":"\u0000"})",
      "{\"code\":\"X\",\"message\":\"\xFF\"}",
      R"("NOT_FOUND")",
      R"(null)",
      R"({"code":["NOT_FOUND"]})",
      "",
  };
  for (const char* edge : edges) errors.emplace_back(edge);
  const std::string digits(400, '7');
  errors.push_back(R"({"code":"NOT_FOUND","dialect":"nestjs","extra":)" + digits + "}");
  errors.push_back(R"({"code":"NOT_FOUND","dialect":"nestjs","extra":0.)" + digits + "}");
  errors.push_back(R"({"code":"NOT_FOUND","dialect":"nestjs","message":")" + digits + R"("})");
  return errors;
}

// What the C API answered: the status and its text.
std::string answer(lms_status status, lms_instance* instance) {
  return std::to_string(status) + ":" + result_of(instance);
}

}  // namespace

// The reference: error.cpp's reader of a DOM value, over lms::parse_json of the text.
lms::StatusOr<lms::NormalizedError> reference_error(const std::string& text) {
  const json value = lms::parse_json(text);
  if (value.is_discarded()) return lms::invalid_argument("error is not valid JSON (or nests deeper than 64 levels)");
  return lms::error_from_json(value);
}

// A refusal of the reference as the C API words it: a status other than LMS_OK, then its message.
void check_refused(const std::string& ours, const lms::Status& reference) {
  CHECK(ours.substr(0, 2) != "0:");
  CHECK(ours.substr(ours.find(':') + 1) == reference.message());
}

TEST_CASE("format, details and decide read an error argument as error_from_json reads its DOM") {
  lms_instance* instance = instance_with_locales();
  const std::vector<std::string> errors = error_arguments(instance);
  REQUIRE(errors.size() >= 100);
  int refused = 0;
  for (const std::string& text : errors) {
    CAPTURE(text);
    const auto reference = reference_error(text);
    refused += !reference.ok();
    for (const char* locale : {"en-GB", "cy"}) {
      for (int audience : {int{LMS_AUDIENCE_PUPIL}, LMS_AUDIENCE_ADMIN | LMS_FORMAT_WITHOUT_CODE}) {
        const std::string ours = answer(lms_format(instance, text.data(), text.size(), locale, std::strlen(locale), audience), instance);
        lms::FormatOptions options;
        options.locale = locale;
        options.audience = static_cast<lms::Audience>(audience & 0xff);
        options.with_code = (audience & LMS_FORMAT_WITHOUT_CODE) == 0;
        if (reference.ok()) CHECK(ours == "0:" + lms::format(instance->resources(), instance->catalogue(), reference.value(), options));
        else check_refused(ours, reference.status());
      }
      const std::string ours = answer(lms_details(instance, text.data(), text.size(), locale, std::strlen(locale)), instance);
      if (reference.ok()) {
        REQUIRE(ours.substr(0, 2) == "0:");
        CHECK(json::parse(ours.substr(2)) == json(lms::details(instance->resources(), reference.value(), locale)));
      } else {
        check_refused(ours, reference.status());
      }
    }
    const std::string context = R"({"attempt":1,"method":"GET","now":1000,"random":0.5,"charge":false})";
    const std::string ours = answer(lms_decide(instance, text.data(), text.size(), context.data(), context.size(), nullptr, 0), instance);
    if (reference.ok()) {
      const auto decision = lms::decide(instance->catalogue(), reference.value(), lms::wire::read_context(context).value(),
                                        instance->retry_defaults, &instance->retry_budget);
      CHECK(ours == "0:" + lms::to_json_text(decision));
    } else {
      check_refused(ours, reference.status());
    }
  }
  CHECK(refused >= 10);  // the edge cases above include refusals of every kind
  lms_destroy(instance);
}

TEST_CASE("translate: arguments in the last call's result are read before the answer replaces it") {
  // translate() writes its answer into the result buffer it reuses: a host handing back the last
  // answer as an argument (valid until this call) must get the same text as from a copy. This
  // template writes past where the locale and namespace lie before it reads them.
  lms_instance* instance = instance_with_locales();
  const std::string resources = R"({"k":"{{entity}} {{entity}} {{entity}} {{lng}} {{ns}}","echo":"{{- a}}"})";
  REQUIRE(lms_add_resources(instance, "cy", 2, "test", 4, resources.data(), resources.size()) == LMS_OK);
  const std::string key = "k";
  const std::string params = R"({"entity":"student"})";
  const std::string expected = answer(
      lms_translate(instance, key.data(), key.size(), params.data(), params.size(), "cy", 2, "test", 4, nullptr, 0),
      instance);
  REQUIRE(expected == "0:student student student cy test");
  // The result made to hold all four arguments (a raw value is written as it is), in a buffer
  // that a longer answer grew first, so the answer would be written over them in place.
  const std::string arguments = key + params + "cy" + "test";
  for (const std::string& text : {std::string(300, 'x'), arguments}) {
    const std::string holder = json{{"a", text}}.dump();
    REQUIRE(lms_translate(instance, "echo", 4, holder.data(), holder.size(), "cy", 2, "test", 4, nullptr, 0) == LMS_OK);
  }
  REQUIRE(result_of(instance) == arguments);
  const char* held = lms_result_data(instance);
  CHECK(answer(lms_translate(instance, held, key.size(), held + key.size(), params.size(),
                             held + key.size() + params.size(), 2, held + key.size() + params.size() + 2, 4, nullptr, 0),
               instance) == expected);
  lms_destroy(instance);
}

TEST_CASE("format: arguments in the last call's result are read before the line replaces it") {
  // format() writes its line into the result buffer it reuses, as translate() does.
  lms_instance* instance = instance_with_locales();
  const std::string error = R"({"code":"NOT_FOUND","dialect":"nestjs","status":404,"params":{"entity":"student"}})";
  const std::string expected = answer(lms_format(instance, error.data(), error.size(), "cy", 2, LMS_AUDIENCE_TEACHER), instance);
  REQUIRE(expected == "0:Ni chanfuwyd myfyriwr [NOT_FOUND]");
  // The result made to hold the error and the locale, in a buffer a longer answer grew first.
  const std::string resources = R"({"echo":"{{- a}}"})";
  REQUIRE(lms_add_resources(instance, "cy", 2, "test", 4, resources.data(), resources.size()) == LMS_OK);
  for (const std::string& text : {std::string(300, 'x'), error + "cy"}) {
    const std::string holder = json{{"a", text}}.dump();
    REQUIRE(lms_translate(instance, "echo", 4, holder.data(), holder.size(), "cy", 2, "test", 4, nullptr, 0) == LMS_OK);
  }
  REQUIRE(result_of(instance) == error + "cy");
  const char* held = lms_result_data(instance);
  CHECK(answer(lms_format(instance, held, error.size(), held + error.size(), 2, LMS_AUDIENCE_TEACHER), instance) ==
        expected);
  lms_destroy(instance);
}

TEST_CASE("translate: params read in one pass give what lms::parse_json's params give, refusals included") {
  lms_instance* instance = instance_with_locales();
  const char* params[] = {
      "", "{}", R"({"entity":"student"})", R"({"count":0})", R"({"count":1})", R"({"count":2,"n":"x"})",
      R"({"count":"2"})", R"({"count":true})", R"({"count":-3})", R"({"count":2.5})", R"({"entity":"a&<b>\"c'"})",
      R"({"entity":"\u00e9\ud83d\ude00"})", R"({"entity":null})", R"({"entity":{"a":1}})", R"({"a":1,"a":2})",
      R"({"n":12345678901234567890})", R"({"x":"a\u0000b"})", "[]", "{", R"({"count":1e0})",
      R"({"entity":"1e5","n":"0.5E-3"})", R"({"entity":"\ud83d\ude00"})", R"({"\ud83d\ude00":"x"})",
      "[1]", R"([""])", R"({"":""})", "\xEF\xBB\xBF{\"entity\":\"student\"}", R"({"entity":"\ud800"})",
      R"({"n":1e400})", R"("student")", "null", R"({"entity":{"name":"x"},"count":3})", R"({"c\u006funt":2})",
  };
  const char* keys[] = {"NOT_FOUND", "ui.retryIn", "entity.student", "missing {{entity}} {{count}}"};
  int flat = 0;
  for (const char* text : params) {
    std::string pairs;
    lms::PluralCount count;
    std::optional<json> object;
    flat += lms::wire::read_params_argument(text, pairs, count, object).ok() && !object;
    // The reference: the params through the DOM reader ("" is {}), refused in the same words.
    const json value = std::string_view(text).empty() ? json::object() : lms::parse_json(text);
    const lms::StatusOr<json> dom =
        value.is_discarded() ? lms::StatusOr<json>(lms::invalid_argument("params is not valid JSON (or nests deeper than 64 levels)"))
        : !value.is_object() ? lms::StatusOr<json>(lms::invalid_argument("params must be an object"))
                             : lms::StatusOr<json>(value);
    for (const char* key : keys)
      for (const char* locale : {"en-GB", "cy"}) {
        CAPTURE(text);
        CAPTURE(key);
        const std::string_view ns = std::string_view(key) == "NOT_FOUND" ? "nestjs" : "";
        const std::string ours = answer(lms_translate(instance, key, std::string_view(key).size(), text,
                                                      std::string_view(text).size(), locale,
                                                      std::string_view(locale).size(), ns.data(), ns.size(), nullptr, 0),
                                        instance);
        if (dom.ok())
          CHECK(ours == "0:" + instance->resources().translate(key, dom.value(), {locale, ns, {}, true, false}));
        else
          check_refused(ours, dom.status());
      }
  }
  CHECK(flat >= 10);
  lms_destroy(instance);
}
