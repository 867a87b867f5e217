// The tools build only (dist/lms_tools.wasm, for the CLI and init({ tools: true })): the code
// generators and the locale lint. Pages never download them.
#include "../bridge.hpp"
#include "../state.hpp"
#include "json_util.hpp"
#include "lms/codegen.hpp"
#include "lms/i18n.hpp"

using lms::bridge::Arguments;
using lms::bridge::reply;

// (language 'ts' | 'go' | 'dts', dialect or "", Go package or "") -> the source text (a RangeError for
// an unknown language or dialect).
LMS_EXPORT(lms_codegen)
std::int32_t lms_codegen(std::uint32_t language_size, std::uint32_t dialect_size, std::uint32_t package_size) {
  Arguments arguments;
  const std::string_view language = arguments.next(language_size);
  lms::CodegenOptions options;
  options.dialect = arguments.next(dialect_size);
  const std::string_view package = arguments.next(package_size);
  const auto parsed_language = lms::codegen_language_from_string(language);
  if (!parsed_language)
    return reply("unknown language '" + std::string(language) + "' (expected ts, go or dts)", lms::bridge::kRangeError);
  options.language = *parsed_language;
  if (!package.empty()) options.go_package = package;
  auto generated = lms::generate_code(lms::bindings::catalogue(), options);
  if (!generated.ok()) return reply(generated.status().message(), lms::bridge::kRangeError);
  return reply(generated.value());
}

// -> a JSON array of the problems between the loaded locales and the catalogue in force.
LMS_EXPORT(lms_check_locales) std::int32_t lms_check_locales() {
  return reply(lms::dump_json(lms::check_locales(lms::bindings::resources(), lms::bindings::catalogue())));
}
