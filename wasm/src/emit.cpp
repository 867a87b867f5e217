// emit(): the response a server of each convention sends for a catalogue entry — the other
// half of parse(), for mock servers, tests and Node back ends that speak these conventions.
#include <fmt/compile.h>

#include <algorithm>
#include <optional>

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

template <class GivenParams>
StatusOr<EmittedResponse> emit_with(const Catalogue& catalogue, std::string_view dialect, std::string_view code,
                                    const GivenParams& given, const EmitOptions& options) {
  if (!is_known_dialect(dialect))
    return invalid_argument(fmt::format(
        FMT_COMPILE("unknown dialect '{}' (expected one of lms, wrapped, nestjs, okflag, http)"), dialect));
  if (dialect == "network")
    return invalid_argument("network errors have no HTTP response to emit: use networkError(kind)");
  if (dialect == "problem")
    return invalid_argument("emit does not produce problem details: the catalogue has no problem entries");
  const Entry* entry = catalogue.find(dialect, code);
  std::optional<Entry> fallback;  // built only for an HTTP_<status> code without an entry
  if (!entry) {
    const auto status = fallback_status(code);
    if (!status)
      return Status(StatusCode::not_found,
                    fmt::format(FMT_COMPILE("no catalogue entry ({}, {}): emit only sends catalogued errors"), dialect, code));
    // Every convention's HTTP_<status> fallback (seed 003: "standard HttpException subclasses
    // without a custom code"): the http entry's status and message in this convention's shape.
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
  if (Status status = given.check(*entry); !status.ok()) return status;

  const bool nestjs = dialect == "nestjs", okflag = dialect == "okflag";
  if (options.data && !nestjs && !okflag)
    return invalid_argument("options.data is only sent by the nestjs and okflag conventions");
  if (options.data && !options.data->is_object()) return invalid_argument("options.data must be an object");
  if (options.errors && !okflag) return invalid_argument("options.errors is only sent by the okflag convention");
  if (options.errors && !options.errors->is_array()) return invalid_argument("options.errors must be an array");

  const std::string message = options.message ? *options.message : given.fill(entry->message);
  EmittedResponse response;
  response.status = entry->status;
  response.headers.reserve(7);  // at most: content type, revision, request id, retry-after, 3 rate limits
  response.headers.push_back({"content-type", std::string(dialect == "http" ? kTextType : kJsonType)});
  if (!catalogue.revision().empty()) response.headers.push_back({"x-lms-catalogue-revision", catalogue.revision()});
  if (options.request_id) response.headers.push_back({"x-request-id", *options.request_id});
  if (options.retry_after_seconds)
    response.headers.push_back({"retry-after", fmt::format_int(*options.retry_after_seconds).str()});
  if (options.rate_limit) {
    const RateLimit& limit = *options.rate_limit;
    response.headers.push_back({"x-ratelimit-limit", fmt::format_int(limit.limit).str()});
    response.headers.push_back({"x-ratelimit-remaining", fmt::format_int(limit.remaining).str()});
    // Unix seconds, rounded up so a client never comes back before the window has reset.
    response.headers.push_back({"x-ratelimit-reset", fmt::format_int((limit.reset_at_ms + 999) / 1000).str()});
  }

  if (dialect == "http") {
    response.body = message;
    return response;
  }
  JsonWriter body;
  body.begin_object();
  if (dialect == "lms") {
    body.key("code").string(entry->code);
    body.key("error").string(message);
  } else if (dialect == "wrapped") {
    body.key("success").boolean(false);
    body.key("error").begin_object();
    body.key("code").string(entry->code);
    body.key("message").string(message);
    body.end_object();
  } else if (nestjs) {
    body.key("statusCode").integer(entry->status);
    body.key("code").string(entry->code);
    body.key("message").string(message);
    body.key("timestamp").string(options.timestamp ? *options.timestamp : format_iso8601(options.now_ms));
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
    body.key("message").string(message);
  }
  body.end_object();
  response.body = std::move(body).text();
  return response;
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

std::vector<Header> headers_from_json(std::string_view json_pairs) {
  std::vector<Header> headers;
  std::string_view root;
  if (json_pairs.size() > kMaxBodyBytes || !jscan::validate(json_pairs, kMaxJsonDepth, root)) return headers;
  jscan::for_each_element(root, [&](std::string_view pair) {
    std::string_view parts[2];
    int count = 0;  // a pair has two parts; more (or fewer) and it is skipped
    jscan::for_each_element(pair, [&](std::string_view part) {
      if (count < 2) parts[count] = part;
      ++count;
    });
    if (count == 2 && jscan::is_string(parts[0]) && jscan::is_string(parts[1]))
      headers.push_back({jscan::decode_string(parts[0]), jscan::decode_string(parts[1])});
  });
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
  out.begin_object();
  out.key("status").integer(response.status);
  out.key("headers").begin_object();
  for (const Header& header : response.headers) out.key(header.name).string(header.value);
  out.end_object();
  out.end_object();
  return std::move(out).text();
}

}  // namespace lms
