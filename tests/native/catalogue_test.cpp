#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "lms/catalogue.hpp"
#include "test_support.hpp"

using lms::Catalogue;
using nlohmann::json;

namespace {

Catalogue embedded() {
  auto parsed = Catalogue::from_json(Catalogue::embedded_json());
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().message());
  return std::move(parsed).value();
}

// A minimal valid catalogue document, to break one piece at a time.
json minimal() {
  return json::parse(R"({"version":1,"dialects":[{"dialect":"lms","entries":[
    {"code":"LMS-X-001","status":500,"message":"update failed","cause":"db","params":[],
     "retry":"transient","action":"retry"}]}]})");
}

std::string rejection(const json& document) {
  auto parsed = Catalogue::from_json(document.dump());
  REQUIRE_FALSE(parsed.ok());
  return parsed.status().message();
}

}  // namespace

TEST_CASE("the embedded catalogue is valid and keyed by (dialect, code)") {
  const Catalogue catalogue = embedded();
  CHECK(catalogue.entries().size() >= 63);

  const lms::Entry* adm007 = catalogue.find("lms", "LMS-ADM-007");
  REQUIRE(adm007 != nullptr);
  CHECK(adm007->status == 500);
  CHECK(adm007->message == "update failed");
  CHECK(adm007->cause == "DB error on user/classroom update (check server logs)");

  // The same code means different things in different conventions.
  const lms::Entry* wrapped_db = catalogue.find("wrapped", "DATABASE_ERROR");
  const lms::Entry* nest_db = catalogue.find("nestjs", "DATABASE_ERROR");
  REQUIRE(wrapped_db != nullptr);
  REQUIRE(nest_db != nullptr);
  CHECK(wrapped_db->status == 500);
  CHECK(wrapped_db->retry == lms::RetryClass::transient);
  CHECK(nest_db->status == 400);
  CHECK(nest_db->retry == lms::RetryClass::never);

  CHECK(catalogue.find("lms", "NO-SUCH-CODE") == nullptr);
  CHECK(catalogue.find("nestjs", "LMS-ADM-007") == nullptr);
  REQUIRE(catalogue.find_any("LMS-ADM-007") != nullptr);
  CHECK(catalogue.find_any("LMS-ADM-007")->dialect == "lms");
}

TEST_CASE("em dashes and exact seed wording survive embedding") {
  const Catalogue catalogue = embedded();
  const lms::Entry* adm019 = catalogue.find("lms", "LMS-ADM-019");
  REQUIRE(adm019 != nullptr);
  CHECK(adm019->message == "classroom has pupils \u2014 reassign them first");
  CHECK(adm019->status == 409);
}

TEST_CASE("recovery actions and retry classes named by the foundation issue") {
  const Catalogue catalogue = embedded();
  auto action_of = [&](const char* dialect, const char* code) {
    const lms::Entry* entry = catalogue.find(dialect, code);
    REQUIRE_MESSAGE(entry != nullptr, dialect << " " << code);
    return std::string(lms::to_string(entry->action));
  };
  CHECK(action_of("wrapped", "TOKEN_EXPIRED") == "refresh");
  CHECK(action_of("nestjs", "AUTH_TOKEN_REUSE") == "login");
  CHECK(action_of("nestjs", "SETUP_STEP_MISMATCH") == "reload");
  CHECK(action_of("nestjs", "VALIDATION_FAILED") == "fix");
  CHECK(action_of("lms", "LMS-AUTH-007") == "contact");
  CHECK(catalogue.find("wrapped", "CHAIN_BROKEN")->retry == lms::RetryClass::never);
  CHECK(catalogue.find("nestjs", "DATABASE_TIMEOUT")->retry == lms::RetryClass::transient);
}

TEST_CASE("every code is unique within its dialect and every dialect is known") {
  const Catalogue catalogue = embedded();
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& entry : catalogue.entries()) {
    CHECK(lms::is_known_dialect(entry.dialect));
    CHECK_MESSAGE(seen.emplace(entry.dialect, entry.code).second, entry.code);
  }
}

TEST_CASE("the side tables of 002 and 003 are present") {
  const Catalogue catalogue = embedded();
  CHECK(catalogue.rate_limits().size() == 6);  // 002: 4 tiers, 003: global + login
  CHECK(catalogue.setup_reasons().size() == 8);
  CHECK(catalogue.import_codes().size() == 4);
  CHECK(catalogue.validation_rules().size() >= 4);
}

TEST_CASE("a minimal catalogue loads") {
  auto parsed = Catalogue::from_json(minimal().dump());
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().message());
  CHECK(parsed.value().entries().size() == 1);
}

TEST_CASE("malformed catalogues are rejected with every problem named") {
  CHECK(Catalogue::from_json("").status().message().find("not valid JSON") != std::string::npos);
  CHECK(Catalogue::from_json("{\"version\":1,\"dialects\":[").status().message().find(
            "not valid JSON") != std::string::npos);
  CHECK(Catalogue::from_json("[]").status().message().find("expected an object") !=
        std::string::npos);
  CHECK(Catalogue::from_json(std::string(100000, '[')).status().message().find("nested deeper") !=
        std::string::npos);

  SUBCASE("duplicate key") {
    json document = minimal();
    document["dialects"][0]["entries"].push_back(document["dialects"][0]["entries"][0]);
    const std::string message = rejection(document);
    CHECK(message.find("dialects[0].entries[1].code: duplicate (lms, LMS-X-001): already defined "
                       "at dialects[0].entries[0]") != std::string::npos);
  }
  SUBCASE("the same code in two dialects is fine") {
    json document = minimal();
    json other = document["dialects"][0];
    other["dialect"] = "nestjs";
    document["dialects"].push_back(other);
    CHECK(Catalogue::from_json(document.dump()).ok());
  }
  SUBCASE("wrong types and values, all reported at once") {
    json document = minimal();
    json& entry = document["dialects"][0]["entries"][0];
    entry["status"] = "500";
    entry["retry"] = "sometimes";
    entry["action"] = 3;
    entry.erase("message");
    const std::string message = rejection(document);
    CHECK(message.find("4 problems") != std::string::npos);
    CHECK(message.find("dialects[0].entries[0].status: must be an integer") != std::string::npos);
    CHECK(message.find("dialects[0].entries[0].message: is required") != std::string::npos);
    CHECK(message.find("dialects[0].entries[0].retry: must be one of") != std::string::npos);
    CHECK(message.find("dialects[0].entries[0].action: must be a string") != std::string::npos);
  }
  SUBCASE("unknown dialect, bad version, status out of range") {
    json document = minimal();
    document["version"] = 2;
    document["dialects"][0]["dialect"] = "soap";
    document["dialects"][0]["entries"][0]["status"] = 99;
    const std::string message = rejection(document);
    CHECK(message.find("version: must be 1") != std::string::npos);
    CHECK(message.find("unknown dialect 'soap'") != std::string::npos);
    CHECK(message.find("status: must be between 100 and 599") != std::string::npos);
  }
  SUBCASE("message placeholders must be params") {
    json document = minimal();
    document["dialects"][0]["entries"][0]["message"] = "module {name} not found";
    CHECK(rejection(document).find("entries[0].message: placeholder {name} is not one of params") !=
          std::string::npos);
    document["dialects"][0]["entries"][0]["params"] = {"name"};
    CHECK(Catalogue::from_json(document.dump()).ok());
  }
  SUBCASE("optional params must be params") {
    json document = minimal();
    document["dialects"][0]["entries"][0]["optionalParams"] = {"field"};
    CHECK(rejection(document).find("'field' is not one of params") != std::string::npos);
  }
}

TEST_CASE("entry_to_json gives the JS API's plain object") {
  const Catalogue catalogue = embedded();
  const json entry = json::parse(lms::entry_to_json(*catalogue.find("lms", "LMS-ADM-007")));
  CHECK(entry["dialect"] == "lms");
  CHECK(entry["code"] == "LMS-ADM-007");
  CHECK(entry["status"] == 500);
  CHECK(entry["message"] == "update failed");
  CHECK(entry["retry"] == "transient");
  CHECK(entry["action"] == "retry");
  CHECK(entry["params"].is_array());
}
