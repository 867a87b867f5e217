#include "wire_in_place.hpp"

#include <cstring>
#include <vector>

#include "i18n_details.hpp"
#include "i18n_internal.hpp"
#include "js_text.hpp"
#include "json_scan.hpp"
#include "json_util.hpp"
#include "json_writer.hpp"
#include "utf8.hpp"

namespace lms::wire {

namespace {

// As wire.hpp's reader bounds its arguments.
constexpr std::size_t kMaxArgumentBytes = std::size_t{32} << 20;

// The argument's one JSON value, validated as the DOM reader (lms::parse_json) validates it,
// with the root's members (or elements) handed to `on_root_item` in the same pass (used only
// when this returns true). False for what the DOM reader refuses, and for what this reader
// leaves to it: the forms it reads by rules of its own anywhere in a text (jscan::Forms), where
// this reader reads only some members, and a leading byte order mark.
bool validated(std::string_view text, std::string_view& root, jscan::MemberVisitor on_root_item) {
  jscan::Forms forms;
  return text.size() <= kMaxArgumentBytes && utf8::is_valid(text) &&
         jscan::validate(text, kMaxJsonDepth, root, on_root_item, nullptr, &forms) && !forms.surrogate_escape &&
         !forms.large_number;
}

// The text of a string slice (quotes included), without a copy when it has no escapes.
std::string_view string_text(std::string_view slice, std::string& holder) {
  if (auto plain = jscan::plain_string(slice)) return *plain;
  holder = jscan::decode_string(slice);
  return holder;
}

// An integer member as error.cpp's integer_member reads it. False: a number it reads by rules
// of its own (a fraction, an exponent, past int64) — the DOM reader's case.
bool read_integer(std::string_view slice, std::optional<std::int64_t>& out) {
  out.reset();
  if (!jscan::is_number(slice)) return true;  // absent for anything else
  const auto value = jscan::to_int64(slice);
  if (!value || !jscan::copies_verbatim(slice)) return false;
  if (*value > 9000000000000000000) return true;  // integer_member: too large is absent
  out = value;
  return true;
}

// Whether a member's key slice (quotes included, no escapes) is `name`.
bool is_name(std::string_view key, std::string_view name) {
  return key.size() == name.size() + 2 && std::memcmp(key.data() + 1, name.data(), name.size()) == 0;
}


}  // namespace

bool read_error_members(std::string_view text, ErrorMembers& error) {
  // Members may repeat: the last one counts, as in JSON.parse and the DOM reader.
  std::string_view code, dialect, status, message, server_code, params, retry_after, rate_limit, field_errors,
      import_errors;
  bool readable = true;
  std::string_view root;
  const bool valid = validated(text, root, [&](jscan::Slice key_slice, jscan::Slice value_slice) {
    const std::string_view key = key_slice, value = value_slice;
    if (is_name(key, "code")) code = value;
    else if (is_name(key, "dialect")) dialect = value;
    else if (is_name(key, "status")) status = value;
    else if (is_name(key, "message")) message = value;
    else if (is_name(key, "serverCode")) server_code = value;
    else if (is_name(key, "params")) params = value;
    else if (is_name(key, "retryAfterMs")) retry_after = value;
    else if (is_name(key, "rateLimit")) rate_limit = value;
    else if (is_name(key, "fieldErrors")) field_errors = value;
    else if (is_name(key, "importErrors")) import_errors = value;
    else if (key.find('\\') != std::string_view::npos) readable = false;  // an escaped name may be one of these
  });
  if (!valid || !jscan::is_object(root)) return false;
  // A string member as a view (the DOM reader ignores a wrong-typed member too: it stays as it was).
  auto read_text = [](std::string_view slice, std::string_view& out, std::string& decoded) {
    if (jscan::is_string(slice)) out = string_text(slice, decoded);
  };
  read_text(code, error.code, error.decoded[1]);
  if (!readable || !jscan::is_string(code) || error.code.empty()) return false;  // the DOM reader words it
  read_text(dialect, error.dialect, error.decoded[0]);
  read_text(message, error.message, error.decoded[2]);
  read_text(server_code, error.server_code, error.decoded[3]);
  std::optional<std::int64_t> status_number;
  if (!read_integer(status, status_number) || !read_integer(retry_after, error.retry_after_ms)) return false;
  error.status = static_cast<int>(status_number.value_or(0));
  if (error.status < 0 || error.status > 999) error.status = 0;
  if (jscan::is_object(params)) error.params = params;
  if (jscan::is_array(field_errors)) error.field_errors = field_errors;
  if (jscan::is_array(import_errors)) error.import_errors = import_errors;
  if (jscan::is_object(rate_limit)) {
    std::string_view members[3];
    jscan::for_each_member(rate_limit, [&](std::string_view key, std::string_view value) {
      if (is_name(key, "limit")) members[0] = value;
      else if (is_name(key, "remaining")) members[1] = value;
      else if (is_name(key, "resetAt")) members[2] = value;
      else if (key.find('\\') != std::string_view::npos) readable = false;
    });
    std::optional<std::int64_t> numbers[3];
    for (int k = 0; k < 3; ++k) readable = readable && read_integer(members[k], numbers[k]);
    if (!readable) return false;
    if (numbers[0] || numbers[1] || numbers[2])
      error.rate_limit = RateLimit{numbers[0].value_or(0), numbers[1].value_or(0), numbers[2].value_or(0)};
  }
  return true;
}

namespace {

// Reads an object's members, one at a time, into flat pairs (i18n::append_flat_pair) while
// they have the flat form; `flat` turns false at the first that has not.
class FlatPairsReader {
 public:
  FlatPairsReader(std::string& pairs, PluralCount& count, std::size_t object_size) : pairs_(pairs), count_(count) {
    pairs_.clear();
    pairs_.reserve(object_size);  // the pairs are never longer than their JSON: one allocation
    count_ = {};
  }

  void add(jscan::Slice key, jscan::Slice value) {
    if (key.size == 0) flat = false;  // an array's element (jscan::validate's visitor): not params
    if (!flat) return;
    const std::string_view name = string_text(key, name_holder_);
    std::string_view earlier;  // a repeated name: the DOM keeps the last
    if (name.find('\0') != std::string_view::npos || i18n::find_flat_value(pairs_, name, earlier)) {
      flat = false;
      return;
    }
    const bool is_count = name == "count";
    std::string_view text = value;  // numbers and booleans as JSON writes them, which is String()'s text
    switch (jscan::kind(value)) {
      case jscan::Kind::string:
        text = string_text(value, value_holder_);
        if (text.find('\0') != std::string_view::npos) flat = false;
        break;
      case jscan::Kind::number: {
        // Whole numbers only: JSON's digits are then exactly what JS String() writes.
        const auto number = jscan::to_int64(value);
        if (!number || !jscan::copies_verbatim(value) || *number > (std::int64_t{1} << 53) ||
            *number < -(std::int64_t{1} << 53))
          flat = false;
        else if (is_count)
          count_ = {true, static_cast<double>(*number), *number == 0};
        break;
      }
      case jscan::Kind::boolean:
        if (is_count) count_ = {true, jscan::is_true(value) ? 1.0 : 0.0, false};
        break;
      default:
        flat = false;  // null, objects, arrays: the DOM reader's
    }
    if (flat) i18n::append_flat_pair(pairs_, name, text);
  }

  bool flat = true;

 private:
  std::string& pairs_;
  PluralCount& count_;
  std::string name_holder_, value_holder_;  // the decoded texts of escaped ones
};

}  // namespace

bool read_flat_params(std::string_view object, std::string& pairs, PluralCount& count) {
  FlatPairsReader reader(pairs, count, object.size());
  jscan::for_each_member(object, [&](jscan::Slice key, jscan::Slice value) { reader.add(key, value); });
  return reader.flat;
}

bool read_flat_params_argument(std::string_view text, std::string& pairs, PluralCount& count) {
  FlatPairsReader reader(pairs, count, text.size());
  if (text.empty()) return true;
  std::string_view root;
  return validated(text, root, [&](jscan::Slice key, jscan::Slice value) { reader.add(key, value); }) &&
         jscan::is_object(root) && reader.flat;
}

std::optional<std::string> details_in_place(const ResourceStore& store, const ErrorMembers& error,
                                            std::string_view locale) {
  DetailLines lines(store, locale);
  JsonWriter out(64 + error.import_errors.size() / 2);
  out.begin_array();
  bool readable = true;
  std::string line, holder;
  // Texts as views of the argument (or of `decoded`, when escaped): "" when absent or not a
  // string, or for optional ones a null view, as DetailLines takes them.
  auto text_of = [](std::string_view slice, std::string& decoded) {
    return jscan::is_string(slice) ? string_text(slice, decoded) : std::string_view("");
  };
  auto optional_text = [](std::string_view slice, std::string& decoded) {
    return jscan::is_string(slice) ? string_text(slice, decoded) : std::string_view();
  };
  std::string field, rule, message, code, column;
  jscan::for_each_element(error.field_errors, [&](std::string_view item) {
    if (!readable || !jscan::is_object(item)) return;
    std::string_view field_slice, rule_slice, message_slice, params_slice;
    jscan::for_each_member(item, [&](std::string_view key, std::string_view value) {
      if (is_name(key, "field")) field_slice = value;
      else if (is_name(key, "rule")) rule_slice = value;
      else if (is_name(key, "message")) message_slice = value;
      else if (is_name(key, "params")) params_slice = value;
      else if (key.find('\\') != std::string_view::npos) readable = false;
    });
    const std::string_view field_text = text_of(field_slice, field);
    nlohmann::json params = nlohmann::json::object();
    if (jscan::is_object(params_slice)) {
      params = jscan::to_json_as_parsed(params_slice);
      if (params.is_discarded()) readable = false;
    }
    if (!readable) return;
    line.clear();
    lines.field_line(field_text, optional_text(rule_slice, rule), optional_text(message_slice, message), params, line);
    out.string(line);
  });
  jscan::for_each_element(error.import_errors, [&](std::string_view item) {
    if (!readable || !jscan::is_object(item)) return;
    std::string_view code_slice, column_slice, rows_slice, params_slice, allowed_slice;
    jscan::for_each_member(item, [&](std::string_view key, std::string_view value) {
      if (is_name(key, "code")) code_slice = value;
      else if (is_name(key, "column")) column_slice = value;
      else if (is_name(key, "rows")) rows_slice = value;
      else if (is_name(key, "params")) params_slice = value;
      else if (is_name(key, "allowedValues")) allowed_slice = value;
      else if (key.find('\\') != std::string_view::npos) readable = false;
    });
    if (!readable) return;
    const std::string_view code_text = text_of(code_slice, code);
    // Rows: [start, end] pairs of integers; anything else is skipped, as error_from_json does.
    jscan::for_each_element(rows_slice, [&](std::string_view range) {
      std::optional<std::int64_t> ends[2];
      int count = 0;
      bool integers = true;
      jscan::for_each_element(range, [&](std::string_view end) {
        if (count < 2 && jscan::is_number(end)) {
          if (end.find_first_of(".eE") != std::string_view::npos) integers = false;  // not an integer: skipped
          else if (!(ends[count] = jscan::to_int64(end))) readable = false;  // past int64: the DOM's case
        } else {
          integers = false;
        }
        ++count;
      });
      if (count == 2 && integers && ends[0] && ends[1]) lines.add_row(*ends[0], *ends[1]);
    });
    if (jscan::is_array(params_slice)) {
      jscan::for_each_element(params_slice, [&](std::string_view name) {
        if (jscan::is_string(name)) {
          lines.next_name() += string_text(name, holder);
          return;
        }
        const nlohmann::json value = jscan::to_json_as_parsed(name);
        if (value.is_discarded()) readable = false;
        else js::append_string(lines.next_name(), value);
      });
    }
    jscan::for_each_element(allowed_slice, [&](std::string_view value) {
      if (jscan::is_string(value)) lines.next_allowed() += string_text(value, holder);
    });
    if (!readable) return;
    line.clear();
    lines.import_line(code_text, optional_text(column_slice, column), line);
    out.string(line);
  });
  if (!readable) return std::nullopt;
  out.end_array();
  return std::move(out).text();
}

}  // namespace lms::wire
