// lms/codegen.hpp — source code generated from the catalogue, so the servers compile the very
// table the browser uses: a TypeScript error-code module (for a NestJS server's ErrorCode), a Go
// apperrors table (for the LMS backend) and the package's own code unions (web/codes.d.ts).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lms/catalogue.hpp"
#include "lms/status.hpp"

namespace lms {

enum class CodegenLanguage {
  typescript,  // `as const` objects and unions (erasable: no enum), params typed per code
  go,          // package apperrors: one *AppError per entry, Lookup, errors.Is, Unwrap
  code_types,  // a .d.ts of literal unions of every code, per dialect (web/codes.d.ts)
};

struct CodegenOptions {
  CodegenLanguage language = CodegenLanguage::typescript;
  std::string dialect;  // empty: every dialect
  std::string go_package = "apperrors";
};

// The generated file's text; an error when the dialect is unknown or has no entries. The first
// line names the command that writes it, so `lms-errors codegen --check FILE` can regenerate it.
StatusOr<std::string> generate_code(const Catalogue& catalogue, const CodegenOptions& options);

// "ts" / "go" / "dts" as the CLI's --lang spells them; nullopt for anything else.
std::optional<CodegenLanguage> codegen_language_from_string(std::string_view name);

// "LMS-ADM-007" -> "LmsAdm007", "NOT_FOUND" -> "NotFound": an identifier-safe PascalCase name.
std::string pascal_case(std::string_view code);

}  // namespace lms
