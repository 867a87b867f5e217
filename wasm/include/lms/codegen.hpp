// lms/codegen.hpp — source code generated from the catalogue, so the servers compile the very
// table the browser uses: a TypeScript error-code module (for a NestJS server's ErrorCode enum)
// and a Go apperrors table (for the LMS backend).
#pragma once

#include <string>
#include <string_view>

#include "lms/catalogue.hpp"
#include "lms/status.hpp"

namespace lms {

enum class CodegenLanguage { typescript, go };

struct CodegenOptions {
  CodegenLanguage language = CodegenLanguage::typescript;
  std::string dialect;  // empty: every dialect
  std::string go_package = "apperrors";
};

// The generated file's text; an error when the dialect is unknown or has no entries.
StatusOr<std::string> generate_code(const Catalogue& catalogue, const CodegenOptions& options);

// "LMS-ADM-007" -> "LmsAdm007", "NOT_FOUND" -> "NotFound": an identifier-safe PascalCase name.
std::string pascal_case(std::string_view code);

}  // namespace lms
