// lms_parse() reuses the instance's buffers (the result's memory, the header views and their
// decoded text): each answer must be what a fresh instance and the C++ API give.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/catalogue.hpp"
#include "lms/envelope.hpp"
#include "lms_errors.h"
#include "test_support.hpp"

namespace {

using nlohmann::json;

struct Response {
  int status;
  std::vector<lms::Header> headers;
  std::string body;
};

std::string headers_json(const std::vector<lms::Header>& headers) {
  json pairs = json::array();
  for (const lms::Header& header : headers) pairs.push_back({header.name, header.value});
  return pairs.dump();
}

std::string parse_on(lms_instance* instance, const Response& response) {
  const std::string headers = headers_json(response.headers);
  REQUIRE(lms_parse(instance, response.status, headers.data(), headers.size(), response.body.data(),
                    response.body.size(), 0) == LMS_OK);
  return std::string(lms_result_data(instance), lms_result_size(instance));
}

// The C++ API's answer, from the owned form of the response.
std::string expected(const Response& response) {
  return lms::parse_to_json_text(lms::test::embedded_catalogue(), {response.status, response.headers, response.body, 0});
}

// A NestJS validation error with `count` field errors: a result larger than the buffer kept.
std::string validation_body(int count) {
  json errors = json::array();
  for (int k = 0; k < count; ++k)
    errors.push_back({{"field", "pupils." + std::to_string(k) + ".email"}, {"rule", "isEmail"}, {"message", "bad email"}});
  return json{{"statusCode", 400}, {"code", "VALIDATION_FAILED"}, {"message", "Validation failed"}, {"data", {{"errors", errors}}}}
      .dump();
}

const Response kTypical{404,
                        {{"content-type", "application/json; charset=utf-8"}, {"x-request-id", "req-1"}},
                        R"({"statusCode":404,"code":"NOT_FOUND","message":"Student not found","params":{"entity":"student"}})"};
const Response kChallenge{401,
                          {{"WWW-Authenticate", R"(Bearer error="invalid_token", error_description="The token \"t\" expired")"},
                           {"X-Request-Id", "r\xC3\xA9q-\n2"}},
                          ""};
const Response kText{503, {{"content-type", "text/plain"}, {"retry-after", "30"}}, "Service down"};

}  // namespace

TEST_CASE("lms_parse: one instance, many responses, each answer as from a fresh instance") {
  const std::vector<Response> responses = {kTypical, kChallenge, {422, {}, validation_body(5000)}, kText, kTypical,
                                           {400, {}, validation_body(3)}, kChallenge, {502, {}, ""}, kTypical};
  lms_instance* reused = lms_create();
  for (const Response& response : responses) {
    lms_instance* fresh = lms_create();
    const std::string answer = parse_on(reused, response);
    CHECK(answer == parse_on(fresh, response));
    CHECK(answer == expected(response));
    lms_destroy(fresh);
  }
  lms_destroy(reused);
}

TEST_CASE("lms_parse: headers with escapes are decoded, each into its own text") {
  lms_instance* instance = lms_create();
  const std::string answer = parse_on(instance, kChallenge);
  const json error = json::parse(answer);
  CHECK(error["message"] == "The token \"t\" expired");
  CHECK(error["serverCode"] == "invalid_token");
  CHECK(error["requestId"].get<std::string>().find("r\xC3\xA9q-") == 0);
  // The same headers written with every character escaped read the same.
  const std::string escaped =
      R"([["\u0057WW-Authenticate","Bearer error=\"invalid_token\", error_description=\"The token \\\"t\\\" expired\""],)"
      R"(["X-Request-Id","r\u00e9q-\n2"]])";
  REQUIRE(lms_parse(instance, 401, escaped.data(), escaped.size(), nullptr, 0, 0) == LMS_OK);
  CHECK(std::string(lms_result_data(instance), lms_result_size(instance)) == answer);
  lms_destroy(instance);
}

TEST_CASE("lms_parse: a body that lies in the last result is read before the answer replaces it") {
  // The answer is written into the last result's memory unless an argument lies in it. A body
  // put there by translate() (a raw value is written as it is), in a buffer a longer answer grew
  // first, with params the answer copies only after writing its head over where they lie.
  lms_instance* instance = lms_create();
  const std::string resources = R"({"echo":"{{- a}}"})";
  REQUIRE(lms_add_resources(instance, "en-GB", 5, "test", 4, resources.data(), resources.size()) == LMS_OK);
  const Response response{404, {}, R"({"params":{"entity":"student","id":"abc-123"},"statusCode":404,"code":"NOT_FOUND","message":"Student not found"})"};
  for (const std::string& text : {std::string(4000, 'x'), response.body}) {
    const std::string holder = json{{"a", text}}.dump();
    REQUIRE(lms_translate(instance, "echo", 4, holder.data(), holder.size(), "en-GB", 5, "test", 4, nullptr, 0) ==
            LMS_OK);
  }
  REQUIRE(std::string(lms_result_data(instance), lms_result_size(instance)) == response.body);
  REQUIRE(lms_parse(instance, 404, nullptr, 0, lms_result_data(instance), lms_result_size(instance), 0) == LMS_OK);
  CHECK(std::string(lms_result_data(instance), lms_result_size(instance)) == expected(response));
  lms_destroy(instance);
}

TEST_CASE("header_views_from_json: pairs of two strings, in place or decoded") {
  std::vector<lms::HeaderView> views;
  std::string decoded = "left from before";
  const std::string text = R"([["A","1"],["b"],[1,"x"],"junk",["C","\u00e9"],["d\"","e\\f"],["G","h","i"]])";
  lms::header_views_from_json(text, views, decoded);
  REQUIRE(views.size() == 3);
  CHECK(views[0].name == "A");
  CHECK(views[0].value == "1");
  CHECK(views[0].name.data() > text.data());  // read in place
  CHECK(views[1].name == "C");
  CHECK(views[1].value == "\xC3\xA9");
  CHECK(views[2].name == "d\"");
  CHECK(views[2].value == "e\\f");
  lms::header_views_from_json("not json", views, decoded);
  CHECK(views.empty());
  CHECK(decoded.empty());
  // Pairs in an object, or in an array that proves invalid further on, are no headers.
  for (const char* other : {R"({"a":["A","1"]})", R"([["A","1"],["B","2"]] x)", R"([["A","1"],["B\u00e9","2"],)"}) {
    lms::header_views_from_json(other, views, decoded);
    CHECK_MESSAGE(views.empty(), other);
  }
}

TEST_CASE("translate and format after a result larger than the memory kept: the answers of a fresh instance") {
  // A call writes into the last result's memory only while it is small; after a large result
  // (a 5,000-field validation error) the answer is a new text, and the same.
  const std::string resources = R"({"greeting":"Hello {{name}}"})";
  const std::string params = R"({"name":"Cerys"})";
  auto answers = [&](lms_instance* instance, bool large_results_between) {
    REQUIRE(lms_add_resources(instance, "en-GB", 5, "test", 4, resources.data(), resources.size()) == LMS_OK);
    const std::string error = parse_on(instance, kTypical);
    std::vector<std::string> out;
    if (large_results_between) parse_on(instance, {422, {}, validation_body(5000)});
    REQUIRE(lms_translate(instance, "greeting", 8, params.data(), params.size(), "en-GB", 5, "test", 4, nullptr, 0) ==
            LMS_OK);
    out.emplace_back(lms_result_data(instance), lms_result_size(instance));
    if (large_results_between) parse_on(instance, {422, {}, validation_body(5000)});
    REQUIRE(lms_format(instance, error.data(), error.size(), "en-GB", 5, LMS_AUDIENCE_TEACHER) == LMS_OK);
    out.emplace_back(lms_result_data(instance), lms_result_size(instance));
    return out;
  };
  lms_instance* fresh = lms_create();
  const std::vector<std::string> plain = answers(fresh, false);
  lms_destroy(fresh);
  CHECK(plain[0] == "Hello Cerys");
  CHECK(plain[1].find("[NOT_FOUND]") != std::string::npos);
  lms_instance* reused = lms_create();
  CHECK(answers(reused, true) == plain);
  CHECK(answers(reused, true) == plain);  // again, the instance's buffers grown
  lms_destroy(reused);
}
