#include <doctest/doctest.h>

#include "lms/error.hpp"

using nlohmann::json;

TEST_CASE("a normalized error survives the trip through its JSON form") {
  lms::NormalizedError error;
  error.dialect = "nestjs";
  error.code = "IMPORT_VALIDATION_FAILED";
  error.status = 422;
  error.message = "Import validation failed";
  error.known = true;
  error.params = json{{"entity", "student"}};
  error.field_errors.push_back({"anagraphic.firstName", "maxLength", std::nullopt, json{{"max", "100"}}});
  error.import_errors.push_back({"FIELD_INVALID", "gender", {{2, 5}, {8, 8}}, std::nullopt, {"MALE", "FEMALE"}});
  error.retry_after_ms = 45000;
  error.rate_limit = lms::RateLimit{100, 0, 1709900400000};
  error.path = "/api/v1/students/import";

  const json object = lms::to_json(error);
  CHECK(object["importErrors"][0]["rows"] == json::parse("[[2,5],[8,8]]"));
  CHECK(object["rateLimit"]["resetAt"] == 1709900400000);
  CHECK_FALSE(object.contains("timestamp"));

  auto back = lms::error_from_json(object);
  REQUIRE(back.ok());
  CHECK(lms::to_json(back.value()) == object);

  // decide()'s reader: everything but the two lists, read as error_from_json reads it.
  auto head = lms::error_head_from_json(object);
  REQUIRE(head.ok());
  json without_lists = object;
  without_lists["fieldErrors"] = json::array();
  without_lists["importErrors"] = json::array();
  CHECK(lms::to_json(head.value()) == without_lists);
  CHECK_FALSE(lms::error_head_from_json(json{{"status", 500}}).ok());
}

TEST_CASE("error_from_json ignores wrong-typed members and refuses non-errors") {
  CHECK_FALSE(lms::error_from_json(json::array()).ok());
  CHECK_FALSE(lms::error_from_json(json{{"status", 500}}).ok());
  auto error = lms::error_from_json(json::parse(
      R"({"code":"X","status":"500","params":[1],"fieldErrors":[1,{"field":2}],"retryAfterMs":1e300,
          "importErrors":[{"code":"FIELD_INVALID","rows":[[1],[2,"3"],[4,5]]}]})"));
  REQUIRE(error.ok());
  CHECK(error.value().status == 0);
  CHECK(error.value().params == json::object());
  CHECK(error.value().field_errors.size() == 1);
  CHECK_FALSE(error.value().retry_after_ms.has_value());
  REQUIRE(error.value().import_errors.size() == 1);
  CHECK(error.value().import_errors[0].rows.size() == 1);
}
