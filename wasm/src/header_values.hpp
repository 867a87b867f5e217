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
  // The headers, by index into `values` (the three of each rate-limit family in a row:
  // limit, remaining, reset).
  enum Name : unsigned {
    content_type, retry_after, request_id, correlation_id,
    ratelimit, ratelimit_policy,                            // IETF
    ratelimit_limit, ratelimit_remaining, ratelimit_reset,  // IETF draft
    x_limit, x_remaining, x_reset,                          // X-RateLimit-*
    kCount
  };
  static constexpr std::string_view kNames[kCount] = {
      "content-type", "retry-after", "x-request-id", "x-correlation-id", "ratelimit", "ratelimit-policy",
      "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "x-ratelimit-limit", "x-ratelimit-remaining",
      "x-ratelimit-reset"};
  std::optional<std::string_view> values[kCount];

  const std::optional<std::string_view>& operator[](Name name) const { return values[name]; }

  explicit HeaderValues(const std::vector<Header>& headers) {
    for (const Header& header : headers) take(header.name, header.value);
  }

 private:
  void take(std::string_view name, std::string_view value) {
    for (std::size_t k = 0; k < kCount; ++k) {
      if (!text::iequals(name, kNames[k])) continue;
      if (!values[k]) values[k] = text::trim(value);
      return;
    }
  }
};

std::optional<RateLimit> rate_limit_from(const HeaderValues& headers, std::int64_t now_ms);

}  // namespace lms
