// lms/envelope.hpp — any HTTP error response in, one NormalizedError out; and the way back.
//
// parse() recognises an envelope by its shape, never by trusting a header or a field:
//   {code, error}                         -> lms      (seeds 000/001)
//   {success:false, error:{code,message}} -> wrapped  (seed 002)
//   {statusCode, code, message, ...}      -> nestjs   (seed 003)
//   {ok:false, data, errors, message}     -> okflag   (seed 004; code and params recovered by
//                                                      matching the message against the
//                                                      catalogue's templates)
//   application/problem+json, or an object with RFC 9457 members (type/title, or detail with
//   status)                               -> problem
//   anything else, NestJS's default {statusCode, message, error} included
//                                         -> http, code HTTP_<status>
// It never fails: an empty, truncated, oversized, over-deep or binary body still becomes an
// error (dialect http, code HTTP_<status>).
//
// Limits (documented in the README too):
//   kMaxBodyBytes      16 MiB: larger bodies are not parsed (HTTP_<status>); a several-MB
//                      import envelope is well within it.
//   depth              64 nested arrays/objects (kMaxJsonDepth): deeper bodies are not JSON to us.
//   kMaxFieldErrors / kMaxImportErrors / kMaxRowRanges / kMaxRowRangesTotal bound the lists,
//   so a hostile body cannot turn 16 MiB into gigabytes of result.
//   kMaxTextMessageBytes  1 KiB: the message (from any member, a text/plain body or an HTML
//                      title), the code, path, timestamp and request id are cut at a character
//                      boundary, so one long string cannot make the result megabytes long.
// Invalid UTF-8 is replaced by U+FFFD (WHATWG rules, as TextDecoder) before anything is read;
// a body with more than kMaxInvalidUtf8 invalid sequences is binary, not text, and is not
// parsed (HTTP_<status>): repairing it would triple it (each byte becomes three).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/catalogue.hpp"
#include "lms/error.hpp"
#include "lms/status.hpp"

namespace lms {

inline constexpr std::size_t kMaxBodyBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxFieldErrors = 100000;
inline constexpr std::size_t kMaxImportErrors = 100000;
inline constexpr std::size_t kMaxRowRanges = 100000;         // per import error
inline constexpr std::size_t kMaxRowRangesTotal = 1000000;   // per response
inline constexpr std::size_t kMaxTextMessageBytes = 1024;    // each single text of the result
inline constexpr std::size_t kMaxInvalidUtf8 = 65536;        // invalid sequences in a text body

struct Header {
  std::string name;   // any case
  std::string value;
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;  // as received; for a repeated header the first one counts
  std::string_view body;        // raw bytes
  std::int64_t now_ms = 0;      // epoch ms: "now" for Retry-After dates and rate-limit deltas
};

// The same response with its headers as views, for a caller that holds their text elsewhere:
// the C API reads them in place from its JSON argument, with nothing allocated per header.
struct HeaderView {
  std::string_view name;
  std::string_view value;
};
struct HttpResponseView {
  int status = 0;
  std::span<const HeaderView> headers;
  std::string_view body;
  std::int64_t now_ms = 0;
};

// Any response -> the normalized error. Never fails.
NormalizedError parse(const Catalogue& catalogue, const HttpResponse& response);

// The JSON text of parse()'s result (the JS API's object), written straight from the body: the
// same value as to_json_text(parse(...)) — params may list their members in the server's
// order — but without building the struct, so a 10,000-entry validation error costs little
// more than copying it. What the WASM bindings return.
std::string parse_to_json_text(const Catalogue& catalogue, const HttpResponse& response);
// parse_to_json_text()'s text together with the error's head as decide() reads it (dialect,
// code, status, message, known, retry_after_ms, rate_limit, path, timestamp, request_id; the
// params and the lists are in the text only): what a retrying client needs from one reading.
struct ParsedResponse {
  NormalizedError head;
  std::string json;
};
ParsedResponse parse_with_json(const Catalogue& catalogue, const HttpResponse& response);
// The same from a response with header views. parse_to_json_text's text is written into `out`
// (its text replaced, its memory reused: a caller parsing often keeps one buffer).
void parse_to_json_text(std::string& out, const Catalogue& catalogue, const HttpResponseView& response);
ParsedResponse parse_with_json(const Catalogue& catalogue, const HttpResponseView& response);

// A request that got no HTTP response at all: dialect network, status 0.
enum class NetworkKind : std::uint8_t { offline, timeout, aborted };  // NETWORK_ERROR, TIMEOUT, ABORTED
std::optional<NetworkKind> network_kind_from_string(std::string_view kind);
NormalizedError network_error(const Catalogue& catalogue, NetworkKind kind);

// ---- emit: what a server of each convention sends ----------------------------------------------

struct EmitOptions {
  std::optional<std::string> timestamp;  // nestjs; default: now_ms as ISO 8601 (…T12:00:00.000Z)
  std::int64_t now_ms = 0;
  std::string path;                      // nestjs `path`
  std::optional<std::string> message;    // instead of the catalogue's (filled) message
  std::optional<nlohmann::json> data;    // nestjs/okflag `data` (an object)
  std::optional<nlohmann::json> errors;  // okflag `errors` (an array; default [])
  std::optional<std::string> request_id;           // -> x-request-id
  std::optional<std::int64_t> retry_after_seconds; // -> retry-after
  std::optional<RateLimit> rate_limit;             // -> x-ratelimit-limit/-remaining/-reset
};

struct EmittedResponse {
  int status = 0;
  std::vector<Header> headers;  // lower-case names, content-type first
  std::string body;
};

// The response a server of `dialect` sends for catalogue entry `code` with `params` (an
// object of the entry's params; each one the entry requires must be there). Dialects lms,
// wrapped, nestjs, okflag and http (a text/plain reason phrase). Unknown (dialect, code): a
// not_found status, never a guess; bad params or options: invalid_argument.
StatusOr<EmittedResponse> emit(const Catalogue& catalogue, std::string_view dialect,
                               std::string_view code, const nlohmann::json& params,
                               const EmitOptions& options);

// One of emit()'s params in the form a binding reads in place, with no JSON object built: its
// name, its value's text (a string's characters; a whole number's or a boolean's JSON, which
// is also how JS String() writes it) and whether the value is a string.
struct EmitParam {
  std::string_view name;
  std::string_view text;
  bool is_string = false;
};
// emit() with the params in that form, in any order (a name given twice is refused): the same
// response, byte for byte, as the JSON object of the same params gives.
StatusOr<EmittedResponse> emit(const Catalogue& catalogue, std::string_view dialect,
                               std::string_view code, std::span<const EmitParam> params,
                               const EmitOptions& options);
// The same for a plain array of EmitParams (which would otherwise match both overloads).
template <std::size_t N>
StatusOr<EmittedResponse> emit(const Catalogue& catalogue, std::string_view dialect,
                               std::string_view code, const EmitParam (&params)[N],
                               const EmitOptions& options) {
  return emit(catalogue, dialect, code, std::span<const EmitParam>(params), options);
}

// emit()'s response as the C API hands it out, in one text: the head as JSON ({"status",
// "headers": {name: value}}, head_to_json_text's), then the body's bytes. Written into `out`
// (its text replaced, its memory reused: a caller emitting often keeps one buffer); the head's
// size. The same checks and errors as emit().
StatusOr<std::size_t> emit_to_wire(std::string& out, const Catalogue& catalogue, std::string_view dialect,
                                   std::string_view code, const nlohmann::json& params, const EmitOptions& options);
StatusOr<std::size_t> emit_to_wire(std::string& out, const Catalogue& catalogue, std::string_view dialect,
                                   std::string_view code, std::span<const EmitParam> params,
                                   const EmitOptions& options);

// ---- the pieces, exposed for the bindings and for reuse ---------------------------------------

// JSON adapters for the bindings: headers as [[name, value], ...] (anything else is skipped),
// options as the JS emit() options object, and an emitted response's head as {status, headers}
// (the C API hands out the body's bytes after it: the text has room for them).
std::vector<Header> headers_from_json(std::string_view json_pairs);
// The same pairs read in place into `views` (replaced): views into `json_pairs`, or into
// `decoded` (its text replaced, its memory reused) for the strings that hold escapes.
void header_views_from_json(std::string_view json_pairs, std::vector<HeaderView>& views, std::string& decoded);
StatusOr<EmitOptions> emit_options_from_json(std::string_view json_object);
StatusOr<Params> emit_params_from_json(std::string_view json_object);  // an object, or null
std::string head_to_json_text(const EmittedResponse& response);

// HTTP-date (IMF-fixdate, and the obsolete RFC 850 and asctime forms) -> epoch ms.
std::optional<std::int64_t> parse_http_date(std::string_view text);
// Retry-After: delay-seconds (also fractional, "2.0", rounded up to the ms) or an HTTP-date
// relative to now, in ms; never negative.
std::optional<std::int64_t> retry_after_ms(std::string_view value, std::int64_t now_ms);
// IETF RateLimit (RateLimit + RateLimit-Policy, both the draft dictionary and the structured
// list form), RateLimit-Limit/-Remaining/-Reset, or X-RateLimit-*. A member the server did
// not send is 0. Resets: delta seconds, or Unix seconds when >= 10^9 (ms when >= 10^12).
std::optional<RateLimit> rate_limit_from_headers(const std::vector<Header>& headers,
                                                 std::int64_t now_ms);
// "2-5, 8" -> [[2,5],[8,8]]: commas or semicolons, hyphens or en/em dashes, spaces anywhere;
// garbage is skipped, a reversed range is put in order, at most `max_ranges` ranges.
std::vector<RowRange> parse_row_ranges(std::string_view text, std::size_t max_ranges);
// Matches `text` against a catalogue template such as "module {name} not found" (ASCII
// case-insensitive, surrounding white space ignored); the placeholder values, or nullopt.
std::optional<Params> match_template(std::string_view template_text, std::string_view text);
// Fills a template's {placeholders} from params (strings as is, numbers and booleans as text).
std::string fill_template(std::string_view template_text, const Params& params);
std::string fill_template(std::string_view template_text, std::span<const EmitParam> params);
// Epoch ms -> "2026-03-10T12:00:00.000Z".
std::string format_iso8601(std::int64_t epoch_ms);
// The same written into `text` (no allocation): a view of it.
using Iso8601Text = std::array<char, 64>;
std::string_view format_iso8601(std::int64_t epoch_ms, Iso8601Text& text);

}  // namespace lms
