// Code generation for the CLI (`lms-errors codegen`): the generators live in the core.
#include <emscripten/bind.h>

#include "json_util.hpp"
#include "lms/codegen.hpp"
#include "state.hpp"

namespace {

// -> {"text": "..."} or {"error": "..."}
std::string generate(const std::string& language, const std::string& dialect, const std::string& package) {
  lms::CodegenOptions options;
  if (language == "go")
    options.language = lms::CodegenLanguage::go;
  else if (language != "ts")
    return lms::dump_json({{"error", "unknown language '" + language + "' (expected ts or go)"}});
  options.dialect = dialect;
  if (!package.empty()) options.go_package = package;
  auto generated = lms::generate_code(lms::bindings::catalogue(), options);
  if (!generated.ok()) return lms::dump_json({{"error", generated.status().message()}});
  return lms::dump_json({{"text", generated.value()}});
}

}  // namespace

EMSCRIPTEN_BINDINGS(lms_codegen) { emscripten::function("codegen", &generate); }
