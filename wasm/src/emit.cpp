// emit(): the response a server of each convention sends for a catalogue entry — the other
// half of parse(), for mock servers, tests and Node back ends that speak these conventions.
#include <fmt/compile.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "json_scan.hpp"
#include "json_util.hpp"
#include "json_writer.hpp"
#include "lms/envelope.hpp"
#include "text_util.hpp"

namespace lms {
namespace {

using nlohmann::json;

constexpr std::string_view kJsonType = "application/json; charset=utf-8";
constexpr std::string_view kTextType = "text/plain; charset=utf-8";

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    if (!text.empty()) text.append(", ");
    text.append(name);
  }
  return text;
}

// A JSON number that is a whole number in JS's exact range, else nullopt. As a double the
// number is exact wherever the answer is yes, so integers need no path of their own.
std::optional<std::int64_t> whole_number(const json& value) {
  if (!value.is_number()) return std::nullopt;
  const double n = value.get<double>();
  if (!(n >= -9007199254740991.0 && n <= 9007199254740991.0) || n != static_cast<double>(static_cast<std::int64_t>(n)))
    return std::nullopt;
  return static_cast<std::int64_t>(n);
}

// The status of an `HTTP_<status>` code (400–599), which every convention can send as its
// fallback; nullopt for any other code.
std::optional<int> fallback_status(std::string_view code) {
  if (code.size() != 8 || code.substr(0, 5) != "HTTP_") return std::nullopt;
  const auto status = text::parse_digits(code.substr(5), 599);
  if (!status || *status < 400) return std::nullopt;
  return static_cast<int>(*status);
}

// Whether one given param is one of the entry's, and of a kind a message can hold.
Status check_param(const Entry& entry, std::string_view name, bool scalar) {
  if (std::find(entry.params.begin(), entry.params.end(), name) == entry.params.end()) {
    if (entry.params.empty())
      return invalid_argument(fmt::format(FMT_COMPILE("{} takes no params (got params.{})"), entry.code, name));
    return invalid_argument(
        fmt::format(FMT_COMPILE("{} has no param '{}' (its params: {})"), entry.code, name, joined(entry.params)));
  }
  if (!scalar) return invalid_argument(fmt::format(FMT_COMPILE("params.{} must be a string, number or boolean"), name));
  return {};
}

// Whether every param the entry requires is given (`given(name)`).
template <class Given>
Status check_required_params(const Entry& entry, const Given& given) {
  for (const auto& name : entry.params) {
    const bool optional = std::find(entry.optional_params.begin(), entry.optional_params.end(), name) !=
                          entry.optional_params.end();
    if (!optional && !given(name)) return invalid_argument(fmt::format(FMT_COMPILE("{} needs params.{}"), entry.code, name));
  }
  return {};
}

// emit()'s params as a JSON object (null counts as {}).
class ObjectParams {
 public:
  explicit ObjectParams(const Params& params) : params_(params) {}
  Status check(const Entry& entry) const {
    if (!params_.is_null() && !params_.is_object()) return invalid_argument("params must be an object");
    for (const auto& [name, value] : object().items())
      if (Status status = check_param(entry, name, value.is_string() || value.is_number() || value.is_boolean());
          !status.ok())
        return status;
    return check_required_params(entry, [&](const std::string& name) { return object().contains(name); });
  }
  std::string fill(std::string_view message) const { return fill_template(message, object()); }
  bool empty() const { return object().empty(); }
  void write(JsonWriter& out) const { out.value(object()); }

 private:
  const Params& object() const {
    static const Params no_params = Params::object();  // one for every call: an object allocates
    return params_.is_object() ? params_ : no_params;   // read only: never copied
  }
  const Params& params_;
};

// emit()'s params read in place, in name order: the order of a JSON object's members, so that
// both forms find the same first problem and write the same `params` member.
class InPlaceParams {
 public:
  explicit InPlaceParams(std::span<const EmitParam> params) : sorted_(params) {
    constexpr auto by_name = [](const EmitParam& a, const EmitParam& b) { return a.name < b.name; };
    if (std::is_sorted(params.begin(), params.end(), by_name)) return;  // most calls: one param
    copy_.assign(params.begin(), params.end());
    std::sort(copy_.begin(), copy_.end(), by_name);
    sorted_ = copy_;
  }
  InPlaceParams(const InPlaceParams&) = delete;  // sorted_ may view copy_
  InPlaceParams& operator=(const InPlaceParams&) = delete;
  Status check(const Entry& entry) const {
    for (std::size_t i = 0; i < sorted_.size(); ++i) {
      if (i > 0 && sorted_[i].name == sorted_[i - 1].name)  // a JSON object cannot say this
        return invalid_argument(fmt::format(FMT_COMPILE("params.{} is given twice"), sorted_[i].name));
      if (Status status = check_param(entry, sorted_[i].name, true); !status.ok()) return status;
    }
    return check_required_params(entry, [&](std::string_view name) {
      return std::any_of(sorted_.begin(), sorted_.end(), [&](const EmitParam& param) { return param.name == name; });
    });
  }
  std::string fill(std::string_view message) const { return fill_template(message, sorted_); }
  bool empty() const { return sorted_.empty(); }
  void write(JsonWriter& out) const {
    out.begin_object();
    for (const EmitParam& param : sorted_) {
      out.key(param.name);
      if (param.is_string) out.string(param.text);
      else out.verbatim(param.text);
    }
    out.end_object();
  }

 private:
  std::span<const EmitParam> sorted_;
  std::vector<EmitParam> copy_;  // only when the params came out of order
};

// The headers of one response as views (at most seven: content type, revision, request id,
// retry-after, three rate limits); the numbers' digits are kept here. Not copyable: the views
// may point into it.
class ResponseHeaders {
 public:
  ResponseHeaders() = default;
  ResponseHeaders(const ResponseHeaders&) = delete;
  ResponseHeaders& operator=(const ResponseHeaders&) = delete;
  void add(std::string_view name, std::string_view value) { items_[count_++] = {name, value}; }
  void add(std::string_view name, std::int64_t value) {
    std::array<char, 24>& digits = digits_[numbers_++];
    const char* end = fmt::format_to(digits.data(), FMT_COMPILE("{}"), value);
    add(name, std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
  }
  std::span<const std::pair<std::string_view, std::string_view>> items() const { return {items_.data(), count_}; }

 private:
  std::array<std::pair<std::string_view, std::string_view>, 7> items_;
  std::size_t count_ = 0;
  std::array<std::array<char, 24>, 4> digits_;
  std::size_t numbers_ = 0;
};

// What a response is made of once its arguments are checked, for the two forms it is written
// in (emit()'s EmittedResponse, emit_to_wire()'s head and body). Not copyable: the views may
// point into it.
struct PreparedResponse {
  const Entry* entry = nullptr;
  std::optional<Entry> fallback;  // the entry, for an HTTP_<status> code without one
  std::string filled_message;     // the message, when params fill it
  std::string_view message;
  ResponseHeaders headers;

  PreparedResponse() = default;
  PreparedResponse(const PreparedResponse&) = delete;
  PreparedResponse& operator=(const PreparedResponse&) = delete;
};

template <class GivenParams>
Status prepare(const Catalogue& catalogue, std::string_view dialect, std::string_view code, const GivenParams& given,
               const EmitOptions& options, PreparedResponse& prepared) {
  if (!is_known_dialect(dialect))
    return invalid_argument(fmt::format(
        FMT_COMPILE("unknown dialect '{}' (expected one of lms, wrapped, nestjs, okflag, http)"), dialect));
  if (dialect == "network")
    return invalid_argument("network errors have no HTTP response to emit: use networkError(kind)");
  if (dialect == "problem")
    return invalid_argument("emit does not produce problem details: the catalogue has no problem entries");
  const Entry* entry = catalogue.find(dialect, code);
  if (!entry) {
    const auto status = fallback_status(code);
    if (!status)
      return Status(StatusCode::not_found,
                    fmt::format(FMT_COMPILE("no catalogue entry ({}, {}): emit only sends catalogued errors"), dialect, code));
    // Every convention's HTTP_<status> fallback (seed 003: "standard HttpException subclasses
    // without a custom code"): the http entry's status and message in this convention's shape.
    std::optional<Entry>& fallback = prepared.fallback;
    if (const Entry* http = catalogue.find("http", code)) fallback = *http;
    else {
      fallback.emplace();
      fallback->status = *status;
      fallback->message = fmt::format(FMT_COMPILE("HTTP {}"), *status);
    }
    fallback->dialect = dialect;
    fallback->code = code;
    entry = &*fallback;
  }
  prepared.entry = entry;
  if (Status status = given.check(*entry); !status.ok()) return status;

  const bool nestjs = dialect == "nestjs", okflag = dialect == "okflag";
  if (options.data && !nestjs && !okflag)
    return invalid_argument("options.data is only sent by the nestjs and okflag conventions");
  if (options.data && !options.data->is_object()) return invalid_argument("options.data must be an object");
  if (options.errors && !okflag) return invalid_argument("options.errors is only sent by the okflag convention");
  if (options.errors && !options.errors->is_array()) return invalid_argument("options.errors must be an array");

  // A message without placeholders is the catalogue's as it is.
  if (options.message) prepared.message = *options.message;
  else if (entry->message.find('{') == std::string::npos) prepared.message = entry->message;
  else prepared.message = prepared.filled_message = given.fill(entry->message);

  ResponseHeaders& headers = prepared.headers;
  headers.add("content-type", dialect == "http" ? kTextType : kJsonType);
  if (!catalogue.revision().empty()) headers.add("x-lms-catalogue-revision", catalogue.revision());
  if (options.request_id) headers.add("x-request-id", *options.request_id);
  if (options.retry_after_seconds) headers.add("retry-after", *options.retry_after_seconds);
  if (options.rate_limit) {
    const RateLimit& limit = *options.rate_limit;
    headers.add("x-ratelimit-limit", limit.limit);
    headers.add("x-ratelimit-remaining", limit.remaining);
    // Unix seconds, rounded up so a client never comes back before the window has reset.
    headers.add("x-ratelimit-reset", (limit.reset_at_ms + 999) / 1000);
  }
  return {};
}

// The body of every convention but http (whose body is the message as text).
template <class GivenParams>
void write_body(JsonWriter& body, std::string_view dialect, const PreparedResponse& prepared, const GivenParams& given,
                const EmitOptions& options) {
  const Entry& entry = *prepared.entry;
  body.begin_object();
  if (dialect == "lms") {
    body.key("code").string(entry.code);
    body.key("error").string(prepared.message);
  } else if (dialect == "wrapped") {
    body.key("success").boolean(false);
    body.key("error").begin_object();
    body.key("code").string(entry.code);
    body.key("message").string(prepared.message);
    body.end_object();
  } else if (dialect == "nestjs") {
    body.key("statusCode").integer(entry.status);
    body.key("code").string(entry.code);
    body.key("message").string(prepared.message);
    Iso8601Text now;
    body.key("timestamp").string(options.timestamp ? std::string_view(*options.timestamp)
                                                   : format_iso8601(options.now_ms, now));
    body.key("path").string(options.path);
    if (!given.empty()) {
      body.key("params");
      given.write(body);
    }
    if (options.data) body.key("data").value(*options.data);
  } else {  // okflag
    body.key("ok").boolean(false);
    body.key("data");
    if (options.data) body.value(*options.data);
    else body.verbatim("{}");
    body.key("errors");
    if (options.errors) body.value(*options.errors);
    else body.verbatim("[]");
    body.key("message").string(prepared.message);
  }
  body.end_object();
}

// {"status": …, "headers": {name: value, …}}: the head as the C API hands it out.
template <class Headers>
void write_head(JsonWriter& out, int status, const Headers& headers) {
  out.begin_object();
  out.key("status").integer(status);
  out.key("headers").begin_object();
  for (const auto& [name, value] : headers) out.key(name).string(value);
  out.end_object();
  out.end_object();
}

template <class GivenParams>
StatusOr<EmittedResponse> emit_with(const Catalogue& catalogue, std::string_view dialect, std::string_view code,
                                    const GivenParams& given, const EmitOptions& options) {
  PreparedResponse prepared;
  if (Status status = prepare(catalogue, dialect, code, given, options, prepared); !status.ok()) return status;
  EmittedResponse response;
  response.status = prepared.entry->status;
  response.headers.reserve(prepared.headers.items().size());
  for (const auto& [name, value] : prepared.headers.items())
    response.headers.push_back({std::string(name), std::string(value)});
  if (dialect == "http") {
    response.body = std::string(prepared.message);
    return response;
  }
  JsonWriter body;
  write_body(body, dialect, prepared, given, options);
  response.body = std::move(body).text();
  return response;
}

template <class GivenParams>
StatusOr<std::size_t> emit_to_wire_with(std::string& out, const Catalogue& catalogue, std::string_view dialect,
                                        std::string_view code, const GivenParams& given, const EmitOptions& options) {
  PreparedResponse prepared;
  if (Status status = prepare(catalogue, dialect, code, given, options, prepared); !status.ok()) return status;
  JsonWriter writer(std::move(out), 512);
  write_head(writer, prepared.entry->status, prepared.headers.items());
  const std::size_t head_size = writer.view().size();
  // The body follows the head as a second top-level value: the writer puts nothing between them.
  if (dialect == "http") writer.verbatim(prepared.message);
  else write_body(writer, dialect, prepared, given, options);
  out = std::move(writer).text();
  return head_size;
}

}  // namespace

StatusOr<EmittedResponse> emit(const Catalogue& catalogue, std::string_view dialect,
                               std::string_view code, const nlohmann::json& params,
                               const EmitOptions& options) {
  return emit_with(catalogue, dialect, code, ObjectParams(params), options);
}

StatusOr<EmittedResponse> emit(const Catalogue& catalogue, std::string_view dialect,
                               std::string_view code, std::span<const EmitParam> params,
                               const EmitOptions& options) {
  return emit_with(catalogue, dialect, code, InPlaceParams(params), options);
}

StatusOr<std::size_t> emit_to_wire(std::string& out, const Catalogue& catalogue, std::string_view dialect,
                                   std::string_view code, const nlohmann::json& params, const EmitOptions& options) {
  return emit_to_wire_with(out, catalogue, dialect, code, ObjectParams(params), options);
}

StatusOr<std::size_t> emit_to_wire(std::string& out, const Catalogue& catalogue, std::string_view dialect,
                                   std::string_view code, std::span<const EmitParam> params,
                                   const EmitOptions& options) {
  return emit_to_wire_with(out, catalogue, dialect, code, InPlaceParams(params), options);
}

std::vector<Header> headers_from_json(std::string_view json_pairs) {
  std::vector<HeaderView> views;
  std::string decoded;
  header_views_from_json(json_pairs, views, decoded);
  std::vector<Header> headers;
  headers.reserve(views.size());
  for (const HeaderView& view : views) headers.push_back({std::string(view.name), std::string(view.value)});
  return headers;
}

StatusOr<EmitOptions> emit_options_from_json(std::string_view json_object) {
  if (json_object.empty()) return EmitOptions{};  // no options given: nothing to parse
  auto parsed = jscan::parse(json_object, kMaxJsonDepth);
  if (!parsed || !parsed->is_object()) return invalid_argument("options must be an object");
  EmitOptions options;
  for (auto option = parsed->begin(); option != parsed->end(); ++option) {
    const std::string& name = option.key();
    const nlohmann::json& value = option.value();
    std::string_view must_be;  // what the value should have been, when it is not
    if (name == "timestamp" || name == "path" || name == "message" || name == "requestId") {
      if (!value.is_string()) {
        must_be = name == "timestamp" ? "an ISO 8601 string, a Date or epoch milliseconds" : "a string";
      } else {
        const std::string& text = value.get_ref<const std::string&>();
        if (name == "timestamp") options.timestamp = text;
        else if (name == "path") options.path = text;
        else if (name == "message") options.message = text;
        else options.request_id = text;
      }
    } else if (name == "retryAfter") {
      const auto number = whole_number(value);
      if (number && *number >= 0) options.retry_after_seconds = *number;
      else must_be = "a whole number of seconds >= 0";
    } else if (name == "data" || name == "errors") {
      const bool data = name == "data";
      if (data ? !value.is_object() : !value.is_array()) must_be = data ? "an object" : "an array";
      else (data ? options.data : options.errors) = value;
    } else if (name == "rateLimit") {
      std::optional<std::int64_t> members[3];
      const char* keys[] = {"limit", "remaining", "resetAt"};
      bool ok = value.is_object();
      for (int i = 0; ok && i < 3; ++i) {
        const json* member = json_member(value, keys[i]);
        if (member) members[i] = whole_number(*member);
        ok = member && members[i] && *members[i] >= 0;
      }
      if (ok) options.rate_limit = RateLimit{*members[0], *members[1], *members[2]};
      else must_be = "{limit, remaining, resetAt} with whole numbers >= 0 (resetAt in epoch ms)";
    } else {
      return invalid_argument(fmt::format(
          FMT_COMPILE("unknown option '{}' (expected timestamp, path, message, data, errors, requestId, retryAfter, rateLimit)"),
          name));
    }
    if (!must_be.empty()) return invalid_argument(fmt::format(FMT_COMPILE("options.{} must be {}"), name, must_be));
  }
  return options;
}

StatusOr<Params> emit_params_from_json(std::string_view json_object) {
  if (json_object.empty()) return Params();  // no params given: null, which emit() takes as {}
  auto parsed = jscan::parse(json_object, kMaxJsonDepth);
  if (!parsed || !(parsed->is_object() || parsed->is_null())) return invalid_argument("params must be an object");
  return parsed->is_null() ? Params::object() : std::move(*parsed);
}

std::string head_to_json_text(const EmittedResponse& response) {
  JsonWriter out(response.body.size() + 256);
  write_head(out, response.status, response.headers);
  return std::move(out).text();
}

}  // namespace lms
