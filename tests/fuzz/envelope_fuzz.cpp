// libFuzzer target for lms::parse(): any bytes as an HTTP response must become an error —
// no crash, no sanitizer report, no unbounded recursion — and every way of getting the JSON
// the JS API returns must agree.
//
// Input: an HTTP/1-like head, "STATUS\nName: value\n...\n\n", then the body (the seed corpus
// is written this way from tests/vectors/envelopes). Without a blank line the first byte picks
// the status and the rest is the body. A "now: <ms>" header sets now_ms.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "../../bindings/wire.hpp"
#include "../../bindings/wire_in_place.hpp"
#include "js_text.hpp"
#include "json_scan.hpp"
#include "json_util.hpp"
#include "lms/envelope.hpp"
#include "lms/i18n.hpp"
#include "lms_errors.h"
#include "utf8.hpp"

using nlohmann::json;

namespace {

const lms::Catalogue& catalogue() {
  static const lms::Catalogue loaded = [] {
    auto parsed = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
    if (!parsed.ok()) std::abort();
    return std::move(parsed).value();
  }();
  return loaded;
}

void check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

lms::HttpResponse response_of(std::string_view input) {
  lms::HttpResponse response;
  response.now_ms = 1709900400000;
  const std::size_t blank = input.find("\n\n");
  if (blank == std::string_view::npos) {
    response.status = input.empty() ? 500 : 100 + static_cast<unsigned char>(input[0]) * 2;
    response.body = input.empty() ? input : input.substr(1);
    return response;
  }
  std::string_view head = input.substr(0, blank);
  response.body = input.substr(blank + 2);
  const std::size_t line_end = head.find('\n');
  const std::string_view status_line = head.substr(0, line_end);
  int status = 0;
  for (char c : status_line.substr(0, 3))
    if (c >= '0' && c <= '9') status = status * 10 + (c - '0');
  response.status = status;
  head = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 1);
  while (!head.empty()) {
    const std::size_t end = head.find('\n');
    const std::string_view line = head.substr(0, end);
    head = end == std::string_view::npos ? std::string_view() : head.substr(end + 1);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    std::string value(line.substr(colon + 1));
    if (name == "now") {
      response.now_ms = std::strtoll(value.c_str(), nullptr, 10);
      continue;
    }
    response.headers.push_back({std::move(name), std::move(value)});
  }
  return response;
}

// True when the text holds something the two JSON readers are documented to read differently:
// a \uD800-\uDFFF escape (lone surrogates: U+FFFD here, an error in nlohmann), an exponent or a
// very long number (nlohmann refuses numbers that overflow a double; here they read as null),
// or a NUL byte (nlohmann takes it for the end of the input, so "8\0junk" is 8 to it).
bool has_known_difference(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) return true;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '\\' && text[i + 1] == 'u' && (text[i + 2] == 'd' || text[i + 2] == 'D')) return true;
    if (text[i] == 'e' || text[i] == 'E') return true;
  }
  std::size_t digits = 0;
  for (char c : text) {
    digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
    if (digits > 300) return true;
  }
  return false;
}

// The private scanner against nlohmann on the same (repaired) text.
void check_scanner(std::string_view body) {
  const std::optional<std::string> repaired = lms::utf8::repaired(body);
  const std::string_view text = repaired ? *repaired : body;
  if (!lms::json_depth_within(text, 256)) return;  // nlohmann would be deeper than is wise to compare
  std::string_view root;
  const bool ours = lms::jscan::validate(text, 256, root);
  const json theirs = json::parse(text.begin(), text.end(), nullptr, false);
  const bool bom = text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF";  // nlohmann skips it
  if (bom || has_known_difference(text)) return;
  check(ours == !theirs.is_discarded(), "jscan::validate and nlohmann disagree on validity");
  if (ours) check(lms::jscan::to_json(root) == theirs, "jscan::to_json and nlohmann disagree on the value");
}

// The C API's reader of an error argument (bindings/wire_in_place.*) agrees with the C++ API's
// reader of a DOM value (error_from_json over lms::parse_json) on `text`: both refuse it or
// both read it, and then the same members, params and details() lines.
void check_wire_readers(std::string_view text) {
  lms::wire::ErrorMembers members;
  const bool read = lms::wire::read_error_members(text, members).ok();
  const json value = lms::parse_json(text);
  const auto head = value.is_discarded() ? lms::StatusOr<lms::NormalizedError>(lms::invalid_argument("invalid"))
                                         : lms::error_from_json(value);
  check(read == head.ok(), "read_error_members and error_from_json disagree on whether this is an error");
  if (!read || !head.ok()) return;
  const lms::NormalizedError& dom = head.value();
  check(members.code == dom.code && members.dialect == dom.dialect && members.status == dom.status &&
            members.message == dom.message && members.retry_after_ms == dom.retry_after_ms,
        "read_error_members disagrees with error_from_json");
  check(members.rate_limit.has_value() == dom.rate_limit.has_value() &&
            (!dom.rate_limit || (members.rate_limit->limit == dom.rate_limit->limit &&
                                 members.rate_limit->remaining == dom.rate_limit->remaining &&
                                 members.rate_limit->reset_at_ms == dom.rate_limit->reset_at_ms)),
        "read_error_members reads rateLimit differently");
  std::string pairs;
  lms::PluralCount count;
  if (!members.params.empty() && lms::wire::read_flat_params(members.params, pairs, count)) {
    std::size_t names = 0;
    for (std::size_t at = 0; at < pairs.size();) {
      const std::size_t name_end = pairs.find('\0', at);
      const std::size_t value_end = pairs.find('\0', name_end + 1);
      const std::string name = pairs.substr(at, name_end - at);
      const nlohmann::json* value = lms::json_member(dom.params, name);
      std::string text_value;
      if (value) lms::js::append_string(text_value, *value);
      check(value && text_value == pairs.substr(name_end + 1, value_end - name_end - 1),
            "read_flat_params gives a value the DOM params do not hold");
      at = value_end + 1;
      ++names;
    }
    check(names == dom.params.size(), "read_flat_params gives another number of params");
    const nlohmann::json* dom_count = lms::json_member(dom.params, "count");
    check(count.present == (dom_count && !dom_count->is_string()), "read_flat_params reads count differently");
  }
  static const lms::ResourceStore store;
  check(json::parse(lms::wire::details_of(store, members, "en-GB"), nullptr, false) ==
            json(lms::details(store, dom, "en-GB")),
        "details_of disagrees with details()");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const lms::HttpResponse response = response_of(input);

  const lms::NormalizedError error = lms::parse(catalogue(), response);
  check(!error.code.empty(), "code is empty");
  check(!error.dialect.empty() && lms::is_known_dialect(error.dialect), "dialect unknown");
  check(error.known == (catalogue().find(error.dialect, error.code) != nullptr), "known is wrong");
  check(!error.retry_after_ms || *error.retry_after_ms >= 0, "retryAfterMs negative");
  check(error.field_errors.size() <= lms::kMaxFieldErrors, "too many field errors");
  check(error.import_errors.size() <= lms::kMaxImportErrors, "too many import errors");
  check(lms::utf8::is_valid(error.message), "message is not valid UTF-8");
  check(!error.request_id || lms::utf8::is_valid(*error.request_id), "requestId is not valid UTF-8");
  check(!error.path || lms::utf8::is_valid(*error.path), "path is not valid UTF-8");
  check(error.params.is_object(), "params is not an object");
  for (const std::string* text : {&error.message, &error.code, error.path ? &*error.path : nullptr,
                                  error.timestamp ? &*error.timestamp : nullptr, error.request_id ? &*error.request_id : nullptr})
    check(!text || text->size() <= lms::kMaxTextMessageBytes, "a text of the result is longer than kMaxTextMessageBytes");

  // The three ways to the JS object's JSON agree: nlohmann's DOM, the struct's writer, and
  // the direct path the C API takes.
  const json expected = lms::to_json(error);
  const json written = json::parse(lms::to_json_text(error), nullptr, false);
  check(!written.is_discarded(), "to_json_text is not valid JSON");
  check(written == expected, "to_json_text disagrees with to_json");
  const json direct = json::parse(lms::parse_to_json_text(catalogue(), response), nullptr, false);
  check(!direct.is_discarded(), "parse_to_json_text is not valid JSON");
  check(direct == expected, "parse_to_json_text disagrees with parse");
  // parse_with_json (the C API's parse-and-decide): the same text, and the head decide() reads.
  const lms::ParsedResponse parsed = lms::parse_with_json(catalogue(), response);
  check(json::parse(parsed.json, nullptr, false) == expected, "parse_with_json disagrees with parse");
  check(parsed.head.code == error.code && parsed.head.dialect == error.dialect && parsed.head.status == error.status &&
            parsed.head.retry_after_ms == error.retry_after_ms,
        "parse_with_json's head disagrees with parse");

  // The C API — headers read in place from their JSON, the answer written into the last one's
  // memory, on one instance for the whole run — answers the C++ API's text, byte for byte.
  json pairs = json::array();
  for (const lms::Header& header : response.headers) pairs.push_back({header.name, header.value});
  const std::string headers_json = pairs.dump(-1, ' ', false, json::error_handler_t::replace);
  lms::HttpResponse from_wire = response;
  from_wire.headers = lms::headers_from_json(headers_json);
  static lms_instance* const instance = lms_create();
  if (response.now_ms >= -8640000000000000 && response.now_ms <= 8640000000000000) {
    check(lms_parse(instance, response.status, headers_json.data(), headers_json.size(), response.body.data(),
                    response.body.size(), static_cast<double>(response.now_ms)) == LMS_OK,
          "lms_parse refuses a response");
    check(std::string_view(lms_result_data(instance), lms_result_size(instance)) ==
              lms::parse_to_json_text(catalogue(), from_wire),
          "lms_parse disagrees with parse_to_json_text");
  }

  // The JSON form reads back into the same error (as JS hands it to decide/format).
  auto back = lms::error_from_json(expected);
  check(back.ok(), "error_from_json refuses parse()'s own output");
  check(lms::to_json(back.value()) == expected, "error_from_json does not round-trip");

  check_wire_readers(lms::to_json_text(error));
  const std::optional<std::string> repaired_body = lms::utf8::repaired(response.body);
  check_wire_readers(repaired_body ? *repaired_body : response.body);
  check_scanner(response.body);
  return 0;
}
