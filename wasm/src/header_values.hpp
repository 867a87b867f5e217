// header_values.hpp — private: the response headers the envelope reads, found in one pass.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
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
    x_dash_limit, x_dash_remaining, x_dash_reset,           // X-Rate-Limit-* (Twitter/X)
    www_authenticate,
    // Request ids under other names, in order of preference after x-request-id and
    // x-correlation-id: AWS (API Gateway, Lambda; S3), Stripe/Azure, Azure, GitHub, Cloudflare.
    amzn_request_id, amz_request_id, plain_request_id, ms_request_id, github_request_id, cf_ray,
    kCount
  };
  static constexpr std::string_view kNames[kCount] = {
      "content-type", "retry-after", "x-request-id", "x-correlation-id", "ratelimit", "ratelimit-policy",
      "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "x-ratelimit-limit", "x-ratelimit-remaining",
      "x-ratelimit-reset", "x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset",
      "www-authenticate", "x-amzn-requestid", "x-amz-request-id", "request-id", "x-ms-request-id",
      "x-github-request-id", "cf-ray"};
  std::optional<std::string_view> values[kCount];

  const std::optional<std::string_view>& operator[](Name name) const { return values[name]; }

  explicit HeaderValues(const std::vector<Header>& headers) {
    for (const Header& header : headers) take(header.name, header.value);
  }
  explicit HeaderValues(std::span<const HeaderView> headers) {
    for (const HeaderView& header : headers) take(header.name, header.value);
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

// A WWW-Authenticate challenge's error and error_description auth-params (RFC 6750 §3), as
// sent: `Bearer realm="x", error="invalid_token", error_description="The token expired"`.
struct AuthChallenge {
  std::string error;
  std::string description;
};
AuthChallenge auth_challenge(std::string_view www_authenticate);

}  // namespace lms
