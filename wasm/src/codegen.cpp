#include "lms/codegen.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <cctype>

#include "codegen_writers.hpp"

namespace lms {
namespace codegen {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format(FMT_COMPILE("\\u{:04x}"), static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  out += '"';
  return out;
}

std::string upper_snake(std::string_view code) {
  std::string out;
  for (const char c : code)
    out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(0, "_");
  return out;
}

std::vector<const Entry*> of_dialect(const std::vector<const Entry*>& entries, std::string_view dialect) {
  std::vector<const Entry*> own;
  for (const Entry* entry : entries)
    if (entry->dialect == dialect) own.push_back(entry);
  return own;
}

bool is_optional_param(const Entry& entry, std::string_view name) {
  return std::find(entry.optional_params.begin(), entry.optional_params.end(), name) != entry.optional_params.end();
}

}  // namespace codegen

namespace {

bool is_go_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (const char c : name)
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return true;
}

}  // namespace

std::string pascal_case(std::string_view code) {
  std::string out;
  bool start = true;
  for (const char raw : code) {
    const auto c = static_cast<unsigned char>(raw);
    if (!std::isalnum(c)) {
      start = true;
      continue;
    }
    out += static_cast<char>(start ? std::toupper(c) : std::tolower(c));
    start = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(0, "X");
  return out;
}

std::optional<CodegenLanguage> codegen_language_from_string(std::string_view name) {
  if (name == "ts") return CodegenLanguage::typescript;
  if (name == "go") return CodegenLanguage::go;
  if (name == "dts") return CodegenLanguage::code_types;
  return std::nullopt;
}

StatusOr<std::string> generate_code(const Catalogue& catalogue, const CodegenOptions& options) {
  if (!options.dialect.empty() && !is_known_dialect(options.dialect))
    return invalid_argument(fmt::format(FMT_COMPILE("unknown dialect '{}'"), options.dialect));
  codegen::Input input;
  for (const Entry& entry : catalogue.entries())
    if (options.dialect.empty() || entry.dialect == options.dialect) input.entries.push_back(&entry);
  if (input.entries.empty())
    return invalid_argument(options.dialect.empty()
                                ? std::string("the catalogue has no entries")
                                : fmt::format(FMT_COMPILE("the catalogue has no '{}' entries"), options.dialect));
  input.dialect = options.dialect;
  input.revision = catalogue.revision();
  constexpr std::string_view kLanguageNames[] = {"ts", "go", "dts"};
  input.command = "lms-errors codegen --lang ";
  input.command += kLanguageNames[static_cast<int>(options.language)];
  if (!options.dialect.empty()) input.command += " --dialect " + options.dialect;
  switch (options.language) {
    case CodegenLanguage::go:
      if (!is_go_identifier(options.go_package))
        return invalid_argument(fmt::format(FMT_COMPILE("'{}' is not a Go package name"), options.go_package));
      if (options.go_package != "apperrors") input.command += " --package " + options.go_package;
      return codegen::go(input, options.go_package);
    case CodegenLanguage::code_types:
      return codegen::code_types(input);
    case CodegenLanguage::typescript:
      break;
  }
  return codegen::typescript(input);
}

}  // namespace lms
