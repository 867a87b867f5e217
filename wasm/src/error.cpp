#include "lms/error.hpp"

#include <limits>
#include <span>

#include "json_util.hpp"
#include "error_json.hpp"

namespace lms {
namespace {

using nlohmann::json;

// The member when it is an array, else an empty list: its elements, without nlohmann's iterators.
std::span<const json> array_member(const json& object, std::string_view key) {
  const json* value = json_member(object, key);
  if (!value || !value->is_array()) return {};
  return value->get_ref<const json::array_t&>();
}

// Reads a member only when it has the expected type: like parse(), wrong types are ignored.
// In place, with no std::optional<std::string> temporaries at every call site.
const std::string* string_member(const json& object, std::string_view key) {
  const json* value = json_member(object, key);
  return value && value->is_string() ? &value->get_ref<const std::string&>() : nullptr;
}

void read_string(const json& object, std::string_view key, std::string& out) {
  if (const std::string* text = string_member(object, key)) out = *text;
}

void read_string(const json& object, std::string_view key, std::optional<std::string>& out) {
  if (const std::string* text = string_member(object, key)) out = *text;
}

constexpr auto kInt64Max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

// A whole number that fits an int64 (nlohmann keeps non-negative ones as uint64).
std::optional<std::int64_t> whole_number(const json& value) {
  if (!value.is_number_integer()) return std::nullopt;
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > kInt64Max) return std::nullopt;
  return value.get<std::int64_t>();
}

// error_json.hpp's integer_member_value rule, over nlohmann's three kinds of number.
std::optional<std::int64_t> integer_member(const json& object, std::string_view key) {
  const json* value = json_member(object, key);
  if (!value || !value->is_number()) return std::nullopt;
  if (value->is_number_float()) return integer_member_value(value->get<double>());
  const auto whole = whole_number(*value);
  return whole ? integer_member_value(*whole) : std::nullopt;
}

// `out` keeps its default (an empty object) unless the member is an object.
void read_object(const json& object, std::string_view key, json& out) {
  const json* value = json_member(object, key);
  if (value && value->is_object()) out = *value;
}

}  // namespace

void write_field_error(JsonWriter& out, const FieldError& field) {
  out.begin_object();
  out.key("field").string(field.field);
  if (field.rule) out.key("rule").string(*field.rule);
  if (field.message) out.key("message").string(*field.message);
  if (!field.params.empty()) out.key("params").value(field.params);
  out.end_object();
}

void write_row_ranges(JsonWriter& out, std::span<const RowRange> rows) {
  out.begin_array();
  for (const RowRange& range : rows) {
    out.begin_array();
    out.integer(range.start);
    out.integer(range.end);
    out.end_array();
  }
  out.end_array();
}

void write_import_error(JsonWriter& out, const ImportError& import) {
  out.begin_object();
  out.key("code").string(import.code);
  write_row_ranges(out.key("rows"), import.rows);
  if (import.column) out.key("column").string(*import.column);
  if (import.params) out.key("params").value(*import.params);
  if (!import.allowed_values.empty()) out.key("allowedValues").string_array(import.allowed_values);
  out.end_object();
}

namespace {
// The member's key in the object layout; in the array layout its position names it.
template <std::size_t N>
JsonWriter& member(JsonWriter& out, ErrorLayout layout, const char (&name)[N]) {
  return layout == ErrorLayout::object ? out.key(name) : out;
}

// An optional text member: left out of the object when absent, null in the array.
template <std::size_t N>
void write_optional(JsonWriter& out, ErrorLayout layout, const char (&name)[N], const std::optional<std::string>& text) {
  if (layout == ErrorLayout::object) {
    if (text) out.key(name).string(*text);
  } else if (text) {
    out.string(*text);
  } else {
    out.null();
  }
}
}  // namespace

void write_error_json(JsonWriter& out, const NormalizedError& error, const ErrorParts& parts, ErrorLayout layout) {
  if (layout == ErrorLayout::object) out.begin_object();
  else out.begin_array();
  member(out, layout, "dialect").string(error.dialect);
  member(out, layout, "code").string(error.code);
  member(out, layout, "status").integer(error.status);
  member(out, layout, "message").string(error.message);
  member(out, layout, "known").boolean(error.known);
  parts.write_params(member(out, layout, "params"));
  member(out, layout, "fieldErrors").begin_array();
  parts.write_field_errors(out);
  out.end_array();
  member(out, layout, "importErrors").begin_array();
  parts.write_import_errors(out);
  out.end_array();
  member(out, layout, "retryAfterMs");
  if (error.retry_after_ms) out.integer(*error.retry_after_ms);
  else out.null();
  member(out, layout, "rateLimit");
  if (error.rate_limit) {
    out.begin_object();
    out.key("limit").integer(error.rate_limit->limit);
    out.key("remaining").integer(error.rate_limit->remaining);
    out.key("resetAt").integer(error.rate_limit->reset_at_ms);
    out.end_object();
  } else {
    out.null();
  }
  write_optional(out, layout, "path", error.path);
  write_optional(out, layout, "timestamp", error.timestamp);
  write_optional(out, layout, "requestId", error.request_id);
  write_optional(out, layout, "serverCode", error.server_code);
  if (layout == ErrorLayout::object) out.end_object();
  else out.end_array();
}

namespace {
// The struct's own params and lists.
class StructParts final : public ErrorParts {
 public:
  explicit StructParts(const NormalizedError& error) : error_(error) {}
  void write_params(JsonWriter& out) const override {
    if (error_.params.is_object()) {
      out.value(error_.params);
    } else {  // {}: without copying the params into a temporary
      out.begin_object();
      out.end_object();
    }
  }
  void write_field_errors(JsonWriter& out) const override {
    for (const FieldError& field : error_.field_errors) write_field_error(out, field);
  }
  void write_import_errors(JsonWriter& out) const override {
    for (const ImportError& import : error_.import_errors) write_import_error(out, import);
  }

 private:
  const NormalizedError& error_;
};
}  // namespace

// The JS API's object as text, through the layout parse()'s direct path writes too
// (write_error_json): no DOM is built for a 10,000-entry validation error.
std::string to_json_text(const NormalizedError& error) {
  JsonWriter out(256 + error.field_errors.size() * 64 + error.import_errors.size() * 96);
  write_error_json(out, error, StructParts(error));
  return std::move(out).text();
}

// The object from the one writer above, so the layout lives in one place.
json to_json(const NormalizedError& error) { return parse_json(to_json_text(error)); }

StatusOr<NormalizedError> error_head_from_json(const json& value) {
  if (!value.is_object()) return invalid_argument("error must be an object from parse() or networkError()");
  NormalizedError error;
  const std::string* code = string_member(value, "code");
  if (!code || code->empty()) return invalid_argument("error.code must be a non-empty string");
  error.code = *code;
  error.dialect = "http";
  read_string(value, "dialect", error.dialect);
  error.status = static_cast<int>(integer_member(value, "status").value_or(0));
  if (error.status < 0 || error.status > 999) error.status = 0;
  read_string(value, "message", error.message);
  if (const json* known = json_member(value, "known"); known && known->is_boolean()) error.known = known->get<bool>();
  read_object(value, "params", error.params);
  error.retry_after_ms = integer_member(value, "retryAfterMs");
  if (const json* rate_limit = json_member(value, "rateLimit"); rate_limit && rate_limit->is_object()) {
    auto limit = integer_member(*rate_limit, "limit");
    auto remaining = integer_member(*rate_limit, "remaining");
    auto reset_at = integer_member(*rate_limit, "resetAt");
    if (limit || remaining || reset_at)
      error.rate_limit = RateLimit{limit.value_or(0), remaining.value_or(0), reset_at.value_or(0)};
  }
  read_string(value, "path", error.path);
  read_string(value, "timestamp", error.timestamp);
  read_string(value, "requestId", error.request_id);
  read_string(value, "serverCode", error.server_code);
  return error;
}

StatusOr<NormalizedError> error_from_json(const json& value) {
  StatusOr<NormalizedError> head = error_head_from_json(value);
  if (!head.ok()) return head;
  NormalizedError& error = head.value();
  for (const json& item : array_member(value, "fieldErrors")) {
    if (!item.is_object()) continue;
    FieldError field;
    read_string(item, "field", field.field);
    read_string(item, "rule", field.rule);
    read_string(item, "message", field.message);
    read_object(item, "params", field.params);
    error.field_errors.push_back(std::move(field));
  }
  for (const json& item : array_member(value, "importErrors")) {
    if (!item.is_object()) continue;
    ImportError import;
    read_string(item, "code", import.code);
    read_string(item, "column", import.column);
    for (const json& range : array_member(item, "rows")) {
      // A row range is two whole numbers that fit an int64; anything else is skipped.
      if (!range.is_array() || range.size() != 2) continue;
      const auto start = whole_number(range[0]), end = whole_number(range[1]);
      if (start && end) import.rows.push_back({*start, *end});
    }
    if (const json* params = json_member(item, "params"); params && !params->is_null()) import.params = *params;
    for (const json& name : array_member(item, "allowedValues"))
      if (name.is_string()) import.allowed_values.push_back(name.get<std::string>());
    error.import_errors.push_back(std::move(import));
  }
  return head;
}

}  // namespace lms
