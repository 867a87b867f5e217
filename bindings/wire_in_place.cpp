#include "wire_in_place.hpp"

#include <cstring>
#include <vector>

#include "i18n_details.hpp"
#include "i18n_internal.hpp"
#include "js_text.hpp"
#include "json_scan.hpp"
#include "json_util.hpp"
#include "json_number.hpp"
#include "json_writer.hpp"
#include "error_json.hpp"

namespace lms::wire {

namespace {

// As wire.hpp's reader bounds its arguments.
constexpr std::size_t kMaxArgumentBytes = std::size_t{32} << 20;

// The argument's one JSON value, validated as lms::parse_json reads it (validate_as_parsed),
// bounded in size and refused in wire.hpp's words. The root's members (or elements) are handed
// to `on_root_item` in the same pass; the caller uses them only when this returns ok.
Status validated(std::string_view text, std::string_view what, std::string_view& root,
                 jscan::MemberVisitor on_root_item) {
  if (text.size() > kMaxArgumentBytes)
    return Status(StatusCode::out_of_range, std::string(what) + " is larger than 32 MiB");
  if (!validate_as_parsed(text, root, on_root_item))
    return invalid_argument(std::string(what) + " is not valid JSON (or nests deeper than 64 levels)");
  return Status();
}

// The text of a string slice (quotes included), without a copy when it has no escapes.
std::string_view string_text(std::string_view slice, std::string& holder) {
  if (auto plain = jscan::plain_string(slice)) return *plain;
  holder = jscan::decode_string(slice);
  return holder;
}

// error_json.hpp's rule for an error's integer member, over a number's text; absent for
// anything that is not a number.
std::optional<std::int64_t> integer_member(std::string_view slice) {
  if (!jscan::is_number(slice)) return std::nullopt;
  if (slice.find_first_of(".eE") != std::string_view::npos) return integer_member_value(json_number_to_double(slice));
  const auto whole = jscan::to_int64(slice);
  return whole ? integer_member_value(*whole) : std::nullopt;
}

// A row range's end: a whole number that fits an int64 (to_int64 takes no fraction or
// exponent), as error.cpp reads rows.
std::optional<std::int64_t> whole_number(std::string_view slice) {
  return jscan::is_number(slice) ? jscan::to_int64(slice) : std::nullopt;
}

// Hands a member's name to `take_member` (which returns whether it read the member): first the
// text between the key's quotes — the name itself whenever it is one a reader looks for, as
// those have no escapes — and, for a key not taken that has escapes, the decoded name, so
// "c\u006fde" is read as code. The keys a reader looks for need neither a decoding nor a scan.
template <typename TakeMember>
void take_named(std::string_view key, std::string& holder, TakeMember&& take_member) {
  if (key.size() < 2) return;  // an array's element (jscan::validate's visitor): no name
  if (take_member(key.substr(1, key.size() - 2)) || key.find('\\') == std::string_view::npos) return;
  holder = jscan::decode_string(key);
  take_member(std::string_view(holder));
}

// Calls take_member(name, value) for each member of a validated object, as take_named does.
template <typename TakeMember>
void for_each_named_member(std::string_view object, TakeMember&& take_member) {
  std::string holder;
  jscan::for_each_member(object, [&](std::string_view key, std::string_view value) {
    take_named(key, holder, [&](std::string_view name) { return take_member(name, value); });
  });
}

}  // namespace

Status read_error_members(std::string_view text, ErrorMembers& error) {
  // Members may repeat: the last one counts, as in JSON.parse and the DOM reader.
  std::string_view code, dialect, status, message, server_code, params, retry_after, rate_limit, field_errors,
      import_errors;
  std::string name_holder;
  std::string_view root;
  const Status valid = validated(text, "error", root, [&](jscan::Slice key, jscan::Slice value_slice) {
    const std::string_view value = value_slice;
    take_named(key, name_holder, [&](std::string_view name) {
      if (name == "code") code = value;
      else if (name == "dialect") dialect = value;
      else if (name == "status") status = value;
      else if (name == "message") message = value;
      else if (name == "serverCode") server_code = value;
      else if (name == "params") params = value;
      else if (name == "retryAfterMs") retry_after = value;
      else if (name == "rateLimit") rate_limit = value;
      else if (name == "fieldErrors") field_errors = value;
      else if (name == "importErrors") import_errors = value;
      else return false;
      return true;
    });
  });
  if (!valid.ok()) return valid;
  if (!jscan::is_object(root)) return invalid_argument("error must be an object from parse() or networkError()");
  // A string member as a view (a wrong-typed member is ignored: it stays as it was, as in error.cpp).
  auto read_text = [](std::string_view slice, std::string_view& out, std::string& decoded) {
    if (jscan::is_string(slice)) out = string_text(slice, decoded);
  };
  read_text(code, error.code, error.decoded[1]);
  if (error.code.empty()) return invalid_argument("error.code must be a non-empty string");
  read_text(dialect, error.dialect, error.decoded[0]);
  read_text(message, error.message, error.decoded[2]);
  read_text(server_code, error.server_code, error.decoded[3]);
  error.status = static_cast<int>(integer_member(status).value_or(0));
  if (error.status < 0 || error.status > 999) error.status = 0;
  error.retry_after_ms = integer_member(retry_after);
  if (jscan::is_object(params)) error.params = params;
  if (jscan::is_array(field_errors)) error.field_errors = field_errors;
  if (jscan::is_array(import_errors)) error.import_errors = import_errors;
  if (jscan::is_object(rate_limit)) {
    std::string_view members[3];
    for_each_named_member(rate_limit, [&](std::string_view name, std::string_view value) {
      if (name == "limit") members[0] = value;
      else if (name == "remaining") members[1] = value;
      else if (name == "resetAt") members[2] = value;
      else return false;
      return true;
    });
    const std::optional<std::int64_t> limit = integer_member(members[0]), remaining = integer_member(members[1]),
                                      reset_at = integer_member(members[2]);
    if (limit || remaining || reset_at)
      error.rate_limit = RateLimit{limit.value_or(0), remaining.value_or(0), reset_at.value_or(0)};
  }
  return Status();
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
        flat = false;  // null, objects, arrays: the translations read them as JSON values
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

Status read_params_argument(std::string_view text, std::string& pairs, PluralCount& count,
                            std::optional<nlohmann::json>& object) {
  FlatPairsReader reader(pairs, count, text.size());
  object.reset();
  if (text.empty()) return Status();
  std::string_view root;
  const Status valid = validated(text, "params", root, [&](jscan::Slice key, jscan::Slice value) { reader.add(key, value); });
  if (!valid.ok()) return valid;
  if (!jscan::is_object(root)) return invalid_argument("params must be an object");
  if (!reader.flat) object = jscan::to_json_as_parsed(root);  // validated as the DOM reads it: cannot fail
  return Status();
}

std::string details_of(const ResourceStore& store, const ErrorMembers& error, std::string_view locale) {
  DetailLines lines(store, locale);
  JsonWriter out(64 + error.import_errors.size() / 2);
  out.begin_array();
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
    if (!jscan::is_object(item)) return;
    std::string_view field_slice, rule_slice, message_slice, params_slice;
    for_each_named_member(item, [&](std::string_view name, std::string_view value) {
      if (name == "field") field_slice = value;
      else if (name == "rule") rule_slice = value;
      else if (name == "message") message_slice = value;
      else if (name == "params") params_slice = value;
      else return false;
      return true;
    });
    // A field's params are the translations' data as they are (the argument was validated as
    // the DOM reads it, so the conversion cannot fail).
    nlohmann::json params =
        jscan::is_object(params_slice) ? jscan::to_json_as_parsed(params_slice) : nlohmann::json::object();
    line.clear();
    lines.field_line(text_of(field_slice, field), optional_text(rule_slice, rule), optional_text(message_slice, message),
                     params, line);
    out.string(line);
  });
  jscan::for_each_element(error.import_errors, [&](std::string_view item) {
    if (!jscan::is_object(item)) return;
    std::string_view code_slice, column_slice, rows_slice, params_slice, allowed_slice;
    for_each_named_member(item, [&](std::string_view name, std::string_view value) {
      if (name == "code") code_slice = value;
      else if (name == "column") column_slice = value;
      else if (name == "rows") rows_slice = value;
      else if (name == "params") params_slice = value;
      else if (name == "allowedValues") allowed_slice = value;
      else return false;
      return true;
    });
    const std::string_view code_text = text_of(code_slice, code);
    // Rows: [start, end] pairs of whole numbers; anything else is skipped, as error.cpp does.
    jscan::for_each_element(rows_slice, [&](std::string_view range) {
      std::optional<std::int64_t> ends[2];
      int count = 0;
      jscan::for_each_element(range, [&](std::string_view end) {
        if (count < 2) ends[count] = whole_number(end);
        ++count;
      });
      if (count == 2 && ends[0] && ends[1]) lines.add_row(*ends[0], *ends[1]);
    });
    // The names a message lists: strings as they are, other values as JS String() writes them.
    jscan::for_each_element(params_slice, [&](std::string_view name) {
      if (jscan::is_string(name)) lines.next_name() += string_text(name, holder);
      else js::append_string(lines.next_name(), jscan::to_json_as_parsed(name));
    });
    jscan::for_each_element(allowed_slice, [&](std::string_view value) {
      if (jscan::is_string(value)) lines.next_allowed() += string_text(value, holder);
    });
    line.clear();
    lines.import_line(code_text, optional_text(column_slice, column), line);
    out.string(line);
  });
  out.end_array();
  return std::move(out).text();
}

}  // namespace lms::wire
