// Translations for JS: resources, t(), plural categories, error lines. Objects cross as JSON
// text. translate(), format() and details() — the calls an app makes most — cross packed (see
// each *_packed below), so the core parses no JSON for them (but an object among the params).
#include "bridge.hpp"
#include "i18n_details.hpp"
#include "json_util.hpp"
#include "json_writer.hpp"
#include "lms/i18n.hpp"
#include "lms/plural.hpp"
#include "state.hpp"
#include "text_util.hpp"

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

// format() packed: dialect \0 code \0 status \0 message \0 locale \0 audience \0 with code
// ("1" or "0") \0 server code \0 then the params (read_params).
lms::StatusOr<std::string> format_packed(std::string_view rest, double count, int count_mode) {
  std::string_view fields[8];
  if (!split_fields(rest, fields)) return failure("malformed format() call");
  const int status = static_cast<int>(lms::text::parse_digits(fields[2], 999).value_or(0));  // 0: none
  lms::FormatOptions options;
  options.locale = fields[4];
  options.audience = fields[5] == "pupil" ? lms::Audience::pupil : fields[5] == "admin" ? lms::Audience::admin : lms::Audience::teacher;
  options.with_code = fields[6] != "0";
  lms::FormatInput input{fields[0], fields[1], status, fields[3], {}, fields[7]};
  json data(json::value_t::discarded);
  if (!read_params(rest, count, count_mode, input.params, data) || !(data.is_discarded() || data.is_object()))
    return failure("params are not valid JSON");
  if (data.is_discarded()) return lms::format(lms::bindings::resources(), lms::bindings::catalogue(), input, options);
  lms::NormalizedError error;
  error.dialect = fields[0];
  error.code = fields[1];
  error.status = status;
  error.message = fields[3];
  if (!fields[7].empty()) error.server_code = std::string(fields[7]);
  error.params = std::move(data);
  return lms::format(lms::bindings::resources(), lms::bindings::catalogue(), error, options);
}

// details()'s call (web/i18n.js, packDetails): numbers and texts, read in order. A number is
// a decimal and ':'; a text is its length in UTF-16 code units (JS's .length; -1 when absent),
// ':', then the text itself — any text, U+0000 included. After the first malformed item every
// read gives 0 or nothing, and failed() says so: a loop that reads something per item stops
// there, whatever count it was given.
class PackedReader {
 public:
  explicit PackedReader(std::string_view text) : rest_(text) {}
  bool failed() const { return failed_; }

  // Magnitudes beyond 10^18 saturate there (rows are below 10^15, counts far smaller).
  std::int64_t number() {
    const std::size_t colon = rest_.find(':');
    const bool negative = !rest_.empty() && rest_.front() == '-';
    const auto magnitude =
        colon == std::string_view::npos
            ? std::nullopt
            : lms::text::parse_digits(rest_.substr(negative ? 1 : 0, colon - (negative ? 1 : 0)),
                                      1'000'000'000'000'000'000, lms::text::Overflow::saturate);
    if (!magnitude) {
      failed_ = true;
      rest_ = {};
      return 0;
    }
    rest_.remove_prefix(colon + 1);
    const auto value = static_cast<std::int64_t>(*magnitude);
    return negative ? -value : value;
  }

  // Absent (length -1): a null string_view, as DetailLines takes an absent text.
  std::string_view text() {
    std::int64_t units = number();
    const bool present = units >= 0;
    std::size_t size = 0;
    for (; units > 0 && size < rest_.size(); --units) {
      const auto lead = static_cast<unsigned char>(rest_[size]);
      size += 1 + (lead >= 0xC0) + (lead >= 0xE0) + (lead >= 0xF0);
      units -= lead >= 0xF0;  // a surrogate pair in JS
    }
    if (units > 0) failed_ = true;
    size = std::min(size, rest_.size());
    const std::string_view text(rest_.data(), size);
    rest_.remove_prefix(size);
    return present ? text : std::string_view();
  }

 private:
  std::string_view rest_;
  bool failed_ = false;
};

// details() packed (web/i18n.js, packDetails): the locale; the field errors — a count, then
// each: field, rule, message, params (a count of name, value pairs, or -1 and the params' JSON
// text when one holds an object); the import errors — a count, then each: code, column, a
// count of (start, end) rows, the params' names (a count, -1 when not an array), the allowed
// values (a count). Each line is written as it is made: no NormalizedError in between.
lms::StatusOr<std::string> details_packed(std::string_view packed) {
  PackedReader in(packed);
  lms::DetailLines lines(lms::bindings::resources(), in.text());
  lms::JsonWriter out;
  out.begin_array();
  std::string line;
  json params;
  for (std::int64_t k = in.number(); k > 0 && !in.failed(); --k) {
    const std::string_view field = in.text();
    const std::string_view rule = in.text();
    const std::string_view message = in.text();
    params = json::object();
    std::int64_t pairs = in.number();
    if (pairs < 0) {
      // As deep as the error's JSON allowed them: the params object is its fourth level.
      const std::string_view text = in.text();
      if (!lms::json_depth_within(text, lms::kMaxJsonDepth - 3) || !parse(text, params))
        return failure("the error is not valid JSON");
      if (!params.is_object()) params = json::object();
    }
    for (; pairs > 0 && !in.failed(); --pairs) {
      std::string name(in.text());
      params[std::move(name)] = std::string(in.text());
    }
    line.clear();
    lines.field_line(field, rule, message, params, line);
    out.string(line);
  }
  for (std::int64_t k = in.number(); k > 0 && !in.failed(); --k) {
    const std::string_view code = in.text();
    const std::string_view column = in.text();
    for (std::int64_t rows = in.number(); rows > 0 && !in.failed(); --rows) {
      const std::int64_t start = in.number();
      lines.add_row(start, in.number());
    }
    for (std::int64_t names = in.number(); names > 0 && !in.failed(); --names) lines.next_name() += in.text();
    for (std::int64_t values = in.number(); values > 0 && !in.failed(); --values) lines.next_allowed() += in.text();
    line.clear();
    lines.import_line(code, column, line);
    out.string(line);
  }
  if (in.failed()) return failure("malformed details() call");
  out.end_array();
  return std::move(out).text();
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

LMS_EXPORT(lms_details) std::int32_t lms_details(std::uint32_t size) {
  Arguments arguments;
  return reply_checked(details_packed(arguments.next(size)));
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
