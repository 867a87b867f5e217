// parse(): any HTTP error response -> NormalizedError. See lms/envelope.hpp for the rules.
//
// A response is read once into a Reading: the top-level members of the error (few, small)
// as a NormalizedError, and the two lists, which can hold 100,000 items, as views into the
// body. From a Reading, parse() builds the struct and parse_to_json_text() writes the JS
// object's JSON directly, copying strings and params from the body as they are whenever
// JSON.parse would read them the same — the path the WASM bindings take.
//
// The concerns live in their own files: envelope_members.hpp (the member names looked for),
// dialect_detection.cpp (which shape a body has), envelope_messages.cpp (NestJS's message
// lists), foreign_conventions.cpp (the tables of foreign conventions: message, serverCode and
// field errors of bodies in no in-house envelope), field_errors.cpp, import_errors.cpp (+ row
// ranges), text_body.cpp (text, HTML and XML bodies), http_fields.cpp (headers: Retry-After, rate limits), message_template.cpp (the catalogue's
// {name} templates).
#include "lms/envelope.hpp"

#include <fmt/format.h>

#include "dialect_detection.hpp"
#include "envelope_members.hpp"
#include "envelope_messages.hpp"
#include "envelope_text.hpp"
#include "error_json.hpp"
#include "field_errors.hpp"
#include "foreign_conventions.hpp"
#include "header_values.hpp"
#include "import_errors.hpp"
#include "json_scan.hpp"
#include "json_util.hpp"
#include "message_template.hpp"
#include "text_body.hpp"
#include "text_util.hpp"
#include "utf8.hpp"

namespace lms {
namespace {

using namespace envelope;

// ---- one response, read ------------------------------------------------------------------------

class Reading {
 public:
  Reading(const Catalogue& catalogue, int status, const HeaderValues& headers, std::string_view body,
          std::int64_t now_ms)
      : catalogue_(catalogue) {
    head.status = status;
    read_headers(headers, now_ms);
    const std::size_t invalid_utf8 = body.size() <= kMaxBodyBytes ? utf8::count_invalid(body, kMaxInvalidUtf8) : 0;
    if (body.size() <= kMaxBodyBytes && invalid_utf8 <= kMaxInvalidUtf8) {
      if (invalid_utf8 > 0) repaired_ = utf8::repaired(body);  // the views below point into this text
      read_body(media_type(headers[HeaderValues::content_type]), repaired_ ? *repaired_ : body);
    }
    if (head.dialect.empty()) {
      head.dialect = "http";
      set_http_code();
    }
    read_challenge(headers[HeaderValues::www_authenticate]);
    head.known = catalogue.find(head.dialect, head.code) != nullptr;
  }
  // The views point into this object (repaired_): it stays where it was built.
  Reading(const Reading&) = delete;
  Reading& operator=(const Reading&) = delete;

  NormalizedError head;  // everything but the two lists, and the params when params_json is set
  std::string_view params_json;  // the body's params object, when it sent one
  FieldErrorList fields;
  ImportErrorList imports;

 private:
  void read_headers(const HeaderValues& headers, std::int64_t now_ms) {
    if (headers[HeaderValues::retry_after]) head.retry_after_ms = retry_after_ms(*headers[HeaderValues::retry_after], now_ms);
    head.rate_limit = rate_limit_from(headers, now_ms);
    std::optional<std::string_view> id;
    for (HeaderValues::Name name : kRequestIdHeaders) {
      id = headers[name];
      if (id && !id->empty()) break;
    }
    if (id && !id->empty()) {
      // Header bytes from the C++ API may be anything: keep the result valid UTF-8.
      std::optional<std::string> repaired = utf8::repaired(*id);
      head.request_id = repaired ? std::move(*repaired) : std::string(*id);
      head.request_id->resize(cut(*head.request_id).size());
    }
  }

  // The request id's headers, in order of preference.
  static constexpr HeaderValues::Name kRequestIdHeaders[] = {
      HeaderValues::request_id,       HeaderValues::correlation_id, HeaderValues::amzn_request_id,
      HeaderValues::amz_request_id,   HeaderValues::plain_request_id, HeaderValues::ms_request_id,
      HeaderValues::github_request_id, HeaderValues::cf_ray};

  // A 401 whose body says nothing: the Bearer challenge's error_description and error (RFC 6750 §3).
  void read_challenge(const std::optional<std::string_view>& www_authenticate) {
    if (!www_authenticate || (!head.message.empty() && head.server_code)) return;
    AuthChallenge challenge = auth_challenge(*www_authenticate);
    // Header bytes from the C++ API may be anything: keep the result valid UTF-8.
    for (std::string* text : {&challenge.description, &challenge.error}) {
      if (std::optional<std::string> repaired = utf8::repaired(*text)) *text = std::move(*repaired);
      text->resize(cut(*text).size());
    }
    challenge.description = one_line_text(challenge.description);
    if (head.message.empty()) head.message = std::move(challenge.description);
    if (!head.server_code && !challenge.error.empty()) head.server_code = std::move(challenge.error);
  }

  void read_text(std::string_view media, std::string_view text, std::string_view root) {
    if (jscan::is_array(root)) {  // tRPC's batch: [{error}, …]
      read_foreign_object(root);
      if (!head.message.empty() || head.server_code) return;
    }
    TextBodyReading reading = read_text_body(media, text, root);
    head.message = std::move(reading.message);
    if (!reading.server_code.empty()) head.server_code = std::move(reading.server_code);
    if (!head.request_id && !reading.request_id.empty()) head.request_id = std::move(reading.request_id);
  }

  void read_body(std::string_view media, std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
    std::string_view root;
    Members m;  // the root object's, read as it is validated (an array's elements have no key)
    const auto take = [&m](Slice key, Slice value) {
      if (key.size > 0) m.take(key, value);
    };
    // Small bodies are cheaper to skip through than to index.
    if (!jscan::validate(text, kMaxJsonDepth, root, take, text.size() > 4096 ? &index_ : nullptr)) {
      read_text(media, text, {});
      return;
    }
    if (!jscan::is_object(root)) {
      read_text(media, text, root);
      return;
    }
    switch (detect_shape(m, text::iequals(media, "application/problem+json"), &index_)) {
      case Shape::wrapped: return read_wrapped(collect(m[M::error], &index_));
      case Shape::nestjs: return read_nestjs(m);
      case Shape::lms: return read_lms(m);
      case Shape::okflag: return read_okflag(m);
      case Shape::problem: return read_problem(m);
      case Shape::other: return read_other_object(m, root);
    }
  }

  // The code member of a shape, trimmed (" LMS-ADM-007"): not empty for a detected shape.
  void read_code(std::string_view value) { set_trimmed_text(head.code, value); }

  // (fmt::format_int: the one integer writer in the .wasm; a compiled fmt call costs more.)
  void set_http_code() { head.code = "HTTP_" + fmt::format_int(head.status).str(); }

  // An envelope of `dialect` whose code and message are read: the interpolation values the
  // body does not carry but its message does ("Try again in 45 seconds.").
  void recognised(const char* dialect) {
    head.dialect = dialect;
    const Entry* entry = catalogue_.find(head.dialect, head.code);
    if (entry && !entry->params.empty() && !match_template_into(entry->message, head.message, &head.params))
      head.params = Params::object();  // a text that does not match fills nothing
  }

  // {success: false, error: {code, message}}: `error`'s members.
  void read_wrapped(const Members& error) {
    read_code(error[M::code]);
    set_trimmed_text(head.message, error[M::message]);
    recognised("wrapped");
  }

  void read_lms(const Members& m) {
    read_code(m[M::code]);
    set_trimmed_text(head.message, m[M::error]);
    recognised("lms");
  }

  void read_nestjs(const Members& m) {
    read_code(m[M::code]);
    set_message(head.message, m[M::message]);
    if (jscan::is_object(m[M::params])) {
      head.dialect = "nestjs";
      params_json = m[M::params];
    } else {
      recognised("nestjs");
    }
    read_string_into(head.timestamp, m[M::timestamp]);
    read_string_into(head.path, m[M::path]);
    if (jscan::is_object(m[M::data])) {
      const Members data = collect(m[M::data], &index_);
      if (head.code == "IMPORT_VALIDATION_FAILED") imports.read_list(data[M::errors]);
      else fields.read_list(data[M::errors]);
    }
  }

  void read_okflag(const Members& m) {
    head.dialect = "okflag";
    set_message(head.message, m[M::message]);
    fields.read_list(m[M::errors]);
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
    if (is_code(m[M::code])) read_code(m[M::code]);
    else set_http_code();
    // RFC 9457: detail explains this occurrence, title the problem type.
    set_trimmed_text(head.message, m[M::detail]);
    if (head.message.empty()) set_trimmed_text(head.message, m[M::title]);
    read_string_into(head.path, m[M::instance]);
    read_string_into(head.timestamp, m[M::timestamp]);
    if (jscan::is_object(m[M::params])) params_json = m[M::params];
    if (jscan::is_object(m[M::errors])) fields.read_map(m[M::errors]);
    else fields.read_list(m[M::errors]);
    fields.read_list(m[M::invalid_params]);
    if (!head.request_id) read_string_into(head.request_id, m[M::trace_id]);
  }

  // No recognised envelope: HTTP_<status>, with what the foreign conventions' tables find.
  void read_other_object(const Members& m, std::string_view root) {
    read_foreign_object(root);
    read_string_into(head.path, m[M::path]);
    read_string_into(head.timestamp, m[M::timestamp]);
    if (!head.request_id) read_string_into(head.request_id, m[M::request_id]);  // Spring WebFlux
  }

  void read_foreign_object(std::string_view json_text) {
    ForeignReading reading = read_foreign(json_text, &index_, head.status);
    head.message = std::move(reading.message);
    head.server_code = std::move(reading.server_code);
    for (const FieldError& field : reading.field_errors) fields.add_owned(field);
  }

  const Catalogue& catalogue_;
  std::optional<std::string> repaired_;
  jscan::Index index_;
};

}  // namespace

NormalizedError parse(const Catalogue& catalogue, const HttpResponse& response) {
  Reading reading(catalogue, response.status, HeaderValues(response.headers), response.body, response.now_ms);
  NormalizedError error = std::move(reading.head);
  if (!reading.params_json.empty()) error.params = jscan::to_json(reading.params_json);
  error.field_errors.reserve(reading.fields.items().size());
  for (const FieldView& field : reading.fields.items()) error.field_errors.push_back(field.materialize());
  error.import_errors.reserve(reading.imports.items().size());
  for (const ImportView& import : reading.imports.items())
    error.import_errors.push_back(import.materialize(reading.imports.rows()));
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
    for (const FieldView& field : reading_.fields.items()) field.write(out);
  }
  void write_import_errors(JsonWriter& out) const override {
    for (const ImportView& import : reading_.imports.items()) import.write(out, reading_.imports.rows());
  }

 private:
  const Reading& reading_;
};

// Room to reserve for the result: with field or import errors it is about the body's size;
// without, the head's names and texts and any params. (The writer grows past a low guess; a
// high one is memory to fill, and WASM memory a page keeps for good.)
std::size_t result_size_hint(const Reading& reading, std::size_t body_size) {
  if (!reading.fields.items().empty() || !reading.imports.items().empty()) return 512 + body_size + body_size / 8;
  return 512 + reading.head.message.size() + reading.params_json.size();
}

// The Reading's error as parse_to_json_text()'s text, written into `storage`'s memory.
std::string json_text(const Reading& reading, std::size_t body_size, std::string&& storage = {}) {
  JsonWriter out(std::move(storage), result_size_hint(reading, body_size));
  write_error_json(out, reading.head, ReadingParts(reading));
  return std::move(out).text();
}

// parse_to_json_text() and parse_with_json() of a response whose headers are owned
// (HttpResponse) or viewed (HttpResponseView): the two have the same members.
template <typename Response>
std::string json_text_of(const Catalogue& catalogue, const Response& response, std::string&& storage = {}) {
  const Reading reading(catalogue, response.status, HeaderValues(response.headers), response.body, response.now_ms);
  return json_text(reading, response.body.size(), std::move(storage));
}

template <typename Response>
ParsedResponse parsed_with_json(const Catalogue& catalogue, const Response& response) {
  Reading reading(catalogue, response.status, HeaderValues(response.headers), response.body, response.now_ms);
  std::string text = json_text(reading, response.body.size());
  return {std::move(reading.head), std::move(text)};
}
}  // namespace

std::string parse_to_json_text(const Catalogue& catalogue, const HttpResponse& response) {
  return json_text_of(catalogue, response);
}

void parse_to_json_text(std::string& out, const Catalogue& catalogue, const HttpResponseView& response) {
  out = json_text_of(catalogue, response, std::move(out));
}

ParsedResponse parse_with_json(const Catalogue& catalogue, const HttpResponse& response) {
  return parsed_with_json(catalogue, response);
}

ParsedResponse parse_with_json(const Catalogue& catalogue, const HttpResponseView& response) {
  return parsed_with_json(catalogue, response);
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

}  // namespace lms
