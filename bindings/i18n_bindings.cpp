// Translations for JS: resources, t(), plural categories, error lines, the locale lint.
// Objects cross as JSON text; a result starting with U+0000 is an error message for a
// TypeError (the JS layer, web/i18n.js, checks the first character). translate() and format() —
// the calls an app makes most — cross through a shared buffer instead of embind strings.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "json_util.hpp"
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
  out = lms::parse_json(view);
  return !out.is_discarded();
}

std::string add_resources(const std::string& locale, const std::string& ns, const std::string& resources) {
  json parsed;
  if (!parse(resources, parsed)) return "resources are not valid JSON (or nest deeper than 64 levels)";
  const lms::Status status = lms::bindings::resources().add(locale, ns, parsed);
  return status.ok() ? std::string() : status.message();
}

// Splits the first `count` U+0000-terminated fields off `rest`.
template <std::size_t N>
bool split_fields(std::string_view& rest, std::string_view (&fields)[N]) {
  for (std::string_view& field : fields) {
    const std::size_t end = rest.find('\0');
    if (end == std::string_view::npos) return false;
    field = rest.substr(0, end);
    rest.remove_prefix(end + 1);
  }
  return true;
}

// A translate() call, packed: key \0 locale \0 ns \0 context \0 then "f" + flat params
// (FlatParams::pairs), "j" + params JSON, or nothing. `count_mode`: 0 no count, 1 count (its
// JS Number() in `count`), 2 count === 0.
std::string translate_packed(std::string_view rest, double count, int count_mode) {
  std::string_view fields[4];
  if (!split_fields(rest, fields)) return failure("malformed translate() call");
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

// The shared buffer as a Uint8Array (at least `size` bytes); JS asks again when it grew or
// when WASM memory grew (the old view is then detached).
emscripten::val scratch_view(int size) {
  std::vector<char>& buffer = lms::bindings::scratch();
  // Capped like JSON input: a failed allocation would abort the module (no exceptions).
  if (size > 0 && static_cast<std::size_t>(size) > buffer.size() && static_cast<std::size_t>(size) <= kMaxJsonBytes)
    buffer.resize(static_cast<std::size_t>(size) + 4096);
  return emscripten::val(emscripten::typed_memory_view(buffer.size(), reinterpret_cast<unsigned char*>(buffer.data())));
}

// format() packed: dialect \0 code \0 status \0 message \0 locale \0 audience \0 then params
// as for translate().
std::string format_packed(std::string_view rest, double count, int count_mode) {
  std::string_view fields[6];
  if (!split_fields(rest, fields)) return failure("malformed format() call");
  int status = 0;
  for (char c : fields[2]) status = c >= '0' && c <= '9' && status < 1000 ? status * 10 + (c - '0') : 0;
  lms::FormatOptions options;
  options.locale = fields[4];
  options.audience = fields[5] == "pupil" ? lms::Audience::pupil : fields[5] == "admin" ? lms::Audience::admin : lms::Audience::teacher;
  if (!rest.empty() && rest.front() == 'j') {
    lms::NormalizedError error;
    error.dialect = fields[0];
    error.code = fields[1];
    error.status = status;
    error.message = fields[3];
    if (!parse(std::string(rest.substr(1)), error.params) || !error.params.is_object()) return failure("params are not valid JSON");
    return lms::format(lms::bindings::resources(), lms::bindings::catalogue(), error, options);
  }
  lms::FormatInput input{fields[0], fields[1], status, fields[3], {}};
  if (!rest.empty()) input.params.pairs = rest.substr(1);
  input.params.count = {count_mode != 0, count, count_mode == 2};
  return lms::format(lms::bindings::resources(), lms::bindings::catalogue(), input, options);
}

// details() packed (web/i18n.js, packDetails): locale \0 then the field errors — count \0, and for
// each: field \0 ["=" rule] \0 ["=" message] \0 params count \0 (name \0 value \0)… — then the
// import errors — count \0, and for each: code \0 ["=" column] \0 row pairs count \0
// (start \0 end \0)… ["=" params count] \0 params… allowed values count \0 values…
// JS packs only plain errors (no U+0000 in any text, params of primitives); others cross as
// JSON, read by error_from_json.
std::string details_packed(std::string_view rest) {
  auto next = [&rest](std::string_view& field) {
    const std::size_t end = rest.find('\0');
    if (end == std::string_view::npos) return false;
    field = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return true;
  };
  auto next_count = [&next](std::size_t& count) {
    std::string_view field;
    if (!next(field) || field.empty() || field.size() > 9) return false;
    count = 0;
    for (char c : field) {
      if (c < '0' || c > '9') return false;
      count = count * 10 + static_cast<std::size_t>(c - '0');
    }
    return true;
  };
  auto optional_text = [](std::string_view field) {
    return field.empty() ? std::optional<std::string>() : std::optional<std::string>(std::string(field.substr(1)));
  };
  std::string_view locale;
  std::size_t count = 0;
  lms::NormalizedError error;
  if (!next(locale) || !next_count(count)) return failure("malformed details() call");
  for (std::size_t k = 0; k < count; ++k) {
    std::string_view field, rule, message;
    std::size_t params = 0;
    if (!next(field) || !next(rule) || !next(message) || !next_count(params)) return failure("malformed details() call");
    lms::FieldError item;
    item.field = field;
    item.rule = optional_text(rule);
    item.message = optional_text(message);
    for (std::size_t p = 0; p < params; ++p) {
      std::string_view name, value;
      if (!next(name) || !next(value)) return failure("malformed details() call");
      item.params[std::string(name)] = std::string(value);
    }
    error.field_errors.push_back(std::move(item));
  }
  if (!next_count(count)) return failure("malformed details() call");
  for (std::size_t k = 0; k < count; ++k) {
    std::string_view code, column, params;
    std::size_t rows = 0, allowed = 0;
    if (!next(code) || !next(column) || !next_count(rows)) return failure("malformed details() call");
    lms::ImportError item;
    item.code = code;
    item.column = optional_text(column);
    for (std::size_t r = 0; r < rows; ++r) {
      std::string_view start, end;
      if (!next(start) || !next(end)) return failure("malformed details() call");
      auto number = [](std::string_view text) {
        const bool negative = !text.empty() && text.front() == '-';
        std::int64_t value = 0;
        for (char c : text.substr(negative ? 1 : 0))
          if (c >= '0' && c <= '9' && value < 100000000000000000) value = value * 10 + (c - '0');
        return negative ? -value : value;
      };
      item.rows.push_back({number(start), number(end)});
    }
    if (!next(params)) return failure("malformed details() call");
    if (!params.empty()) {
      std::size_t names = 0;
      for (char c : params.substr(1)) names = names * 10 + static_cast<std::size_t>(c >= '0' && c <= '9' ? c - '0' : 0);
      item.params = json::array();
      for (std::size_t n = 0; n < names; ++n) {
        std::string_view name;
        if (!next(name)) return failure("malformed details() call");
        item.params->push_back(std::string(name));
      }
    }
    if (!next_count(allowed)) return failure("malformed details() call");
    for (std::size_t a = 0; a < allowed; ++a) {
      std::string_view value;
      if (!next(value)) return failure("malformed details() call");
      item.allowed_values.emplace_back(value);
    }
    error.import_errors.push_back(std::move(item));
  }
  return lms::dump_json(lms::details(lms::bindings::resources(), error, locale));
}

// Runs a packed call on the first `length` bytes of the buffer (kind 0 translate, 1 format,
// 2 details).
// The result is written back to the buffer and its byte length returned — negated when the
// buffer had to grow for it (it moved: JS must take a new view).
int call_in_scratch(int kind, int length, double count, int count_mode) {
  std::vector<char>& buffer = lms::bindings::scratch();
  if (length < 0 || static_cast<std::size_t>(length) > buffer.size()) return 0;
  const std::string_view call(buffer.data(), static_cast<std::size_t>(length));
  const std::string result = kind == 0   ? translate_packed(call, count, count_mode)
                             : kind == 1 ? format_packed(call, count, count_mode)
                                         : details_packed(call);
  const auto size = static_cast<int>(std::min<std::size_t>(result.size(), 0x7FFFFFFF));
  const bool grows = static_cast<std::size_t>(size) > buffer.size();
  if (grows) buffer.resize(static_cast<std::size_t>(size) + 4096);
  std::copy(result.begin(), result.begin() + size, buffer.begin());
  return grows ? -size : size;
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
  emscripten::function("i18nScratch", &scratch_view);
  emscripten::function("callInScratch", &call_in_scratch);
  emscripten::function("pluralOfNumber", &plural_of_number);
  emscripten::function("pluralOfDecimal", &plural_of_decimal);
  emscripten::function("details", &details);
  emscripten::function("checkLocales", &check_locales);
}
