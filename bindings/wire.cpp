#include "wire.hpp"

#include "json_util.hpp"
#include "json_writer.hpp"

namespace lms::wire {

using nlohmann::json;

namespace {

// Arguments are what a host builds itself; a 10,000-error import report is ~2 MiB.
constexpr std::size_t kMaxArgumentBytes = std::size_t{32} << 20;

bool starts_with_bracket(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '[';
  }
  return false;
}

}  // namespace

StatusOr<json> read_json(std::string_view text, std::string_view what) {
  if (text.size() > kMaxArgumentBytes)
    return Status(StatusCode::out_of_range, std::string(what) + " is larger than 32 MiB");
  json value = parse_json(text);
  if (value.is_discarded())
    return invalid_argument(std::string(what) + " is not valid JSON (or nests deeper than 64 levels)");
  return value;
}

Status read_headers(std::string_view text, std::vector<HeaderView>& views, std::string& decoded) {
  views.clear();
  if (text.empty()) return Status();
  if (text.size() > kMaxArgumentBytes || !starts_with_bracket(text))
    return invalid_argument("headers must be a JSON array of [name, value] pairs");
  header_views_from_json(text, views, decoded);
  return Status();
}

StatusOr<RetryContext> read_context(std::string_view text) {
  auto value = read_json(text, "retry context");
  if (!value.ok()) return value.status();
  return context_from_json(value.value());
}

StatusOr<RetryPolicy> read_policy(std::string_view text, const RetryPolicy& base) {
  if (text.empty()) return base;
  auto value = read_json(text, "retry policy");
  if (!value.ok()) return value.status();
  return policy_from_json(value.value(), base);
}

std::string error_and_decision_text(std::string_view error_json, const Decision& decision) {
  JsonWriter out(128 + error_json.size());
  out.begin_object();
  out.key("decision").verbatim(to_json_text(decision));
  out.key("error").verbatim(error_json);
  out.end_object();
  return std::move(out).text();
}

}  // namespace lms::wire
