// header_values.hpp — private: the response headers the envelope reads, found in one pass.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lms/envelope.hpp"
#include "text_util.hpp"

namespace lms {

// The first value of each header parse() reads, trimmed; names match in any letter case.
struct HeaderValues {
  std::optional<std::string_view> content_type, retry_after, request_id, correlation_id;
  std::optional<std::string_view> ratelimit, ratelimit_policy;                            // IETF
  std::optional<std::string_view> ratelimit_limit, ratelimit_remaining, ratelimit_reset;  // IETF draft
  std::optional<std::string_view> x_limit, x_remaining, x_reset;                         // X-RateLimit-*

  explicit HeaderValues(const std::vector<Header>& headers) {
    for (const Header& header : headers) take(header.name, header.value);
  }
  // From [[name, value], ...] JSON text: unescaped strings are used in place.
  explicit HeaderValues(std::string_view json_pairs);
  HeaderValues(const HeaderValues&) = delete;  // the values may point into decoded_
  HeaderValues& operator=(const HeaderValues&) = delete;

 private:
  void take(std::string_view name, std::string_view value) {
    if (std::optional<std::string_view>* slot = find(name))
      if (!*slot) *slot = text::trim(value);
  }

  std::optional<std::string_view>* find(std::string_view name) {
    using text::iequals;
    switch (name.size()) {
      case 9: return iequals(name, "ratelimit") ? &ratelimit : nullptr;
      case 11: return iequals(name, "retry-after") ? &retry_after : nullptr;
      case 12:
        if (iequals(name, "content-type")) return &content_type;
        return iequals(name, "x-request-id") ? &request_id : nullptr;
      case 15:
        if (iequals(name, "ratelimit-limit")) return &ratelimit_limit;
        return iequals(name, "ratelimit-reset") ? &ratelimit_reset : nullptr;
      case 16:
        if (iequals(name, "ratelimit-policy")) return &ratelimit_policy;
        return iequals(name, "x-correlation-id") ? &correlation_id : nullptr;
      case 17:
        if (iequals(name, "x-ratelimit-limit")) return &x_limit;
        return iequals(name, "x-ratelimit-reset") ? &x_reset : nullptr;
      case 19: return iequals(name, "ratelimit-remaining") ? &ratelimit_remaining : nullptr;
      case 21: return iequals(name, "x-ratelimit-remaining") ? &x_remaining : nullptr;
      default: return nullptr;
    }
  }

  std::deque<std::string> decoded_;  // header text that had JSON escapes
};

std::optional<RateLimit> rate_limit_from(const HeaderValues& headers, std::int64_t now_ms);

}  // namespace lms
