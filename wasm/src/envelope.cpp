// parse(): any HTTP error response -> NormalizedError. See lms/envelope.hpp for the rules.
//
// A response is read once into a Reading: the top-level members of the error (few, small)
// as a NormalizedError, and the two lists, which can hold 100,000 items, as views into the
// body. From a Reading, parse() builds the struct and parse_to_json_text() writes the JS
// object's JSON directly, copying strings and params from the body as they are whenever
// JSON.parse would read them the same — the path the WASM bindings take.
#include "lms/envelope.hpp"


#include <algorithm>
#include <fmt/format.h>
#include <forward_list>
#include <span>

#include "error_json.hpp"
#include "header_values.hpp"
#include "json_scan.hpp"
#include "json_util.hpp"
#include "text_util.hpp"
#include "utf8.hpp"

namespace lms {
namespace {

namespace js = jscan;
using nlohmann::json;
using text::trim;

constexpr std::string_view kListSeparator = "; ";  // joins NestJS's array messages

using js::Slice;

// True when a JSON string (quotes included) holds no escape: its bytes are its text.
LMS_INLINE bool unescaped(const char* data, std::size_t size) {
  for (std::size_t i = 1; i + 1 < size; ++i)
    if (data[i] == '\\') return false;
  return true;
}

// An object's members, read in one pass over its text (the body's root can be megabytes: one
// look-up per name would skip over it again and again). The last duplicate wins, as in JSON.parse.
// A bit per name says which were found, so nothing is cleared for each of 100,000 items.
struct Members {
  enum Name : unsigned {
    code, error, message, status_code, success, ok, data, errors, params, timestamp, path, type, title, detail,
    status, instance, trace_id, invalid_params, field, rule, name, pointer, reason, msg, column, rows,
    allowed_values, property, key, param, kCount
  };
  static_assert(kCount <= 32);

  Slice slots[kCount];  // meaningful where `found` has the bit
  std::uint32_t found = 0;

  LMS_INLINE std::string_view operator[](Name n) const {
    return (found >> n) & 1u ? std::string_view(slots[n].data, slots[n].size) : std::string_view();
  }

  // The member names, in Name order; slot() compares a key only with the names of its length.
  static constexpr std::string_view kNames[kCount] = {
      "code",   "error",    "message",  "statusCode", "success", "ok",     "data",     "errors",
      "params", "timestamp", "path",    "type",       "title",   "detail", "status",   "instance",
      "traceId", "invalid-params", "field", "rule",   "name",    "pointer", "reason",  "msg",
      "column", "rows",     "allowedValues", "property", "key",  "param"};
  static constexpr std::size_t kLongest = 14;
  struct BySize {
    std::uint8_t names[kCount];         // Name values, shortest names first
    std::uint8_t first[kLongest + 2];   // names[first[n] .. first[n + 1]) are n bytes long
  };
  static constexpr BySize kBySize = [] {
    BySize table{};
    std::uint8_t k = 0;
    for (std::size_t size = 0; size <= kLongest + 1; ++size) {
      table.first[size] = k;
      for (std::uint8_t n = 0; n < kCount; ++n)
        if (kNames[n].size() == size) table.names[k++] = n;
    }
    return table;
  }();

  static int slot(const char* m, std::size_t size) {
    if (size > kLongest) return -1;
    for (std::size_t k = kBySize.first[size]; k < kBySize.first[size + 1]; ++k) {
      const char* name = kNames[kBySize.names[k]].data();
      std::size_t i = 0;
      while (i < size && name[i] == m[i]) ++i;  // inline: names are short, a memcmp call is not
      if (i == size) return kBySize.names[k];
    }
    return -1;
  }

  LMS_INLINE void take(Slice json_key, Slice value) {
    int n;
    if (unescaped(json_key.data, json_key.size)) {
      n = slot(json_key.data + 1, json_key.size - 2);
    } else {
      const std::string decoded = js::decode_string(json_key);
      n = slot(decoded.data(), decoded.size());
    }
    if (n < 0) return;
    slots[n] = value;
    found |= 1u << n;
  }
  // take() for the shared member loop (jscan::MemberFn).
  static void take_member(void* members, const char* key, std::size_t key_size, const char* value,
                          std::size_t value_size) {
    static_cast<Members*>(members)->take(Slice{key, key_size}, Slice{value, value_size});
  }
};
using M = Members;

Members collect(std::string_view object, const js::Index* index = nullptr) {
  Members members;
  js::for_each_member(object, Members::take_member, &members, index);
  return members;
}

bool match_template_into(std::string_view tmpl, std::string_view input, Params* params);

// ---- typed readers: a wrong type reads as absent -------------------------------------------

// Sets `out` to the string's text; leaves it as it is for any other value. (One function for
// every optional member: each optional<string> temporary costs its own code in the .wasm.)
// Every single text of the result is cut at kMaxTextMessageBytes (on a character boundary).
std::string_view cut(std::string_view text) { return utf8::truncate(text, kMaxTextMessageBytes); }

void read_string_into(std::optional<std::string>& out, std::string_view value) {
  if (js::is_string(value)) out = std::string(cut(js::decode_string(value)));
}

// Sets `out` to the string's text without surrounding white space; to "" for any other value.
// (Into the result's own string: a returned temporary costs a move and a destructor at every
// call site in the .wasm.)
void set_trimmed_text(std::string& out, std::string_view value) {
  if (!js::is_string(value)) return out.clear();
  if (auto plain = js::plain_string(value)) return void(out.assign(trim(cut(trim(*plain)))));
  const std::string decoded = js::decode_string(value);
  out.assign(trim(cut(trim(decoded))));
}

// A message: a string, or (NestJS) an array of strings joined into one readable line.
void set_message(std::string& out, std::string_view value) {
  if (js::is_string(value)) return set_trimmed_text(out, value);
  out.clear();
  js::for_each_element(value, [&](std::string_view element) {
    if (out.size() > kMaxTextMessageBytes) return;  // (the cut below is reached already)
    std::string text;
    set_trimmed_text(text, element);
    if (text.empty()) return;
    if (!out.empty()) out.append(kListSeparator);
    out.append(text);
  });
  if (out.size() > kMaxTextMessageBytes) out.resize(cut(out).size());
}

// ---- the lists, as views into the body -----------------------------------------------------

// A string of the result as read from the body: the JSON string itself (copied to the output
// as it is when it has no escapes and needs no trimming, the common case), or computed text
// kept in the Reading's arena. Trivial, so a list of 100,000 of them costs no constructors.
struct Text {
  Slice json;  // a JSON string slice, quotes included; or the computed text
  bool present;
  bool computed;
  bool trim;   // surrounding white space is not part of the value

  static Text from(std::string_view value, bool trim) {
    if (!js::is_string(value)) return Text{};
    return Text{{value.data(), value.size()}, true, false, trim};
  }
  static Text of(std::string_view computed_text) { return Text{{computed_text.data(), computed_text.size()}, true, true, false}; }

  std::string str() const {
    if (computed) return std::string(json);
    std::string decoded = js::decode_string(json);
    return trim ? std::string(text::trim(decoded)) : decoded;
  }
  void write(JsonWriter& out) const {
    if (computed) return out.string(json);
    // Without escapes, the only white space a JSON string can hold raw is ' '.
    const char* data = json.data;
    const std::size_t size = json.size;
    if (unescaped(data, size) && (!trim || size == 2 || (data[1] != ' ' && data[size - 2] != ' ')))
      out.verbatim(json);
    else
      out.string(str());
  }
};

// A JSON value from the body (params): copied as it is when JSON.parse reads it the same.
void write_value(JsonWriter& out, std::string_view value) {
  if (js::copies_verbatim(value)) out.verbatim(value);
  else out.value(js::to_json(value));
}

struct FieldView {  // trivial: {} is all absent
  Text field, rule, message;
  Slice params;  // a non-empty object, or empty

  FieldError materialize() const {
    FieldError error;
    if (field.present) error.field = field.str();
    if (rule.present) error.rule = rule.str();
    if (message.present) error.message = message.str();
    if (params.size != 0) error.params = js::to_json(params);
    return error;
  }
  void write(JsonWriter& out) const {
    out.begin_object();
    out.key("field");
    if (field.present) field.write(out);
    else out.string("");
    if (rule.present) rule.write(out.key("rule"));
    if (message.present) message.write(out.key("message"));
    if (params.size != 0) write_value(out.key("params"), params);
    out.end_object();
  }
};

// An import error as views into the body. Its rows are a range of the Reading's one list of
// row ranges (one allocation for all), so ImportView is trivial: a list of 100,000 of them
// grows without moving vectors, and nothing is destroyed one by one.
struct ImportView {  // trivial: {} is all absent
  Text code, column;
  Slice params;                      // any value but null, or empty
  Slice allowed;                     // the allowedValues array (its strings count), or empty
  std::size_t rows_begin, rows_end;  // in Reading::import_rows

  ImportError materialize(const std::vector<RowRange>& rows) const {
    ImportError error;
    error.code = code.present ? code.str() : std::string();
    if (column.present) error.column = column.str();
    error.rows.assign(rows.begin() + rows_begin, rows.begin() + rows_end);
    if (params.size != 0) error.params = js::to_json(params);
    js::for_each_element(allowed, [&](std::string_view value) {
      if (js::is_string(value)) error.allowed_values.push_back(js::decode_string(value));
    });
    return error;
  }
  void write(JsonWriter& out, const std::vector<RowRange>& rows) const {
    out.begin_object();
    out.key("code");
    if (code.present) code.write(out);
    else out.string("");
    write_row_ranges(out.key("rows"), std::span(rows).subspan(rows_begin, rows_end - rows_begin));
    if (column.present) column.write(out.key("column"));
    if (params.size != 0) write_value(out.key("params"), params);
    bool listed = false;  // "allowedValues" only when it lists a string
    js::for_each_element(allowed, [&](std::string_view value) {
      if (!js::is_string(value)) return;
      if (!listed) out.key("allowedValues").begin_array();
      listed = true;
      Text::from(value, false).write(out);
    });
    if (listed) out.end_array();
    out.end_object();
  }
};

// "/profile/0/color" or "#/age" (RFC 6901) -> "profile.0.color" / "age".
std::string field_from_pointer(std::string_view pointer) {
  if (!pointer.empty() && pointer.front() == '#') pointer.remove_prefix(1);
  if (!pointer.empty() && pointer.front() == '/') pointer.remove_prefix(1);
  std::string field;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    const char c = pointer[i];
    if (c == '/') field.push_back('.');
    else if (c == '~' && i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1'))
      field.push_back(pointer[++i] == '0' ? '~' : '/');
    else field.push_back(c);
  }
  return field;
}

// ["address", 0, "street"] (Joi, Zod) -> "address.0.street".
std::string field_from_path_array(std::string_view array) {
  std::string field;
  js::for_each_element(array, [&](std::string_view element) {
    const bool is_string = js::is_string(element);
    if (!is_string && !js::is_number(element)) return;
    if (!field.empty()) field.push_back('.');
    if (is_string) field.append(js::decode_string(element));
    else field.append(element);
  });
  return field;
}

// One field error from whatever a server puts in an errors list: class-validator's
// {field, rule, params} (seed 003), {name, reason} (RFC 9457 invalid-params), {pointer,
// detail} (RFC 9457 §3), {path, message} (Joi, Zod), {param|path, msg} (express-validator),
// or a bare message string.
FieldView field_view_of(const Members& m, std::forward_list<std::string>& arena) {
  FieldView view{};
  // The field's name: the first of these members that is a string — except `path` as an
  // array of segments (tried before `path` as a string) and `pointer`, which are converted.
  static constexpr Members::Name kFieldSources[] = {M::field, M::name,     M::path,  M::path,
                                                    M::pointer, M::property, M::param, M::key};
  constexpr std::size_t kPathArray = 2, kPointer = 4;
  for (std::size_t k = 0; k < std::size(kFieldSources); ++k) {
    const std::string_view value = m[kFieldSources[k]];
    if (k == kPathArray ? !js::is_array(value) : !js::is_string(value)) continue;
    if (k == kPathArray) view.field = Text::of(arena.emplace_front(field_from_path_array(value)));
    else if (k == kPointer) view.field = Text::of(arena.emplace_front(field_from_pointer(js::decode_string(value))));
    else view.field = Text::from(value, false);
    break;
  }
  view.rule = Text::from(m[M::rule], true);
  static constexpr Members::Name kMessageSources[] = {M::message, M::detail, M::reason, M::msg};
  for (Members::Name candidate : kMessageSources) {
    if (js::is_string(m[candidate])) {
      view.message = Text::from(m[candidate], true);
      break;
    }
  }
  if (js::is_object(m[M::params]) && !js::is_empty_container(m[M::params]))
    view.params = Slice{m[M::params].data(), m[M::params].size()};
  return view;
}

// A row number: an integer of at most 15 digits (exact in a JS number); -1 for anything else.
std::int64_t row_number(std::string_view value) {
  const auto n = js::to_int64(value);
  return n && *n >= 0 && *n <= 999999999999999 ? *n : -1;
}

void append_row_ranges(std::string_view input, std::size_t limit, std::vector<RowRange>& out);

// Appends while `out` holds fewer than `limit` ranges.
void append_rows(std::string_view rows, std::size_t limit, std::vector<RowRange>& out) {
  if (js::is_string(rows)) {
    append_row_ranges(js::decode_string(rows), limit, out);
  } else if (js::is_number(rows)) {
    if (const std::int64_t row = row_number(rows); row >= 0 && out.size() < limit) out.push_back({row, row});
  } else if (js::is_array(rows)) {
    js::for_each_element(rows, [&](std::string_view element) {
      if (out.size() >= limit) return;
      if (js::is_array(element)) {  // [start, end]
        std::int64_t ends[2] = {-1, -1};
        std::size_t count = 0;
        js::for_each_element(element, [&](std::string_view bound) {
          if (count < 2) ends[count] = row_number(bound);
          ++count;
        });
        if (count == 2 && ends[0] >= 0 && ends[1] >= 0)
          out.push_back({std::min(ends[0], ends[1]), std::max(ends[0], ends[1])});
      } else {
        append_rows(element, limit, out);
      }
    });
  }
}

std::string_view media_type(std::optional<std::string_view> content_type) {
  if (!content_type) return {};
  return trim(content_type->substr(0, content_type->find(';')));
}

// The text of an HTML page's <title> (a proxy's "502 Bad Gateway"), white space collapsed.
std::string html_title(std::string_view html) {
  const std::size_t open = text::ifind(html, "<title");
  if (open == std::string_view::npos) return {};
  const std::size_t start = html.find('>', open);
  if (start == std::string_view::npos) return {};
  const std::size_t close = text::ifind(html, "</title", start);
  const std::string_view raw = html.substr(start + 1, close == std::string_view::npos ? 0 : close - start - 1);
  std::string title;
  // Collect a little past the limit, so truncate() below cuts at a character boundary.
  for (std::size_t i = 0; i < raw.size() && title.size() <= kMaxTextMessageBytes; ++i) {
    const char c = raw[i];
    if (text::is_space(c)) {
      if (!title.empty() && title.back() != ' ') title.push_back(' ');
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
      bool replaced = false;
      for (const auto& [entity, character] : kEntities) {
        if (raw.substr(i, entity.size()) == entity) {
          title.push_back(character);
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    title.push_back(c);
  }
  return std::string(utf8::truncate(trim(title), kMaxTextMessageBytes));
}

// A body that is not a JSON object: a text/plain message, an HTML page's title, a JSON string.
std::string message_of_text(std::string_view media, std::string_view body, std::string_view json_root) {
  if (!json_root.empty()) {
    if (js::is_string(json_root))
      return std::string(utf8::truncate(trim(js::decode_string(json_root)), kMaxTextMessageBytes));
    return {};
  }
  const std::string_view text = trim(body);
  if (text::iequals(media, "text/html") || text::istarts_with(text, "<!doctype html") ||
      text::istarts_with(text, "<html"))
    return html_title(text);
  if (text::iequals(media, "text/plain")) return std::string(utf8::truncate(text, kMaxTextMessageBytes));
  return {};
}

// ---- one response, read ------------------------------------------------------------------------

class Reading {
 public:
  Reading(const Catalogue& catalogue, const HttpResponse& response) : catalogue_(catalogue) {
    head.status = response.status;
    const HeaderValues headers(response.headers, response.header_block);
    read_headers(headers, response.now_ms);
    if (response.body.size() <= kMaxBodyBytes && utf8::count_invalid(response.body, kMaxInvalidUtf8) <= kMaxInvalidUtf8) {
      repaired_ = utf8::repaired(response.body);  // the views below point into this text
      read_body(media_type(headers[HeaderValues::content_type]), repaired_ ? *repaired_ : response.body);
    }
    if (head.dialect.empty()) {
      head.dialect = "http";
      set_http_code();
    }
    head.known = catalogue.find(head.dialect, head.code) != nullptr;
  }
  // The views point into this object (repaired_): it stays where it was built.
  Reading(const Reading&) = delete;
  Reading& operator=(const Reading&) = delete;

  NormalizedError head;  // everything but the two lists, and the params when params_json is set
  std::string_view params_json;  // the body's params object, when it sent one
  std::vector<FieldView> fields;
  std::vector<ImportView> imports;
  std::vector<RowRange> import_rows;  // the rows of all of them

 private:
  void read_headers(const HeaderValues& headers, std::int64_t now_ms) {
    if (headers[HeaderValues::retry_after]) head.retry_after_ms = retry_after_ms(*headers[HeaderValues::retry_after], now_ms);
    head.rate_limit = rate_limit_from(headers, now_ms);
    std::optional<std::string_view> id = headers[HeaderValues::request_id];
    if (!id || id->empty()) id = headers[HeaderValues::correlation_id];
    if (id && !id->empty()) {
      // Header bytes from the C++ API may be anything: keep the result valid UTF-8.
      std::optional<std::string> repaired = utf8::repaired(*id);
      head.request_id = repaired ? std::move(*repaired) : std::string(*id);
      head.request_id->resize(cut(*head.request_id).size());
    }
  }

  void read_body(std::string_view media, std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
    std::string_view root;
    // Small bodies are cheaper to skip through than to index.
    if (!js::validate(text, kMaxJsonDepth, root, text.size() > 4096 ? &index_ : nullptr)) {
      head.message = message_of_text(media, text, {});
      return;
    }
    if (!js::is_object(root)) {
      head.message = message_of_text(media, text, root);
      return;
    }
    const Members m = collect(root, &index_);
    const bool problem_media = text::iequals(media, "application/problem+json");
    if (!problem_media) {
      // (A code that is not one leaves head.code empty, as it was.)
      if (js::is_false(m[M::success]) && js::is_object(m[M::error])) {
        const Members inner = collect(m[M::error], &index_);
        if (read_code(inner[M::code])) {
          set_trimmed_text(head.message, inner[M::message]);
          return recognised("wrapped");
        }
      }
      if (js::is_number(m[M::status_code]) && read_code(m[M::code])) return read_nestjs(m);
      if (js::is_string(m[M::error]) && read_code(m[M::code])) {
        set_trimmed_text(head.message, m[M::error]);
        return recognised("lms");
      }
      if (js::is_false(m[M::ok])) return read_okflag(m);
    }
    if (problem_media || js::is_string(m[M::type]) || js::is_string(m[M::title]) ||
        (js::is_string(m[M::detail]) && js::is_number(m[M::status])))
      return read_problem(m);
    read_other_object(m);
  }

  // The code member of a shape: a string that is not empty once stray white space is trimmed
  // (" LMS-ADM-007").
  bool read_code(std::string_view value) {
    set_trimmed_text(head.code, value);
    return !head.code.empty();
  }

  // (fmt::format_int: the one integer writer in the .wasm; a compiled fmt call costs more.)
  void set_http_code() { head.code = "HTTP_" + fmt::format_int(head.status).str(); }

  // An envelope of `dialect` whose code and message are read: the interpolation values the
  // body does not carry but its message does ("Try again in 45 seconds.").
  void recognised(const char* dialect) {
    head.dialect = dialect;
    const Entry* entry = catalogue_.find(head.dialect, head.code);
    if (entry && !entry->params.empty() && !match_template_into(entry->message, head.message, &head.params))
      head.params = Params::object();  // (as it was: a text that does not match fills nothing)
  }

  void read_nestjs(const Members& m) {
    set_message(head.message, m[M::message]);
    if (js::is_object(m[M::params])) {
      head.dialect = "nestjs";
      params_json = m[M::params];
    } else {
      recognised("nestjs");
    }
    read_string_into(head.timestamp, m[M::timestamp]);
    read_string_into(head.path, m[M::path]);
    if (js::is_object(m[M::data])) {
      const Members data = collect(m[M::data], &index_);
      if (head.code == "IMPORT_VALIDATION_FAILED") read_import_errors(data[M::errors]);
      else read_field_errors(data[M::errors]);
    }
  }

  void read_okflag(const Members& m) {
    head.dialect = "okflag";
    set_message(head.message, m[M::message]);
    read_field_errors(m[M::errors]);
    // Seed 004 has no codes: field errors at 400 are its validation failure; otherwise the
    // message is one of its templates. The same text can mean two things ("user not found" is
    // 401 or 404), so an entry with the response's status is preferred.
    if (head.status == 400 && !fields.empty()) {
      head.code = "VALIDATION_FAILED";
      return;
    }
    const Entry* chosen = nullptr;
    for (const Entry& entry : catalogue_.entries()) {
      if (entry.dialect != "okflag" || !match_template_into(entry.message, head.message, nullptr)) continue;
      if (!chosen || (chosen->status != head.status && entry.status == head.status)) chosen = &entry;
      if (chosen->status == head.status) break;
    }
    if (chosen) {
      head.code = chosen->code;
      match_template_into(chosen->message, head.message, &head.params);  // (it matched above)
    } else {
      set_http_code();
    }
  }

  void read_problem(const Members& m) {
    head.dialect = "problem";
    if (!read_code(m[M::code])) set_http_code();
    // RFC 9457: detail explains this occurrence, title the problem type.
    set_trimmed_text(head.message, m[M::detail]);
    if (head.message.empty()) set_trimmed_text(head.message, m[M::title]);
    read_string_into(head.path, m[M::instance]);
    read_string_into(head.timestamp, m[M::timestamp]);
    if (js::is_object(m[M::params])) params_json = m[M::params];
    if (js::is_object(m[M::errors])) read_field_error_map(m[M::errors]);
    else read_field_errors(m[M::errors]);
    read_field_errors(m[M::invalid_params]);
    if (!head.request_id) read_string_into(head.request_id, m[M::trace_id]);
  }

  // No recognised envelope: HTTP_<status>, with whatever readable text the object has
  // (NestJS's default {statusCode, message, error}, Spring Boot's {timestamp, status, error, path}).
  void read_other_object(const Members& m) {
    set_message(head.message, m[M::message]);
    if (head.message.empty()) {
      if (js::is_object(m[M::error])) set_trimmed_text(head.message, collect(m[M::error])[M::message]);
      else set_trimmed_text(head.message, m[M::error]);
    }
    if (head.message.empty()) set_trimmed_text(head.message, m[M::detail]);
    read_string_into(head.path, m[M::path]);
    read_string_into(head.timestamp, m[M::timestamp]);
  }

  void read_field_errors(std::string_view list) {
    js::for_each_element_at(list, [&](const char* p, const char* end) -> const char* {
      if (*p == '{') {  // the common case: members read in the same pass that finds the end
        // Through the shared member loop, as import errors: its own inlined copy here was
        // ~200 B of gzip for ~3% of the time of a 10,000-entry list.
        Members m;
        const char* item_end = js::for_each_member_at(p, end, Members::take_member, &m);
        if (field_count_ < kMaxFieldErrors) {
          const FieldView view = field_view_of(m, arena_);
          fields.push_back(view);  // (the push_back(const&) the other lists use: one instance)
          ++field_count_;
        }
        return item_end;
      }
      const char* item_end = js::skip_element(p, end);
      const std::string_view item(p, static_cast<std::size_t>(item_end - p));
      if (js::is_string(item) && field_count_ < kMaxFieldErrors) {
        FieldView view{};
        view.message = Text::from(item, true);
        fields.push_back(view);
        ++field_count_;
      }
      return item_end;
    });
  }

  // ASP.NET Core's ValidationProblemDetails: "errors": {"Name": ["msg", ...], ...}.
  void read_field_error_map(std::string_view map) {
    js::for_each_member(map, [&](Slice key, Slice value) {
      const auto add = [&](Text message) {
        if (field_count_ >= kMaxFieldErrors) return;
        FieldView view{};
        view.field = Text::from(key, false);
        view.message = message;
        fields.push_back(view);
        ++field_count_;
      };
      if (js::is_array(value)) {
        js::for_each_element(value, [&](std::string_view element) {
          if (js::is_string(element)) add(Text::from(element, true));
        });
      } else {
        add(Text::from(value, true));  // a string, or nothing (the field alone)
      }
    });
  }

  void read_import_errors(std::string_view list) {
    js::for_each_element_at(list, [&](const char* p, const char* end) -> const char* {
      if (*p != '{') return js::skip_element(p, end);
      // Through the shared member loop: import lists are short next to field error lists, and
      // one more inlined copy of the loop is ~300 B of gzip.
      Members m;
      const char* item_end = js::for_each_member_at(p, end, Members::take_member, &m);
      if (imports.size() >= kMaxImportErrors) return item_end;
      ImportView view{};
      view.code = Text::from(m[M::code], true);
      view.column = Text::from(m[M::column], false);
      std::vector<RowRange>& rows = import_rows;
      view.rows_begin = rows.size();
      // At most kMaxRowRanges for this error, and kMaxRowRangesTotal in all.
      append_rows(m[M::rows], rows.size() + std::min(kMaxRowRangesTotal - rows.size(), kMaxRowRanges), rows);
      view.rows_end = rows.size();
      const std::string_view params = m[M::params];
      if (!params.empty() && js::kind(params) != js::Kind::null) view.params = Slice{params.data(), params.size()};
      if (js::is_array(m[M::allowed_values])) view.allowed = Slice{m[M::allowed_values].data(), m[M::allowed_values].size()};
      imports.push_back(view);
      return item_end;
    });
  }

  const Catalogue& catalogue_;
  std::optional<std::string> repaired_;
  js::Index index_;
  std::forward_list<std::string> arena_;  // computed texts; a list never moves what it holds
  std::size_t field_count_ = 0;    // fields.size(), without a libc++ call per item
};

}  // namespace

NormalizedError parse(const Catalogue& catalogue, const HttpResponse& response) {
  Reading reading(catalogue, response);
  NormalizedError error = std::move(reading.head);
  if (!reading.params_json.empty()) error.params = js::to_json(reading.params_json);
  error.field_errors.reserve(reading.fields.size());
  for (const FieldView& field : reading.fields) error.field_errors.push_back(field.materialize());
  error.import_errors.reserve(reading.imports.size());
  for (const ImportView& import : reading.imports) error.import_errors.push_back(import.materialize(reading.import_rows));
  return error;
}

namespace {
// The Reading's params and lists, written from the body's slices.
class ReadingParts final : public ErrorParts {
 public:
  explicit ReadingParts(const Reading& reading) : reading_(reading) {}
  void write_params(JsonWriter& out) const override {
    if (reading_.params_json.empty()) out.value(reading_.head.params);
    else write_value(out, reading_.params_json);
  }
  void write_field_errors(JsonWriter& out) const override {
    for (const FieldView& field : reading_.fields) field.write(out);
  }
  void write_import_errors(JsonWriter& out) const override {
    for (const ImportView& import : reading_.imports) import.write(out, reading_.import_rows);
  }

 private:
  const Reading& reading_;
};
}  // namespace

namespace {

// Room to reserve for the result: with field or import errors it is about the body's size;
// without, it is the head's few texts (each at most kMaxTextMessageBytes) and any params. (The
// writer grows past a low guess; a high one is WASM memory a page keeps for good.)
std::size_t result_size_hint(const Reading& reading, std::size_t body_size) {
  if (!reading.fields.empty() || !reading.imports.empty()) return 512 + body_size + body_size / 8;
  return 4096 + reading.params_json.size();
}

}  // namespace

std::string parse_to_json_text(const Catalogue& catalogue, const HttpResponse& response) {
  Reading reading(catalogue, response);
  JsonWriter out(result_size_hint(reading, response.body.size()));
  write_error_json(out, reading.head, ReadingParts(reading));
  return std::move(out).text();
}

std::string parse_to_json_array(const Catalogue& catalogue, const HttpResponse& response) {
  Reading reading(catalogue, response);
  JsonWriter out(result_size_hint(reading, response.body.size()));
  write_error_json(out, reading.head, ReadingParts(reading), ErrorLayout::array);
  return std::move(out).text();
}

std::optional<NetworkKind> network_kind_from_string(std::string_view kind) {
  if (kind == "offline") return NetworkKind::offline;
  if (kind == "timeout") return NetworkKind::timeout;
  if (kind == "aborted") return NetworkKind::aborted;
  return std::nullopt;
}

NormalizedError network_error(const Catalogue& catalogue, NetworkKind kind) {
  static constexpr std::string_view kCodes[] = {"NETWORK_ERROR", "TIMEOUT", "ABORTED"};
  NormalizedError e;
  e.dialect = "network";
  e.code = std::string(kCodes[static_cast<int>(kind)]);
  e.status = 0;
  // No server spoke: the message is the catalogue's own wording.
  if (const Entry* entry = catalogue.find(e.dialect, e.code)) {
    e.known = true;
    e.message = entry->message;
  }
  return e;
}

std::vector<RowRange> parse_row_ranges(std::string_view input, std::size_t max_ranges) {
  std::vector<RowRange> ranges;
  append_row_ranges(input, max_ranges, ranges);
  return ranges;
}

namespace {
// parse_row_ranges() onto the end of `ranges`, while it holds fewer than `limit`.
void append_row_ranges(std::string_view input, std::size_t limit, std::vector<RowRange>& ranges) {
  std::size_t i = 0;
  // Reads one number (digits and spaces only, at most 15 digits: exact in a JS number); -1 for
  // anything else.
  const auto number = [](std::string_view token) -> std::int64_t {
    token = trim(token);
    if (token.empty() || token.size() > 15) return -1;
    std::int64_t value = 0;
    for (char c : token) {
      if (!text::is_digit(c)) return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  while (i < input.size() && ranges.size() < limit) {
    std::size_t end = input.find_first_of(",;", i);
    if (end == std::string_view::npos) end = input.size();
    std::string_view token = trim(input.substr(i, end - i));
    i = end + 1;
    // The range dash: '-', or an en/em dash (U+2013, U+2014) from a spreadsheet or a word processor.
    std::size_t dash = std::string_view::npos, dash_length = 0;
    for (std::string_view candidate : {std::string_view("-"), std::string_view("\xE2\x80\x93"),
                                       std::string_view("\xE2\x80\x94")}) {
      const std::size_t at = token.find(candidate, 1);  // a leading '-' is a sign, not a range
      if (at != std::string_view::npos && at < dash) {
        dash = at;
        dash_length = candidate.size();
      }
    }
    std::int64_t start, stop;
    if (dash == std::string_view::npos) {
      start = stop = number(token);
    } else {
      start = number(token.substr(0, dash));
      stop = number(token.substr(dash + dash_length));
    }
    if (start >= 0 && stop >= 0) ranges.push_back({std::min(start, stop), std::max(start, stop)});
  }
}
}  // namespace

namespace {
struct TemplatePart {
  bool placeholder;
  std::string_view text;  // the literal, or the placeholder's name
};

bool is_name_char(char c) {
  return text::is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// The template's parts one at a time, from `pos` (which it advances); false at the end.
// "module {name} not found" -> literal "module ", placeholder "name", literal " not found".
// (Read in place: no list of parts is built, and a literal ends exactly where the text does
// when nothing follows it.)
bool next_template_part(std::string_view tmpl, std::size_t& pos, TemplatePart& part) {
  if (pos >= tmpl.size()) return false;
  for (std::size_t i = pos; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') continue;
    std::size_t close = i + 1;
    while (close < tmpl.size() && is_name_char(tmpl[close])) ++close;
    if (close == i + 1 || close >= tmpl.size() || tmpl[close] != '}' || text::is_digit(tmpl[i + 1])) continue;
    if (i > pos) {
      part = {false, tmpl.substr(pos, i - pos)};  // the placeholder comes next time
      pos = i;
    } else {
      part = {true, tmpl.substr(i + 1, close - i - 1)};
      pos = close + 1;
    }
    return true;
  }
  part = {false, tmpl.substr(pos)};
  pos = tmpl.size();
  return true;
}

// match_template(), filling `params` when given (an object: the values are added to it); false
// when the text does not match, `params` then partly filled. (Test, then fill in place: no
// optional<Params> to build and move at each use.)
bool match_template_into(std::string_view tmpl, std::string_view input, Params* params) {
  tmpl = trim(tmpl);
  const std::string_view subject = trim(input);
  std::size_t pos = 0;
  std::size_t at = 0;  // in the template
  TemplatePart part;
  while (next_template_part(tmpl, at, part)) {
    if (!part.placeholder) {
      if (subject.size() - pos < part.text.size() ||
          !text::iequals(subject.substr(pos, part.text.size()), part.text))
        return false;
      pos += part.text.size();
      continue;
    }
    std::size_t value_end;
    TemplatePart next;
    std::size_t after = at;
    if (!next_template_part(tmpl, after, next)) {
      value_end = subject.size();
    } else if (next.placeholder) {
      value_end = pos;  // two placeholders in a row cannot be told apart: the first gets nothing
    } else if (after == tmpl.size()) {
      // The last literal must end the text: "module a not found not found" -> "a not found".
      if (subject.size() - pos < next.text.size()) return false;
      value_end = subject.size() - next.text.size();
    } else {
      value_end = text::ifind(subject, next.text, pos);
      if (value_end == std::string_view::npos) return false;
    }
    if (params) (*params)[std::string(part.text)] = std::string(subject.substr(pos, value_end - pos));
    pos = value_end;
  }
  return pos == subject.size();
}
}  // namespace

std::optional<Params> match_template(std::string_view tmpl, std::string_view input) {
  Params params = Params::object();
  if (!match_template_into(tmpl, input, &params)) return std::nullopt;
  return params;
}

std::string fill_template(std::string_view tmpl, const Params& params) {
  std::string out;
  std::size_t at = 0;
  TemplatePart part;
  while (next_template_part(tmpl, at, part)) {
    if (!part.placeholder) {
      out.append(part.text);
      continue;
    }
    const auto it = params.is_object() ? params.find(std::string(part.text)) : params.end();
    if (!params.is_object() || it == params.end()) {
      out.append("{").append(part.text).append("}");  // left visible, never guessed
    } else if (it->is_string()) {
      out.append(it->get_ref<const std::string&>());
    } else if (it->is_number() || it->is_boolean()) {
      out.append(dump_json(*it));
    } else {
      out.append("{").append(part.text).append("}");
    }
  }
  return out;
}

}  // namespace lms
