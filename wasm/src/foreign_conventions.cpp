// Foreign conventions, as tables: where frameworks, public APIs and OAuth servers keep their
// message, their machine code and their field errors. Read only for objects in none of the
// in-house envelopes (those have their own single-pass readers), so the tables can be plain:
// each entry is a path into the body, `[]` standing for "each item of this array". Values are
// slices of the validated body (json_scan.hpp), read in place and in the server's order.
// The README's "Foreign conventions" table lists the same entries with their sources.
#include "foreign_conventions.hpp"

#include "field_errors.hpp"
#include "text_body.hpp"

#include <algorithm>
#include <span>

#include "lms/envelope.hpp"
#include "text_util.hpp"
#include "utf8.hpp"

namespace lms::envelope {
namespace {

using Value = std::string_view;  // one JSON value's text; empty: absent

// A JSON string's text (escapes decoded); "" for any other value.
std::string text_of(Value value) {
  if (!jscan::is_string(value)) return {};
  if (auto plain = jscan::plain_string(value)) return std::string(*plain);
  return jscan::decode_string(value);
}

// The body being read: its index lets every look-up skip large containers without scanning them.
struct Body {
  Value root;
  const jscan::Index* index;

  // An object's member (the last duplicate wins, as in JSON.parse), or absent.
  Value member(Value object, std::string_view name) const {
    Value found;
    if (!jscan::is_object(object)) return found;
    jscan::for_each_member(
        object,
        [&](jscan::Slice key, jscan::Slice value) {
          const std::string_view quoted = key;
          const auto plain = jscan::plain_string(quoted);
          if (plain ? *plain == name : jscan::decode_string(quoted) == name) found = value;
        },
        index);
    return found;
  }

  template <class Visit>  // visit(key text, value)
  void members(Value object, Visit&& visit) const {
    if (!jscan::is_object(object)) return;
    jscan::for_each_member(object, [&](jscan::Slice key, jscan::Slice value) { visit(text_of(key), Value(value)); }, index);
  }

  template <class Visit>  // visit(element)
  void elements(Value array, Visit&& visit) const {
    jscan::for_each_element(array, [&](std::string_view element) { visit(element); }, index);
  }

  // Appends each value at `path` ("error.details[].fieldViolations") under `node`, in the
  // body's order. (Values out, not a visitor: one copy of the walk for every table.)
  void values_at(Value node, std::string_view path, std::vector<Value>& out) const {
    if (path.empty()) {
      out.push_back(node);
      return;
    }
    const std::size_t dot = path.find('.');
    std::string_view segment = path.substr(0, dot);
    const std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    const bool each = segment.size() > 2 && segment.substr(segment.size() - 2) == "[]";
    if (each) segment.remove_suffix(2);
    const Value value = member(node, segment);
    if (value.empty()) return;
    if (!each) return values_at(value, rest, out);
    elements(value, [&](Value item) { values_at(item, rest, out); });
  }

  std::vector<Value> values_at(Value node, std::string_view path) const {
    std::vector<Value> out;
    values_at(node, path, out);
    return out;
  }

  // The first value at `path`, or absent.
  Value at(Value node, std::string_view path) const {
    const std::vector<Value> values = values_at(node, path);
    return values.empty() ? Value() : values.front();
  }
};

constexpr auto one_line = one_line_text;

// A message candidate: a string that reads as words (a serialized structure, such as tRPC's
// JSON text of zod issues, is not a message; "[API] Invalid API key" is).
std::string message_text(Value value) {
  std::string line = one_line(text_of(value));
  if (line.size() >= 2 && ((line.front() == '[' && line.back() == ']') || (line.front() == '{' && line.back() == '}')))
    return {};
  return line;
}

// ---- where the message lives -------------------------------------------------------------------

enum class MessageForm : std::uint8_t {
  text,       // a string
  text_list,  // a string, or an array of strings joined with "; " (NestJS, class-validator)
};
struct MessageSource {
  std::string_view path;
  MessageForm form;
};
// First that has text wins: the specific before the generic (OAuth's error_description before
// its `error` code, an API's own message before a framework's reason phrase).
constexpr MessageSource kMessageSources[] = {
    {"error_description", MessageForm::text},      // OAuth 2 (RFC 6749 §5.2)
    {"message", MessageForm::text_list},           // most APIs; NestJS's array of messages
    {"detail", MessageForm::text},                 // FastAPI/Starlette, Django REST framework
    {"error.message", MessageForm::text},          // Google, Stripe, Azure, Microsoft Graph, OpenAI
    {"error.reason", MessageForm::text},           // Elasticsearch
    {"error.error_description", MessageForm::text},
    {"errors[].message", MessageForm::text},       // GraphQL, Twitter/X
    {"errors[].detail", MessageForm::text},        // JSON:API
    {"errors[].title", MessageForm::text},         // JSON:API
    {"errors.detail", MessageForm::text},          // Phoenix
    {"errorMessage", MessageForm::text},           // AWS Lambda
    {"errorMessages", MessageForm::text_list},     // Jira
    {"errorSummary", MessageForm::text},           // Okta
    {"Message", MessageForm::text},                // AWS API Gateway, ASP.NET Web API
    {"msg", MessageForm::text},
    {"description", MessageForm::text},            // Telegram Bot API
    {"hydra:description", MessageForm::text},      // API Platform (Hydra)
    {"fault.faultstring", MessageForm::text},      // Apigee
    {"error_message", MessageForm::text},
    {"errorDescription", MessageForm::text},
    {"statusMessage", MessageForm::text},          // h3 / Nuxt
    {"ocs.meta.message", MessageForm::text},       // Nextcloud OCS
    {"non_field_errors", MessageForm::text_list},  // Django REST framework
    {"errors", MessageForm::text_list},            // Rails' full messages
    {"error", MessageForm::text},                  // Express, NestJS/Spring reason phrase, Slack
    {"title", MessageForm::text},
    {"hydra:title", MessageForm::text},
    {"reason", MessageForm::text},                 // Vapor ({"error": true, "reason": ...})
    {"detail[].msg", MessageForm::text},           // FastAPI validation (the fields say more)
};

std::string message_at(const Body& body, const MessageSource& source) {
  std::string found;
  for (Value value : body.values_at(body.root, source.path)) {
    if (source.form == MessageForm::text_list && jscan::is_array(value)) {
      body.elements(value, [&](Value item) {
        const std::string line = message_text(item);
        if (line.empty() || found.size() > kMaxTextMessageBytes) return;
        if (!found.empty()) found += "; ";
        found += line;
      });
      found = std::string(utf8::truncate(found, kMaxTextMessageBytes));
    } else {
      found = message_text(value);
    }
    if (!found.empty()) break;
  }
  return found;
}

// ---- where the machine code lives --------------------------------------------------------------

enum class CodeForm : std::uint8_t {
  code,        // a string, or an integer that does not merely repeat the HTTP status
  token,       // a string without spaces ("NotFound")
  lower_token, // a lower-case string without spaces ("invalid_grant"): not a reason phrase
  constant,    // CONSTANT_CASE ("RATE_LIMITED"): where `type` means other things too
};
struct CodeSource {
  std::string_view path;
  CodeForm form;
};
constexpr CodeSource kCodeSources[] = {
    {"error.status", CodeForm::token},             // Google ("INVALID_ARGUMENT")
    {"error.data.code", CodeForm::token},          // tRPC ("BAD_REQUEST")
    {"error.code", CodeForm::code},                // Stripe, Azure, Microsoft Graph, OpenAI, Meta
    {"error.type", CodeForm::token},               // Elasticsearch, Anthropic, OpenAI
    {"error.name", CodeForm::token},               // Strapi ("NotFoundError")
    {"errors[].extensions.code", CodeForm::code},  // GraphQL (Apollo)
    {"errors[].code", CodeForm::code},             // JSON:API, Twitter/X, Cloudflare
    {"errors[].type", CodeForm::constant},         // GitHub GraphQL
    {"code", CodeForm::code},                      // PostgREST, AWS, Supabase, Feathers
    {"errorCode", CodeForm::code},                 // Okta
    {"errorcode", CodeForm::token},                // Moodle web services
    {"error_code", CodeForm::code},                // Telegram, Facebook
    {"__type", CodeForm::token},                   // AWS JSON protocol
    {"errorType", CodeForm::token},                // AWS Lambda
    {"Code", CodeForm::code},
    {"reason", CodeForm::token},                   // Kubernetes Status
    {"fault.detail.errorcode", CodeForm::code},    // Apigee
    {"error", CodeForm::lower_token},              // OAuth 2, Slack
};

bool fits(CodeForm form, std::string_view text) {
  const auto any = [&](auto test) { return std::any_of(text.begin(), text.end(), test); };
  switch (form) {
    case CodeForm::code: return true;
    case CodeForm::token: return !any(text::is_space);
    case CodeForm::lower_token: return !any(text::is_space) && !any([](char c) { return c >= 'A' && c <= 'Z'; });
    case CodeForm::constant: return std::all_of(text.begin(), text.end(), text::is_constant_char);
  }
  return false;
}

std::optional<std::string> code_at(const Body& body, const CodeSource& source, int status) {
  for (Value value : body.values_at(body.root, source.path)) {
    if (jscan::is_number(value) && source.form == CodeForm::code) {
      const std::optional<std::int64_t> number = jscan::to_int64(value);
      if (number && *number != status) return std::to_string(*number);
      continue;
    }
    const std::string text_value = text_of(value);
    const std::string_view text = text::trim(text_value);
    if (!text.empty() && text.size() <= 128 && fits(source.form, text)) return std::string(text);
  }
  return std::nullopt;
}

// ---- the shapes of field errors ----------------------------------------------------------------

enum class FieldsForm : std::uint8_t {
  items,  // an array of objects, each naming its field (kItemFields)
  map,    // {"email": ["is invalid", ...]} (Rails, Laravel, zod's flatten()); nested maps give
          // dotted fields, a webargs location key ("json") and Discord's "_errors" add nothing
  keys,   // ["email", ...]: the fields alone (hapi/Boom validation.keys)
  param,  // one object with `param` (Stripe's error)
  message_map,  // {"title": {"code": "validation_required", "message": "Cannot be blank."}}: read
                // only when every member is such an object, as `data` means other things too
};
struct FieldsSource {
  std::string_view path;
  FieldsForm form;
};
constexpr FieldsSource kFieldsSources[] = {
    {"detail", FieldsForm::items},                          // FastAPI/pydantic {loc, msg, type}
    {"errors", FieldsForm::items},                          // JSON:API, GitHub, express-validator, Spring
    {"errors", FieldsForm::map},                            // Rails, Laravel, Phoenix/Ecto, Jira, Discord
    {"messages", FieldsForm::map},                          // CodeIgniter 4
    {"message", FieldsForm::map},                           // GitLab
    {"ModelState", FieldsForm::map},                        // ASP.NET Web API 2
    {"data.params", FieldsForm::map},                       // WordPress REST API
    {"error.details[].fieldViolations", FieldsForm::items}, // Google BadRequest
    {"error.details", FieldsForm::items},                   // Azure {code, message, target}
    {"error.errors", FieldsForm::items},                    // Google's older {location, reason}
    {"details.causes", FieldsForm::items},                  // Kubernetes Status
    {"violations", FieldsForm::items},                      // API Platform, Symfony
    {"issues", FieldsForm::items},                          // zod
    {"error.data.zodError.fieldErrors", FieldsForm::map},   // tRPC + zod
    {"validation.keys", FieldsForm::keys},                  // hapi/Boom
    {"extra", FieldsForm::items},                           // Litestar {message, key, source}
    {"data", FieldsForm::message_map},                      // PocketBase
    {"error", FieldsForm::param},                           // Stripe
};

// Where an item names its field, keeps its text and its rule: the first that has one wins.
constexpr std::string_view kItemFields[] = {
    "field", "loc", "path", "propertyPath", "param", "property", "target", "source.pointer", "source.parameter",
    "location", "key"};
constexpr std::string_view kItemMessages[] = {"message", "msg", "detail", "defaultMessage", "description", "title"};
constexpr std::string_view kItemRules[] = {"rule", "code", "reason"};
constexpr std::string_view kPydanticRule[] = {"type"};

// Request parts that FastAPI puts first in `loc` (webargs: first in its error map), and
// JSON:API's document prefixes.
constexpr std::string_view kLocationParts[] = {"body", "query", "path", "header", "cookie", "json", "form", "querystring"};
// Members of a body that are not fields when the body itself is the field map.
constexpr std::string_view kNotFields[] = {"errors", "messages", "non_field_errors", "detail", "message"};

// (Lists as spans: one function for every table, not one copy per table size.)
bool listed(std::string_view name, std::span<const std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}
constexpr std::string_view kPointerPrefixes[] = {"data.attributes.", "data.relationships."};

// ["body", "items", 0, "name"] -> "items.0.name".
std::string field_of_path(const Body& body, Value path) {
  std::string field;
  std::size_t count = 0;
  body.elements(path, [&](Value) { ++count; });
  bool first = true;
  body.elements(path, [&](Value part) {
    const bool is_string = jscan::is_string(part);
    const bool location = first && count > 1 && is_string && listed(text_of(part), kLocationParts);
    first = false;
    if (location || (!is_string && !jscan::is_number(part))) return;
    if (!field.empty()) field.push_back('.');
    if (is_string) field += text_of(part);
    else field += part;
  });
  return field;
}

// JSON:API's "/data/attributes/email" -> "email".
std::string field_of_pointer(std::string_view pointer) {
  std::string field = field_from_pointer(pointer);
  for (std::string_view prefix : kPointerPrefixes)
    if (field.size() > prefix.size() && field.compare(0, prefix.size(), prefix) == 0) return field.substr(prefix.size());
  return field;
}

std::optional<std::string> item_field(const Body& body, Value item) {
  for (std::string_view name : kItemFields) {
    const Value value = body.at(item, name);
    if (jscan::is_array(value) && !jscan::is_empty_container(value)) return field_of_path(body, value);
    if (!jscan::is_string(value)) continue;
    std::string text = text_of(value);
    // JSON:API's pointer, and LoopBack's path, are JSON pointers ("/title").
    if (name == "source.pointer" || (name == "path" && !text.empty() && text.front() == '/')) return field_of_pointer(text);
    return text;
  }
  return std::nullopt;
}

std::optional<std::string> first_string(const Body& body, Value item, std::span<const std::string_view> names) {
  for (std::string_view name : names) {
    const std::string value = text_of(body.member(item, name));
    const std::string_view text = text::trim(value);
    if (!text.empty()) return std::string(text);
  }
  return std::nullopt;
}

class FieldReader {
 public:
  FieldReader(const Body& body, std::vector<FieldError>& out) : body_(body), out_(out) {}

  void read(Value value, FieldsForm form) {
    switch (form) {
      case FieldsForm::items: {
        if (!jscan::is_array(value)) return;
        // GraphQL's errors carry `path` too, but it names a field of the response, not of the input.
        bool graphql = false;
        body_.elements(value, [&](Value item) {
          graphql = graphql || !body_.member(item, "locations").empty() || !body_.member(item, "extensions").empty();
        });
        if (!graphql) body_.elements(value, [&](Value item) { read_item(item); });
        return;
      }
      case FieldsForm::map:
        if (jscan::is_object(value)) read_map(value, "");
        return;
      case FieldsForm::keys:
        body_.elements(value, [&](Value key) {
          if (jscan::is_string(key)) add(text_of(key), std::nullopt, std::nullopt);
        });
        return;
      case FieldsForm::message_map: {
        bool all = true;
        body_.members(value, [&](const std::string&, Value error) {
          all = all && jscan::is_string(body_.member(error, "message"));
        });
        if (!all) return;
        body_.members(value, [&](const std::string& field, Value error) {
          add(field, first_string(body_, error, kItemMessages), first_string(body_, error, kItemRules));
        });
        return;
      }
      case FieldsForm::param: {
        std::string param = text_of(body_.member(value, "param"));
        if (!param.empty())
          add(std::move(param), first_string(body_, value, kItemMessages), first_string(body_, value, kItemRules));
        return;
      }
    }
  }

  // Django REST framework and Rails send the field map as the body itself: every member an
  // array of strings.
  void read_root_map(Value object) {
    bool all = jscan::is_object(object) && !jscan::is_empty_container(object);
    body_.members(object, [&](const std::string&, Value messages) {
      if (!jscan::is_array(messages) || jscan::is_empty_container(messages)) all = false;
      body_.elements(messages, [&](Value message) { all = all && jscan::is_string(message); });
    });
    if (!all) return;
    body_.members(object, [&](const std::string& field, Value messages) {
      if (listed(field, kNotFields)) return;
      body_.elements(messages, [&](Value message) { add(field, text_of(message), std::nullopt); });
    });
  }

 private:
  void read_item(Value item) {
    if (!jscan::is_object(item)) return;
    std::optional<std::string> field = item_field(body_, item);
    if (!field) return;  // an item without a field is a message, read by kMessageSources
    std::optional<std::string> rule = first_string(body_, item, kItemRules);
    // pydantic's `type` ("missing") is its rule; elsewhere `type` means other things.
    if (!rule && !body_.member(item, "loc").empty()) rule = first_string(body_, item, kPydanticRule);
    add(std::move(*field), first_string(body_, item, kItemMessages), std::move(rule));
  }

  // {"email": ["msg"], "address": {"city": "msg"}, "content": {"_errors": [{code, message}]}}.
  // Depth is bounded by the body's (kMaxJsonDepth).
  void read_map(Value map, const std::string& prefix) {
    body_.members(map, [&](const std::string& key, Value value) {
      const bool transparent =
          key == "_errors" || (prefix.empty() && jscan::is_object(value) && listed(key, kLocationParts));
      const std::string field = transparent ? prefix : prefix.empty() ? key : prefix + "." + key;
      if (jscan::is_object(value)) {
        read_map(value, field);
      } else if (jscan::is_array(value)) {
        body_.elements(value, [&](Value message) {
          if (jscan::is_string(message)) add(field, text_of(message), std::nullopt);
          else if (jscan::is_object(message))
            add(field, first_string(body_, message, kItemMessages), first_string(body_, message, kItemRules));
        });
      } else if (jscan::is_string(value) && !(prefix.empty() && listed(key, kNotFields))) {
        add(field, text_of(value), std::nullopt);
      }
    });
  }

  void add(std::string field, std::optional<std::string> message, std::optional<std::string> rule) {
    if (out_.size() >= kMaxFieldErrors) return;
    FieldError error;
    error.field = std::move(field);
    if (message) error.message = std::string(text::trim(*message));
    error.rule = std::move(rule);
    out_.push_back(std::move(error));
  }

  const Body& body_;
  std::vector<FieldError>& out_;
};

}  // namespace

ForeignReading read_foreign(std::string_view document, const jscan::Index* index, int status) {
  ForeignReading reading;
  Body body{document, index};
  // tRPC answers a batch with an array of results: the first error is the one to show.
  if (jscan::is_array(document)) {
    body.root = {};
    body.elements(document, [&](Value item) {
      if (body.root.empty() && jscan::is_object(body.member(item, "error"))) body.root = item;
    });
  }
  if (!jscan::is_object(body.root)) return reading;
  for (const MessageSource& source : kMessageSources) {
    reading.message = message_at(body, source);
    if (!reading.message.empty()) break;
  }
  for (const CodeSource& source : kCodeSources)
    if ((reading.server_code = code_at(body, source, status))) break;
  if (const auto lead = constant_lead(reading.message)) {
    if (!reading.server_code) reading.server_code = std::string(lead->code);
    reading.message = std::string(lead->text);
  }
  FieldReader fields(body, reading.field_errors);
  for (const FieldsSource& source : kFieldsSources) {
    const Value value = body.at(body.root, source.path);
    if (!value.empty()) fields.read(value, source.form);
    if (!reading.field_errors.empty()) break;
  }
  if (reading.field_errors.empty()) fields.read_root_map(body.root);
  // Only field errors (Django REST framework, Rails): the first one is the message.
  if (reading.message.empty() && !reading.field_errors.empty()) {
    const FieldError& first = reading.field_errors.front();
    reading.message = one_line(first.message ? first.field + ": " + *first.message : first.field);
  }
  return reading;
}

}  // namespace lms::envelope
