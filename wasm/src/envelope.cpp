// parse(): any HTTP error response -> NormalizedError. See lms/envelope.hpp for the rules.
#include "lms/envelope.hpp"

#include <fmt/format.h>

#include <algorithm>

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

std::string http_code(int status) { return fmt::format("HTTP_{}", status); }

// An object's members, read in one pass over its text (the body's root can be megabytes: one
// look-up per name would skip over it again and again). The last duplicate wins, as in JSON.parse.
struct Members {
  std::string_view code, error, message, status_code, success, ok, data, errors, params, timestamp,
      path, type, title, detail, status, instance, trace_id, invalid_params, field, rule, name,
      pointer, reason, msg, column, rows, allowed_values, property, key, param;

  std::string_view* slot(std::string_view member) {
    // Sorted by how often each name appears in real envelopes.
    if (member == "code") return &code;
    if (member == "message") return &message;
    if (member == "field") return &field;
    if (member == "rule") return &rule;
    if (member == "params") return &params;
    if (member == "error") return &error;
    if (member == "statusCode") return &status_code;
    if (member == "data") return &data;
    if (member == "errors") return &errors;
    if (member == "timestamp") return &timestamp;
    if (member == "path") return &path;
    if (member == "success") return &success;
    if (member == "ok") return &ok;
    if (member == "column") return &column;
    if (member == "rows") return &rows;
    if (member == "allowedValues") return &allowed_values;
    if (member == "type") return &type;
    if (member == "title") return &title;
    if (member == "detail") return &detail;
    if (member == "status") return &status;
    if (member == "instance") return &instance;
    if (member == "traceId") return &trace_id;
    if (member == "invalid-params") return &invalid_params;
    if (member == "name") return &name;
    if (member == "pointer") return &pointer;
    if (member == "reason") return &reason;
    if (member == "msg") return &msg;
    if (member == "property") return &property;
    if (member == "key") return &key;
    if (member == "param") return &param;
    return nullptr;
  }
};

Members collect(std::string_view object) {
  Members members;
  js::for_each_member(object, [&](std::string_view key, std::string_view value) {
    if (auto plain = js::plain_string(key)) {
      if (std::string_view* slot = members.slot(*plain)) *slot = value;
    } else if (std::string_view* slot = members.slot(js::decode_string(key))) {
      *slot = value;
    }
  });
  return members;
}

// ---- typed readers: a wrong type reads as absent -------------------------------------------

std::optional<std::string> string_of(std::string_view value) {
  if (!js::is_string(value)) return std::nullopt;
  return js::decode_string(value);
}

std::optional<std::string> trimmed_string(std::string_view value) {
  if (!js::is_string(value)) return std::nullopt;
  if (auto plain = js::plain_string(value)) return std::string(trim(*plain));
  return std::string(trim(js::decode_string(value)));
}

// A code: a string that is not empty once stray white space is trimmed (" LMS-ADM-007").
std::optional<std::string> code_of(std::string_view value) {
  auto code = trimmed_string(value);
  if (!code || code->empty()) return std::nullopt;
  return code;
}

// A message: a string, or (NestJS) an array of strings joined into one readable line.
std::string message_of(std::string_view value) {
  if (js::is_string(value)) return *trimmed_string(value);
  std::string joined;
  js::for_each_element(value, [&](std::string_view element) {
    auto text = trimmed_string(element);
    if (!text || text->empty()) return;
    if (!joined.empty()) joined.append(kListSeparator);
    joined.append(*text);
  });
  return joined;
}

json object_of(std::string_view value) { return js::is_object(value) ? js::to_json(value) : json::object(); }

// ---- lists -------------------------------------------------------------------------------------

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
    std::string part;
    if (js::is_string(element)) part = js::decode_string(element);
    else if (js::is_number(element)) part = std::string(element);
    else return;
    if (!field.empty()) field.push_back('.');
    field.append(part);
  });
  return field;
}

// One field error from whatever a server puts in an errors list: class-validator's
// {field, rule, params} (seed 003), {name, reason} (RFC 9457 invalid-params), {pointer,
// detail} (RFC 9457 §3), {path, message} (Joi, Zod), {param|path, msg} (express-validator),
// or a bare message string.
std::optional<FieldError> field_error_of(std::string_view item) {
  FieldError error;
  if (js::is_string(item)) {
    error.message = *trimmed_string(item);
    return error;
  }
  if (!js::is_object(item)) return std::nullopt;
  const Members m = collect(item);
  if (auto field = string_of(m.field)) error.field = *field;
  else if (auto name = string_of(m.name)) error.field = *name;
  else if (js::is_array(m.path)) error.field = field_from_path_array(m.path);
  else if (auto path = string_of(m.path)) error.field = *path;
  else if (auto pointer = string_of(m.pointer)) error.field = field_from_pointer(*pointer);
  else if (auto property = string_of(m.property)) error.field = *property;
  else if (auto param = string_of(m.param)) error.field = *param;
  else if (auto key = string_of(m.key)) error.field = *key;
  error.rule = trimmed_string(m.rule);
  for (std::string_view candidate : {m.message, m.detail, m.reason, m.msg}) {
    if (auto message = trimmed_string(candidate)) {
      error.message = std::move(message);
      break;
    }
  }
  if (js::is_object(m.params)) error.params = js::to_json(m.params);
  return error;
}

void append_field_errors(std::string_view list, std::vector<FieldError>& out) {
  js::for_each_element(list, [&](std::string_view item) {
    if (out.size() >= kMaxFieldErrors) return;
    if (auto error = field_error_of(item)) out.push_back(std::move(*error));
  });
}

// ASP.NET Core's ValidationProblemDetails: "errors": {"Name": ["msg", ...], ...}.
void append_field_error_map(std::string_view map, std::vector<FieldError>& out) {
  js::for_each_member(map, [&](std::string_view key, std::string_view value) {
    const std::string field = js::decode_string(key);
    const auto add = [&](std::optional<std::string> message) {
      if (out.size() >= kMaxFieldErrors) return;
      FieldError error;
      error.field = field;
      error.message = std::move(message);
      out.push_back(std::move(error));
    };
    if (js::is_array(value)) {
      js::for_each_element(value, [&](std::string_view element) {
        if (js::is_string(element)) add(trimmed_string(element));
      });
    } else if (js::is_string(value)) {
      add(trimmed_string(value));
    } else {
      add(std::nullopt);
    }
  });
}

void append_rows(std::string_view rows, std::size_t budget, std::vector<RowRange>& out) {
  const std::size_t limit = std::min(budget, kMaxRowRanges);
  if (js::is_string(rows)) {
    for (const RowRange& range : parse_row_ranges(js::decode_string(rows), limit - out.size()))
      out.push_back(range);
  } else if (js::is_number(rows)) {
    if (auto row = js::to_int64(rows); row && *row >= 0 && *row <= 999999999999999 && out.size() < limit)
      out.push_back({*row, *row});
  } else if (js::is_array(rows)) {
    js::for_each_element(rows, [&](std::string_view element) {
      if (out.size() >= limit) return;
      if (js::is_array(element)) {  // [start, end]
        std::vector<std::int64_t> ends;
        js::for_each_element(element, [&](std::string_view bound) {
          if (auto n = js::to_int64(bound); n && *n >= 0 && *n <= 999999999999999) ends.push_back(*n);
          else ends.push_back(-1);
        });
        if (ends.size() == 2 && ends[0] >= 0 && ends[1] >= 0)
          out.push_back({std::min(ends[0], ends[1]), std::max(ends[0], ends[1])});
      } else {
        append_rows(element, limit, out);
      }
    });
  }
}

void append_import_errors(std::string_view list, std::vector<ImportError>& out) {
  std::size_t ranges = 0;
  js::for_each_element(list, [&](std::string_view item) {
    if (out.size() >= kMaxImportErrors || !js::is_object(item)) return;
    const Members m = collect(item);
    ImportError error;
    error.code = trimmed_string(m.code).value_or("");
    error.column = string_of(m.column);
    append_rows(m.rows, kMaxRowRangesTotal - ranges, error.rows);
    ranges += error.rows.size();
    if (!m.params.empty() && js::kind(m.params) != js::Kind::null) error.params = js::to_json(m.params);
    js::for_each_element(m.allowed_values, [&](std::string_view value) {
      if (js::is_string(value)) error.allowed_values.push_back(js::decode_string(value));
    });
    out.push_back(std::move(error));
  });
}

// ---- the dialects ------------------------------------------------------------------------------

// Interpolation values the body does not carry but its message does ("Try again in 45 seconds.").
Params params_from_message(const Entry* entry, std::string_view message) {
  if (entry && !entry->params.empty())
    if (auto params = match_template(entry->message, message)) return std::move(*params);
  return Params::object();
}

void read_lms(const Catalogue& catalogue, const Members& m, std::string code, NormalizedError& e) {
  e.dialect = "lms";
  e.code = std::move(code);
  e.message = message_of(m.error);
  e.params = params_from_message(catalogue.find(e.dialect, e.code), e.message);
}

void read_wrapped(const Catalogue& catalogue, const Members& inner, std::string code, NormalizedError& e) {
  e.dialect = "wrapped";
  e.code = std::move(code);
  e.message = trimmed_string(inner.message).value_or("");
  e.params = params_from_message(catalogue.find(e.dialect, e.code), e.message);
}

void read_nestjs(const Catalogue& catalogue, const Members& m, std::string code, NormalizedError& e) {
  e.dialect = "nestjs";
  e.code = std::move(code);
  e.message = message_of(m.message);
  e.params = js::is_object(m.params) ? js::to_json(m.params)
                                     : params_from_message(catalogue.find(e.dialect, e.code), e.message);
  e.timestamp = string_of(m.timestamp);
  e.path = string_of(m.path);
  if (js::is_object(m.data)) {
    const Members data = collect(m.data);
    if (e.code == "IMPORT_VALIDATION_FAILED") append_import_errors(data.errors, e.import_errors);
    else append_field_errors(data.errors, e.field_errors);
  }
}

void read_okflag(const Catalogue& catalogue, const Members& m, NormalizedError& e) {
  e.dialect = "okflag";
  e.message = message_of(m.message);
  append_field_errors(m.errors, e.field_errors);
  // Seed 004 has no codes: field errors at 400 are its validation failure; otherwise the
  // message is one of its templates. The same text can mean two things ("user not found" is
  // 401 or 404), so an entry with the response's status is preferred.
  if (e.status == 400 && !e.field_errors.empty()) {
    e.code = "VALIDATION_FAILED";
    return;
  }
  const Entry* chosen = nullptr;
  Params chosen_params;
  for (const Entry& entry : catalogue.entries()) {
    if (entry.dialect != "okflag") continue;
    auto params = match_template(entry.message, e.message);
    if (!params) continue;
    if (!chosen || (chosen->status != e.status && entry.status == e.status)) {
      chosen = &entry;
      chosen_params = std::move(*params);
    }
    if (chosen->status == e.status) break;
  }
  if (chosen) {
    e.code = chosen->code;
    e.params = std::move(chosen_params);
  } else {
    e.code = http_code(e.status);
  }
}

void read_problem(const Members& m, NormalizedError& e) {
  e.dialect = "problem";
  e.code = code_of(m.code).value_or(http_code(e.status));
  // RFC 9457: detail explains this occurrence, title the problem type.
  e.message = trimmed_string(m.detail).value_or("");
  if (e.message.empty()) e.message = trimmed_string(m.title).value_or("");
  e.path = string_of(m.instance);
  e.timestamp = string_of(m.timestamp);
  e.params = object_of(m.params);
  if (js::is_object(m.errors)) append_field_error_map(m.errors, e.field_errors);
  else append_field_errors(m.errors, e.field_errors);
  append_field_errors(m.invalid_params, e.field_errors);
  if (!e.request_id) e.request_id = string_of(m.trace_id);
}

// No recognised envelope: HTTP_<status>, with whatever readable text the object has
// (NestJS's default {statusCode, message, error}, Spring Boot's {timestamp, status, error, path}).
void read_other_object(const Members& m, NormalizedError& e) {
  e.message = message_of(m.message);
  if (e.message.empty()) {
    if (js::is_object(m.error)) e.message = trimmed_string(collect(m.error).message).value_or("");
    else e.message = trimmed_string(m.error).value_or("");
  }
  if (e.message.empty()) e.message = trimmed_string(m.detail).value_or("");
  e.path = string_of(m.path);
  e.timestamp = string_of(m.timestamp);
}

std::string_view media_type(const std::vector<Header>& headers) {
  auto value = text::find_header(headers, "content-type");
  if (!value) return {};
  return trim(value->substr(0, value->find(';')));
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
  for (std::size_t i = 0; i < raw.size() && title.size() < kMaxTextMessageBytes; ++i) {
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

void read_headers(const HttpResponse& response, NormalizedError& e) {
  if (auto value = text::find_header(response.headers, "retry-after"))
    e.retry_after_ms = retry_after_ms(*value, response.now_ms);
  e.rate_limit = rate_limit_from_headers(response.headers, response.now_ms);
  for (std::string_view name : {"x-request-id", "x-correlation-id"}) {
    auto value = text::find_header(response.headers, name);
    if (value && !value->empty()) {
      e.request_id = std::string(*value);
      break;
    }
  }
}

void read_body(const Catalogue& catalogue, std::string_view media, std::string_view text,
               NormalizedError& e) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  std::string_view root;
  if (!js::validate(text, kMaxJsonDepth, root)) {
    e.message = message_of_text(media, text, {});
    return;
  }
  if (!js::is_object(root)) {
    e.message = message_of_text(media, text, root);
    return;
  }
  const Members m = collect(root);
  const bool problem_media = text::iequals(media, "application/problem+json");
  if (!problem_media) {
    if (js::is_false(m.success) && js::is_object(m.error)) {
      const Members inner = collect(m.error);
      if (auto code = code_of(inner.code)) return read_wrapped(catalogue, inner, std::move(*code), e);
    }
    if (js::is_number(m.status_code))
      if (auto code = code_of(m.code)) return read_nestjs(catalogue, m, std::move(*code), e);
    if (js::is_string(m.error))
      if (auto code = code_of(m.code)) return read_lms(catalogue, m, std::move(*code), e);
    if (js::is_false(m.ok)) return read_okflag(catalogue, m, e);
  }
  if (problem_media || js::is_string(m.type) || js::is_string(m.title) ||
      (js::is_string(m.detail) && js::is_number(m.status)))
    return read_problem(m, e);
  read_other_object(m, e);
}

}  // namespace

NormalizedError parse(const Catalogue& catalogue, const HttpResponse& response) {
  NormalizedError e;
  e.status = response.status;
  read_headers(response, e);
  if (response.body.size() <= kMaxBodyBytes) {
    const std::optional<std::string> repaired = utf8::repaired(response.body);
    read_body(catalogue, media_type(response.headers), repaired ? *repaired : response.body, e);
  }
  if (e.dialect.empty()) {
    e.dialect = "http";
    e.code = http_code(e.status);
  }
  e.known = catalogue.find(e.dialect, e.code) != nullptr;
  return e;
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
  constexpr std::int64_t kMaxRow = 999999999999999;  // 15 digits: exact in a JS number
  std::vector<RowRange> ranges;
  std::size_t i = 0;
  // Reads one number (digits and spaces only); nullopt for anything else or too many digits.
  const auto number = [](std::string_view token) -> std::optional<std::int64_t> {
    token = trim(token);
    if (token.empty() || token.size() > 15) return std::nullopt;
    std::int64_t value = 0;
    for (char c : token) {
      if (!text::is_digit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return value <= kMaxRow ? std::optional(value) : std::nullopt;
  };
  while (i < input.size() && ranges.size() < max_ranges) {
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
    if (dash == std::string_view::npos) {
      if (auto row = number(token)) ranges.push_back({*row, *row});
      continue;
    }
    auto start = number(token.substr(0, dash));
    auto stop = number(token.substr(dash + dash_length));
    if (start && stop) ranges.push_back({std::min(*start, *stop), std::max(*start, *stop)});
  }
  return ranges;
}

namespace {
struct TemplatePart {
  bool placeholder;
  std::string_view text;  // the literal, or the placeholder's name
};

bool is_name_char(char c) {
  return text::is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// "module {name} not found" -> literal "module ", placeholder "name", literal " not found".
std::vector<TemplatePart> template_parts(std::string_view tmpl) {
  std::vector<TemplatePart> parts;
  std::size_t literal_start = 0;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') continue;
    std::size_t close = i + 1;
    while (close < tmpl.size() && is_name_char(tmpl[close])) ++close;
    if (close == i + 1 || close >= tmpl.size() || tmpl[close] != '}' || text::is_digit(tmpl[i + 1])) continue;
    if (i > literal_start) parts.push_back({false, tmpl.substr(literal_start, i - literal_start)});
    parts.push_back({true, tmpl.substr(i + 1, close - i - 1)});
    literal_start = close + 1;
    i = close;
  }
  if (literal_start < tmpl.size()) parts.push_back({false, tmpl.substr(literal_start)});
  return parts;
}
}  // namespace

std::optional<Params> match_template(std::string_view tmpl, std::string_view input) {
  const std::vector<TemplatePart> parts = template_parts(trim(tmpl));
  const std::string_view subject = trim(input);
  Params params = Params::object();
  std::size_t pos = 0;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const TemplatePart& part = parts[k];
    if (!part.placeholder) {
      if (subject.size() - pos < part.text.size() ||
          !text::iequals(subject.substr(pos, part.text.size()), part.text))
        return std::nullopt;
      pos += part.text.size();
      continue;
    }
    std::size_t value_end;
    if (k + 1 == parts.size()) {
      value_end = subject.size();
    } else if (parts[k + 1].placeholder) {
      value_end = pos;  // two placeholders in a row cannot be told apart: the first gets nothing
    } else if (k + 2 == parts.size()) {
      // The last literal must end the text: "module a not found not found" -> "a not found".
      const std::string_view last = parts[k + 1].text;
      if (subject.size() - pos < last.size()) return std::nullopt;
      value_end = subject.size() - last.size();
    } else {
      value_end = text::ifind(subject, parts[k + 1].text, pos);
      if (value_end == std::string_view::npos) return std::nullopt;
    }
    params[std::string(part.text)] = std::string(subject.substr(pos, value_end - pos));
    pos = value_end;
  }
  if (pos != subject.size()) return std::nullopt;
  return params;
}

std::string fill_template(std::string_view tmpl, const Params& params) {
  std::string out;
  for (const TemplatePart& part : template_parts(tmpl)) {
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
