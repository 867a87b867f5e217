#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "../../wasm/src/json_scan.hpp"  // private, tested directly against nlohmann
#include "lms/envelope.hpp"
#include "test_support.hpp"

using lms::Catalogue;
using nlohmann::json;

namespace {

const Catalogue& catalogue() {
  static const Catalogue loaded = [] {
    auto parsed = Catalogue::from_json(Catalogue::embedded_json());
    REQUIRE_MESSAGE(parsed.ok(), parsed.status().message());
    return std::move(parsed).value();
  }();
  return loaded;
}

std::string base64_decode(const std::string& text) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const auto at = kAlphabet.find(c);
    if (at == std::string::npos) continue;  // '=' padding
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

struct Vector {
  std::string file;
  json spec;
};

std::vector<Vector> load_vectors() {
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(lms::test::source_dir() / "tests/vectors/envelopes"))
    if (item.path().extension() == ".json") files.push_back(item.path());
  std::sort(files.begin(), files.end());
  std::vector<Vector> vectors;
  for (const auto& path : files) {
    const json document = json::parse(lms::test::read_file(path));
    for (const json& spec : document["vectors"]) vectors.push_back({path.filename().string(), spec});
  }
  return vectors;
}

// The vector's input as the HttpResponse parse() takes; `body` owns the bytes.
lms::HttpResponse response_of(const json& input, std::string& body) {
  lms::HttpResponse response;
  response.status = input["status"].get<int>();
  response.now_ms = input.value("now", std::int64_t{0});
  if (input.contains("headers")) {
    const json& headers = input["headers"];
    if (headers.is_array()) {
      for (const json& pair : headers) response.headers.push_back({pair[0], pair[1]});
    } else {
      // nlohmann sorts object keys; the vectors' objects never repeat a name, so order is moot.
      for (const auto& [name, value] : headers.items()) response.headers.push_back({name, value});
    }
  }
  if (input.contains("body")) {
    body = input["body"].get<std::string>();
  } else if (input.contains("bodyBase64")) {
    body = base64_decode(input["bodyBase64"].get<std::string>());
  } else if (input.contains("bodyGenerate")) {
    const json& generate = input["bodyGenerate"];
    const std::string repeat = generate["repeat"];
    body = generate["prefix"].get<std::string>();
    body.reserve(body.size() + repeat.size() * generate["count"].get<std::size_t>() + 64);
    const auto count = generate["count"].get<std::size_t>();
    if (repeat.size() == 1) body.append(count, repeat[0]);
    else
      for (std::size_t i = 0; i < count; ++i) body += repeat;
    body += generate["suffix"].get<std::string>();
  }
  response.body = body;
  return response;
}

json with_defaults(json expected) {
  const json defaults = {{"params", json::object()}, {"fieldErrors", json::array()}, {"importErrors", json::array()},
                         {"retryAfterMs", nullptr}, {"rateLimit", nullptr}};
  for (const auto& [name, value] : defaults.items())
    if (!expected.contains(name)) expected[name] = value;
  return expected;
}

const json* at_path(const json& root, const std::string& path) {
  const json* node = &root;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    const std::string part = path.substr(start, dot - start);
    if (node->is_array()) {
      const std::size_t index = std::stoul(part);
      if (index >= node->size()) return nullptr;
      node = &(*node)[index];
    } else if (node->is_object() && node->contains(part)) {
      node = &(*node)[part];
    } else {
      return nullptr;
    }
    start = dot + 1;
  }
  return node;
}

}  // namespace

TEST_CASE("envelope vectors: every shared vector gives the expected normalized error") {
  const std::vector<Vector> vectors = load_vectors();
  REQUIRE(vectors.size() >= 100);
  for (const Vector& vector : vectors) {
    const std::string name = vector.file + ": " + vector.spec["name"].get<std::string>();
    CAPTURE(name);
    std::string body;
    const lms::HttpResponse response = response_of(vector.spec["input"], body);
    const lms::NormalizedError error = lms::parse(catalogue(), response);
    const json actual = lms::to_json(error);

    // The struct's writer, the direct path the C API takes and nlohmann all agree on the
    // JSON value JS will see.
    CHECK(json::parse(lms::to_json_text(error)) == actual);
    CHECK(json::parse(lms::parse_to_json_text(catalogue(), response)) == actual);
    // parse_with_json (lms_parse_and_decide): the same text, and the head decide() reads.
    const lms::ParsedResponse parsed = lms::parse_with_json(catalogue(), response);
    CHECK(json::parse(parsed.json) == actual);
    CHECK(parsed.head.dialect == error.dialect);
    CHECK(parsed.head.code == error.code);
    CHECK(parsed.head.status == error.status);
    CHECK(parsed.head.retry_after_ms == error.retry_after_ms);
    CHECK(parsed.head.rate_limit.has_value() == error.rate_limit.has_value());
    // Headers in the C API's wire form ([[name, value], ...]) read the same.
    json pairs = json::array();
    for (const lms::Header& header : response.headers) pairs.push_back({header.name, header.value});
    lms::HttpResponse from_wire = response;
    from_wire.headers = lms::headers_from_json(pairs.dump());
    CHECK(lms::to_json(lms::parse(catalogue(), from_wire)) == actual);

    if (vector.spec.contains("expected")) {
      const json expected = with_defaults(vector.spec["expected"]);
      CHECK_MESSAGE(actual == expected, "actual:   " << actual.dump() << "\nexpected: " << expected.dump());
    }
    if (vector.spec.contains("expectedSubset")) {
      for (const auto& [member, value] : vector.spec["expectedSubset"].items())
        CHECK_MESSAGE(actual[member] == value, member << ": " << actual[member].dump());
    }
    if (vector.spec.contains("counts")) {
      for (const auto& [path, count] : vector.spec["counts"].items()) {
        const json* node = at_path(actual, path);
        REQUIRE_MESSAGE(node != nullptr, path);
        CHECK_MESSAGE(node->size() == count.get<std::size_t>(), path);
      }
    }
  }
}

TEST_CASE("round trip: parse(emit(entry)) gives back code, status and params for every entry") {
  std::size_t checked = 0;
  for (const lms::Entry& entry : catalogue().entries()) {
    if (entry.dialect == "network") continue;
    CAPTURE(entry.dialect);
    CAPTURE(entry.code);
    json params = json::object();
    for (const std::string& name : entry.params) params[name] = "x" + name;
    lms::EmitOptions options;
    options.now_ms = 1709900400000;
    options.path = "/api/v1/thing";
    auto emitted = lms::emit(catalogue(), entry.dialect, entry.code, params, options);
    REQUIRE_MESSAGE(emitted.ok(), emitted.status().message());
    lms::HttpResponse response;
    response.status = emitted.value().status;
    response.headers = emitted.value().headers;
    response.body = emitted.value().body;
    const lms::NormalizedError parsed = lms::parse(catalogue(), response);
    CHECK(parsed.dialect == entry.dialect);
    CHECK(parsed.code == entry.code);
    CHECK(parsed.status == entry.status);
    CHECK(parsed.params == params);
    CHECK(parsed.known);
    ++checked;
  }
  CHECK(checked == catalogue().entries().size() - 3);  // all but the three network entries
}

TEST_CASE("round trip: emitted headers come back as retryAfterMs, rateLimit and requestId") {
  lms::EmitOptions options;
  options.retry_after_seconds = 45;
  options.rate_limit = lms::RateLimit{100, 0, 1709900445000};
  options.request_id = "req-1";
  auto emitted = lms::emit(catalogue(), "wrapped", "RATE_LIMITED", json{{"seconds", 45}}, options);
  REQUIRE(emitted.ok());
  CHECK(emitted.value().body ==
        R"({"success":false,"error":{"code":"RATE_LIMITED","message":"Too many requests. Try again in 45 seconds."}})");
  lms::HttpResponse response{emitted.value().status, emitted.value().headers, emitted.value().body, 1709900400000};
  const lms::NormalizedError parsed = lms::parse(catalogue(), response);
  CHECK(parsed.retry_after_ms == 45000);
  REQUIRE(parsed.rate_limit.has_value());
  CHECK(parsed.rate_limit->limit == 100);
  CHECK(parsed.rate_limit->remaining == 0);
  CHECK(parsed.rate_limit->reset_at_ms == 1709900445000);
  CHECK(parsed.request_id == "req-1");
  CHECK(parsed.params == json{{"seconds", "45"}});  // recovered from the text: a string
}

TEST_CASE("emit sends exactly what each convention's server sends") {
  lms::EmitOptions options;
  options.now_ms = 1773144000000;  // 2026-03-10T12:00:00.000Z
  options.path = "/api/v1/students/abc-123";
  auto body = [&](const char* dialect, const char* code, const json& params = json::object()) {
    auto emitted = lms::emit(catalogue(), dialect, code, params, options);
    REQUIRE_MESSAGE(emitted.ok(), emitted.status().message());
    return emitted.value().body;
  };
  CHECK(body("lms", "LMS-ADM-007") == R"({"code":"LMS-ADM-007","error":"update failed"})");
  CHECK(body("wrapped", "TOKEN_EXPIRED") ==
        R"({"success":false,"error":{"code":"TOKEN_EXPIRED","message":"JWT has expired"}})");
  CHECK(body("nestjs", "NOT_FOUND", {{"entity", "student"}}) ==
        R"({"statusCode":404,"code":"NOT_FOUND","message":"student not found","timestamp":"2026-03-10T12:00:00.000Z","path":"/api/v1/students/abc-123","params":{"entity":"student"}})");
  CHECK(body("nestjs", "INTERNAL_ERROR") ==
        R"({"statusCode":500,"code":"INTERNAL_ERROR","message":"Internal server error","timestamp":"2026-03-10T12:00:00.000Z","path":"/api/v1/students/abc-123"})");
  CHECK(body("okflag", "MODULE_NOT_FOUND", {{"name", "gradebook"}}) ==
        R"({"ok":false,"data":{},"errors":[],"message":"module gradebook not found"})");
  CHECK(body("http", "HTTP_502") == "Bad Gateway");

  auto emitted = lms::emit(catalogue(), "http", "HTTP_502", json::object(), options);
  REQUIRE(emitted.ok());
  CHECK(emitted.value().status == 502);
  REQUIRE(emitted.value().headers.size() == 2);
  CHECK(emitted.value().headers[0].name == "content-type");
  CHECK(emitted.value().headers[0].value == "text/plain; charset=utf-8");
  CHECK(emitted.value().headers[1].name == "x-lms-catalogue-revision");
  CHECK(emitted.value().headers[1].value == catalogue().revision());

  options.data = json{{"errors", json::array({json{{"field", "email"}, {"rule", "isEmail"}}})}};
  options.timestamp = "2026-01-01T00:00:00.000Z";
  options.message = "Validation failed!";
  CHECK(body("nestjs", "VALIDATION_FAILED") ==
        R"({"statusCode":400,"code":"VALIDATION_FAILED","message":"Validation failed!","timestamp":"2026-01-01T00:00:00.000Z","path":"/api/v1/students/abc-123","data":{"errors":[{"field":"email","rule":"isEmail"}]}})");
}

TEST_CASE("emit refuses what it cannot send, with a clear message") {
  const lms::EmitOptions none;
  auto message = [&](const char* dialect, const char* code, const json& params, const lms::EmitOptions& options) {
    auto emitted = lms::emit(catalogue(), dialect, code, params, options);
    REQUIRE_FALSE(emitted.ok());
    return emitted.status().message();
  };
  auto unknown = lms::emit(catalogue(), "nestjs", "NO_SUCH_CODE", json::object(), none);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().code() == lms::StatusCode::not_found);
  CHECK(unknown.status().message() == "no catalogue entry (nestjs, NO_SUCH_CODE): emit only sends catalogued errors");
  CHECK(message("lms", "NOT_FOUND", json::object(), none).find("no catalogue entry (lms, NOT_FOUND)") == 0);
  CHECK(message("soap", "X", json::object(), none).find("unknown dialect 'soap'") == 0);
  CHECK(message("network", "TIMEOUT", json::object(), none).find("use networkError") != std::string::npos);
  CHECK(message("problem", "HTTP_404", json::object(), none).find("no problem entries") != std::string::npos);
  CHECK(message("nestjs", "NOT_FOUND", json::object(), none) == "NOT_FOUND needs params.entity");
  CHECK(message("nestjs", "NOT_FOUND", {{"entity", "x"}, {"id", 7}}, none) ==
        "NOT_FOUND has no param 'id' (its params: entity)");
  CHECK(message("lms", "LMS-ADM-007", {{"id", 7}}, none) == "LMS-ADM-007 takes no params (got params.id)");
  CHECK(message("nestjs", "NOT_FOUND", {{"entity", json::array()}}, none) ==
        "params.entity must be a string, number or boolean");
  CHECK(message("nestjs", "NOT_FOUND", json::array(), none) == "params must be an object");
  lms::EmitOptions with_data;
  with_data.data = json::object();
  CHECK(message("lms", "LMS-ADM-007", json::object(), with_data).find("options.data is only sent") == 0);
  lms::EmitOptions with_errors;
  with_errors.errors = json::array();
  CHECK(message("nestjs", "INTERNAL_ERROR", json::object(), with_errors).find("options.errors is only sent") == 0);
  // The optional param may be left out.
  CHECK(lms::emit(catalogue(), "nestjs", "SETUP_VALIDATION_FAILED", {{"reason", "overlap"}}, none).ok());
}

TEST_CASE("emit options and headers from the JS layer's JSON") {
  auto options = lms::emit_options_from_json(
      R"({"path":"/p","requestId":"r","retryAfter":3,"rateLimit":{"limit":5,"remaining":0,"resetAt":1709900460000},"data":{"a":1}})");
  REQUIRE_MESSAGE(options.ok(), options.status().message());
  CHECK(options.value().path == "/p");
  CHECK(options.value().request_id == "r");
  CHECK(options.value().retry_after_seconds == 3);
  CHECK(options.value().rate_limit->reset_at_ms == 1709900460000);
  CHECK(lms::emit_options_from_json(R"({"retryAfter":-1})").status().message() ==
        "options.retryAfter must be a whole number of seconds >= 0");
  CHECK(lms::emit_options_from_json(R"({"path":7})").status().message() == "options.path must be a string");
  CHECK(lms::emit_options_from_json(R"({"rateLimit":{"limit":5}})").status().message().find("options.rateLimit must be") == 0);
  CHECK(lms::emit_options_from_json(R"({"colour":"red"})").status().message().find("unknown option 'colour'") == 0);
  // The time is lms_emit()'s argument, not an option.
  CHECK(lms::emit_options_from_json(R"({"now":0})").status().message().find("unknown option 'now'") == 0);
  CHECK_FALSE(lms::emit_options_from_json("[").ok());
  CHECK(lms::emit_params_from_json("null").ok());
  CHECK_FALSE(lms::emit_params_from_json("[1]").ok());

  const auto headers = lms::headers_from_json(R"([["A","1"],["b"],[1,"x"],"junk",["C","\u00e9"]])");
  REQUIRE(headers.size() == 2);
  CHECK(headers[0].name == "A");
  CHECK(headers[1].value == "\xC3\xA9");
  CHECK(lms::headers_from_json("not json").empty());
}

TEST_CASE("header bytes that are not UTF-8 are repaired too (found by the fuzzer)") {
  lms::HttpResponse response;
  response.status = 500;
  response.headers = {{"X-Request-Id", "abc-123\xff\xfe"}};
  const lms::NormalizedError error = lms::parse(catalogue(), response);
  CHECK(error.request_id == "abc-123\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(json::parse(lms::to_json_text(error))["requestId"] == "abc-123\uFFFD\uFFFD");  // nlohmann refuses invalid UTF-8
}

TEST_CASE("networkError: no response at all") {
  const std::pair<const char*, const char*> kinds[] = {
      {"offline", "NETWORK_ERROR"}, {"timeout", "TIMEOUT"}, {"aborted", "ABORTED"}};
  for (const auto& [kind, code] : kinds) {
    auto parsed = lms::network_kind_from_string(kind);
    REQUIRE(parsed.has_value());
    const lms::NormalizedError error = lms::network_error(catalogue(), *parsed);
    CHECK(error.dialect == "network");
    CHECK(error.code == code);
    CHECK(error.status == 0);
    CHECK(error.known);
    CHECK_FALSE(error.message.empty());
  }
  CHECK_FALSE(lms::network_kind_from_string("dns").has_value());
  CHECK_FALSE(lms::network_kind_from_string("Offline").has_value());
}

TEST_CASE("HTTP-dates in all three forms, and nonsense refused") {
  const std::int64_t expected = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example)
  CHECK(lms::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
  CHECK(lms::parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);
  CHECK(lms::parse_http_date("Sun Nov  6 08:49:37 1994") == expected);
  CHECK(lms::parse_http_date("Thu, 29 Feb 2024 23:59:60 GMT") == 1709251200000);  // leap day + leap second
  CHECK(lms::parse_http_date("Wednesday, 01-Jan-30 00:00:00 GMT") == 1893456000000);  // yy < 70: 20yy
  for (const char* bad : {"", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 CET", "1994-11-06T08:49:37Z",
                          "Sun, 06 Nov 1994 08:49:37 GMT extra", "Sun, 29 Feb 2023 08:49:37 GMT", "Sun Nov 6 8:49:37 1994"})
    CHECK_MESSAGE(!lms::parse_http_date(bad).has_value(), bad);
  CHECK(lms::retry_after_ms("120", 0) == 120000);
  CHECK(lms::retry_after_ms("99999999999999999999", 0) == std::int64_t{1000000000} * 1000);  // capped
  CHECK(lms::retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", expected - 500) == 500);
  CHECK(lms::retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", std::numeric_limits<std::int64_t>::max()) == 0);
  CHECK(lms::retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", std::numeric_limits<std::int64_t>::min()) ==
        std::int64_t{1000000000} * 1000);
  // Fractional seconds (servers that write a float): rounded up to the millisecond.
  CHECK(lms::retry_after_ms("1.5", 0) == 1500);
  CHECK(lms::retry_after_ms("2.0", 0) == 2000);
  CHECK(lms::retry_after_ms("0.0001", 0) == 1);
  CHECK(lms::retry_after_ms("64.57", 0) == 64570);
  for (const char* bad : {"1.", ".5", "1.2.3", "-1.5", "1,5", "1.5s"})
    CHECK_MESSAGE(!lms::retry_after_ms(bad, 0).has_value(), bad);
}

TEST_CASE("rate limits never overflow, whatever now is: times stay integers a JS number holds exactly") {
  constexpr std::int64_t kMaxExact = (std::int64_t{1} << 53) - 1;
  const std::vector<lms::Header> headers = {{"X-RateLimit-Reset", "999999999"}};
  auto late = lms::rate_limit_from_headers(headers, std::numeric_limits<std::int64_t>::max());
  REQUIRE(late.has_value());
  CHECK(late->reset_at_ms == kMaxExact);
  auto early = lms::rate_limit_from_headers(headers, std::numeric_limits<std::int64_t>::min());
  REQUIRE(early.has_value());
  CHECK(early->reset_at_ms >= -kMaxExact);
  CHECK(early->reset_at_ms <= kMaxExact);
}

TEST_CASE("row ranges") {
  auto rows = [](std::string_view text, std::size_t max = 100) {
    json out = json::array();
    for (const lms::RowRange& range : lms::parse_row_ranges(text, max)) out.push_back({range.start, range.end});
    return out.dump();
  };
  CHECK(rows("2-5, 8") == "[[2,5],[8,8]]");
  CHECK(rows("2 - 5,8") == "[[2,5],[8,8]]");
  CHECK(rows("1") == "[[1,1]]");
  CHECK(rows("") == "[]");
  CHECK(rows("a-b, --, ,,") == "[]");
  CHECK(rows("3\xE2\x80\x93" "4;6\xE2\x80\x94" "7") == "[[3,4],[6,7]]");
  CHECK(rows("1,2,3,4", 2) == "[[1,1],[2,2]]");
  CHECK(rows("999999999999999-1000000000000000") == "[]");
}

TEST_CASE("templates: matching recovers values, filling puts them back") {
  auto match = [](std::string_view tmpl, std::string_view text) {
    auto params = lms::match_template(tmpl, text);
    return params ? params->dump() : std::string("none");
  };
  CHECK(match("module {name} not found", "module users not found") == R"({"name":"users"})");
  CHECK(match("module {name} not found", "Module Users Not Found ") == R"({"name":"Users"})");
  CHECK(match("module {name} not found", "module a not found not found") == R"({"name":"a not found"})");
  CHECK(match("module {name} not found", "module not found") == "none");
  CHECK(match("module {name} not found", "modules users not found") == "none");
  CHECK(match("unsupported method {method} for {module}", "unsupported method GET for users") ==
        R"({"method":"GET","module":"users"})");
  CHECK(match("user not found", "user not found") == "{}");
  CHECK(match("user not found", "user not found!") == "none");
  CHECK(match("{a}{b}", "xy") == R"({"a":"","b":"xy"})");
  CHECK(match("{not a placeholder}", "{not a placeholder}") == "{}");
  CHECK(lms::fill_template("Expected step {expected}, received {received}", {{"expected", 2}, {"received", "3"}}) ==
        "Expected step 2, received 3");
  CHECK(lms::fill_template("{entity} not found", json::object()) == "{entity} not found");
  CHECK(lms::fill_template("{flag}/{ratio}", {{"flag", true}, {"ratio", 0.5}}) == "true/0.5");
}

TEST_CASE("ISO 8601 timestamps") {
  CHECK(lms::format_iso8601(0) == "1970-01-01T00:00:00.000Z");
  CHECK(lms::format_iso8601(1773144000123) == "2026-03-10T12:00:00.123Z");
  CHECK(lms::format_iso8601(951782400000) == "2000-02-29T00:00:00.000Z");
  CHECK(lms::format_iso8601(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("the JSON scanner accepts exactly what nlohmann accepts") {
  const char* documents[] = {
      "{}", "[]", "0", "-0", "1.5e+10", "-1E-2", "\"a\\nb\\u00e9\"", "true", "false", "null", " {\"a\" : [1, {\"b\":null}]} ",
      "", " ", "{", "}", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "[1 2]", "{\"a\" 1}",
      "{1:2}", "\"\\x\"", "\"\\u12\"", "\"tab\there\"", "[\"a\"]]", "{}{}", "'a'", "NaN", "[-]", "\"\\u00zz\"",
      "{\"a\":1 \"b\":2}", "[1,,2]", "[,1]", "\"unterminated", "\"\\\"", "{\"a\":}", "[true false]", "1 2"};
  for (const char* text : documents) {
    CAPTURE(text);
    std::string_view root;
    const bool ours = lms::jscan::validate(text, 64, root);
    const bool theirs = !json::parse(text, nullptr, false).is_discarded();
    CHECK(ours == theirs);
    if (ours) CHECK(lms::jscan::to_json(root) == json::parse(text));
  }
  std::string_view root;
  CHECK(lms::jscan::validate(std::string(64, '[') + std::string(64, ']'), 64, root));
  CHECK_FALSE(lms::jscan::validate(std::string(65, '[') + std::string(65, ']'), 64, root));
}
