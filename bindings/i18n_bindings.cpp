// Translations for JS: resources, t(), plural categories, error lines. Objects cross as JSON
// text. translate(), format() and details() — the calls an app makes most — cross packed
// (fields separated by U+0000, see each *_packed below), so the core parses no JSON for them.
#include "bridge.hpp"
#include "json_util.hpp"
#include "json_writer.hpp"
#include "lms/i18n.hpp"
#include "lms/plural.hpp"
#include "state.hpp"

using lms::bridge::Arguments;
using lms::bridge::reply;

namespace {

using nlohmann::json;

constexpr std::size_t kMaxJsonBytes = 32u << 20;  // a 10,000-error import report is ~2 MiB

// A packed call that JS got wrong: a TypeError in JS.
lms::Status failure(std::string_view message) { return lms::invalid_argument(std::string(message)); }

std::int32_t reply_checked(const lms::StatusOr<std::string>& result) {
  if (!result.ok()) return reply(result.status().message(), lms::bridge::kTypeError);
  return reply(result.value());
}

// details()'s lines as a JSON array, written directly: no nlohmann array of copies to dump.
std::string lines_json(const std::vector<std::string>& lines) {
  lms::JsonWriter out;
  out.string_array(lines);
  return std::move(out).text();
}

bool parse(std::string_view text, json& out) {
  if (text.size() > kMaxJsonBytes || !lms::json_depth_within(text, lms::kMaxJsonDepth)) return false;
  out = lms::parse_json(text);
  return !out.is_discarded();
}

// Splits the next U+0000-terminated field off `rest`.
bool next_field(std::string_view& rest, std::string_view& field) {
  const std::size_t end = rest.find('\0');
  if (end == std::string_view::npos) return false;
  field = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return true;
}

// Splits the first `N` fields off `rest`.
template <std::size_t N>
bool split_fields(std::string_view& rest, std::string_view (&fields)[N]) {
  for (std::string_view& field : fields)
    if (!next_field(rest, field)) return false;
  return true;
}

// The params that end a packed call: "f" + flat params (FlatParams::pairs), "j" + params JSON,
// or nothing. `count_mode`: 0 no count, 1 count (its JS Number() in `count`), 2 count === 0.
// False when JSON params do not parse; `data` stays discarded unless they were JSON.
bool read_params(std::string_view rest, double count, int count_mode, lms::FlatParams& flat, json& data) {
  if (!rest.empty() && rest.front() == 'j') return parse(rest.substr(1), data);
  if (!rest.empty()) flat.pairs = rest.substr(1);
  flat.count = {count_mode != 0, count, count_mode == 2};
  return true;
}

// A translate() call, packed: key \0 locale \0 ns \0 context \0 then the params (read_params).
lms::StatusOr<std::string> translate_packed(std::string_view rest, double count, int count_mode) {
  std::string_view fields[4];
  if (!split_fields(rest, fields)) return failure("malformed translate() call");
  const lms::TranslateOptions options{fields[1], fields[2], fields[3], true, false};
  lms::FlatParams params;
  json data(json::value_t::discarded);
  if (!read_params(rest, count, count_mode, params, data)) return failure("params are not valid JSON");
  if (!data.is_discarded()) return lms::bindings::resources().translate(fields[0], data, options);
  return lms::bindings::resources().translate(fields[0], params, options);
}

// format() packed: dialect \0 code \0 status \0 message \0 locale \0 audience \0 then the
// params (read_params).
lms::StatusOr<std::string> format_packed(std::string_view rest, double count, int count_mode) {
  std::string_view fields[6];
  if (!split_fields(rest, fields)) return failure("malformed format() call");
  int status = 0;
  for (char c : fields[2]) status = c >= '0' && c <= '9' && status < 1000 ? status * 10 + (c - '0') : 0;
  lms::FormatOptions options;
  options.locale = fields[4];
  options.audience = fields[5] == "pupil" ? lms::Audience::pupil : fields[5] == "admin" ? lms::Audience::admin : lms::Audience::teacher;
  lms::FormatInput input{fields[0], fields[1], status, fields[3], {}};
  json data(json::value_t::discarded);
  if (!read_params(rest, count, count_mode, input.params, data) || !(data.is_discarded() || data.is_object()))
    return failure("params are not valid JSON");
  if (data.is_discarded()) return lms::format(lms::bindings::resources(), lms::bindings::catalogue(), input, options);
  lms::NormalizedError error;
  error.dialect = fields[0];
  error.code = fields[1];
  error.status = status;
  error.message = fields[3];
  error.params = std::move(data);
  return lms::format(lms::bindings::resources(), lms::bindings::catalogue(), error, options);
}

// details() packed (web/i18n.js, packDetails): locale \0 then the field errors — count \0, and for
// each: field \0 ["=" rule] \0 ["=" message] \0 params count \0 (name \0 value \0)… — then the
// import errors — count \0, and for each: code \0 ["=" column] \0 row pairs count \0
// (start \0 end \0)… ["=" params count] \0 params… allowed values count \0 values…
// JS packs only plain errors (no U+0000 in any text, params of primitives); others cross as
// JSON, read by error_from_json. False when the call is malformed.
bool unpack_details(std::string_view rest, std::string_view& locale, lms::NormalizedError& error) {
  auto next = [&rest](std::string_view& field) { return next_field(rest, field); };
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
  std::size_t count = 0;
  if (!next(locale) || !next_count(count)) return false;
  for (std::size_t k = 0; k < count; ++k) {
    std::string_view field, rule, message;
    std::size_t params = 0;
    if (!next(field) || !next(rule) || !next(message) || !next_count(params)) return false;
    lms::FieldError item;
    item.field = field;
    item.rule = optional_text(rule);
    item.message = optional_text(message);
    for (std::size_t p = 0; p < params; ++p) {
      std::string_view name, value;
      if (!next(name) || !next(value)) return false;
      item.params[std::string(name)] = std::string(value);
    }
    error.field_errors.push_back(std::move(item));
  }
  if (!next_count(count)) return false;
  for (std::size_t k = 0; k < count; ++k) {
    std::string_view code, column, params;
    std::size_t rows = 0, allowed = 0;
    if (!next(code) || !next(column) || !next_count(rows)) return false;
    lms::ImportError item;
    item.code = code;
    item.column = optional_text(column);
    for (std::size_t r = 0; r < rows; ++r) {
      std::string_view start, end;
      if (!next(start) || !next(end)) return false;
      auto number = [](std::string_view text) {
        const bool negative = !text.empty() && text.front() == '-';
        std::int64_t value = 0;
        for (char c : text.substr(negative ? 1 : 0))
          if (c >= '0' && c <= '9' && value < 100000000000000000) value = value * 10 + (c - '0');
        return negative ? -value : value;
      };
      item.rows.push_back({number(start), number(end)});
    }
    if (!next(params)) return false;
    if (!params.empty()) {
      std::size_t names = 0;
      for (char c : params.substr(1)) names = names * 10 + static_cast<std::size_t>(c >= '0' && c <= '9' ? c - '0' : 0);
      item.params = json::array();
      for (std::size_t n = 0; n < names; ++n) {
        std::string_view name;
        if (!next(name)) return false;
        item.params->push_back(std::string(name));
      }
    }
    if (!next_count(allowed)) return false;
    for (std::size_t a = 0; a < allowed; ++a) {
      std::string_view value;
      if (!next(value)) return false;
      item.allowed_values.push_back(std::string(value));
    }
    error.import_errors.push_back(std::move(item));
  }
  return true;
}

lms::StatusOr<std::string> details_packed(std::string_view rest) {
  std::string_view locale;
  lms::NormalizedError error;
  if (!unpack_details(rest, locale, error)) return failure("malformed details() call");
  return lines_json(lms::details(lms::bindings::resources(), error, locale));
}

bool read_error(std::string_view text, lms::NormalizedError& error, std::string& problem) {
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

}  // namespace

// (locale, namespace, resources JSON) -> "" once merged (a TypeError if invalid).
LMS_EXPORT(lms_add_resources)
std::int32_t lms_add_resources(std::uint32_t locale_size, std::uint32_t ns_size, std::uint32_t resources_size) {
  Arguments arguments;
  const std::string_view locale = arguments.next(locale_size);
  const std::string_view ns = arguments.next(ns_size);
  json parsed;
  if (!parse(arguments.next(resources_size), parsed))
    return reply("resources are not valid JSON (or nest deeper than 64 levels)", lms::bridge::kTypeError);
  const lms::Status status = lms::bindings::resources().add(locale, ns, parsed);
  return status.ok() ? reply({}) : reply(status.message(), lms::bridge::kTypeError);
}

// The packed calls (see translate_packed, format_packed, details_packed). `count_mode`: 0 no
// count, 1 count (its JS Number() in `count`), 2 count === 0.
LMS_EXPORT(lms_translate) std::int32_t lms_translate(std::uint32_t size, double count, std::int32_t count_mode) {
  Arguments arguments;
  return reply_checked(translate_packed(arguments.next(size), count, count_mode));
}

LMS_EXPORT(lms_format) std::int32_t lms_format(std::uint32_t size, double count, std::int32_t count_mode) {
  Arguments arguments;
  return reply_checked(format_packed(arguments.next(size), count, count_mode));
}

LMS_EXPORT(lms_details_packed) std::int32_t lms_details_packed(std::uint32_t size) {
  Arguments arguments;
  return reply_checked(details_packed(arguments.next(size)));
}

// (error JSON, locale) -> JSON array of lines: errors the packed form cannot carry.
LMS_EXPORT(lms_details) std::int32_t lms_details(std::uint32_t error_size, std::uint32_t locale_size) {
  Arguments arguments;
  const std::string_view error_json = arguments.next(error_size);
  const std::string_view locale = arguments.next(locale_size);
  lms::NormalizedError error;
  std::string problem;
  if (!read_error(error_json, error, problem)) return reply(problem, lms::bridge::kTypeError);
  return reply(lines_json(lms::details(lms::bindings::resources(), error, locale)));
}

// (locale, n) -> the CLDR category's name.
LMS_EXPORT(lms_plural_of_number) std::int32_t lms_plural_of_number(std::uint32_t locale_size, double number) {
  Arguments arguments;
  const std::string_view locale = arguments.next(locale_size);
  return reply(lms::to_string(lms::PluralRules::for_locale(locale).select(lms::plural_operands(number))));
}

// (locale, decimal text) -> the category's name, or a TypeError when it is not a decimal.
LMS_EXPORT(lms_plural_of_decimal)
std::int32_t lms_plural_of_decimal(std::uint32_t locale_size, std::uint32_t decimal_size) {
  Arguments arguments;
  const std::string_view locale = arguments.next(locale_size);
  auto operands = lms::plural_operands(arguments.next(decimal_size));
  if (!operands) return reply("not a decimal number", lms::bridge::kTypeError);
  return reply(lms::to_string(lms::PluralRules::for_locale(locale).select(*operands)));
}
