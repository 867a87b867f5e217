#include <doctest/doctest.h>

#include "lms/codegen.hpp"

namespace {
lms::Catalogue embedded() {
  auto parsed = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
  REQUIRE(parsed.ok());
  return std::move(parsed).value();
}
}  // namespace

TEST_CASE("pascal_case makes identifiers of codes") {
  CHECK(lms::pascal_case("LMS-ADM-007") == "LmsAdm007");
  CHECK(lms::pascal_case("NOT_FOUND") == "NotFound");
  CHECK(lms::pascal_case("HTTP_502") == "Http502");
  CHECK(lms::pascal_case("429") == "X429");
  CHECK(lms::pascal_case("") == "X");
}

TEST_CASE("generated Go and TypeScript carry every entry, escaped") {
  const lms::Catalogue catalogue = embedded();
  lms::CodegenOptions go;
  go.language = lms::CodegenLanguage::go;
  go.dialect = "lms";
  auto text = lms::generate_code(catalogue, go);
  REQUIRE(text.ok());
  CHECK(text.value().find("package apperrors\n") != std::string::npos);
  CHECK(text.value().find("ErrLmsAdm007 = AppError{Dialect: \"lms\", Code: \"LMS-ADM-007\", Status: 500, "
                          "Message: \"update failed\"}") != std::string::npos);

  lms::CodegenOptions ts;
  ts.dialect = "okflag";
  text = lms::generate_code(catalogue, ts);
  REQUIRE(text.ok());
  CHECK(text.value().find("export enum ErrorCode {") != std::string::npos);
  CHECK(text.value().find("message: \"module {name} not found\", params: [\"name\"]") != std::string::npos);
}

TEST_CASE("codegen refuses what it cannot generate") {
  const lms::Catalogue catalogue = embedded();
  lms::CodegenOptions options;
  options.dialect = "soap";
  CHECK(lms::generate_code(catalogue, options).status().message() == "unknown dialect 'soap'");
  options.dialect = "lms";
  options.language = lms::CodegenLanguage::go;
  options.go_package = "Bad-Name";
  CHECK_FALSE(lms::generate_code(catalogue, options).ok());
}
