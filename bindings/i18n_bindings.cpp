// Translations for JS: resources, t(), plural categories, error lines, the locale lint.
// Objects cross as JSON text; a result starting with U+0000 is an error message for a
// TypeError (the JS layer, web/i18n.js, checks the first character).
#include <emscripten/bind.h>

#include "../wasm/src/json_util.hpp"
#include "lms/i18n.hpp"
#include "lms/plural.hpp"
#include "state.hpp"

namespace {

using nlohmann::json;

constexpr std::size_t kMaxJsonBytes = 32u << 20;  // a 10,000-error import report is ~2 MiB

std::string failure(std::string_view message) {
  std::string out(1, '\0');
  out += message;
  return out;
}

bool parse(const std::string& text, json& out) {
  if (text.size() > kMaxJsonBytes || !lms::json_depth_within(text, lms::kMaxJsonDepth)) return false;
  // Through string_view iterators: the same nlohmann parser instantiation as the catalogue's.
  const std::string_view view = text;
  out = json::parse(view.begin(), view.end(), nullptr, false);
  return !out.is_discarded();
}

std::string add_resources(const std::string& locale, const std::string& ns, const std::string& resources) {
  json parsed;
  if (!parse(resources, parsed)) return "resources are not valid JSON (or nest deeper than 64 levels)";
  const lms::Status status = lms::bindings::resources().add(locale, ns, parsed);
  return status.ok() ? std::string() : status.message();
}

// One packed argument (each embind string costs a copy): key \0 locale \0 ns \0 context \0
// then "f" + flat params (FlatParams::pairs), "j" + params JSON, or nothing. `count_mode`:
// 0 no count, 1 count (its JS Number() in `count`), 2 count === 0.
std::string translate(const std::string& packed, double count, int count_mode) {
  std::string_view rest = packed;
  std::string_view fields[4];
  for (std::string_view& field : fields) {
    const std::size_t end = rest.find('\0');
    if (end == std::string_view::npos) return failure("malformed translate() call");
    field = rest.substr(0, end);
    rest.remove_prefix(end + 1);
  }
  const lms::TranslateOptions options{fields[1], fields[2], fields[3], true, false};
  if (!rest.empty() && rest.front() == 'j') {
    json data;
    if (!parse(std::string(rest.substr(1)), data)) return failure("params are not valid JSON");
    return lms::bindings::resources().translate(fields[0], data, options);
  }
  lms::FlatParams params;
  if (!rest.empty()) params.pairs = rest.substr(1);
  params.count = {count_mode != 0, count, count_mode == 2};
  return lms::bindings::resources().translate(fields[0], params, options);
}

std::string plural_of_number(const std::string& locale, double number) {
  return std::string(lms::to_string(lms::PluralRules::for_locale(locale).select(lms::plural_operands(number))));
}

std::string plural_of_decimal(const std::string& locale, const std::string& decimal) {
  auto operands = lms::plural_operands(decimal);
  if (!operands) return {};
  return std::string(lms::to_string(lms::PluralRules::for_locale(locale).select(*operands)));
}

bool read_error(const std::string& text, lms::NormalizedError& error, std::string& problem) {
  json parsed;
  if (!parse(text, parsed)) {
    problem = "the error is not valid JSON";
    return false;
  }
  auto read = lms::error_from_json(parsed);
  if (!read.ok()) {
    problem = read.status().message();
    return false;
  }
  error = std::move(read).value();
  return true;
}

std::string format(const std::string& error_json, const std::string& locale, int audience) {
  lms::NormalizedError error;
  std::string problem;
  if (!read_error(error_json, error, problem)) return failure(problem);
  lms::FormatOptions options;
  options.locale = locale;
  options.audience = audience == 0 ? lms::Audience::pupil : audience == 2 ? lms::Audience::admin : lms::Audience::teacher;
  return lms::format(lms::bindings::resources(), lms::bindings::catalogue(), error, options);
}

std::string details(const std::string& error_json, const std::string& locale) {
  lms::NormalizedError error;
  std::string problem;
  if (!read_error(error_json, error, problem)) return failure(problem);
  return lms::dump_json(lms::details(lms::bindings::resources(), error, locale));
}

std::string check_locales() {
  return lms::dump_json(lms::check_locales(lms::bindings::resources(), lms::bindings::catalogue()));
}

}  // namespace

EMSCRIPTEN_BINDINGS(lms_i18n) {
  emscripten::function("addResources", &add_resources);
  emscripten::function("translate", &translate);
  emscripten::function("pluralOfNumber", &plural_of_number);
  emscripten::function("pluralOfDecimal", &plural_of_decimal);
  emscripten::function("format", &format);
  emscripten::function("details", &details);
  emscripten::function("checkLocales", &check_locales);
}
